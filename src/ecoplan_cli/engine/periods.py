"""Periods: the one place that knows what a month, a quarter, a half-year, a year and a school year are.

A period is a closed range of days [start, end]. Periodic recurrences tile the calendar; `once` and `plan_period`
have a single period that ends on the obligation's deadline.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from ecoplan_cli.model import Recurrence

CALENDAR_RECURRENCES = (
    Recurrence.WEEKLY,
    Recurrence.MONTHLY,
    Recurrence.BIMONTHLY,
    Recurrence.QUARTERLY,
    Recurrence.SEMIANNUAL,
    Recurrence.ANNUAL,
    Recurrence.SCHOOL_YEAR,
)

_MONTHS_PER_PERIOD = {
    Recurrence.MONTHLY: 1,
    Recurrence.BIMONTHLY: 2,
    Recurrence.QUARTERLY: 3,
    Recurrence.SEMIANNUAL: 6,
    Recurrence.ANNUAL: 12,
}


@dataclass(frozen=True, order=True)
class Period:
    """A required period: its first and last day (both counted) and its label (2024Q1, 2024-03, 2024)."""

    start: date
    end: date
    label: str

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


def _month_end(year: int, month: int) -> date:
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    return first_of_next - timedelta(days=1)


def _label(recurrence: Recurrence, start: date) -> str:
    match recurrence:
        case Recurrence.WEEKLY:
            year, week, _ = start.isocalendar()
            return f"{year}-W{week:02d}"
        case Recurrence.MONTHLY:
            return f"{start.year}-{start.month:02d}"
        case Recurrence.BIMONTHLY:
            return f"{start.year}-B{(start.month + 1) // 2}"
        case Recurrence.QUARTERLY:
            return f"{start.year}-Q{(start.month + 2) // 3}"
        case Recurrence.SEMIANNUAL:
            return f"{start.year}-H{(start.month + 5) // 6}"
        case Recurrence.ANNUAL:
            return f"{start.year}"
        case Recurrence.SCHOOL_YEAR:
            return f"{start.year}/{(start.year + 1) % 100:02d}"
    raise ValueError(f"{recurrence} has no calendar periods")


def period_containing(recurrence: Recurrence, day: date) -> Period:
    """The calendar period of `recurrence` that contains `day`."""
    if recurrence is Recurrence.WEEKLY:
        start = day - timedelta(days=day.weekday())
        return Period(start, start + timedelta(days=6), _label(recurrence, start))
    if recurrence is Recurrence.SCHOOL_YEAR:
        first_year = day.year if day.month >= 9 else day.year - 1
        start = date(first_year, 9, 1)
        return Period(start, date(first_year + 1, 8, 31), _label(recurrence, start))
    months = _MONTHS_PER_PERIOD.get(recurrence)
    if months is None:
        raise ValueError(f"{recurrence} has no calendar periods")
    first_month = (day.month - 1) // months * months + 1
    start = date(day.year, first_month, 1)
    return Period(start, _month_end(day.year, first_month + months - 1), _label(recurrence, start))


def calendar_periods(recurrence: Recurrence, first: date, last: date) -> Iterator[Period]:
    """Every period of `recurrence` that overlaps [first, last], in order."""
    if last < first:
        return
    period = period_containing(recurrence, first)
    while period.start <= last:
        yield period
        period = period_containing(recurrence, period.end + timedelta(days=1))


def deadline_period(start: date, deadline: date) -> Period:
    """The single period of a one-off task: from `start` up to and including its deadline."""
    return Period(start, deadline, f"≤{deadline.isoformat()}")
