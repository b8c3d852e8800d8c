"""The lines of a valid log that explain a report's findings: where an activity starts, where `region:` is.

Reports (SARIF, GitHub annotations) place a gap on the activity that fell short, or on the log's `region:` line for
a period with no activity. For a YAML log the lines come from the loader's text scan (load/line_index.py, never a
second parse); for a spreadsheet log they are the rows of its activities (and the header block's first row).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecoplan_cli.load.logs import LoadedLog


def log_lines(log: LoadedLog, wanted: Collection[str]) -> tuple[dict[str, int], int]:
    """(activity id → line, or a spreadsheet's row, for the ids wanted; the `region:` line) of a loaded log."""
    if log.sheet is not None:
        rows = {activity.id: row for activity, row in zip(log.log.activities, log.rows, strict=False)}
        return {i: rows[i] for i in wanted if i in rows}, 1
    return {i: log.activity_lines[i] for i in wanted if i in log.activity_lines}, log.header_lines.get("region", 1)
