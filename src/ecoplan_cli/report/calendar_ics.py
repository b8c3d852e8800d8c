"""`calendar --format ics`: RFC 5545 all-day events, one per due date and dated observance.

Output is deterministic: UIDs are hashes of what an event is (so a re-import updates rather than duplicates), and
DTSTAMP is the run's as-of instant (the as-of day, 00:00 UTC), never the clock. LAST-MODIFIED is that instant too,
and SEQUENCE counts days from 2020-01-01 to it: an export made later, whose text (progress, status, plan wording)
may have changed, always carries a higher SEQUENCE, so subscribed calendars replace the stale version instead of
keeping it; the same as-of gives the same bytes. Every calendar holds the VTIMEZONE of China Standard Time, so a
window with no event is still a valid RFC 5545 calendar (which needs at least one component). Observances with no
known date are left out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event, Timezone, TimezoneStandard

from ecoplan_cli.engine.calendar import CalendarItem

PRODID = "-//ecoplan//ecoplan calendar//ZH"
UID_DOMAIN = "ecoplan"
SEQUENCE_EPOCH = date(2020, 1, 1)


def china_standard_time() -> Timezone:
    """VTIMEZONE Asia/Shanghai: UTC+8 all year (no daylight saving since 1991)."""
    zone = Timezone()
    zone.add("tzid", "Asia/Shanghai")
    standard = TimezoneStandard()
    standard.add("dtstart", datetime(1970, 1, 1))
    standard.add("tzoffsetfrom", timedelta(hours=8))
    standard.add("tzoffsetto", timedelta(hours=8))
    standard.add("tzname", "CST")
    zone.add_component(standard)
    return zone


def item_uid(item: CalendarItem, region: str = "") -> str:
    """ecoplan-<sha1[:16]>@ecoplan from plan, requirement, obligation, period and region (observances: name, day)."""
    if item.kind == "due":
        parts = ["due", item.plan, item.requirement, item.obligation, item.period_label, region]
    else:
        # Not the plan: the same observance named by two plans is one event, whichever plans are selected.
        parts = ["observance", item.title, item.date.isoformat() if item.date else item.period_label, region]
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8"), usedforsecurity=False).hexdigest()
    return f"ecoplan-{digest[:16]}@{UID_DOMAIN}"


def _summary(item: CalendarItem) -> str:
    if item.kind == "observance":
        return item.title
    required = f" ≥{item.required}{item.measure.value}" if item.required is not None and item.measure else ""
    encouraged = "（鼓励）" if not item.mandatory else ""
    return f"{item.ident} {item.title}{required}{encouraged}"


def _description(item: CalendarItem) -> str:
    if item.kind == "observance":
        return "\n".join(line for line in (f"重要节点：{item.title}", item.note or "", f"计划：{item.plan}") if line)
    lines = [item.quote, f"牵头单位：{'、'.join(item.lead) or '—'}", f"周期：{item.period_label}"]
    if item.required is not None and item.measure is not None:
        lines.append(f"要求：{item.required} {item.measure.value}")
    if not item.mandatory:
        lines.append("鼓励性任务（非强制）")
    if item.status is not None:
        done = f"{item.actual}/{item.required} " if item.actual is not None and item.required is not None else ""
        lines.append(f"进度：{done}{item.status.value}")
    if item.note:
        lines.append(f"说明：{item.note}")
    lines.append(f"计划：{item.plan}")
    return "\n".join(lines)


def render(
    items: Sequence[CalendarItem],
    *,
    alarm_days: int = 7,
    region: str = "",
    first: date | None = None,
    as_of: date | None = None,
) -> str:
    """An iCalendar document. DTSTAMP, LAST-MODIFIED and SEQUENCE come from `as_of` (the run's as-of day); without
    it, from `first` (the window's first day), else the earliest item's date."""
    if alarm_days < 0:
        raise ValueError("alarm_days must not be negative")
    dated = [item for item in items if item.date is not None]
    stamp_day = as_of or first or min((item.date for item in dated if item.date is not None), default=SEQUENCE_EPOCH)
    stamp = datetime.combine(stamp_day, time(0, 0), tzinfo=UTC)
    sequence = max(0, (stamp_day - SEQUENCE_EPOCH).days)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"ecoplan {region}".strip())
    calendar.add("x-wr-timezone", "Asia/Shanghai")
    calendar.add_component(china_standard_time())
    for item in dated:
        assert item.date is not None
        event = Event()
        event.add("uid", item_uid(item, region))
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        event.add("sequence", sequence)
        event.add("dtstart", item.date)
        event.add("dtend", item.date + timedelta(days=1))
        event.add("summary", _summary(item))
        event.add("description", _description(item))
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["ecoplan", "due" if item.kind == "due" else "observance", item.plan])
        if item.kind == "due":
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", _summary(item))
            alarm.add("trigger", timedelta(days=-alarm_days))
            event.add_component(alarm)
        calendar.add_component(event)
    content: bytes = calendar.to_ical()
    return content.decode("utf-8")
