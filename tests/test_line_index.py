"""LineIndex (a text scan) against the positioned reader (ruamel.yaml's composer): the same line and column for every
value and every key of every log both read — so a message about a valid file never needs the file parsed again."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecoplan_cli.load import fast_yaml
from ecoplan_cli.load.line_index import LineIndex, activity_lines, header_lines
from ecoplan_cli.load.problems import InputError
from ecoplan_cli.load.yaml_source import parse

WORDS = st.text(alphabet=st.sampled_from([*"abcXYZ019 ", *"城口县发布会：，（）“”", *"-.'\"#:/"]), min_size=1, max_size=10)
PLAIN = WORDS.map(str.strip).filter(
    lambda t: bool(t) and t[0] not in "-#'\":?" and ": " not in t and " #" not in t and not t.endswith(":")
)


def quoted(value: str, style: str) -> str:
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    if style == "double":
        return json.dumps(value, ensure_ascii=False)
    return value


@st.composite
def scalars(draw: st.DrawFn, indent: int) -> str:
    """A scalar value in any style a log uses, continued over lines sometimes."""
    kind = draw(st.sampled_from(["plain", "single", "double", "empty", "block", "multi-plain", "multi-double", "int"]))
    if kind == "empty":
        return ""
    if kind == "int":
        return str(draw(st.integers(0, 999)))
    if kind == "block":
        header = draw(st.sampled_from(["|", ">", "|-", ">+"]))
        body = "".join(f"\n{' ' * (indent + 2)}{draw(PLAIN)}" for _ in range(draw(st.integers(1, 3))))
        return header + body
    if kind == "multi-plain":
        return f"{draw(PLAIN)}\n{' ' * (indent + 2)}{draw(PLAIN)}"
    if kind == "multi-double":
        return f'"{draw(PLAIN)}\n{" " * (indent + 2)}{draw(PLAIN)}"'.replace("\\", "")
    return quoted(draw(PLAIN), kind)


def comment(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(["", "", "", "  # 说明", " #x", "   # a: [b]"]))


@st.composite
def flow_seq(draw: st.DrawFn) -> str:
    items = [
        quoted(draw(PLAIN.filter(lambda t: not set(t) & set(",[]{}#:"))), draw(st.sampled_from(["plain", "double", "single"])))
        for _ in range(draw(st.integers(0, 3)))
    ]
    sep = draw(st.sampled_from([", ", ",", " , "]))
    return "[" + draw(st.sampled_from(["", " "])) + sep.join(items) + "]"


@st.composite
def logs(draw: st.DrawFn) -> str:
    lines = [draw(st.sampled_from(["", "# 台账\n", "\n# a\n\n"])) + f"plans: {draw(flow_seq())}{comment(draw)}"]
    lines.append(f"unit: {draw(scalars(0))}{comment(draw)}")
    lines.append(f"region: {draw(scalars(0))}")
    indentless = draw(st.booleans())
    lines.append("activities:" + comment(draw))
    dash = 0 if indentless else 2
    for index in range(draw(st.integers(0, 4))):
        pad = " " * (dash + 2)
        first = draw(st.sampled_from(["same", "next"]))
        if first == "same":
            lines.append(f"{' ' * dash}- id: {quoted(f'a{index}', draw(st.sampled_from(['plain', 'double'])))}")
        else:
            lines.append(f"{' ' * dash}-{comment(draw)}\n{pad}id: a{index}")
        if draw(st.booleans()):
            lines.append(f"{pad}date: 2024-0{index + 1}-1{index}{comment(draw)}")
        lines.append(f"{pad}title: {draw(scalars(dash + 2))}")
        if draw(st.booleans()):
            lines.append(f"{pad}requirements: {draw(flow_seq())}{comment(draw)}")
        else:
            inner = draw(st.sampled_from([pad, pad + "  "]))
            lines.append(f"{pad}requirements:{comment(draw)}")
            for _ in range(draw(st.integers(1, 3))):
                lines.append(f"{inner}- {draw(scalars(len(inner)))}")
        if draw(st.booleans()):
            spaces = draw(st.sampled_from(["", " "]))
            lines.append(
                f"{pad}amounts: {{{spaces}篇: {draw(st.integers(0, 9))}, 次:{draw(st.sampled_from([' 1', ' ', '']))}{spaces}}}"
            )
        if draw(st.booleans()):
            lines.append(f"{pad}amounts:\n{pad}  篇: {draw(st.integers(0, 9))}")
        if draw(st.booleans()):
            lines.append(f"{pad}note: {draw(scalars(dash + 2))}{comment(draw) if draw(st.booleans()) else ''}")
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["", "# 下一条", "  # indented comment", "    "])))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n", "\n# end\n"]))


def assert_same_positions(text: str) -> None:
    try:
        document = parse(text, "log.yaml")
    except InputError:
        return
    import yaml_rs

    if document.data != yaml_rs.loads(text, parse_datetime=True):  # the readers disagree (#11): yaml-rs decides
        return
    index = LineIndex.scan(text)
    for path, position in document.values.items():
        assert index.position(path) == position, (path, text)
    for path, position in document.keys.items():
        assert index.key_position(path) == position, (path, text)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(logs())
def test_line_index_agrees_with_the_positioned_reader(text: str) -> None:
    if fast_yaml.syntax_error(text) is not None:  # only text the strict parser accepted is ever indexed
        return
    assert_same_positions(text)


@pytest.mark.parametrize(
    "text",
    [
        "a:\nb: 1\n",
        "a:   # c\nb: 1\n",
        "a:\n\n  # c\nb: 1\n",
        "x:\n  a:\ny: 1\n",
        "x:\n  a:  #c\n",
        "s:\n- \n- #c\n-\n",
        "x: {a: , b}\n",
        "x: [a, ]\n",
        "a: 1\nb:",
        "s:\n  - - a\n    - b\n  - [c, {d: e}, f: g]\n",
        "k: \"multi\n  line\"\nj: 'it''s'\n\"q k\": 1\n",
        "t: plain\n  continued\n  more\nu: 2\n",
        "b: |\n  one\n\n  # not a comment\n  - not an item\nc: 3\n",
        "a: [b,\n  c]  # x\nd: {e: f,\n  g: h}\n",
        "a: [http://x.y/z, 'q']\n",
        "a:\r\n  b: 1\r\n  c: [x]\r\n",
    ],
)
def test_line_index_on_shapes(text: str) -> None:
    assert fast_yaml.syntax_error(text) is None
    assert_same_positions(text)


def test_missing_paths_fall_back_to_the_nearest_ancestor() -> None:
    text = "plans: [a]\nactivities:\n  - id: x\n    title: t\n"
    index = LineIndex.scan(text)
    assert index.position(("activities", 0, "date")) == (3, 5)
    assert index.position(("activities", 7, "date")) == (3, 3)
    assert index.position(("nothing",)) == (1, 1)
    assert index.key_position(("activities", 0, "date")) == (2, 1)
    assert index.key_position(("activities", 0, "title")) == (4, 5)


def test_activity_and_header_lines() -> None:
    text = "# log\nplans: [a]\nregion: 城口县\nactivities:\n- id: x\n  title: t\n\n- id: y\n  title: u\n- id: x\n"
    index = LineIndex.scan(text)
    assert dict(activity_lines(index, ["x", "y", "x"])) == {"x": 5, "y": 8}
    assert dict(header_lines(index)) == {"plans": 2, "region": 3, "activities": 4}


def test_a_loaded_log_carries_its_lines_without_a_second_parse(catalogue, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ecoplan_cli.load import logs, strict_yaml, yaml_source

    path = tmp_path / "log.yaml"
    path.write_text(
        "plans: [chongqing-impl]\nunit: 城口县生态环境局\n# 地区\nregion: 城口县\nactivities:\n"
        "  - id: a1\n    date: 2024-03-01\n    title: 新闻发布会\n    requirements: [CQ-17]\n\n"
        "  - id: a2\n    date: 2024-04-01\n    title: 发布会\n    requirements: [CQ-17]\n",
        encoding="utf-8",
    )

    def no_parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the positioned reader must not run for a valid file")

    monkeypatch.setattr(yaml_source, "parse", no_parse)
    monkeypatch.setattr(strict_yaml, "parse", no_parse)
    loaded, _ = logs.load_log(str(path), catalogue)
    assert dict(loaded.activity_lines) == {"a1": 6, "a2": 11}
    assert loaded.header_lines["region"] == 4
    assert loaded.activity_line("a2") == 11
