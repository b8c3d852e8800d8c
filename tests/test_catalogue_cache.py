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
