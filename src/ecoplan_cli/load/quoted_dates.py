"""Quoted dates on the fast path: a log that writes `date: "2024-03-10"` is valid YAML, read without a second parse.

A quoted date is a string in YAML 1.2 and to ruamel.yaml, but yaml-rs (asked to read dates) returns a date for it,
so such a text used to go to the positioned reader. Here yaml-rs's data is kept and each date it returned is looked
up in the text (line_index, a scan): where the value's text opens with a quote, the string written between the
quotes is put back — the data the positioned reader gives. A date field still takes it (a quoted ISO date is a
date to the models); a text field now gets the string it was given.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ecoplan_cli.load import fast_yaml
from ecoplan_cli.load.flow_scan import quoted_end
from ecoplan_cli.load.line_index import LineIndex

_QUOTED_DATE = re.compile(r"[\"']\d")  # the pre-scan's quoted date starts with a quote and a digit


class _NotPlain(Exception):
    """A quoted date the scan does not take (a date as a key, an escape, a line break): the positioned reader will."""


def restored(text: str, data: dict[str, Any]) -> tuple[dict[str, Any], LineIndex] | None:
    """yaml-rs's data with every quoted date put back as the string it is, and the index that found them; None when
    quoted dates are not the only thing that keeps the text off the fast path."""
    if not fast_yaml.eligible(_QUOTED_DATE.sub(lambda found: found.group(0)[0] + "x", text)):
        return None
    index = LineIndex.scan(text)
    starts = [0, *(found.end() for found in re.finditer("\n", text))]

    def put_back(value: Any, path: tuple[str | int, ...]) -> Any:
        if isinstance(value, dict):
            if any(isinstance(key, dt.date) for key in value):
                raise _NotPlain
            return {key: put_back(item, (*path, key)) for key, item in value.items()}
        if isinstance(value, list):
            return [put_back(item, (*path, number)) for number, item in enumerate(value)]
        if isinstance(value, dt.date):  # datetime too
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
        return put_back(data, ()), index
    except _NotPlain:
        return None
