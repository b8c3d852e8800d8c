"""One `check` run, end to end: load the logs, merge units, evaluate, filter, and hand a report to a reporter."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ecoplan_cli.engine.evaluate import Finding, coming_due, evaluate, failing
from ecoplan_cli.load.catalogue import catalogue as load_catalogue
from ecoplan_cli.load.logs import load_logs
from ecoplan_cli.load.problems import InputError, Problem
from ecoplan_cli.load.units import merge
from ecoplan_cli.model import Plan
from ecoplan_cli.report.base import CheckReport, PlanLocation


@dataclass(frozen=True)
class Filters:
    requirements: frozenset[str] = frozenset()
    plans: frozenset[str] = frozenset()
    years: frozenset[int] = frozenset()
    leads: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()

    def keep(self, finding: Finding, plans: dict[str, Plan]) -> bool:
        if self.requirements and not {finding.requirement, f"{finding.plan}:{finding.requirement}"} & self.requirements:
            return False
        if self.plans and finding.plan not in self.plans:
            return False
        if self.years and finding.period_end.year not in self.years:
            return False
        if self.leads and not self.leads.intersection(finding.lead):
            return False
        return not self.statuses or finding.status.value in self.statuses


@dataclass(frozen=True)
class CheckOptions:
    files: tuple[str, ...]
    as_of: date
    within: timedelta = timedelta(days=30)
    strict: bool = False
    filters: Filters = field(default_factory=Filters)
    plan_files: tuple[str, ...] = ()


@dataclass(frozen=True)
class CheckOutcome:
    report: CheckReport | None
    problems: list[Problem]
    failed: bool


def run_check(options: CheckOptions) -> CheckOutcome:
    try:
        catalogue = load_catalogue(options.plan_files)
    except InputError as error:
        return CheckOutcome(None, error.problems, True)
    logs, problems = load_logs(options.files, catalogue)
    units, merge_problems = merge(logs)
    problems += merge_problems
    if problems:
        return CheckOutcome(None, problems, True)
    plans: dict[str, Plan] = {}
    locations: dict[str, PlanLocation] = {
        key: PlanLocation(s.display_path, s.requirement_lines) for key, s in catalogue.plans.items()
    }
    findings: list[Finding] = []
    for source in units:
        plans.update({plan.id: plan for plan in source.unit.plans})
        findings.extend(evaluate(source.unit, options.as_of))
    kept = tuple(f for f in findings if options.filters.keep(f, plans))
    report = CheckReport(
        as_of=options.as_of,
        findings=kept,
        coming_due=tuple(coming_due(kept, options.as_of, options.within)),
        plans={**{key: s.plan for key, s in catalogue.plans.items()}, **plans},
        plan_locations=locations,
        unit_files={(s.unit.name, s.unit.region): s.files for s in units},
        within_days=options.within.days,
    )
    return CheckOutcome(report, [], failing(kept, strict=options.strict))


def render(report: CheckReport, kind: str, *, width: int = 80, color: bool = False) -> str:
    """The report in one format (imports only the reporter needed)."""
    if kind == "table":
        from ecoplan_cli.report import table

        return table.render(report, width=width, color=color)
    if kind == "json":
        from ecoplan_cli.report import json_report

        return json_report.render(report)
    if kind == "junit":
        from ecoplan_cli.report import junit

        return junit.render(report)
    if kind == "sarif":
        from ecoplan_cli.report import sarif

        return sarif.render(report)
    if kind == "github":
        from ecoplan_cli.report import github

        return github.render(report)
    if kind == "csv":
        from ecoplan_cli.report import csv_report

        return csv_report.render(report)
    raise ValueError(f"unknown format {kind}")
