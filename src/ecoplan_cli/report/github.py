"""--format github: GitHub Actions workflow commands, one annotation per gap at the unit's log file, and a warning
per activity reference that counts toward nothing (not counted)."""

from __future__ import annotations

from collections.abc import Iterator

from ecoplan_cli.engine.evaluate import Status
from ecoplan_cli.report.base import CheckReport, required_text


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(report: CheckReport) -> str:
    return "".join(chunks(report))


def chunks(report: CheckReport) -> Iterator[str]:
    """An annotation per gap, written as it goes."""
    for finding in report.findings:
        if finding.status is not Status.GAP:
            continue
        command = "error" if finding.mandatory else "notice"
        plan_path, plan_line = report.plan_line(finding)
        title = f"{finding.requirement}/{finding.obligation} {finding.period_label}"
        message = (
            f"{finding.region} {finding.unit}: {finding.title} — {required_text(finding)}, "
            f"due {finding.due.isoformat()} ({plan_path}:{plan_line})"
        )
        properties = f"file={_escape_property(report.log_file(finding))},line=1,title={_escape_property(title)}"
        yield f"::{command} {properties}::{_escape_data(message)}\n"
    for entry in report.uncounted:
        title = f"{entry.activity} {entry.requirement}: {entry.reason}"
        properties = f"file={_escape_property(entry.log_file)},line=1,title={_escape_property(title)}"
        yield f"::warning {properties}::{_escape_data(entry.message)}\n"
