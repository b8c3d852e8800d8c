"""The bundled catalogue's cache: written once, read back, keyed by content, rebuilt when damaged, off on request."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from ecoplan_cli.load import catalogue


def run_validate(cache: Path, *extra_env: tuple[str, str]) -> subprocess.CompletedProcess[str]:
    env = {"ECOPLAN_CACHE_DIR": str(cache), "PATH": "", **dict(extra_env)}
    return subprocess.run(
        [sys.executable, "-m", "ecoplan_cli", "validate", "examples/chengkou-county.yaml"],
        capture_output=True, text=True, env=env, check=False, cwd=Path(__file__).resolve().parent.parent,
    )  # fmt: skip


def test_the_cache_is_written_once_and_read_back(tmp_path: Path) -> None:
    first = run_validate(tmp_path)
    assert first.returncode == 0, first.stderr
    files = list(tmp_path.glob("catalogue-*.pickle"))
    assert len(files) == 1
    with files[0].open("rb") as stream:
        cached = pickle.load(stream)
    assert isinstance(cached, catalogue.Catalogue) and "chongqing-impl" in cached.plans
    stamp = files[0].stat().st_mtime_ns
    second = run_validate(tmp_path)
    assert (second.returncode, second.stdout) == (0, first.stdout)
    assert files[0].stat().st_mtime_ns == stamp  # read, not rewritten


def test_a_damaged_cache_is_rebuilt_and_the_cache_can_be_turned_off(tmp_path: Path) -> None:
    run_validate(tmp_path)
    (damaged,) = tmp_path.glob("catalogue-*.pickle")
    damaged.write_bytes(b"not a pickle")
    result = run_validate(tmp_path)
    assert result.returncode == 0, result.stderr
    assert damaged.read_bytes() != b"not a pickle"
    off = tmp_path / "off"
    assert run_validate(off, ("ECOPLAN_NO_CACHE", "1")).returncode == 0
    assert not off.exists()


def test_the_cache_key_follows_the_content(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ECOPLAN_CACHE_DIR", str(tmp_path))
    before = catalogue._cache_path()
    original = catalogue.package_file

    def patched(*parts: str) -> Path:
        path = original(*parts)
        if parts == ("plans", "chongqing_impl.yaml"):
            copy = tmp_path / "plan.yaml"
            copy.write_bytes(path.read_bytes() + b"\n# changed\n")
            return copy
        return path

    monkeypatch.setattr(catalogue, "package_file", patched)
    assert catalogue._cache_path() != before


def test_a_user_plan_is_cached_by_content_and_an_edit_is_read_again(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    plan = tmp_path / "plan.yaml"
    plan.write_bytes((root / "examples" / "plans" / "municipal_example.yaml").read_bytes())
    cache = tmp_path / "cache"
    monkeypatch.setenv("ECOPLAN_CACHE_DIR", str(cache))
    monkeypatch.delenv("ECOPLAN_NO_CACHE", raising=False)
    first = catalogue.load_plan_file(str(plan))
    (entry,) = cache.glob("plan-*.pickle")
    stamp = entry.stat().st_mtime_ns
    calls: list[str] = []
    read_plan = catalogue._read_plan

    def counting(*args: object) -> object:
        calls.append("parsed")
        return read_plan(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(catalogue, "_read_plan", counting)
    again = catalogue.load_plan_file(str(plan))
    assert calls == [] and again == first and entry.stat().st_mtime_ns == stamp  # read back, not parsed, not rewritten
    title = first.plan.title
    plan.write_text(plan.read_text(encoding="utf-8").replace(title, title + "（修订）", 1), encoding="utf-8")
    edited = catalogue.load_plan_file(str(plan))
    assert calls == ["parsed"] and edited.plan.title == title + "（修订）"
    assert list(cache.glob("plan-*.pickle")) == [entry]  # the entry is replaced, not joined by another
    entry.write_bytes(b"damaged")
    assert catalogue.load_plan_file(str(plan)) == edited and calls == ["parsed", "parsed"]


def test_a_plan_with_problems_is_never_cached(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("id: broken\ntitle: x\nrequirements: 3\n", encoding="utf-8")
    monkeypatch.setenv("ECOPLAN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ECOPLAN_NO_CACHE", raising=False)
    for _ in range(2):
        with pytest.raises(catalogue.InputError):
            catalogue.load_plan_file(str(plan))
    assert not list((tmp_path / "cache").glob("plan-*.pickle"))


def test_the_region_registry_is_cached_like_the_catalogue(tmp_path: Path) -> None:
    first = run_validate(tmp_path)
    assert first.returncode == 0, first.stderr
    (cached,) = tmp_path.glob("regions-*.pickle")
    with cached.open("rb") as stream:
        registry = pickle.load(stream)
    assert registry.region(registry.lookup("城口县").found).name == "城口县"
    stamp = cached.stat().st_mtime_ns
    assert run_validate(tmp_path).stdout == first.stdout and cached.stat().st_mtime_ns == stamp
