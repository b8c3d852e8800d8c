"""An ActivityLog as the 台账 table (header block, header row, one row per activity), for the .xlsx and .csv writers.

The layout is the one the readers read (load/sheet_layout.py). Only what a cell can hold without loss is written: a
value the readers would read back differently (spaces at either end, a line break inside one evidence item, a
separator inside a plan name, a control character) is refused with the activity named, never altered.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ecoplan_cli.load.problems import InputError, Problem
from ecoplan_cli.load.sheet_layout import COLUMNS, HEADER_KEYS, MEASURES
from ecoplan_cli.messages import text
from ecoplan_cli.model import ActivityLog

Value = str | int | dt.date | None

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SEPARATORS = re.compile(r"[、,;\n，；|｜]")
MAX_CELL = 32767  # Excel's limit on the characters of a cell


@dataclass(frozen=True)
class Table:
    header: tuple[tuple[str, str], ...]  # (label, value) rows above the table
    columns: tuple[str, ...]  # field keys, as in sheet_layout.COLUMNS, or amount:篇
    labels: tuple[str, ...]  # what the header row says
    rows: tuple[tuple[Value, ...], ...]


def _label(key: str) -> str:
    return key.removeprefix("amount:") if key.startswith("amount:") else COLUMNS[key][0]


def _refuse(source: str, identifier: str, what: str, why: str) -> InputError:
    message = text("convert-not-representable", id=identifier, what=what, why=why)
    return InputError([Problem(source, 1, 1, "convert-not-representable", message)])


def _checked(source: str, identifier: str, what: str, value: str, *, lines: bool = False, separators: bool = False) -> str:
    if value != value.strip():
        raise _refuse(source, identifier, what, "spaces or line breaks at either end")
    if _CONTROL.search(value) or "\r" in value or (not lines and "\n" in value):
        raise _refuse(source, identifier, what, "a control character or line break")
    if separators and _SEPARATORS.search(value):
        raise _refuse(source, identifier, what, "a list separator (、 , ; | or a line break)")
    if len(value) > MAX_CELL:
        raise _refuse(source, identifier, what, f"longer than {MAX_CELL} characters")
    return value


def table(log: ActivityLog, source: str = "") -> Table:
    """The log as a table; raises InputError when a value cannot be written without loss."""
    _known_fields(log, source)
    header: list[tuple[str, str]] = []
    for key, values in (
        ("plans", log.plans),
        ("unit", [log.unit]),
        ("region", [log.region]),
        ("level", [log.level.value] if log.level else []),
        ("lead_as", log.lead_as),
        ("exceptions", log.exceptions),
    ):
        if values:
            checked = [_checked(source, "—", key, v, separators=key in ("plans", "lead_as", "exceptions")) for v in values]
            header.append((HEADER_KEYS[key][0], "、".join(checked)))
    activities = log.activities
    columns = ["id"]
    if any(a.date is not None for a in activities) or not activities:
        columns.append("date")
    if any(a.start is not None for a in activities):
        columns += ["start", "end"]
    columns += ["title", "requirements"]
    used = {measure for a in activities for measure in a.amounts}
    columns += [f"amount:{m.value}" for m in MEASURES if m in used]
    columns += ["evidence", "subunit", "note"]
    rows: list[tuple[Value, ...]] = []
    for activity in activities:
        ident = _checked(source, activity.id, "id", activity.id)
        row: dict[str, Value] = {
            "id": ident,
            "date": activity.date,
            "start": activity.start,
            "end": activity.end,
            "title": _checked(source, ident, "title", activity.title),
            "requirements": "、".join(activity.requirements),
            "evidence": "\n".join(_checked(source, ident, "evidence", e) for e in activity.evidence) or None,
            "subunit": _checked(source, ident, "subunit", activity.subunit) if activity.subunit else None,
            "note": _checked(source, ident, "note", activity.note, lines=True) if activity.note else None,
        }
        for day in (activity.date, activity.start, activity.end):
            if day is not None and day.year < 1900:
                raise _refuse(source, ident, "date", "before 1900, which spreadsheets cannot hold")
        for measure, count in activity.amounts.items():
            row[f"amount:{measure.value}"] = count
        rows.append(tuple(row.get(key) for key in columns))
    return Table(tuple(header), tuple(columns), tuple(_label(key) for key in columns), tuple(rows))


_LOG_FIELDS = frozenset({"plans", "unit", "region", "level", "lead_as", "exceptions", "activities"})
_ACTIVITY_FIELDS = frozenset({"id", "date", "start", "end", "title", "requirements", "amounts", "subunit", "evidence", "note"})


def _known_fields(log: ActivityLog, source: str) -> None:
    """A field the layout has no place for (one added to the model later) is refused, never dropped."""
    for name in sorted(log.model_fields_set - _LOG_FIELDS):
        raise _refuse(source, "—", name, "not part of the spreadsheet layout")
    for activity in log.activities:
        for name in sorted(activity.model_fields_set - _ACTIVITY_FIELDS):
            raise _refuse(source, activity.id, name, "not part of the spreadsheet layout")
