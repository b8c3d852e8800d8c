"""Evaluation: a unit's activities against the obligations that bind it, period by period."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from ecoplan_cli.engine.applicability import binds, periods_started_by
from ecoplan_cli.engine.credit import Credit, credits_for
from ecoplan_cli.engine.periods import Period
from ecoplan_cli.model import Level, Measure, Obligation, Plan, Recurrence, Requirement
from ecoplan_cli.model.common import OCCURRENCE_MEASURES
from ecoplan_cli.model.ids import natural_key
from ecoplan_cli.model.references import Target
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


def evaluate(unit: Unit, as_of: date, *, credit: bool = True) -> list[Finding]:
    """Every (obligation, period) that binds `unit` and has begun by `as_of`, each exactly once, in a stable order.

    An activity counts in the period its day falls in (a multi-day activity: its last day), toward the obligations
    its references name, in the obligation's counting word (one that brings nothing in that word is not counted;
    engine/accounting.py says why); activities dated after `as_of` have not happened yet. With `credit`, a reference
    also counts toward the parent plan's items its requirement implements (engine/credit.py), shown as `via`.
    """
    findings: list[Finding] = []
    by_requirement: dict[tuple[str, str], list[tuple[CountedActivity, Target, Credit | None]]] = {}
    plans = {plan.id: plan for plan in unit.plans}
    credit = credit and any(plan.implements in plans for plan in unit.plans)  # a log answering one plan: no credit
    credit_cache: dict[Target, tuple[Credit, ...]] = {}
    for activity in sorted(unit.activities, key=lambda a: (a.day, a.id)):
        if activity.day <= as_of:
            for target in activity.targets:
                by_requirement.setdefault((target.plan, target.requirement), []).append((activity, target, None))
                if not credit:
                    continue
                credits = credit_cache.get(target)
                if credits is None:
                    credits = credit_cache[target] = credits_for(plans, target)
                for given in credits:
                    key = (given.target.plan, given.target.requirement)
                    by_requirement.setdefault(key, []).append((activity, given.target, given))
    for plan in unit.plans:
        for requirement in plan.requirements:
            if not unit.answers_for(requirement):
                continue
            named = by_requirement.get((plan.id, requirement.id), [])
            for obligation in requirement.obligations:
                if not binds(obligation, unit.level):
                    continue
                relevant = _relevant(named, plan, requirement, obligation)
                scopes: list[str | None] = list(plan.subunits.get(obligation.per, ())) if obligation.per else [None]
                for period in periods_started_by(plan, obligation, as_of):
                    in_period = [(a, via) for a, via in relevant if period.start <= a.day <= period.end]
                    for scope in scopes:
                        inside = in_period if scope is None else [(a, v) for a, v in in_period if a.subunit == scope]
                        findings.append(_finding(unit, plan, requirement, obligation, period, inside, as_of, scope))
    if any(plan.has_relative_deadlines for plan in unit.plans):  # deadlines that run from an event: engine/events.py
        from ecoplan_cli.engine.events import evaluate_events

        findings.extend(evaluate_events(unit, unit.timing, as_of))
    findings.sort(key=lambda f: f.sort_key)
    return findings


def _relevant(
    named: Sequence[tuple[CountedActivity, Target, Credit | None]], plan: Plan, requirement: Requirement, obligation: Obligation
) -> list[tuple[CountedActivity, str | None]]:
    """The activities that count toward `obligation`, each once, with the requirement any credit came through."""
    measured = obligation.required is not None
    measure = obligation.measure
    occurrence = measure in OCCURRENCE_MEASURES  # a record without amounts is one 次 (场)
    relevant: dict[str, tuple[CountedActivity, str | None]] = {}
    for activity, target, given in named:
        if given is None:
            if not counts_toward(target, plan, requirement, obligation):
                continue
        elif obligation.explicit_only or not measured or measure not in given.measures:
            continue
        if measured and (activity.amounts.get(measure, 0) <= 0 if activity.amounts else not occurrence):
            continue
        if given is None or activity.id not in relevant:
            relevant[activity.id] = (activity, None if given is None else given.via)
    return list(relevant.values())


def _finding(
    unit: Unit,
    plan: Plan,
    requirement: Requirement,
    obligation: Obligation,
    period: Period,
    inside: Sequence[tuple[CountedActivity, str | None]],
    as_of: date,
    subunit: str | None,
) -> Finding:
    actual = sum(a.amount(obligation.measure) for a, _ in inside)
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
        activities=tuple(a.id for a, _ in inside),
        lead=_lead(requirement),
        subunit=subunit,
        via=_via(inside),
    )


def _via(inside: Sequence[tuple[CountedActivity, str | None]]) -> tuple[str, ...]:
    names = {via for _, via in inside if via is not None}
    return tuple(sorted(names)) if names else ()


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
