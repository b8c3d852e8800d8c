"""Quoted dates and times on the fast path: `date: "2024-03-10"`, `time: "09:30:00"` are valid YAML, read once.

A quoted date or time is a string in YAML 1.2 and to ruamel.yaml, but yaml-rs (asked to read dates) returns a date,
date-time or time for it. Quoted dates used to send a text to the positioned reader; a quoted time with seconds was
read as a time, which the `time:` field (text) refused. Here the text is read by yaml-rs with a private-use
character (U+E000, never in the text) put after every quote that a digit follows, so no quoted scalar looks like a
date any more; the character is then taken out of every string. The data is the positioned reader's: quoted scalars
are strings, plain dates are dates. A date field still takes a quoted ISO date (the models read it as a date); a
text field gets the string it was given.
"""

from __future__ import annotations

import re
from typing import Any

from ecoplan_cli.load import fast_yaml

_QUOTED_DIGIT = re.compile(r"[\"']\d")  # where a quoted date or time can start: a quote, then a digit
# The same test as two patterns that each open with one literal character: `re` then skips to candidates in a
# tight loop, where a class like ["'] is tried at every position (17 MB: 85 ms against 12 ms).
_DOUBLE_QUOTED_DIGIT = re.compile(r"\"(?=\d)")
_SINGLE_QUOTED_DIGIT = re.compile(r"'(?=\d)")
_MARK = "\ue000"  # a private-use character: valid in YAML, never written in a log


def may_hold(text: str) -> bool:
    """Whether the text may hold a quoted date or time (a quote, then a digit)."""
    return bool(_DOUBLE_QUOTED_DIGIT.search(text) or _SINGLE_QUOTED_DIGIT.search(text))


def eligible(text: str) -> bool:
    """Whether the fast path may read the text once its quoted scalars are read as strings (nothing else keeps it
    off): the pre-scan looks at the text with a letter for each digit a quote opens, so that neither a quoted date
    nor a quoted date-time in a form the two readers read differently unquoted sends it to the positioned reader."""
    return fast_yaml.eligible(digits_masked(text))


def digits_masked(text: str) -> str:
    """The text with the digit a quote opens made a letter ("2024-… → "x024-…): no quoted date or time left for the
    pre-scan to object to, and every other character where it was."""
    return _QUOTED_DIGIT.sub(lambda found: found.group(0)[0] + "x", text)


def as_written(text: str) -> dict[str, Any] | None:
    """The data of a text yaml-rs accepted, with every quoted scalar a string (see the module's docstring); None when
    the text already holds the marker character or is not a mapping."""
    if _MARK in text:
        return None
    marked = _SINGLE_QUOTED_DIGIT.sub("'" + _MARK, _DOUBLE_QUOTED_DIGIT.sub('"' + _MARK, text))
    parsed = fast_yaml.strict(marked)
    if not isinstance(parsed, fast_yaml.StrictData) or not isinstance(parsed.data, dict):
        return None
    data: dict[str, Any] = _unmarked(parsed.data)
    return data


def _unmarked(value: Any) -> Any:
    kind = type(value)
    if kind is str:
        return value.replace(_MARK, "") if _MARK in value else value
    if kind is dict:
        return {_unmarked(key): _unmarked(item) for key, item in value.items()}
    if kind is list:
        return [_unmarked(item) for item in value]
    return value
