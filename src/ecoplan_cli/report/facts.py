"""The facts of a finding as consumers show them (JUnit, SARIF, GitHub): who, where, which period, how much of what
was done against what was required, by when, in which log file, and the plan's own words. One wording for all."""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from ecoplan_cli.engine.accounting import NotCounted
from ecoplan_cli.engine.evaluate import Finding, Status
from ecoplan_cli.messages import text
from ecoplan_cli.report.base import CheckReport


def repo_path(path: str) -> str:
    """A file as consumers in a repository want it: relative to the working directory (the checkout) when it lies
    under it, with forward slashes; otherwise as given."""
    return _repo_path(path, os.getcwd()) if path else path


@lru_cache(maxsize=4096)
def _repo_path(path: str, cwd: str) -> str:
    """repo_path in the working directory `cwd` (asked once per log file, not once per finding: a report names the
    same few files thousands of times, and resolving a path reads the file system)."""
    given = Path(os.path.normpath(path))
    if given.is_absolute():
        try:
            given = given.relative_to(Path(cwd).resolve())
        except ValueError:
            return given.as_posix()
    return given.as_posix()


def where(finding: Finding) -> str:
    """region/unit, with the 街道/社区 of a per-sub-unit finding: 示例区/示例区生态环境局/北苑街道."""
    return f"{finding.region}/{finding.unit}" + (f"/{finding.subunit}" if finding.subunit else "")


def done_text(finding: Finding) -> str:
    """done/required with its counting word (8/10 篇), or what was recorded when no number is stated."""
    if finding.required is None:
        return text("facts-unmeasured", count=len(finding.activities))
    return f"{finding.actual}/{finding.required} {finding.measure.value}"


def summary_line(finding: Finding) -> str:
    """One line: 城口县/城口县生态环境局 CQ-79/articles 2024: 8/10 篇, due 2024-12-31."""
    return text(
        "facts-summary",
        where=where(finding),
        ident=f"{finding.requirement}/{finding.obligation}",
        period=finding.period_label,
        done=done_text(finding),
        due=finding.due.isoformat(),
    )


def details(report: CheckReport, finding: Finding) -> str:
    """Every fact, a line each, then the plan's quote: what a JUnit failure's text or a summary row carries."""
    plan_path, plan_line = report.plan_line(finding)
    location = report.plan_locations.get(finding.plan)
    if location is not None and not location.bundled:  # the user's plan file: as a path of the checkout
        plan_path = repo_path(location.file or location.path)
    lines = [
        text("facts-unit", unit=finding.unit, region=finding.region)
        + (text("facts-subunit", subunit=finding.subunit) if finding.subunit else ""),
        text("facts-requirement", plan=finding.plan, ident=f"{finding.requirement}/{finding.obligation}", title=finding.title),
        text(
            "facts-period",
            period=finding.period_label,
            start=finding.period_start.isoformat(),
            end=finding.period_end.isoformat(),
            due=finding.due.isoformat(),
        ),
        text("facts-done", done=done_text(finding), status=text(f"facts-status-{status_code(finding)}")),
        *([exception_line(finding)] if finding.exception is not None else []),
        text("facts-log", file=repo_path(report.log_file(finding)) or "—"),
        text("facts-activities", ids=", ".join(finding.activities) or "—"),
        text("facts-plan", file=f"{plan_path}:{plan_line}" if plan_path else "—"),
        "“" + report.requirement(finding).quote + "”",
    ]
    return "\n".join(lines)


def exception_line(finding: Finding) -> str:
    """The approved exception that covers a finding (live or expired), in one line."""
    waiver = finding.exception
    assert waiver is not None
    return text(
        "facts-exception",
        id=waiver.id,
        kind=waiver.kind,
        document=waiver.document,
        approver=waiver.approved_by,
        expires=waiver.expires,
        expired="" if waiver.live else text("facts-exception-expired"),
        justification=waiver.justification,
    )


def status_code(finding: Finding) -> str:
    """gap (mandatory), advisory (an encouraged gap), open, met, unmeasured, waived."""
    if finding.status is Status.GAP and not finding.mandatory:
        return "advisory"
    return finding.status.value


def uncounted(report: CheckReport) -> Sequence[NotCounted]:
    """Activities the run did not count toward any finding (interface 1)."""
    return report.uncounted


def uncounted_line(item: NotCounted) -> str:
    """One not-counted activity: file, activity, requirement, reason and message."""
    return text(
        "facts-uncounted",
        file=repo_path(item.log_file) or "—",
        activity=item.activity,
        requirement=item.requirement,
        reason=item.reason,
        message=item.message,
    )
