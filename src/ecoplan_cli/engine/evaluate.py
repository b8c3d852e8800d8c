"""Evaluation: a unit's activities against the obligations that bind it, period by period."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from ecoplan_cli.engine.applicability import binds, periods_started_by
from ecoplan_cli.engine.periods import Period
from ecoplan_cli.engine.references import Target
from ecoplan_cli.model import Level, Measure, Obligation, Plan, Recurrence, Requirement
from ecoplan_cli.model.common import OCCURRENCE_MEASURES
from ecoplan_cli.model.ids import natural_key

if TYPE_CHECKING:
    from ecoplan_cli.engine.exceptions import Waiver


class Status(StrEnum):
    MET = "met"  # enough was done in the period
    GAP = "gap"  # the period has ended without enough
    OPEN = "open"  # the period is running and not yet enough
    UNMEASURED = "unmeasured"  # no number is stated: activities are listed, nothing is judged
    WAIVED = "waived"  # covered by a live approved exception (waive, or close: 销号): counted apart, never a failure


class CountedActivity(NamedTuple):
    """What the engine needs of an activity: when it counts, how much, toward what (a light tuple: there are many)."""

    id: str
    day: date
    targets: tuple[Target, ...]
    amounts: Mapping[Measure, int] = MappingProxyType({})
    subunit: str | None = None

    def amount(self, measure: Measure) -> int:
        if not self.amounts:
            return 1 if measure in OCCURRENCE_MEASURES else 0
        return self.amounts.get(measure, 0)


@dataclass(frozen=True)
class Unit:
    """A reporting unit: who it is, its region and level, the plans it answers to, and what it did."""

    name: str
    region: str
    level: Level
    plans: tuple[Plan, ...]
    activities: tuple[CountedActivity, ...]
    lead_as: frozenset[str] = frozenset()

    def answers_for(self, requirement: Requirement) -> bool:
        """With lead_as, only requirements led by one of those units; otherwise every requirement."""
        return not self.lead_as or bool(self.lead_as.intersection(requirement.lead))


@dataclass(frozen=True, slots=True)
class Finding:
    plan: str
    requirement: str
    obligation: str
    title: str
    unit: str
    region: str
    level: Level
    recurrence: Recurrence
    period_label: str
    period_start: date
    period_end: date
    due: date
    measure: Measure
    required: int | None
    actual: int
    status: Status
    mandatory: bool
    activities: tuple[str, ...]
    lead: tuple[str, ...]
    subunit: str | None = None  # the 街道/社区 of a per-sub-unit obligation
    exception: Waiver | None = None  # the approved exception that covers it (live or expired)
    baseline: str | None = None  # against a baseline report: new, unchanged, updated or fixed

    @property
    def missing(self) -> int:
        return 0 if self.required is None else max(0, self.required - self.actual)

    @property
    def sort_key(self) -> tuple[str, str, str, str, date, str, str]:
        return (
            self.unit,
            self.region,
            self.plan,
            natural_key(self.requirement),
            self.period_start,
            self.obligation,
            self.subunit or "",
        )


def counts_toward(target: Target, plan: Plan, requirement: Requirement, obligation: Obligation) -> bool:
    """Whether an activity naming `target` counts toward this obligation."""
    if target.plan != plan.id or target.requirement != requirement.id:
        return False
    if target.obligation is not None:
        return target.obligation == obligation.key
    return not obligation.explicit_only


def status_of(required: int | None, actual: int, period_end: date, as_of: date) -> Status:
    if required is None:
        return Status.UNMEASURED
    if actual >= required:
        return Status.MET
    return Status.GAP if as_of > period_end else Status.OPEN


def evaluate(unit: Unit, as_of: date) -> list[Finding]:
    """Every (obligation, period) that binds `unit` and has begun by `as_of`, each exactly once, in a stable order.

    An activity counts in the period its day falls in (a multi-day activity: its last day), toward the obligations
    its references name, in the obligation's counting word; activities dated after `as_of` have not happened yet.
    """
    findings: list[Finding] = []
    by_requirement: dict[tuple[str, str], list[tuple[CountedActivity, Target]]] = {}
    for activity in sorted(unit.activities, key=lambda a: (a.day, a.id)):
        if activity.day <= as_of:
            for target in activity.targets:
                by_requirement.setdefault((target.plan, target.requirement), []).append((activity, target))
    for plan in unit.plans:
        for requirement in plan.requirements:
            if not unit.answers_for(requirement):
                continue
            named = by_requirement.get((plan.id, requirement.id), [])
            for obligation in requirement.obligations:
                if not binds(obligation, unit.level):
                    continue
                relevant = list({a.id: a for a, t in named if counts_toward(t, plan, requirement, obligation)}.values())
                scopes: list[str | None] = list(plan.subunits.get(obligation.per, ())) if obligation.per else [None]
                for period in periods_started_by(plan, obligation, as_of):
                    in_period = [a for a in relevant if period.start <= a.day <= period.end]
                    for scope in scopes:
                        inside = in_period if scope is None else [a for a in in_period if a.subunit == scope]
                        findings.append(_finding(unit, plan, requirement, obligation, period, inside, as_of, scope))
    findings.sort(key=lambda f: f.sort_key)
    return findings


def _finding(
    unit: Unit,
    plan: Plan,
    requirement: Requirement,
    obligation: Obligation,
    period: Period,
    inside: Sequence[CountedActivity],
    as_of: date,
    subunit: str | None,
) -> Finding:
    actual = sum(a.amount(obligation.measure) for a in inside)
    required = obligation.required
    return Finding(
        plan=plan.id,
        requirement=requirement.id,
        obligation=obligation.key,
        title=requirement.title,
        unit=unit.name,
        region=unit.region,
        level=unit.level,
        recurrence=obligation.recurrence,
        period_label=period.label,
        period_start=period.start,
        period_end=period.end,
        due=period.end,
        measure=obligation.measure,
        required=required,
        actual=actual,
        status=status_of(required, actual, period.end, as_of),
        mandatory=obligation.mandatory,
        activities=tuple(a.id for a in inside),
        lead=_lead(requirement),
        subunit=subunit,
    )


_LEADS: dict[int, tuple[tuple[str, ...], Requirement]] = {}


def _lead(requirement: Requirement) -> tuple[str, ...]:
    """The requirement's lead units as one tuple shared by all its findings (there can be half a million)."""
    cached = _LEADS.get(id(requirement))
    if cached is None or cached[1] is not requirement:
        cached = _LEADS[id(requirement)] = (tuple(requirement.lead), requirement)
    return cached[0]


def coming_due(findings: Iterable[Finding], as_of: date, within: timedelta) -> list[Finding]:
    """Open periods and one-off deadlines falling due within the window, soonest first."""
    horizon = as_of + within
    due = [f for f in findings if f.status is Status.OPEN and f.due <= horizon]
    return sorted(due, key=lambda f: (f.due, *f.sort_key))
