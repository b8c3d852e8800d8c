"""The calendar's items for deadlines that run from an event: each notice, topic or minutes due from a meeting (or
an incident) the log records — a planned meeting included, so the planner sees its notice fall due 15 days before."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from ecoplan_cli.engine.calendar import CalendarItem
from ecoplan_cli.engine.evaluate import Finding
from ecoplan_cli.model import Plan


def event_items(
    findings: Iterable[Finding], plans: Mapping[str, Plan], first: dt.date, last: dt.date, *, mandatory_only: bool = False
) -> list[CalendarItem]:
    """One due item per (rule, event) whose due date falls in [first, last], with its status as evaluated."""
    items = []
    for finding in findings:
        if finding.event is None or not (first <= finding.due <= last) or (mandatory_only and not finding.mandatory):
            continue
        requirement = plans[finding.plan].requirement(finding.requirement)
        rule = requirement.relative(finding.obligation) if requirement is not None else None
        items.append(
            CalendarItem(
                date=finding.due,
                kind="due",
                plan=finding.plan,
                requirement=finding.requirement,
                obligation=finding.obligation,
                title=finding.title,
                required=finding.required,
                measure=finding.measure,
                lead=finding.lead,
                mandatory=finding.mandatory,
                period_label=finding.period_label,
                period_start=finding.period_start,
                quote=requirement.quote if requirement is not None else "",
                note=rule.note if rule is not None else None,
                recurrence=finding.recurrence,
                status=finding.status,
                actual=finding.actual,
            )
        )
    return items
