"""`calendar --format json`: {from, to, items}. Field names are an interface: add, never rename."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from ecoplan_cli.engine.calendar import CalendarItem


def item_record(item: CalendarItem) -> dict[str, Any]:
    return {
        "date": item.date.isoformat() if item.date is not None else None,
        "kind": item.kind,
        "plan": item.plan,
        "requirement": item.requirement or None,
        "obligation": item.obligation or None,
        "title": item.title,
        "required": item.required,
        "measure": item.measure.value if item.measure is not None else None,
        "lead": list(item.lead),
        "mandatory": item.mandatory,
        "period": item.period_label,
        "status": item.status.value if item.status is not None else None,
        "actual": item.actual,
        "missing_date": item.missing_date,
    }


def render(items: Sequence[CalendarItem], *, first: date, last: date) -> str:
    document = {
        "from": first.isoformat(),
        "to": last.isoformat(),
        "items": [item_record(item) for item in items],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
