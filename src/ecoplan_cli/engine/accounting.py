"""Every activity accounted for: each reference of each activity either counts toward a finding or is listed as
not counted, with the reason as a stable code.

The law (tests/engine/test_accounting.py): an activity appears in the activities of some finding exactly when at least
one of its references counts here; every reference that does not count is a NotCounted. The reasons are worked out
per (activity, reference) from per-unit caches, so the cost is linear in activities (never periods × activities).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from ecoplan_cli.engine.applicability import GOVERNMENT_LEVELS, binds, required_periods
from ecoplan_cli.engine.credit import Credit, credits_for
from ecoplan_cli.engine.evaluate import Finding, Status
from ecoplan_cli.model import Level, Measure, Obligation, Plan, Recurrence, Requirement
from ecoplan_cli.model.common import OCCURRENCE_MEASURES
from ecoplan_cli.model.references import Target
from ecoplan_cli.model.unit import CountedActivity, Unit

if TYPE_CHECKING:
    from ecoplan_cli.engine.event_links import FollowUps

# Reasons that no date and no as-of can change: the activity can never count as written (validate: errors).
NEVER_COUNTS = frozenset(
    {"level", "measure", "plan-not-answered", "explicit-only", "lead", "subunit"}
    # a follow-up of an event (engine/event_links.py) that names no event, an unknown one, the wrong one, …
    | {"event-missing", "event-unknown", "event-wrong-requirement", "event-ambiguous", "event-order"}
    | {"event-rule-level", "event-rule-lead"}
)
# Reasons of time: the activity may be right, but falls outside what is required (validate: warnings).
OUT_OF_TIME = frozenset({"before-period", "after-plan", "after-deadline", "after-as-of", "no-period", "event-outside-plan"})


@dataclass(frozen=True)
class NotCounted:
    """One reference of one activity that counts toward no finding, and why (interface 1 in INTERFACES.md)."""

    unit: str
    region: str
    activity: str  # the activity id
    requirement: str  # the reference, as the log wrote it (a resolved one as REQ or REQ/obligation)
    reason: str  # a stable code: before-period | after-plan | after-as-of | level | measure | plan-not-answered | …
    params: tuple[tuple[str, str], ...]  # message parameters
    log_file: str = ""

    @property
    def message(self) -> str:
        from ecoplan_cli.messages import language, text

        params = dict(self.params)
        if "levels" in params:  # level codes are shown in the reader's language
            joiner = "、" if language() == "zh" else ", "
            params["levels"] = joiner.join(text(f"level-{code}") for code in params["levels"].split(","))
        if "level" in params:
            params["level"] = text(f"level-{params['level']}")
        return text(f"uncounted-{self.reason}", **params)

    @property
    def sort_key(self) -> tuple[str, str, str, str, str]:
        return (self.unit, self.region, self.log_file, self.activity, self.requirement)


def is_idle(finding: Finding, as_of: date) -> bool:
    """A duty with a period but no number (每年一批) and nothing recorded in a whole period that has ended: called out
    as advice (never a failure), so that a year of nothing is visible."""
    return (
        finding.status is Status.UNMEASURED
        and not finding.activities
        and finding.recurrence is not Recurrence.ONGOING
        and finding.period_end < as_of
    )


def reference_text(target: Target) -> str:
    return target.requirement if target.obligation is None else f"{target.requirement}/{target.obligation}"


class _Span(NamedTuple):
    """An obligation bound to the unit and named by a reference, with the days its required periods cover."""

    obligation: Obligation
    first: date | None  # None: no required period at all
    last: date | None


@dataclass
class _TargetInfo:
    """What a reference can count toward in this unit, worked out once per reference (not per activity)."""

    blocked: tuple[str, tuple[tuple[str, str], ...]] | None  # a reason that holds for every activity
    spans: tuple[_Span, ...]
    plan: Plan | None
    # the common case, decided without building lists: every span covers the same days [lo, hi], none is per
    # sub-unit, and the activity counts when it brings any of `words` (None: an unmeasured obligation takes anything)
    simple: bool = False
    lo: date | None = None
    hi: date | None = None
    words: frozenset[Measure] | None = None


# What a reference that can count works out to, shared by every unit of the same level answering the same plan (a
# national check has thousands): it depends on nothing else (blocked ones, which name the unit, are not shared).
_SHARED: dict[tuple[Target, frozenset[Measure] | None, Level], tuple[Plan, _TargetInfo]] = {}


class _Quick(NamedTuple):
    """An activity counts through a reference when its day is in [first, last] and, with `words` (else anything
    counts), it brings one of them, or nothing at all and `bare` (a record without amounts is one 次)."""

    first: date
    last: date
    words: tuple[Measure, ...] | None
    bare: bool


class Accountant:
    """Decides, per (activity, reference), whether it counts and why not; caches per reference and per unit."""

    def __init__(self, unit: Unit, as_of: date | None, *, credit: bool = True) -> None:
        self.unit = unit
        self.as_of = as_of
        self.credit = credit
        self.plans: dict[str, Plan] = {plan.id: plan for plan in unit.plans}
        self._info: dict[tuple[Target, frozenset[Measure] | None], _TargetInfo] = {}
        self._credits: dict[Target, tuple[Credit, ...]] = {}
        self._subunits: dict[str, frozenset[str]] = {}
        self._follow_ups: FollowUps | None = None
        if any(plan.has_relative_deadlines for plan in unit.plans):  # follow-ups of events: engine/event_links.py
            from ecoplan_cli.engine.event_links import FollowUps

            self._follow_ups = FollowUps(unit, as_of)

    def credits(self, target: Target) -> tuple[Credit, ...]:
        found = self._credits.get(target)
        if found is None:
            found = self._credits[target] = credits_for(self.plans, target) if self.credit else ()
        return found

    def quick(self, target: Target) -> _Quick | None:
        """For a reference that is no follow-up's and whose obligations all cover the same days, none per sub-unit:
        the test that says, per activity, that it counts (else `reason` works out why not). None: ask `reason`."""
        info = self._target(target, None)
        if info.blocked is not None or not info.simple or info.lo is None or info.hi is None:
            return None
        if self._follow_ups is not None:
            plan = self.plans[target.plan]
            requirement = plan.requirement(target.requirement)
            if requirement is None or requirement.relative_deadlines:  # a follow-up's, perhaps: event_links.py decides
                return None
        last = info.hi if self.as_of is None else min(info.hi, self.as_of)
        words = None if info.words is None else tuple(info.words)
        bare = info.words is not None and not info.words.isdisjoint(OCCURRENCE_MEASURES)
        return _Quick(info.lo, last, words, bare)

    def reason(self, activity: CountedActivity, target: Target) -> tuple[str, tuple[tuple[str, str], ...]] | None:
        """None when the reference counts (directly or through `implements`); else the direct reason."""
        if self._follow_ups is not None and self._follow_ups.owns(activity, target):
            return self._follow_ups.reason(activity, target)
        direct = self._reason(activity, target, None)
        if direct is None:
            return None
        for credit in self.credits(target):
            if self._reason(activity, credit.target, credit.measures) is None:
                return None
        return direct

    def _target(self, target: Target, measures: frozenset[Measure] | None) -> _TargetInfo:
        key = (target, measures)
        info = self._info.get(key)
        if info is None:
            plan = self.plans.get(target.plan)
            shared = _SHARED.get((*key, self.unit.level)) if plan is not None and not self.unit.lead_as else None
            if shared is not None and shared[0] is plan:
                info = shared[1]
            else:
                info = self._work_out(target, measures)
                if plan is not None and info.blocked is None and not self.unit.lead_as:
                    _SHARED[(*key, self.unit.level)] = (plan, info)
            self._info[key] = info
        return info

    def _work_out(self, target: Target, measures: frozenset[Measure] | None) -> _TargetInfo:
        ref = reference_text(target)
        plan = self.plans.get(target.plan)
        requirement = plan.requirement(target.requirement) if plan is not None else None
        if plan is None or requirement is None:
            return _TargetInfo(("plan-not-answered", (("ref", ref), ("plan", target.plan))), (), None)
        if not self.unit.answers_for(requirement):
            lead = "、".join(requirement.lead) or "—"
            lead_as = "、".join(sorted(self.unit.lead_as))
            return _TargetInfo(("lead", (("ref", ref), ("lead", lead), ("lead_as", lead_as))), (), plan)
        named = [o for o in requirement.obligations if _named(target, o, measures)]
        if not named:
            known = ", ".join(f"{requirement.id}/{o.key}" for o in requirement.obligations)
            return _TargetInfo(("explicit-only", (("ref", ref), ("known", known))), (), plan)
        bound = [o for o in named if binds(o, self.unit.level)]
        if not bound:
            bound_levels = {level for o in named for level in o.levels}
            if Level.ANY in bound_levels:  # 各级: every level of government, not schools, enterprises, organisations
                bound_levels = (bound_levels - {Level.ANY}) | GOVERNMENT_LEVELS
            levels = ",".join(level.value for level in Level if level in bound_levels)
            params = (("ref", ref), ("levels", levels), ("level", self.unit.level.value))
            return _TargetInfo(("level", (*params, ("hint", self._suggest(plan, requirement)))), (), plan)
        spans = []
        for obligation in bound:
            periods = tuple(required_periods(plan, obligation))
            spans.append(_Span(obligation, periods[0].start, periods[-1].end) if periods else _Span(obligation, None, None))
        bounds = {(span.first, span.last) for span in spans}
        simple = len(bounds) == 1 and None not in next(iter(bounds)) and not any(o.per for o in bound)
        measured = all(o.required is not None for o in bound)
        words = frozenset(o.measure for o in bound) if measured else None
        lo, hi = next(iter(bounds))
        return _TargetInfo(None, tuple(spans), plan, simple, lo, hi, words)

    def _suggest(self, plan: Plan, requirement: Requirement) -> str:
        """A requirement of the same plan and title (else implementing the same items) that binds this unit."""
        from ecoplan_cli.messages import text

        def fits(other: Requirement) -> bool:
            return other.id != requirement.id and any(binds(o, self.unit.level) for o in other.obligations)

        same_title = [r.id for r in plan.requirements if r.title == requirement.title and fits(r)]
        linked = [r.id for r in plan.requirements if set(r.implements) & set(requirement.implements) and fits(r)]
        choices = same_title or linked
        return text("uncounted-suggest", ids=", ".join(choices)) if choices else ""

    def _subunits_of(self, plan: Plan, kind: str) -> frozenset[str]:
        key = f"{plan.id}\0{kind}"
        found = self._subunits.get(key)
        if found is None:
            found = self._subunits[key] = frozenset(plan.subunits.get(kind, ()))
        return found

    def _reason(
        self, activity: CountedActivity, target: Target, measures: frozenset[Measure] | None
    ) -> tuple[str, tuple[tuple[str, str], ...]] | None:
        info = self._target(target, measures)
        if info.blocked is not None:
            return info.blocked
        day = activity.day
        fast = info.simple and info.lo is not None and info.hi is not None and info.lo <= day <= info.hi
        if fast and (self.as_of is None or day <= self.as_of):
            words, amounts = info.words, activity.amounts
            if words is None:
                return None
            if not amounts:
                if not words.isdisjoint(OCCURRENCE_MEASURES):
                    return None
            elif any(amounts.get(word, 0) > 0 for word in words):
                return None
        assert info.plan is not None
        plan, day, ref = info.plan, activity.day, reference_text(target)
        in_time = [s for s in info.spans if s.first is not None and s.last is not None and s.first <= day <= s.last]
        if not in_time:
            return _out_of_time(plan, info.spans, day, ref)
        if self.as_of is not None and day > self.as_of:
            return ("after-as-of", (("ref", ref), ("date", day.isoformat()), ("as_of", self.as_of.isoformat())))
        in_place = [s for s in in_time if not s.obligation.per or activity.subunit in self._subunits_of(plan, s.obligation.per)]
        if not in_place:
            kind = next(s.obligation.per for s in in_time if s.obligation.per)
            known = "、".join(sorted(self._subunits_of(plan, kind))) or "—"
            return ("subunit", (("ref", ref), ("kind", kind), ("known", known)))
        if any(s.obligation.required is None or activity.amount(s.obligation.measure) > 0 for s in in_place):
            return None
        needs = "、".join(sorted({s.obligation.measure.value for s in in_place}))
        brings = "、".join(f"{n} {m.value}" for m, n in activity.amounts.items()) if activity.amounts else "1 次"
        return ("measure", (("ref", ref), ("needs", needs), ("brings", brings)))


def _named(target: Target, obligation: Obligation, measures: frozenset[Measure] | None) -> bool:
    """Whether a reference names this obligation; a credit (measures given) names those counted in its words."""
    if measures is not None:
        return not obligation.explicit_only and obligation.measure in measures and obligation.required is not None
    if target.obligation is not None:
        return target.obligation == obligation.key
    return not obligation.explicit_only


def _out_of_time(plan: Plan, spans: Iterable[_Span], day: date, ref: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    known = [s for s in spans if s.first is not None and s.last is not None]
    params = (("ref", ref), ("date", day.isoformat()), ("plan", plan.id))
    if not known:
        return ("no-period", params)
    first = min(s.first for s in known if s.first is not None)
    last = max(s.last for s in known if s.last is not None)
    if day < first:
        return ("before-period", (*params, ("effective", plan.effective_date.isoformat()), ("first", first.isoformat())))
    if day > plan.period.end:
        return ("after-plan", (*params, ("end", plan.period.end.isoformat())))
    if day > last:
        return ("after-deadline", (*params, ("deadline", last.isoformat())))
    return ("no-period", params)


def account(unit: Unit, as_of: date | None, *, credit: bool = True, files: Mapping[str, str] | None = None) -> list[NotCounted]:
    """Every reference of every activity of `unit` that counts toward no finding (as of `as_of`; None: no cut-off),
    with its reason; `files` maps activity ids to the log file that holds them.

    Most references count: `Accountant.quick` decides those with a few comparisons per activity, worked out once
    per reference; the rest get `Accountant.reason` (tests/engine/oracle_engine.py asks it of every reference, and
    a property proves the two equal)."""
    accountant = Accountant(unit, as_of, credit=credit)
    quick: dict[Target, _Quick | None] = {}
    out: list[NotCounted] = []
    for activity in unit.activities:
        for written, plan_id in activity.foreign:
            answered = ", ".join(plan.id for plan in unit.plans)
            foreign = (("ref", written), ("plan", plan_id), ("plans", answered))
            log_file = files.get(activity.id, "") if files else ""
            out.append(NotCounted(unit.name, unit.region, activity.id, written, "plan-not-answered", foreign, log_file))
        for target in activity.targets:
            test = quick.get(target, _UNKNOWN)
            if test is _UNKNOWN:
                test = quick[target] = accountant.quick(target)
            if test is not None:
                first, last, words, bare = test
                if first <= activity.day <= last:
                    amounts = activity.amounts
                    if words is None or (not amounts and bare):
                        continue
                    if amounts and (amounts.get(words[0], 0) > 0 or any(amounts.get(word, 0) > 0 for word in words[1:])):
                        continue
            found = accountant.reason(activity, target)
            if found is not None:
                code, params = found
                log_file = files.get(activity.id, "") if files else ""
                out.append(NotCounted(unit.name, unit.region, activity.id, reference_text(target), code, params, log_file))
    out.sort(key=lambda entry: entry.sort_key)
    return out


_UNKNOWN = _Quick(date.min, date.min, None, False)  # not yet worked out (None: no quick test)
