"""Quoted dates and times on the fast path: `date: "2024-03-10"`, `time: "09:30:00"` are valid YAML, read once.

A quoted date or time is a string in YAML 1.2 and to ruamel.yaml, but yaml-rs (asked to read dates) returns a date,
date-time or time for it. Quoted dates used to send a text to the positioned reader; a quoted time with seconds
was read as a time, which the `time:` field (text) refused. Here yaml-rs's data is kept and each such value is looked
up in the text (line_index, a scan): where the value's text opens with a quote, the string written between the
quotes is put back — the data the positioned reader gives. A date field still takes it (a quoted ISO date is a date
to the models); a text field gets the string it was given.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ecoplan_cli.load import fast_yaml
from ecoplan_cli.load.flow_scan import quoted_end
from ecoplan_cli.load.line_index import LineIndex

QUOTED_DIGIT = re.compile(r"[\"']\d")  # where a quoted date or time can start: a quote, then a digit
# The same test as two patterns that each open with one literal character: `re` then skips to candidates in a
# tight loop, where a class like ["'] is tried at every position (17 MB: 85 ms against 12 ms).
_DOUBLE_QUOTED_DIGIT = re.compile(r"\"\d")
_SINGLE_QUOTED_DIGIT = re.compile(r"'\d")


def may_hold(text: str) -> bool:
    """Whether the text may hold a quoted date or time (a quote, then a digit)."""
    return bool(_DOUBLE_QUOTED_DIGIT.search(text) or _SINGLE_QUOTED_DIGIT.search(text))


class _NotPlain(Exception):
    """A quoted date the scan does not take (a date as a key, an escape, a line break): the positioned reader will."""


def eligible(text: str) -> bool:
    """Whether the fast path may read the text once its quoted dates are put back (nothing else keeps it off)."""
    return fast_yaml.eligible(QUOTED_DIGIT.sub(lambda found: found.group(0)[0] + "x", text))


def put_back(text: str, data: dict[str, Any], index: LineIndex) -> dict[str, Any] | None:
    """The data with each date, date-time or time yaml-rs read from a quoted scalar replaced by the quoted string
    (`time: "09:30:00"` is text to YAML 1.2, a time to yaml-rs); None when one cannot be taken this way."""
    starts = [0, *(found.end() for found in re.finditer("\n", text))]

    def put(value: Any, path: tuple[str | int, ...]) -> Any:
        if isinstance(value, dict):
            if any(isinstance(key, dt.date | dt.time) for key in value):
                raise _NotPlain
            return {key: put(item, (*path, key)) for key, item in value.items()}
        if isinstance(value, list):
            return [put(item, (*path, number)) for number, item in enumerate(value)]
        if isinstance(value, dt.date | dt.time):  # datetime is a date
            line, column = index.position(path)
            offset = starts[line - 1] + column - 1
            if text[offset : offset + 1] in ("'", '"'):
                end = quoted_end(text, offset)
                written = text[offset + 1 : end - 1]
                if end < 0 or "\\" in written or "'" in written or "\n" in written:
                    raise _NotPlain
                return written
        return value

    try:
        result: dict[str, Any] = put(data, ())
    except _NotPlain:
        return None
    return result
