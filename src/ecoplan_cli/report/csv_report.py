"""--format csv: one row per finding, for the spreadsheet (UTF-8 with BOM so that Excel reads Chinese right).

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be read by Excel or LibreOffice as a
formula (CSV injection): as OWASP recommends, such a cell is prefixed with a single quote, and the csv module quotes
every cell that holds a separator or a quote. Numbers the report writes itself (`required`, `actual`, `missing`) are
never negative, and dates start with a digit, so only text from logs and plans is ever changed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from ecoplan_cli.engine.evaluate import Finding
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


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """OWASP CSV-injection defence: a cell a spreadsheet would read as a formula gets a leading single quote."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cell(value: object) -> str:
    if isinstance(value, list):
        return neutralise(";".join(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else neutralise(str(value))


def chunks(report: CheckReport) -> Iterator[str]:
    """A header and a row per finding (UTF-8 with BOM, so that Excel reads Chinese right), written as it goes."""
    yield "\ufeff" + _row(list(COLUMNS))
    blocks = report.rendered.get("csv")
    if blocks is not None:
        yield from blocks
        return
    for finding in report.findings:
        yield _rows(report, (finding,))


def _rows(report: CheckReport, findings: Iterable[Finding]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for finding in findings:
        record = finding_record(report, finding)
        writer.writerow([_cell(record[column]) for column in COLUMNS])
    return out.getvalue()


def finding_block(report: CheckReport) -> str:
    """A unit's rows (rendered in the worker that made its findings)."""
    return _rows(report, report.findings)


def render(report: CheckReport) -> str:
    return "".join(chunks(report))
