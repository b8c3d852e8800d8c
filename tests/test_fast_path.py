"""The fast parser (yaml-rs) against the positioned reader: same data on every log the fast path accepts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecoplan_cli.load import fast_yaml
from ecoplan_cli.load.problems import InputError
from ecoplan_cli.load.yaml_source import parse

PUNCTUATION = list(":#'\"-[]{},&*!|>%@`?=_ \t.~+")
TEXT = st.text(alphabet=st.sampled_from([*"abcXYZ019", *"城口县发布会：，（）“”", *PUNCTUATION]), max_size=12)


def scalar(value: Any, style: str) -> str:
    """A YAML scalar for value in the given style: plain (written as is, risky on purpose), single or double quoted."""
    if isinstance(value, bool | int | float | dt.date) or value is None:
        return (
            {True: "true", False: "false", None: "null"}.get(value, str(value))
            if not isinstance(value, dt.date)
            else value.isoformat()
        )
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    if style == "double":
        return json.dumps(value, ensure_ascii=False)
    return value


values = st.one_of(
    TEXT,
    st.integers(-5, 10**6),
    st.booleans(),
    st.none(),
    st.dates(dt.date(2019, 1, 1), dt.date(2026, 12, 31)),
    st.floats(allow_nan=False, width=32),
)
styles = st.sampled_from(["plain", "single", "double"])


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines = [f"plans: [{scalar(draw(TEXT), 'double')}]", f"unit: {scalar(draw(values), draw(styles))}", "activities:"]
    for index in range(draw(st.integers(0, 4))):
        lines.append(f"  - id: {scalar(draw(values), draw(styles))}")
        lines.append(f"    date: {scalar(draw(values), draw(styles))}")
        lines.append(f"    title: {scalar(draw(values), draw(styles))}")
        refs = ", ".join(scalar(draw(TEXT), draw(styles)) for _ in range(draw(st.integers(1, 3))))
        lines.append(f"    requirements: [{refs}]")
        if draw(st.booleans()):
            lines.append(f"    amounts: {{篇: {scalar(draw(values), draw(styles))}, 次: {index}}}")
        if draw(st.booleans()):
            lines.append(f"    evidence: [{scalar(draw(TEXT), draw(styles))}]")
        if draw(st.booleans()):
            spacing = draw(st.sampled_from([" ", "\t", "  ", " \t"]))
            lines[-1] += f"{spacing}# {draw(TEXT.filter(lambda t: chr(10) not in t))}"
        if draw(st.booleans()):
            indicator = draw(st.sampled_from([">", ">-", "|", "|-", ">+"]))
            body = [draw(TEXT.filter(lambda t: "\t" not in t)) for _ in range(draw(st.integers(1, 3)))]
            lines.append(f"    note: {indicator}")
            lines.extend(f"      {line}".rstrip() for line in body)
    return "\n".join(lines) + "\n"


def normal(value: Any) -> Any:
    """Compare floats by value and nan as equal; everything else as is."""
    if isinstance(value, dict):
        return {str(k): normal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normal(v) for v in value]
    return value


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_whatever_the_fast_path_accepts_reads_as_the_positioned_reader_reads_it(content: str) -> None:
    assert_read_alike(content)


def assert_read_alike(content: str) -> None:
    """If the fast path takes the text, the positioned reader takes it too and reads the same data, leaf types too."""
    fast = fast_yaml.parse(content)
    if fast is None:
        return
    try:
        slow = parse(content, "log.yaml").data
    except InputError as error:
        raise AssertionError(f"the fast path accepted what the reader refuses: {error}") from None
    assert normal(fast) == normal(slow)
    assert [type(v) for v in _leaves(fast)] == [type(v) for v in _leaves(slow)]


def test_a_lone_question_mark_before_a_flow_indicator_is_left_to_the_reader() -> None:
    """`{篇: ?, 次: 0}` and `{篇: ?0}`: yaml-rs reads strings, ruamel refuses (both found by the property above)."""
    content = 'plans: [""]\nunit: \nactivities:\n  - id: \n    amounts: {篇: ?, 次: 0}\n'
    assert fast_yaml.parse(content) is None
    assert fast_yaml.parse(content.replace("?,", "?0,")) is None


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [leaf for v in value.values() for leaf in _leaves(v)]
    if isinstance(value, list):
        return [leaf for v in value for leaf in _leaves(v)]
    return [value]


def test_every_shipped_log_takes_the_fast_path_and_reads_the_same() -> None:
    logs = sorted(Path("examples").rglob("*.yaml"))
    logs = [p for p in logs if "plans" not in p.parts and "ci" not in p.parts]
    assert len(logs) >= 6
    for path in logs:
        content = path.read_text(encoding="utf-8")
        fast = fast_yaml.parse(content)
        assert fast is not None, path
        assert normal(fast) == normal(parse(content, str(path)).data), path


def test_constructs_the_reader_refuses_never_take_the_fast_path() -> None:
    for content in [
        "a: &x [1]\nb: *x\n",
        "a: !!python/object:os.system ls\n",
        "<<: {a: 1}\n",
        "a: _1\n",
        "a: [?]\n",
        "a: 1\n---\nb: 2\n",
        "%YAML 1.2\n---\na: 1\n",
    ]:
        assert fast_yaml.parse(content) is None, content


def test_plan_files_read_the_same_both_ways_and_their_lines_agree() -> None:
    from ecoplan_cli.load.catalogue import load_plan_file

    for path in [*sorted(Path("plans").glob("*.yaml")), *sorted(Path("examples/plans").glob("*.yaml"))]:
        content = path.read_text(encoding="utf-8")
        fast = fast_yaml.parse(content)
        document = parse(content, str(path))
        assert fast == document.data, path
        source = load_plan_file(str(path))
        positioned = {r.id: document.position(("requirements", i))[0] for i, r in enumerate(source.plan.requirements)}
        assert source.requirement_lines == positioned, path


def test_folded_text_keeps_no_fold_markers() -> None:
    data = parse("note: >-\n  one\n  two\n", "x.yaml").data
    assert data == {"note": "one two"}


def test_yaml_1_1_booleans_read_as_booleans() -> None:
    data = parse("%YAML 1.1\n---\na: yes\nb: off\nc: true\nd: NO\n", "x.yaml").data
    assert data == {"a": True, "b": False, "c": True, "d": False}
    assert parse("a: yes\n", "x.yaml").data == {"a": "yes"}  # YAML 1.2: a string


TABBED = st.text(alphabet=st.sampled_from([*"ab城口 ", "\t", "'", '"', "#", ":", "-", ",", "\\"]), max_size=10)


def tabbed_scalar(value: str, style: str) -> str:
    """As scalar(), but a double-quoted value keeps its tabs as typed (json.dumps would escape them)."""
    if style == "double":
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return scalar(value, style)


@st.composite
def tabbed_logs(draw: st.DrawFn) -> str:
    """Logs whose values hold tabs (pasted from a spreadsheet), apostrophes, quote marks and hashes, in every style."""
    lines = ['plans: ["chongqing-impl"]', "unit: 城口县生态环境局", "activities:"]
    for index in range(draw(st.integers(1, 3))):
        lines.append(f"  - id: a{index}")
        for key in ("title", "note", "subunit"):
            comment = draw(st.sampled_from(["", " # 备注\t说明", "\t# 备注"]))
            lines.append(f"    {key}: {tabbed_scalar(draw(TABBED), draw(styles))}{comment}")
        lines.append(f"    evidence: [{tabbed_scalar(draw(TABBED), draw(styles))}]")
    return "\n".join(lines) + "\n"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tabbed_logs())
def test_tabs_the_fast_path_lets_through_read_as_the_positioned_reader_reads_them(content: str) -> None:
    assert_read_alike(content)


def test_a_tab_inside_a_quoted_value_stays_on_the_fast_path_and_others_do_not() -> None:
    head = "plans: [chongqing-impl]\nunit: 城口县生态环境局\nactivities:\n  - id: a1\n    title: "
    for value in ('"发布会\t说明"', "'发布会\t说明'", '"发布会\t说明"  # 备注', '"it\'s\t说明"'):
        assert fast_yaml.eligible(head + value + "\n"), value
    for value in ("发布会\t说明", '"发布会"\t# 备注', '"发布会\n      \t说明"', "it's\t说明", '[x, "a\tb"]'):
        assert not fast_yaml.eligible(head + value + "\n"), value
    assert not fast_yaml.eligible('note: |\n  "a\tb"\n')  # inside a block scalar: the old rule
