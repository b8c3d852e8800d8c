"""One document behind `%YAML 1.2` / `---` (and before a last `...`) is read on the fast path, placed exactly as the
positioned reader places it; anything else with markers is left to the positioned reader as before."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
import yaml_rs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecoplan_cli.load import document_markers, fast_yaml, strict_yaml, yaml_source
from ecoplan_cli.load.problems import InputError
from test_line_index import logs

HEADERS = ["---\n", "%YAML 1.2\n---\n", "# 台账\n%YAML 1.2   # 版本\n\n--- # 开始\n", "---   \n"]
ENDINGS = ["", "...\n", "...\n# 完\n\n", "... # end\n"]


def walk(data: object, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += walk(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += walk(value, (*path, index))
    return found


def readers_agree(body: str) -> bool:
    """Whether both readers accept the text and read the same data (where they do not, #11: yaml-rs decides, and
    positions are no longer comparable)."""
    if fast_yaml.syntax_error(body) is not None:
        return False
    try:
        return bool(yaml_source.parse(body, "log.yaml").data == yaml_rs.loads(body, parse_datetime=True))
    except InputError:
        return False


def assert_placed_like_the_positioned_reader(text: str) -> None:
    fast = strict_yaml.read(text, "log.yaml")
    assert fast.index is not None, "a single document with plain markers is read on the fast path"
    slow = yaml_source.parse(text, "log.yaml")
    assert fast.data == slow.data or strict_yaml.first_difference(fast.data, slow.data) is None
    for path in walk(fast.data):
        assert fast.position(path) == slow.position(path), (path, text)
        if path:
            assert fast.position(path, key=True) == slow.position(path, key=True), (path, text)


@pytest.mark.parametrize("ending", ENDINGS)
@pytest.mark.parametrize("header", HEADERS)
def test_an_example_log_with_markers_is_placed_as_the_positioned_reader_places_it(header: str, ending: str) -> None:
    text = Path("examples/chengkou-county.yaml").read_text(encoding="utf-8")
    assert_placed_like_the_positioned_reader(header + text + ending)
    assert_placed_like_the_positioned_reader((header + text + ending).replace("\n", "\r\n"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(logs(), st.sampled_from(HEADERS), st.sampled_from(ENDINGS))
def test_generated_logs_with_markers_are_placed_as_the_positioned_reader_places_them(body: str, header: str, ending: str) -> None:
    text = header + body + ("\n" if ending and not body.endswith("\n") else "") + ending
    if fast_yaml.syntax_error(text) is not None or not fast_yaml.eligible(body) or not readers_agree(body):
        return  # only what the strict reader accepts, and bodies the fast path takes without markers
    try:
        slow = yaml_source.parse(text, "log.yaml")
    except InputError:
        return
    if not isinstance(slow.data, dict):
        return
    assert_placed_like_the_positioned_reader(text)


@given(st.lists(st.sampled_from(["# c", "", "%YAML 1.2", "---", "--- # x", "a: 1", "...", "b: [1]", "  - x"]), max_size=8))
def test_masking_keeps_every_other_character_in_place(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    masked = document_markers.masked(text)
    if masked is None:
        return
    kept = text[: len(masked)]  # everything before a closing `...`, the opening markers commented out
    assert len(masked) == len(text) or text[len(masked) :].startswith("...")
    changed = [i for i, (a, b) in enumerate(zip(kept, masked, strict=True)) if a != b]
    assert all(kept[i] in "%-" and masked[i] == "#" for i in changed) and 1 <= len(changed) <= 2


@pytest.mark.parametrize(
    "text",
    [
        "---\nplans: [chongqing-impl]\n---\nunit: x\n",  # two documents
        "%YAML 1.1\n---\nplans: [chongqing-impl]\n",  # YAML 1.1 reads some scalars otherwise
        "--- {plans: [chongqing-impl]}\n",  # content on the marker's line
        "%TAG !e! tag:example.com,2000:\n---\nplans: [chongqing-impl]\n",
    ],
)
def test_other_marked_texts_go_to_the_positioned_reader(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert read_by_the_positioned_reader(text, monkeypatch)


def read_by_the_positioned_reader(text: str, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Whether strict_yaml.read hands the text to the positioned reader (whatever it then makes of it)."""
    calls: list[str] = []
    parse = strict_yaml.parse

    def positioned(content: str, file: str) -> yaml_source.Document:
        calls.append(file)
        return parse(content, file)

    monkeypatch.setattr(strict_yaml, "parse", positioned)
    with contextlib.suppress(InputError):
        strict_yaml.read(text, "log.yaml")
    return calls == ["log.yaml"]


def test_a_valid_log_with_markers_is_never_parsed_twice(catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from ecoplan_cli.load import logs

    path = tmp_path / "log.yaml"
    body = (
        Path("examples/chengkou-county.yaml").read_text(encoding="utf-8").replace("  - id: pc-2022-h2", "  - id: pc-2022-h2x", 1)
    )
    path.write_text("%YAML 1.2\n---\n" + body + "...\n", encoding="utf-8")

    def no_parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the positioned reader must not run for a valid file")

    monkeypatch.setattr(strict_yaml, "parse", no_parse)
    monkeypatch.setattr(yaml_source, "parse", no_parse)
    loaded, _ = logs.load_log(str(path), catalogue)
    assert (
        loaded.activity_line(loaded.log.activities[0].id)
        == 2 + body.splitlines().index(f"  - id: {loaded.log.activities[0].id}") + 1
    )


def test_a_marked_log_the_positioned_reader_reads_keeps_its_lines(catalogue, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ecoplan_cli.load import logs

    body = Path("examples/chengkou-county.yaml").read_text(encoding="utf-8")
    spaced = body.replace("    title: ", "    title: _1 ", 1)  # a value opening with _1: positioned
    path = tmp_path / "log.yaml"
    path.write_text("%YAML 1.2\n---\n" + spaced, encoding="utf-8")
    assert strict_yaml.read(path.read_text(encoding="utf-8"), str(path)).index is None
    loaded, _ = logs.load_log(str(path), catalogue)
    assert (
        loaded.header_lines["region"]
        == 2 + body.splitlines().index(next(x for x in body.splitlines() if x.startswith("region:"))) + 1
    )
    first = loaded.log.activities[0].id
    assert loaded.activity_line(first) == 2 + body.splitlines().index(f"  - id: {first}") + 1
