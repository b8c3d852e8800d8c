"""Where in a log an activity's reference or date stands, for messages that come after loading (validate's
not-counted errors and warnings). Reads the file again with positions, only when there is something to say."""

from __future__ import annotations

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


def locate(
    path: str, log: ActivityLog, items: Sequence[tuple[str, str, str, str, Severity, bool]]
) -> list[Problem]:
    """Problems for (activity id, reference, code, message, severity, on its date) items of one log file."""
    if not items:
        return []
    raw = read_bytes(path)
    document = parse(decode(raw, path), path) if len(raw) <= MAX_POSITIONED_BYTES else Document(path, None)
    problems = []
    for activity_id, reference, code, message, severity, on_date in items:
        where = _reference_path(log, activity_id, reference, on_date)
        line, column = document.position(where) if document.located else (1, 1)
        if not document.located:
            message += " " + text("at-path", path=dotted(where))
        problems.append(Problem(path, line, column, code, message, severity))
    return problems
