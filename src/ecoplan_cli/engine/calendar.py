"""The calendar: every due date and dated observance of the plans in a window of days. Pure functions, no I/O.

Due dates follow the engine's own periods (`required_periods`): an item is listed when its period ends inside the
window, on that last day. Unmeasured obligations have no due date and are left out. Observances are listed on the
day `Observance.on(year)` gives; where it gives none, `undated_observances` says so and never invents a day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from ecoplan_cli.engine.applicability import binds, required_periods
from ecoplan_cli.engine.evaluate import Finding, Status
from ecoplan_cli.model import Level, Measure, Plan, Recurrence
from ecoplan_cli.model.ids import natural_key

ItemKind = Literal["due", "observance"]


@dataclass(frozen=True)
class CalendarItem:
    """One line of the calendar: an obligation's due date, or an observance's day.

    Observances have no requirement, obligation, count or lead (those fields are empty); an undated observance has
    `date` None, `missing_date` True and the year it is missing for as `period_label`.
    """

    date: dt.date | None
    kind: ItemKind
    plan: str
    requirement: str
    obligation: str
    title: str
    required: int | None
    measure: Measure | None
    lead: tuple[str, ...]
    mandatory: bool
    period_label: str
    period_start: dt.date | None
    quote: str
    note: str | None
    recurrence: Recurrence | None = None
    status: Status | None = None
    actual: int | None = None
    missing_date: bool = False

    @property
    def ident(self) -> str:
        """REQ/obligation for a due item, the observance's name otherwise."""
        return f"{self.requirement}/{self.obligation}" if self.kind == "due" else self.title

    @property
    def sort_key(self) -> tuple[dt.date, str, str, str, str, str]:
        return (
            self.date or dt.date.min,
            self.plan,
            natural_key(self.requirement),
            self.obligation,
            self.kind,
            self.title,
        )


def year_window(year: int) -> tuple[dt.date, dt.date]:
    """1 January … 31 December of `year`."""
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _due_items(
    plan: Plan, level: Level | None, first: dt.date, last: dt.date, leads: frozenset[str], mandatory_only: bool
) -> Iterable[CalendarItem]:
    for requirement in plan.requirements:
        if leads and not leads.intersection(requirement.lead):
            continue
        for obligation in requirement.obligations:
            if not obligation.measured:
                continue
            if level is not None and not binds(obligation, level):
                continue
            if mandatory_only and not obligation.mandatory:
                continue
            for period in required_periods(plan, obligation):
                if period.end > last:
                    break
                if period.end < first:
                    continue
                yield CalendarItem(
                    date=period.end,
                    kind="due",
                    plan=plan.id,
                    requirement=requirement.id,
                    obligation=obligation.key,
                    title=requirement.title,
                    required=obligation.required,
                    measure=obligation.measure,
                    lead=tuple(requirement.lead),
                    mandatory=obligation.mandatory,
                    period_label=period.label,
                    period_start=period.start,
                    quote=requirement.quote,
                    note=obligation.note,
                    recurrence=obligation.recurrence,
                )


def _years(plan: Plan, first: dt.date, last: dt.date) -> range:
    """The years in which the window and the plan period overlap."""
    start = max(first, plan.period.start)
    end = min(last, plan.period.end)
    return range(start.year, end.year + 1) if start <= end else range(0)


def _observance_items(plans: Sequence[Plan], first: dt.date, last: dt.date) -> list[CalendarItem]:
    """Dated observances in the window and in force under their plan; one per (name, day) across plans."""
    seen: set[tuple[str, dt.date]] = set()
    items: list[CalendarItem] = []
    for plan in plans:
        for year in _years(plan, first, last):
            for observance in plan.observances:
                day = observance.on(year)
                if day is None or not (first <= day <= last) or not (plan.period.start <= day <= plan.period.end):
                    continue
                if (observance.name, day) in seen:
                    continue
                seen.add((observance.name, day))
                items.append(_observance(plan, observance.name, observance.note, day, str(year)))
    return items


def _observance(plan: Plan, name: str, note: str | None, day: dt.date | None, label: str) -> CalendarItem:
    return CalendarItem(
        date=day,
        kind="observance",
        plan=plan.id,
        requirement="",
        obligation="",
        title=name,
        required=None,
        measure=None,
        lead=(),
        mandatory=True,
        period_label=label,
        period_start=None,
        quote="",
        note=note,
        missing_date=day is None,
    )


def calendar_items(
    plans: Sequence[Plan],
    level: Level | None,
    first: dt.date,
    last: dt.date,
    *,
    leads: frozenset[str] = frozenset(),
    mandatory_only: bool = False,
) -> list[CalendarItem]:
    """Every due date and dated observance in [first, last], by (date, plan, requirement, obligation).

    level None: every measured obligation, whatever level it binds. `leads` keeps requirements led by one of those
    units (as `Unit.lead_as` does); `leads` and `mandatory_only` select obligations, not observances.
    """
    if last < first:
        return []
    items: list[CalendarItem] = []
    for plan in plans:
        items.extend(_due_items(plan, level, first, last, leads, mandatory_only))
    items.extend(_observance_items(plans, first, last))
    return sorted(items, key=lambda item: item.sort_key)


def with_observance_dates(plans: Sequence[Plan], dates: Mapping[str, Sequence[dt.date]]) -> list[Plan]:
    """The plans with the days a user gives for observances they name but do not date (全国低碳日 …)."""
    result = []
    for plan in plans:
        observances = [
            o.model_copy(update={"dates": sorted({*o.dates, *dates.get(o.name, ())})}) if o.name in dates else o
            for o in plan.observances
        ]
        result.append(plan.model_copy(update={"observances": observances}))
    return result


def undated_observances(plans: Sequence[Plan], first: dt.date, last: dt.date) -> list[CalendarItem]:
    """Observances the plans name with no known date in a year of the window: one item per (name, year)."""
    seen: set[tuple[str, int]] = set()
    items: list[CalendarItem] = []
    for plan in plans:
        for year in _years(plan, first, last):
            for observance in plan.observances:
                if observance.on(year) is not None or (observance.name, year) in seen:
                    continue
                seen.add((observance.name, year))
                items.append(_observance(plan, observance.name, observance.note, None, str(year)))
    return sorted(items, key=lambda item: (item.period_label, item.title, item.plan))


def with_progress(items: Sequence[CalendarItem], findings: Iterable[Finding]) -> list[CalendarItem]:
    """Each due item with the status and count of its Finding, matched by (plan, requirement, obligation, start).

    Items with no finding (their period had not begun by the evaluation date, or the unit is not bound) and
    observances are returned unchanged.
    """
    by_key = {(f.plan, f.requirement, f.obligation, f.period_start): f for f in findings}
    result: list[CalendarItem] = []
    for item in items:
        if item.kind != "due" or item.period_start is None:
            result.append(item)
            continue
        finding = by_key.get((item.plan, item.requirement, item.obligation, item.period_start))
        if finding is not None:
            item = replace(item, status=finding.status, actual=finding.actual)
        result.append(item)
    return result
