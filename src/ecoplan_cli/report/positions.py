"""Where in a log a finding is explained: the activity that fell short (the last one counted toward it), or, for a
period with no activity, the log's `region:` line. The lines were found by the run with a text scan
(load/log_lines.py) and travel in `CheckReport.log_lines`."""

from __future__ import annotations

from ecoplan_cli.engine.accounting import NotCounted
from ecoplan_cli.engine.evaluate import Finding
from ecoplan_cli.report.base import CheckReport


def finding_location(report: CheckReport, finding: Finding) -> tuple[str, int]:
    """(log file, 1-based line) that explains the finding; the unit's first file and line 1 when nothing is known."""
    lines = report.log_lines.get((finding.unit, finding.region))
    first = report.log_file(finding)
    if lines is None:
        return first, 1
    if finding.activities and finding.activities[-1] in lines.activities:
        return lines.activities[finding.activities[-1]]
    return first, lines.region.get(first, 1)


def finding_line(report: CheckReport, finding: Finding) -> int:
    return finding_location(report, finding)[1]


def uncounted_location(report: CheckReport, entry: NotCounted) -> tuple[str, int]:
    """(log file, line) of an activity counted toward nothing: its item's line, else its file's `region:` line."""
    lines = report.log_lines.get((entry.unit, entry.region))
    if lines is None:
        return entry.log_file, 1
    return lines.activities.get(entry.activity, (entry.log_file, lines.region.get(entry.log_file, 1)))
