"""--format csv: one row per finding, for the spreadsheet (UTF-8 with BOM so that Excel reads Chinese right)."""

from __future__ import annotations

import csv
import io

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


def render(report: CheckReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for finding in report.findings:
        record = finding_record(report, finding)
        row = []
        for column in COLUMNS:
            value = record[column]
            if isinstance(value, list):
                value = ";".join(value)
            elif isinstance(value, bool):
                value = "true" if value else "false"
            elif value is None:
                value = ""
            row.append(str(value))
        writer.writerow(row)
    return "\ufeff" + out.getvalue()
