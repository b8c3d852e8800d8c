"""Follow-ups and their events: which references are follow-ups, and why one cannot be counted.

An activity naming a rule (CQ-A2-6/notice), or a requirement that has nothing but rules (CQ-A2-8), must say which
event it follows (`event:`); the event must be an activity of the unit, of the requirement the rule runs from; a rule
after the event cannot be met before it; and the rule must bind the unit (its level, its lead_as). `FollowUps` gives
the accounting law (engine/accounting.py, interface 1) these reasons per (activity, reference), and None for those an
event finding lists: validate reports them at their line and column, check under "Not counted".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cached_property

from ecoplan_cli.engine.evaluate import CountedActivity, Unit
from ecoplan_cli.engine.event_types import LinkIssue, Timing
from ecoplan_cli.engine.events import evaluate_events, followed_rules, rule_binds
from ecoplan_cli.engine.references import Target
from ecoplan_cli.model import Direction, Level, Plan, RelativeDeadline

Reason = tuple[str, tuple[tuple[str, str], ...]]


def _event_of(activity: CountedActivity, timing: Mapping[str, Timing]) -> str | None:
    known = timing.get(activity.id)
    return known.event if known is not None else None


def _owns(activity: CountedActivity, target: Target, timing: Mapping[str, Timing], plans: Mapping[str, Plan]) -> bool:
    """Whether a reference is a follow-up's (this module accounts for it), not an ordinary one."""
    plan = plans.get(target.plan)
    if plan is None:
        return False
    requirement = plan.requirement(target.requirement)
    if requirement is None or not requirement.relative_deadlines:
        return False
    if target.obligation is not None:
        return requirement.relative(target.obligation) is not None
    return _event_of(activity, timing) is not None or not any(not o.explicit_only for o in requirement.obligations)


def _issue(
    activity: CountedActivity,
    target: Target,
    event_id: str | None,
    by_id: Mapping[str, CountedActivity],
    plans: Mapping[str, Plan],
    level: Level | None,
    lead_as: frozenset[str],
) -> LinkIssue | None:
    """Why this follow-up reference can never count; None when it is linked well (or is no follow-up's)."""
    plan = plans.get(target.plan)
    if plan is None or not _owns(activity, target, {activity.id: Timing(activity.day, None, event_id)}, plans):
        return None
    if event_id is None:
        return LinkIssue(activity.id, "requirements", "event-missing", (("ref", _ref(target)),))
    event = by_id.get(event_id)
    if event is None:
        return LinkIssue(activity.id, "event", "event-unknown", (("event", event_id),))
    rules = followed_rules(target, event.targets, plan)
    if not rules:
        return _wrong(activity, event_id, by_id, plans)
    if len(rules) > 1:
        names = ", ".join(f"{target.requirement}/{r.key}" for r in rules)
        return LinkIssue(activity.id, "requirements", "event-ambiguous", (("ref", _ref(target)), ("rules", names)))
    rule = rules[0]
    if rule.direction is Direction.AFTER and activity.day < event.day:
        order = (("date", activity.day.isoformat()), ("event", event.id), ("event_date", event.day.isoformat()))
        return LinkIssue(activity.id, "event", "event-order", order)
    if level is not None and not rule_binds(rule, level):
        levels = ",".join(lv.value for lv in rule.levels)  # codes: the not-counted message names them in the reader's language
        where = (("ref", _ref(target)), ("levels", levels), ("level", level.value))
        return LinkIssue(activity.id, "requirements", "event-rule-level", where)
    lead = rule.lead or _lead_of(target, plan)
    if lead_as and not lead_as.intersection(lead):
        who = (("ref", _ref(target)), ("lead", "、".join(lead) or "—"), ("lead_as", "、".join(sorted(lead_as))))
        return LinkIssue(activity.id, "requirements", "event-rule-lead", who)
    return None


def _wrong(
    activity: CountedActivity, event_id: str | None, by_id: Mapping[str, CountedActivity], plans: Mapping[str, Plan]
) -> LinkIssue:
    event = by_id.get(event_id or "")
    if event is None:
        return LinkIssue(activity.id, "event", "event-unknown", (("event", event_id or "—"),))
    expected = sorted(
        {f"{t.requirement}/{r.key} ← {r.event}" for t in activity.targets if t.plan in plans for r in _rules_of(t, plans[t.plan])}
    )
    found = ", ".join(sorted(_ref(t) for t in event.targets)) or "—"
    params = (("event", event.id), ("found", found), ("expected", "; ".join(expected) or "—"))
    return LinkIssue(activity.id, "event", "event-wrong-requirement", params)


def _lead_of(target: Target, plan: Plan) -> list[str]:
    requirement = plan.requirement(target.requirement)
    return requirement.lead if requirement is not None else []


def _ref(target: Target) -> str:
    return target.requirement + (f"/{target.obligation}" if target.obligation else "")


def _rules_of(target: Target, plan: Plan) -> list[RelativeDeadline]:
    requirement = plan.requirement(target.requirement)
    if requirement is None:
        return []
    return [r for r in requirement.relative_deadlines if target.obligation in (None, r.key)]


class FollowUps:
    """The accounting law for follow-ups: `owns` says whether a reference is a follow-up's; `reason` is None when an
    event finding lists it, else why not (the codes of link_issues, or after-as-of / event-outside-plan)."""

    def __init__(self, unit: Unit, as_of: dt.date | None) -> None:
        self.unit = unit
        self.as_of = as_of
        self.plans = {plan.id: plan for plan in unit.plans}
        findings = evaluate_events(unit, unit.timing, as_of or dt.date.max)
        self.listed = {(a, f.plan, f.requirement) for f in findings for a in f.activities}
        self._owned: dict[tuple[Target, bool], bool] = {}  # per reference and whether the activity follows an event

    @cached_property
    def by_id(self) -> dict[str, CountedActivity]:
        """The unit's activities by id, made at the first follow-up that does not count (most units have none)."""
        return {a.id: a for a in self.unit.activities}

    def owns(self, activity: CountedActivity, target: Target) -> bool:
        key = (target, _event_of(activity, self.unit.timing) is not None)
        found = self._owned.get(key)
        if found is None:
            found = self._owned[key] = _owns(activity, target, self.unit.timing, self.plans)
        return found

    def reason(self, activity: CountedActivity, target: Target) -> Reason | None:
        if (activity.id, target.plan, target.requirement) in self.listed:
            return None
        event_id = _event_of(activity, self.unit.timing)
        issue = _issue(activity, target, event_id, self.by_id, self.plans, self.unit.level, self.unit.lead_as)
        if issue is not None:
            return issue.code, issue.params
        ref = _ref(target)
        if self.as_of is not None and activity.day > self.as_of:
            return "after-as-of", (("ref", ref), ("date", activity.day.isoformat()), ("as_of", self.as_of.isoformat()))
        plan = self.plans[target.plan]
        event_day = self.by_id[event_id].day.isoformat() if event_id in self.by_id else "—"
        period = (("start", plan.effective_date.isoformat()), ("end", plan.period.end.isoformat()))
        return "event-outside-plan", (("ref", ref), ("event", event_id or "—"), ("event_date", event_day), *period)
