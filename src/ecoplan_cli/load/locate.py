"""Where in a log an activity's reference or date stands, for messages that come after loading (validate's
not-counted errors and warnings).

A cheap text scan finds them first: every `id:` of the file, checked against the activity ids the parser read (same
ids, same order), bounds each activity's text, and the date or reference is searched for inside it. Only when that
check fails (an unusual layout) is the file read again with positions, at ruamel.yaml's 0.3 MiB a second."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ecoplan_cli.load.problems import Problem, Severity
from ecoplan_cli.load.validation import dotted
from ecoplan_cli.load.yaml_source import MAX_POSITIONED_BYTES, Document, Path, decode, parse, read_bytes
from ecoplan_cli.messages import text
from ecoplan_cli.model import ActivityLog


def _reference_path(log: ActivityLog, activity_id: str, reference: str, on_date: bool) -> Path:
    for index, activity in enumerate(log.activities):
        if activity.id != activity_id:
            continue
        if on_date:
            return ("activities", index, "date" if activity.date is not None else "end")
        for ref_index, written in enumerate(activity.requirements):
            if written == reference or written.rpartition(":")[2] == reference:
                return ("activities", index, "requirements", ref_index)
        return ("activities", index, "requirements")
    return ("activities",)


def locate(path: str, log: ActivityLog, items: Sequence[tuple[str, str, str, str, Severity, bool]]) -> list[Problem]:
    """Problems for (activity id, reference, code, message, severity, on its date) items of one log file."""
    if not items:
        return []
    if path.lower().endswith((".xlsx", ".csv")):
        return _locate_in_sheet(path, log, items)
    raw = read_bytes(path)
    content = decode(raw, path)
    quick = _scan(content, log, items)
    if quick is not None:
        return [
            Problem(path, line, column, code, message, severity)
            for (line, column), (_, _, code, message, severity, _) in zip(quick, items, strict=True)
        ]
    document = parse(content, path) if len(raw) <= MAX_POSITIONED_BYTES else Document(path, None)
    problems = []
    for activity_id, reference, code, message, severity, on_date in items:
        where = _reference_path(log, activity_id, reference, on_date)
        line, column = document.position(where) if document.located else (1, 1)
        if not document.located:
            message += " " + text("at-path", path=dotted(where))
        problems.append(Problem(path, line, column, code, message, severity))
    return problems


def _locate_in_sheet(path: str, log: ActivityLog, items: Sequence[Item]) -> list[Problem]:
    """A spreadsheet log: the sheet read again (cells only) for the cell of each item."""
    from ecoplan_cli.load import csv_log, xlsx_log

    document, _ = (csv_log if path.lower().endswith(".csv") else xlsx_log).read_document(path)
    problems = []
    for activity_id, reference, code, message, severity, on_date in items:
        line, column = document.position(_reference_path(log, activity_id, reference, on_date))
        problems.append(Problem(path, line, column, code, message, severity, document.sheet))
    return problems


_ID = re.compile(r"(?:^[ \t]*-[ \t]+\{?[ \t]*|[{,][ \t]*)id:[ \t]*(?:\"([^\"\\\n]*)\"|'([^'\n]*)'|([^\s,{}\[\]#\"']+))", re.M)
_DATE = re.compile(r"(?<![\w-])(date|end):[ \t]*")


Item = tuple[str, str, str, str, Severity, bool]  # (activity id, reference, code, message, severity, on its date)


def _scan(content: str, log: ActivityLog, items: Sequence[Item]) -> list[tuple[int, int]] | None:
    """Positions by a text scan, or None when the scan cannot vouch for them."""
    found = [(m.start(), next(g for g in m.groups() if g is not None)) for m in _ID.finditer(content)]
    if [identifier for _, identifier in found] != [activity.id for activity in log.activities]:
        return None
    ends = [start for start, _ in found[1:]] + [len(content)]
    bounds = {identifier: (start, end) for (start, identifier), end in zip(found, ends, strict=True)}
    dated = {activity.id: "date" if activity.date is not None else "end" for activity in log.activities}
    positions = []
    for activity_id, reference, _, _, _, on_date in items:
        start, end = bounds[activity_id]
        chunk = content[start:end]
        if on_date:
            match = next((m for m in _DATE.finditer(chunk) if m.group(1) == dated[activity_id]), None)
            offset = None if match is None else start + match.end()
        else:
            listed = chunk.find("requirements:")
            token = re.compile(r"(?<![\w:/.-])" + re.escape(reference) + r"(?![\w/-])")
            match = token.search(chunk, listed) if listed >= 0 else None
            offset = None if match is None else start + match.start()
        if offset is None:
            return None
        line_start = content.rfind("\n", 0, offset) + 1
        positions.append((content.count("\n", 0, offset) + 1, offset - line_start + 1))
    return positions
