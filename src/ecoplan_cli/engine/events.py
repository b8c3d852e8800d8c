"""Deadlines that run from an event, not from the calendar: the joint meeting's notice, topics and minutes (重庆
附件2), a district's authoritative information and press conference after an incident (x / xx hours).

A log records the event as an activity of the rule's event requirement (the meeting under CQ-A2-5) and each
follow-up as an activity naming the rule (CQ-A2-6/notice) with `event: <id of the event activity>`. Every rule is
evaluated for every event, once:

- **before** the event, N days: due on the event's (first) day minus N; checked by date.
- **after** the event, N days: due on the event's (last) day plus N, calendar days; checked by date.
- **after** the event, N hours: due N hours after the event's date-time (Beijing time). An event recorded without a
  time is taken at the end of its day, and a follow-up without a time at the start of its day: the window is never
  shorter than the rule's, so a follow-up is called late only when it certainly was (the finding says `untimed`).

met: a follow-up inside the window (on its edge is inside); gap: done late (by how much), or not done and the window
has closed; open: not done and the window still running as of the as-of date (with its due date or time). Events of a
future date count (a planned meeting makes its notice due 15 days before); follow-ups after the as-of date do not.
Pure functions: no I/O, no printing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from ecoplan_cli.engine.applicability import GOVERNMENT_LEVELS
from ecoplan_cli.engine.evaluate import CountedActivity, Finding, Status, Unit
from ecoplan_cli.engine.event_types import EventWindow, Timing
from ecoplan_cli.engine.references import Target
from ecoplan_cli.model import Direction, Level, Plan, Recurrence, RelativeDeadline, Requirement

DAY = dt.timedelta(days=1)


def rule_binds(rule: RelativeDeadline, level: Level) -> bool:
    return level in rule.levels or (Level.ANY in rule.levels and level in GOVERNMENT_LEVELS)


def answers_for(unit: Unit, requirement: Requirement, rule: RelativeDeadline) -> bool:
    """With lead_as, a rule applies when one of its actors (its own lead, else the requirement's) is the unit's."""
    return not unit.lead_as or bool(unit.lead_as.intersection(rule.lead or requirement.lead))


def offset_of(plan: Plan, rule: RelativeDeadline) -> int | None:
    """The rule's number of days or hours; None while its parameter is left empty."""
    if rule.offset_param is not None:
        parameter = plan.params.get(rule.offset_param)
        return parameter.value if parameter is not None else None
    return rule.days if rule.days is not None else rule.hours


def is_event(target: Target, plan: Plan, rule: RelativeDeadline) -> bool:
    """Whether an activity naming `target` is an event `rule` runs from (REQ names the requirement's obligations,
    not its rules: a notice naming CQ-A2-6/notice is the event only of a rule whose event says CQ-A2-6/notice)."""
    requirement_id, _, key = rule.event.partition("/")
    if target.plan != plan.id or target.requirement != requirement_id:
        return False
    if key:
        return target.obligation == key
    if target.obligation is None:
        return True
    requirement = plan.requirement(requirement_id)
    return requirement is not None and requirement.relative(target.obligation) is None


def followed_rules(target: Target, event_targets: Iterable[Target], plan: Plan) -> list[RelativeDeadline]:
    """The rules a follow-up naming `target` answers for an event whose activity names `event_targets`."""
    if target.plan != plan.id:
        return []
    requirement = plan.requirement(target.requirement)
    if requirement is None:
        return []
    rules = [r for r in requirement.relative_deadlines if target.obligation in (None, r.key)]
    events = list(event_targets)
    return [r for r in rules if any(is_event(t, plan, r) for t in events)]


def _moment(day: dt.date, time: dt.time | None, *, end_of_day: bool) -> dt.datetime:
    if time is not None:
        return dt.datetime.combine(day, time)
    return dt.datetime.combine(day + DAY, dt.time()) if end_of_day else dt.datetime.combine(day, dt.time())


def _hours(delta: dt.timedelta) -> float:
    """Hours to a tenth, a whole number shown whole: 4.5 hours after; 30 hours after."""
    hours = round(delta.total_seconds() / 3600, 1)
    return int(hours) if hours.is_integer() else hours


def evaluate_events(unit: Unit, timing: Mapping[str, Timing], as_of: dt.date) -> list[Finding]:
    """Every relative rule that binds the unit, for every event of it in the plan period, each exactly once."""
    rules = [
        (plan, requirement, rule)
        for plan in unit.plans
        for requirement in plan.requirements
        for rule in requirement.relative_deadlines
        if rule_binds(rule, unit.level) and answers_for(unit, requirement, rule)
    ]
    if not rules:
        return []
    by_id = {a.id: a for a in unit.activities}
    follow_ups: dict[tuple[str, str, str, str], list[CountedActivity]] = {}
    for activity in sorted(unit.activities, key=lambda a: (a.day, a.id)):
        known = timing.get(activity.id)
        if known is None or known.event is None or known.event not in by_id or activity.day > as_of:
            continue
        event = by_id[known.event]
        for plan in unit.plans:
            for target in activity.targets:
                matched = followed_rules(target, event.targets, plan)
                if len(matched) != 1:  # none, or several (CQ-A2-6 from a meeting): names no one rule, counts toward none
                    continue
                if matched[0].direction is Direction.AFTER and activity.day < event.day:
                    continue  # before the event it follows: not counted (event-order)
                follow_ups.setdefault((plan.id, target.requirement, matched[0].key, event.id), []).append(activity)
    findings: list[Finding] = []
    for plan, requirement, rule in rules:
        for event in _events(unit.activities, plan, rule):
            done = follow_ups.get((plan.id, requirement.id, rule.key, event.id), [])
            findings.append(_finding(unit, plan, requirement, rule, event, timing, done, as_of))
    return findings


def _events(activities: Sequence[CountedActivity], plan: Plan, rule: RelativeDeadline) -> list[CountedActivity]:
    inside = (a for a in activities if plan.effective_date <= a.day <= plan.period.end)
    return sorted((a for a in inside if any(is_event(t, plan, rule) for t in a.targets)), key=lambda a: (a.day, a.id))


def _finding(
    unit: Unit,
    plan: Plan,
    requirement: Requirement,
    rule: RelativeDeadline,
    event: CountedActivity,
    timing: Mapping[str, Timing],
    done: Sequence[CountedActivity],
    as_of: dt.date,
) -> Finding:
    offset = offset_of(plan, rule)
    event_timing = timing.get(event.id, Timing(event.day))
    before = rule.direction is Direction.BEFORE
    anchor = event_timing.first if before else event.day
    window = EventWindow(event.id, anchor, rule.direction, offset or 0, "hours" if rule.in_hours else "days", "")
    if offset is None:  # the parameter is not filled in: the rule cannot be judged
        return _make(unit, plan, requirement, rule, event, anchor, anchor, None, 0, Status.UNMEASURED, done, window)
    on_time: list[CountedActivity] = []
    first_late: tuple[CountedActivity, float] | None = None
    if rule.in_hours:
        start = _moment(event.day, event_timing.time, end_of_day=False)
        latest = _moment(event.day, event_timing.time, end_of_day=True) + dt.timedelta(hours=offset)
        untimed = event_timing.time is None
        for follow in done:
            follow_time = timing.get(follow.id, Timing(follow.day)).time
            untimed = untimed or follow_time is None
            at = _moment(follow.day, follow_time, end_of_day=False)
            if at <= latest:
                on_time.append(follow)
            elif first_late is None:
                first_late = (follow, _hours(at - latest))
        # a window closing at midnight closes at the end of the day before (24:00)
        due_day = latest.date() - DAY if latest.time() == dt.time() else latest.date()
        due_text = latest.isoformat(timespec="minutes")  # 2021-07-05T00:00: the end of 4 July
        first_done = done[0] if done else None
        delta = None
        if first_done is not None:
            at = _moment(first_done.day, timing.get(first_done.id, Timing(first_done.day)).time, end_of_day=False)
            delta = _hours(at - start)
        window = _with(window, due_text, first_done, timing, delta, untimed)
        closed = as_of > due_day
    else:
        due_day = anchor - dt.timedelta(days=offset) if before else anchor + dt.timedelta(days=offset)
        for follow in done:
            if follow.day <= due_day:
                on_time.append(follow)
            elif first_late is None:
                first_late = (follow, (follow.day - due_day).days)
        first_done = done[0] if done else None
        delta = None if first_done is None else ((anchor - first_done.day).days if before else (first_done.day - anchor).days)
        window = _with(window, due_day.isoformat(), first_done, timing, delta, False)
        closed = as_of > due_day
    if on_time:
        status = Status.MET
    elif first_late is not None:
        status, window = Status.GAP, _late(window, first_late[1])
    elif closed:
        status = Status.GAP
        overdue = (as_of - due_day).days
        window = _late(window, overdue)
    else:
        status = Status.OPEN
    start_day = due_day if before else anchor
    actual = sum(a.amount(rule.measure) for a in on_time)
    return _make(unit, plan, requirement, rule, event, start_day, due_day, 1, actual, status, done, window)


def _with(
    window: EventWindow,
    due: str,
    first: CountedActivity | None,
    timing: Mapping[str, Timing],
    delta: float | None,
    untimed: bool,
) -> EventWindow:
    done_text = None
    if first is not None:
        time = timing.get(first.id, Timing(first.day)).time
        done_text = first.day.isoformat() + (f"T{time.isoformat(timespec='minutes')}" if time is not None else "")
    return window._replace(due=due, done=done_text, delta=delta, untimed=untimed)


def _late(window: EventWindow, by: float) -> EventWindow:
    return window._replace(late_by=by)


def _make(
    unit: Unit,
    plan: Plan,
    requirement: Requirement,
    rule: RelativeDeadline,
    event: CountedActivity,
    start: dt.date,
    due: dt.date,
    required: int | None,
    actual: int,
    status: Status,
    done: Sequence[CountedActivity],
    window: EventWindow,
) -> Finding:
    return Finding(
        plan=plan.id,
        requirement=requirement.id,
        obligation=rule.key,
        title=requirement.title,
        unit=unit.name,
        region=unit.region,
        level=unit.level,
        recurrence=Recurrence.EVENT,
        period_label=f"event: {event.id}",
        period_start=min(start, due),
        period_end=due,
        due=due,
        measure=rule.measure,
        required=required,
        actual=actual,
        status=status,
        mandatory=rule.mandatory,
        activities=tuple(a.id for a in done),
        lead=tuple(rule.lead or requirement.lead),
        event=event.id,
        window=window,
    )
