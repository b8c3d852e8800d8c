"""The pre-scan keyed on each pattern's literal first character (fast_yaml.eligible) against the scan it replaced
(tests/prescan_oracle.py): the same verdict on every text, so the same files take the fast path as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ecoplan_cli.load.fast_yaml import eligible, obstacle
from prescan_oracle import old_eligible
from test_fast_path import documents

ROOT = Path(__file__).resolve().parent.parent

# Every character a pattern of either scan looks at, separators around them, and look-alikes: unicode spaces and
# digits (`\s` and `\d` match them), line breaks, Chinese text.
TRIGGERS = [*"&*!<_|>@`%?:\"',[]{}-.#\t\n +0129TtZ", "\u3000", "\x85", "\u0661", "城", "：", "a", "x"]
# Fragments that make (or nearly make) each pattern match, to be joined in any order.
FRAGMENTS = [
    "&a",
    "*a",
    "!x",
    "!!str ",
    "<<: ",
    "_1",
    "a_1",
    "[ |",
    "{   :",
    ",    x",
    "[    ",
    ":]",
    ": ?",
    "?x",
    "[?",
    '"2024-1-2"',
    "'2024-01-02'",
    "[a: |",
    "|\n\n",
    ">-\n  \n",
    "|+ # c\n",
    "\n%YAML",
    "\n---",
    "\n...",
    "\t",
    " # c",
    "2024-06-20T14:30",
    "2024-06-20 14:30:00",
    "2024-6-20 1",
    "2024-06-20t14:30+08:00",
    "12:30",
    " :",
    "{a: 1}",
    "- ",
    "\n",
    "  ",
    "城口：",
    "\u3000",
    "\u0661",
]


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(TRIGGERS), max_size=40))
@example("_1")
@example("[    a]")
@example("a: [b, |]")
@example("x: 2024-06-20 14:30\ny: [a:]\n")
def test_the_new_scan_agrees_with_the_old_on_texts_of_trigger_characters(content: str) -> None:
    assert eligible(content) == old_eligible(content)


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS + TRIGGERS), max_size=12).map("".join))
def test_the_new_scan_agrees_with_the_old_on_fragments_of_every_pattern(content: str) -> None:
    assert eligible(content) == old_eligible(content)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_the_new_scan_agrees_with_the_old_on_generated_logs(content: str) -> None:
    assert eligible(content) == old_eligible(content)


SHIPPED = sorted(p for p in [*ROOT.glob("examples/**/*.yaml"), *ROOT.glob("tests/**/*.yaml")] if p.is_file())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SHIPPED), st.lists(st.tuples(st.floats(0, 1), st.sampled_from(FRAGMENTS)), max_size=3))
def test_the_new_scan_agrees_with_the_old_on_shipped_files_with_fragments_in(path: Path, edits: list[tuple[float, str]]) -> None:
    content = path.read_text(encoding="utf-8", errors="replace")
    for where, fragment in edits:
        at = int(where * len(content))
        content = content[:at] + fragment + content[at:]
    assert eligible(content) == old_eligible(content)


def test_the_two_scans_agree_on_every_shipped_file() -> None:
    assert SHIPPED
    disagree = [p for p in SHIPPED if eligible(t := p.read_text(encoding="utf-8", errors="replace")) != old_eligible(t)]
    assert disagree == []


@pytest.mark.parametrize(
    ("content", "at", "kind"),
    [
        ("a: 1\n---\nb: 2\n", "---", "document-marker"),
        ("title: x\ndate: 2024-06-20 9:30\n", "2024-06-20 9:30", "datetime"),
        ("a: [x, |b]\n", ", |b", "flow-indicator"),
        ("a: [x:]\n", ":]", "flow-colon"),
        ("a: _1\n", "_1", "underscore-number"),
        ("a: &x 1\nb: *x\n", "&x", "anchor-alias-tag"),
        ("a: x\tb\n", "\tb", "tab"),
        ("a: 1\nb: '2024-06-20'\nc: &d 1\n", "'2024", "quoted-date"),
    ],
)
def test_the_obstacle_is_the_first_construct_and_where_it_is(content: str, at: str, kind: str) -> None:
    found = obstacle(content)
    assert found is not None and found[1] == kind and content.startswith(at, found[0]), (found, content)
