"""Periods: every day lies in exactly one period of each recurrence, and periods tile the calendar."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecoplan_cli.engine.periods import CALENDAR_RECURRENCES, calendar_periods, period_containing
from ecoplan_cli.model import Recurrence

days = st.dates(min_value=date(2019, 1, 1), max_value=date(2027, 12, 31))


@pytest.mark.parametrize(
    ("recurrence", "day", "start", "end", "label"),
    [
        (Recurrence.MONTHLY, date(2024, 2, 10), date(2024, 2, 1), date(2024, 2, 29), "2024-02"),
        (Recurrence.BIMONTHLY, date(2024, 4, 30), date(2024, 3, 1), date(2024, 4, 30), "2024-B2"),
        (Recurrence.QUARTERLY, date(2024, 12, 31), date(2024, 10, 1), date(2024, 12, 31), "2024-Q4"),
        (Recurrence.SEMIANNUAL, date(2024, 7, 1), date(2024, 7, 1), date(2024, 12, 31), "2024-H2"),
        (Recurrence.ANNUAL, date(2024, 6, 5), date(2024, 1, 1), date(2024, 12, 31), "2024"),
        (Recurrence.SCHOOL_YEAR, date(2024, 8, 31), date(2023, 9, 1), date(2024, 8, 31), "2023/24"),
        (Recurrence.SCHOOL_YEAR, date(2024, 9, 1), date(2024, 9, 1), date(2025, 8, 31), "2024/25"),
        (Recurrence.WEEKLY, date(2024, 1, 3), date(2024, 1, 1), date(2024, 1, 7), "2024-W01"),
    ],
)
def test_known_periods(recurrence: Recurrence, day: date, start: date, end: date, label: str) -> None:
    period = period_containing(recurrence, day)
    assert (period.start, period.end, period.label) == (start, end, label)


@given(st.sampled_from(CALENDAR_RECURRENCES), days)
def test_the_period_containing_a_day_contains_it(recurrence: Recurrence, day: date) -> None:
    period = period_containing(recurrence, day)
    assert period.start <= day <= period.end
    assert period_containing(recurrence, period.start) == period == period_containing(recurrence, period.end)


@given(st.sampled_from(CALENDAR_RECURRENCES), days, st.integers(min_value=0, max_value=800))
def test_periods_tile_without_gaps_or_overlaps(recurrence: Recurrence, first: date, span: int) -> None:
    periods = list(calendar_periods(recurrence, first, first + timedelta(days=span)))
    assert periods[0].start <= first <= periods[0].end
    for earlier, later in itertools.pairwise(periods):
        assert later.start == earlier.end + timedelta(days=1)
    assert len({p.label for p in periods}) == len(periods)
