"""Which obligations bind a unit, and over which periods they are required."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import cache

from ecoplan_cli.engine.periods import Period, calendar_periods, deadline_period
from ecoplan_cli.model import Level, Obligation, Plan, Recurrence

# 各地 / 各级: every level of government; schools, enterprises and organisations are named when meant.
GOVERNMENT_LEVELS = frozenset({Level.NATIONAL, Level.PROVINCE, Level.PREFECTURE, Level.DISTRICT, Level.COUNTY})


def binds(obligation: Obligation, level: Level) -> bool:
    """Whether an obligation binds a unit of `level`."""
    if level in obligation.levels:
        return True
    return Level.ANY in obligation.levels and level in GOVERNMENT_LEVELS


def required_periods(plan: Plan, obligation: Obligation) -> Iterator[Period]:
    """Every period over which `obligation` is checked, in order.

    - once / plan_period: one period, from the start of the plan period to the deadline.
    - measured calendar recurrences: the periods that begin on or after the plan took effect and end by the end of
      the plan period (or the obligation's own deadline). A period that straddles the effective date is not
      required: a plan issued on 30 June cannot have been missed in that June, that quarter or that year.
    - unmeasured ones (ongoing, or any recurrence with no number): each calendar year that overlaps the time the plan
      is in force, so that the activities recorded toward them are reported year by year.
    """
    return iter(
        _periods(
            obligation.recurrence,
            obligation.measured,
            obligation.deadline,
            plan.effective_date,
            plan.period.start,
            plan.period.end,
        )
    )


@cache
def _periods(
    recurrence: Recurrence, measured: bool, deadline: date | None, effective: date, start: date, end: date
) -> tuple[Period, ...]:
    """The periods, computed once per shape and shared by every unit (a national check has thousands)."""
    last = min(end, deadline or end)
    if recurrence in (Recurrence.ONCE, Recurrence.PLAN_PERIOD):
        assert deadline is not None
        return (deadline_period(start, deadline),)
    if not measured:
        return tuple(calendar_periods(Recurrence.ANNUAL, max(effective, start), last))
    return tuple(p for p in calendar_periods(recurrence, effective, last) if p.start >= effective and p.end <= last)


def periods_started_by(plan: Plan, obligation: Obligation, as_of: date) -> Iterator[Period]:
    """The required periods that have begun by `as_of` (periods wholly in the future are the calendar's)."""
    for period in required_periods(plan, obligation):
        if period.start > as_of:
            return
        yield period
