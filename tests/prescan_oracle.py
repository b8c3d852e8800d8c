"""The pre-scan as it was before it was keyed on each pattern's literal first character (issue 12): kept as the
oracle the fast scan (ecoplan_cli.load.fast_yaml.eligible) is held to by a property test (test_prescan_oracle.py)."""

from __future__ import annotations

import re

from ecoplan_cli.load.fast_yaml import unsafe_tab

# Indicators the positioned reader refuses or reads differently: anchors (&a), aliases (*a), tags (!x), directives
# (%YAML), merge keys (<<), document markers, numbers that start with an underscore (_1: YAML 1.2 reads a
# string, yaml-rs an int), and indicators that cannot start a plain scalar in a
# flow collection (ruamel refuses `[a, |]`, yaml-rs reads a string), colons or question marks that open or close
# an entry (`[:]`, `[?]`), a block scalar header followed by a blank line (yaml-rs keeps a line break where an
# empty scalar has none), and tabs outside comments (the two disagree on some).
# Each pattern with the characters one of which it needs: a pattern runs only on text holding one of them, so a
# plain log is cleared by a few substring tests.
_UNSAFE_PATTERNS: tuple[tuple[str, str], ...] = (
    # anchors, aliases, tags, merge keys, _1 — each at the start of a token (the char before is a separator)
    ("&*!<_", r"[&*!<_](?<![^\s\[\]{},:?-].)(?:(?<=[&*!])|(?<=<)<|(?<=_)\d)"),
    # an indicator opening a flow entry (after up to three spaces; more spaces there are refused outright)
    ("|>@`%?", "|".join(rf"[|>@`%?](?<=[\[{{,]{' ' * n}[|>@`%?])" for n in range(4))),
    (":", r":(?:(?<=[\[{,]:)|(?<=[\[{,] :)|(?<=[\[{,]  :)|(?<=[\[{,]   :)|[,\]}])"),  # a colon opening/closing an entry
    ("?", r"\?(?<![^\s\[{,]\?)"),  # complex keys, and a ? opening a scalar (ruamel and yaml-rs differ on `{a: ?0}`)
    ("\"'", r"[\"']\d{4}-\d\d?-\d\d?"),  # a quoted date: a string for ruamel, a date for yaml-rs
    ("|>", r"[\[{][^\n\]}]*:\s+[|>]"),  # a block indicator inside a flow collection
    ("|>", r"[|>][0-9+-]*[ ]*(?:#[^\n]*)?\n[ ]*(?:\n|\Z)"),  # a block scalar header followed by a blank line
)
# Plain substrings that send a file to the positioned reader: directives and document markers.
_UNSAFE_TEXT = ("\n%", "\n---", "\n...")
# Amended in issue 12's third session: four spaces or more after a flow indicator are refused only before an
# indicator, as after fewer (both readers read `[a,    b]` alike; the old scan refused it outright).
_FAR_FLOW_OPENING = re.compile(r"[\[{,] {4,}[|>@`%?:]")
# A date-time in any but the forms both read alike (2024-06-20T14:30[:00[.f]][Z|+08:00], T or one space). It has
# minutes, so only a text with a colon before two digits is searched for one (a few ms a MiB instead of a hundred).
_TIME_HINT = re.compile(r":\d\d")
_DATETIME_UNSAFE = re.compile(
    r"(?<![\w-])\d{4}-(?!\d\d-\d\d[Tt ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,6})?)?"
    r"(?:Z|[+-]\d\d:\d\d)?[ \t]*(?:[#,\]}]|$))"
    r"\d\d?-\d\d?(?:[Tt]|[ \t]+)\d",
    re.MULTILINE,
)
_UNSAFE = tuple((triggers, re.compile(pattern, re.MULTILINE)) for triggers, pattern in _UNSAFE_PATTERNS)


def old_eligible(content: str) -> bool:
    """Whether the fast parser may read this text (nothing in it that the two readers treat differently)."""
    if content.startswith(("%", "---", "...")) or any(marker in content for marker in _UNSAFE_TEXT):
        return False
    if _FAR_FLOW_OPENING.search(content):
        return False
    if "\t" in content and unsafe_tab(content):  # since issue 12's third session: a tab in a one-line quoted
        return False  # scalar is safe; fast_yaml.unsafe_tab has its own tests (tests/test_fast_path.py)
    if _TIME_HINT.search(content) and _DATETIME_UNSAFE.search(content):
        return False
    return not any(any(char in content for char in triggers) and pattern.search(content) for triggers, pattern in _UNSAFE)
