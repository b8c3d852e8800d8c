"""What the HTML report counts, gathered in one pass over a run's findings (pure; no I/O, no markup).

Completion rate: of the mandatory, measured obligation-periods that have ended, the share that was met
(met ÷ (met + gap)). Open periods (still running), unmeasured ones (no number stated) and periods waived by an
approved exception are not in it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from ecoplan_cli.engine.evaluate import Finding, Status

UnitKey = tuple[str, str]  # (unit, region)
ReqKey = tuple[str, str]  # (plan, requirement)
K = TypeVar("K")


@dataclass
class Rate:
    """Met and missed mandatory periods (ended), how many are still open, and how many an approved exception
    waived (counted apart: neither met nor missed)."""

    met: int = 0
    gap: int = 0
    open: int = 0
    waived: int = 0

    def add(self, finding: Finding) -> None:
        if finding.status is Status.MET:
            self.met += 1
        elif finding.status is Status.GAP:
            self.gap += 1
        elif finding.status is Status.OPEN:
            self.open += 1
        elif finding.status is Status.WAIVED:
            self.waived += 1

    @property
    def ended(self) -> int:
        return self.met + self.gap

    @property
    def ratio(self) -> float | None:
        return self.met / self.ended if self.ended else None

    @property
    def percent(self) -> str:
        ratio = self.ratio
        return "—" if ratio is None else f"{100 * ratio:.1f}%"


@dataclass
class Cell:
    """One unit × one requirement: its mandatory periods, and its encouraged ones apart."""

    mandatory: Rate = field(default_factory=Rate)
    advisory: Rate = field(default_factory=Rate)


@dataclass
class RequirementUse:
    title: str
    measured: bool = False
    activities: int = 0  # activities counted toward it, all units, all periods (an activity may count in several)


@dataclass
class Counts:
    """Everything the summary, matrix, trends and final view need, one pass over the findings."""

    overall: Rate = field(default_factory=Rate)
    by_plan: dict[str, Rate] = field(default_factory=dict)
    by_section: dict[tuple[str, str], Rate] = field(default_factory=dict)
    by_level: dict[str, Rate] = field(default_factory=dict)
    by_year: dict[int, Rate] = field(default_factory=dict)
    by_quarter: dict[tuple[int, int], Rate] = field(default_factory=dict)
    units: dict[UnitKey, Rate] = field(default_factory=dict)
    unit_levels: dict[UnitKey, str] = field(default_factory=dict)
    cells: dict[UnitKey, dict[ReqKey, Cell]] = field(default_factory=dict)
    requirements: dict[ReqKey, RequirementUse] = field(default_factory=dict)
    by_requirement: dict[ReqKey, Rate] = field(default_factory=dict)
    statuses: Counter[str] = field(default_factory=Counter)
    last_period_end: dict[str, str] = field(default_factory=dict)  # plan → latest period end seen (ISO)


def section_of(section: str) -> str:
    """The part of a requirement's `section` a summary groups by: the 专栏 of a national item, the action (一)…(十)
    of a 附件1 row ("二、主要任务（三）开展新闻宣传与舆论引导行动 2.做好新闻发布；附件1 第16行" → its first words)."""
    head = section.split("；", 1)[0].strip()
    if "专栏" in head:
        box = head[head.index("专栏") :]
        return box.rsplit(" ", 1)[0] if " " in box else box
    return head.split(" ", 1)[0]


def count(findings: Iterable[Finding], sections: dict[ReqKey, str]) -> Counts:
    """One pass: rates by plan, section, level, year, quarter, unit, unit × requirement; activities per requirement."""
    counts = Counts()
    for finding in findings:
        unit: UnitKey = (finding.unit, finding.region)
        req: ReqKey = (finding.plan, finding.requirement)
        counts.statuses[finding.status.value] += 1
        counts.unit_levels.setdefault(unit, finding.level.value)
        use = counts.requirements.get(req)
        if use is None:
            use = counts.requirements[req] = RequirementUse(finding.title)
        use.activities += len(finding.activities)
        row = counts.cells.setdefault(unit, {})
        units = counts.units.setdefault(unit, Rate())
        if finding.required is None:
            continue
        use.measured = True
        cell = row.get(req)
        if cell is None:
            cell = row[req] = Cell()
        if not finding.mandatory:
            cell.advisory.add(finding)
            continue
        cell.mandatory.add(finding)
        units.add(finding)
        counts.overall.add(finding)
        end = finding.period_end
        _bump(counts.by_plan, finding.plan, finding)
        _bump(counts.by_level, finding.level.value, finding)
        _bump(counts.by_year, end.year, finding)
        _bump(counts.by_quarter, (end.year, (end.month - 1) // 3 + 1), finding)
        _bump(counts.by_requirement, req, finding)
        _bump(counts.by_section, (finding.plan, sections.get(req, "")), finding)
        iso = end.isoformat()
        if iso > counts.last_period_end.get(finding.plan, ""):
            counts.last_period_end[finding.plan] = iso
    return counts


def _bump(table: dict[K, Rate], key: K, finding: Finding) -> None:
    rate = table.get(key)
    if rate is None:
        rate = table[key] = Rate()
    rate.add(finding)


def worst_first(rates: dict[UnitKey, Rate]) -> list[UnitKey]:
    """Units ordered worst first: lowest completion rate, then most gaps; units with nothing ended last."""

    def key(unit: UnitKey) -> tuple[int, float, int, str, str]:
        rate = rates[unit]
        ratio = rate.ratio
        return (ratio is None, ratio if ratio is not None else 0.0, -rate.gap, unit[1], unit[0])

    return sorted(rates, key=key)
