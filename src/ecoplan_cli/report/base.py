"""What every reporter receives: the findings of one run, and where things are written down."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from ecoplan_cli.engine.evaluate import Finding, Status
from ecoplan_cli.model import Plan, Requirement


@dataclass(frozen=True)
class PlanLocation:
    path: str  # as shown to users (plans/chongqing_impl.yaml)
    lines: Mapping[str, int]  # requirement id → line


@dataclass(frozen=True)
class CheckReport:
    as_of: date
    findings: tuple[Finding, ...]
    coming_due: tuple[Finding, ...]
    plans: Mapping[str, Plan]
    plan_locations: Mapping[str, PlanLocation]
    unit_files: Mapping[tuple[str, str], tuple[str, ...]]  # (unit, region) → log files
    within_days: int = 30
    generator: str = field(default="ecoplan")

    def requirement(self, finding: Finding) -> Requirement:
        requirement = self.plans[finding.plan].requirement(finding.requirement)
        assert requirement is not None
        return requirement

    def log_file(self, finding: Finding) -> str:
        files = self.unit_files.get((finding.unit, finding.region), ())
        return files[0] if files else ""

    def plan_line(self, finding: Finding) -> tuple[str, int]:
        location = self.plan_locations.get(finding.plan)
        if location is None:
            return ("", 1)
        return (location.path, location.lines.get(finding.requirement, 1))


def summary(findings: tuple[Finding, ...]) -> dict[str, int]:
    """Counts by status; `advisory` counts unmet encouraged obligations (gaps that never fail a run)."""
    counts = Counter(f.status.value for f in findings)
    advisory = sum(1 for f in findings if f.status is Status.GAP and not f.mandatory)
    return {
        "met": counts.get("met", 0),
        "gap": counts.get("gap", 0) - advisory,
        "open": counts.get("open", 0),
        "unmeasured": counts.get("unmeasured", 0),
        "advisory": advisory,
    }


def finding_id(finding: Finding) -> str:
    """A stable identity for a finding: the same obligation-period of the same unit, run after run."""
    where = f"{finding.region}/{finding.unit}" + (f"/{finding.subunit}" if finding.subunit else "")
    return f"{finding.plan}:{finding.requirement}/{finding.obligation}@{where}#{finding.period_label}"


def required_text(finding: Finding) -> str:
    if finding.required is None:
        return "—"
    return f"{finding.actual}/{finding.required} {finding.measure.value}"
