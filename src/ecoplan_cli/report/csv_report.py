"""--format csv: one row per finding, for the spreadsheet (UTF-8 with BOM so that Excel reads Chinese right)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from ecoplan_cli.report.base import CheckReport
from ecoplan_cli.report.json_report import finding_record

COLUMNS = (
    "plan",
    "requirement",
    "obligation",
    "title",
    "unit",
    "region",
    "level",
    "recurrence",
    "period",
    "period_start",
    "period_end",
    "due",
    "measure",
    "required",
    "actual",
    "missing",
    "status",
    "mandatory",
    "activities",
    "lead",
    "subunit",
    "log_file",
)


def _row(values: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(values)
    return out.getvalue()


def _cell(value: object) -> str:
    if isinstance(value, list):
        return ";".join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def chunks(report: CheckReport) -> Iterator[str]:
    """A header and a row per finding (UTF-8 with BOM, so that Excel reads Chinese right), written as it goes."""
    yield "\ufeff" + _row(list(COLUMNS))
    for finding in report.findings:
        record = finding_record(report, finding)
        yield _row([_cell(record[column]) for column in COLUMNS])


def render(report: CheckReport) -> str:
    return "".join(chunks(report))
