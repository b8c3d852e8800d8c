"""Evaluation: a unit's activities against the obligations that bind it, period by period."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from ecoplan_cli.engine.applicability import binds, periods_started_by
from ecoplan_cli.engine.counting import Counted, Filed, counted
from ecoplan_cli.engine.counting import counts_toward as counts_toward  # re-exported: engine/exceptions.py
from ecoplan_cli.engine.periods import Period
from ecoplan_cli.model import Level, Measure, Obligation, Plan, Recurrence, Requirement
from ecoplan_cli.model.ids import natural_key
from ecoplan_cli.model.unit import CountedActivity as CountedActivity  # re-exported: the engine's input
from ecoplan_cli.model.unit import Unit as Unit

if TYPE_CHECKING:
    from ecoplan_cli.engine.event_types import EventWindow
    from ecoplan_cli.engine.exceptions import Waiver


class Status(StrEnum):
    MET = "met"  # enough was done in the period
    GAP = "gap"  # the period has ended without enough
    OPEN = "open"  # the period is running and not yet enough
    UNMEASURED = "unmeasured"  # no number is stated: activities are listed, nothing is judged
    WAIVED = "waived"  # covered by a live approved exception (waive, or close: 销号): counted apart, never a failure


@dataclass(frozen=True, slots=True)
class Finding:
    """One obligation of one unit in one period: met, gap, open, unmeasured or waived, and why."""

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
    via: tuple[str, ...] = ()  # requirements whose activities count here through `implements` (CQ-79 for ZL10-1)
    event: str | None = None  # a relative rule's finding: the id of the event activity its window runs from
    window: EventWindow | None = None  # … and that window (engine/events.py)

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


def status_of(required: int | None, actual: int, period_end: date, as_of: date) -> Status:
    if required is None:
        return Status.UNMEASURED
    if actual >= required:
        return Status.MET
    return Status.GAP if as_of > period_end else Status.OPEN


def evaluate(unit: Unit, as_of: date, *, credit: bool = True) -> list[Finding]:
    """Every (obligation, period) that binds `unit` and has begun by `as_of`, each exactly once, in a stable order.

    An activity counts in the period its day falls in (a multi-day activity: its last day), toward the obligations
    its references name, in the obligation's counting word (one that brings nothing in that word is not counted;
    engine/accounting.py says why); activities dated after `as_of` have not happened yet. With `credit`, a reference
    also counts toward the parent plan's items its requirement implements (engine/credit.py), shown as `via`.
    Linear in activities: engine/counting.py files them once and each period bisects their days.
    """
    findings: list[Finding] = []
    plans = {plan.id: plan for plan in unit.plans}
    credit = credit and any(plan.implements in plans for plan in unit.plans)  # a log answering one plan: no credit
    filed = Filed(unit.activities, plans, as_of, credit)
    sort_keys: dict[str, str] = {}
    for plan in unit.plans:
        for requirement in plan.requirements:
            if not unit.answers_for(requirement):
                continue
            for obligation in requirement.obligations:
                if not binds(obligation, unit.level):
                    continue
                periods = list(periods_started_by(plan, obligation, as_of))
                if periods:
                    findings.extend(_findings(unit, plan, requirement, obligation, periods, filed, as_of))
            sort_keys[requirement.id] = natural_key(requirement.id)
    if any(plan.has_relative_deadlines for plan in unit.plans):  # deadlines that run from an event: engine/events.py
        from ecoplan_cli.engine.events import evaluate_events

        findings.extend(evaluate_events(unit, unit.timing, as_of))

    def order(finding: Finding) -> tuple[str, str, date, str, str]:  # Finding.sort_key: unit and region are the unit's
        requirement = finding.requirement
        natural = sort_keys.get(requirement)
        if natural is None:
            natural = sort_keys[requirement] = natural_key(requirement)
        return (finding.plan, natural, finding.period_start, finding.obligation, finding.subunit or "")

    findings.sort(key=order)
    return findings


def _findings(
    unit: Unit,
    plan: Plan,
    requirement: Requirement,
    obligation: Obligation,
    periods: Sequence[Period],
    filed: Filed,
    as_of: date,
) -> list[Finding]:
    """The findings of one obligation: each period (and sub-unit, for a per-sub-unit obligation), in order."""
    found = counted(filed, plan, requirement, obligation)
    scopes: Sequence[str | None] = plan.subunits.get(obligation.per, ()) if obligation.per else (None,)
    by_scope: dict[str | None, Counted] = found.scoped(dict.fromkeys(scopes)) if obligation.per else {None: found}
    # the fields every finding of this obligation shares, in Finding's order
    head = (plan.id, requirement.id, obligation.key, requirement.title, unit.name, unit.region, unit.level)
    recurrence, measure, required = obligation.recurrence, obligation.measure, obligation.required
    mandatory, lead = obligation.mandatory, _lead(requirement)
    findings = []
    for period in periods:
        start, end = period.start, period.end
        short = Status.GAP if as_of > end else Status.OPEN
        for scope in scopes:
            ids, actual, via = by_scope[scope].take(start, end)
            status = Status.UNMEASURED if required is None else Status.MET if actual >= required else short
            findings.append(
                Finding(
                    *head,
                    recurrence,
                    period.label,
                    start,
                    end,
                    end,
                    measure,
                    required,
                    actual,
                    status,
                    mandatory,
                    ids,
                    lead,
                    scope,
                    None,
                    None,
                    via,
                )
            )
    return findings


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
