"""How a relative rule's window stands, in words (zh/en): "10 days before; the rule is 15 (5 days late)"."""

from __future__ import annotations

from ecoplan_cli.engine.evaluate import Finding, Status
from ecoplan_cli.messages import text


def event_detail(finding: Finding) -> str | None:
    """The window of an event finding in words; None for a finding of a calendar period."""
    window = finding.window
    if window is None:
        return None
    unit = text(f"unit-{window.unit}")
    direction = window.direction.value
    rule = text(f"event-rule-{direction}", offset=window.offset, unit=unit)
    if finding.status is Status.UNMEASURED:
        return text("event-unset")
    if window.done is not None and window.delta is not None and finding.status is Status.MET:
        detail = text(f"event-done-{direction}", delta=window.delta, unit=unit, offset=window.offset)
    elif window.done is not None and window.delta is not None:
        late = window.late_by or 0
        detail = text(f"event-done-late-{direction}", delta=window.delta, unit=unit, offset=window.offset, late=late)
    elif finding.status is Status.GAP:
        detail = text("event-not-done", due=window.due, rule=rule, late=window.late_by or 0)
    else:
        detail = text("event-open", due=window.due, rule=rule)
    return detail + (text("event-untimed") if window.untimed else "")
