"""The engine's previous algorithms, kept verbatim as test oracles (issue 12): evaluation that walked periods ×
activities, accounting that asked the general reasoning for every reference, exceptions that scanned every activity
per extended finding. tests/engine/test_fast_engine.py proves the fast ones in src/ equal these on generated units."""

# ruff: noqa
# mypy: ignore-errors
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from ecoplan_cli.engine.accounting import NotCounted, reference_text
from ecoplan_cli.engine.applicability import GOVERNMENT_LEVELS, binds, periods_started_by, required_periods
from ecoplan_cli.engine.credit import Credit, credits_for
from ecoplan_cli.engine.evaluate import CountedActivity, Finding, Status, Unit, counts_toward, status_of
from ecoplan_cli.engine.exceptions import SourcedException, Waiver
from ecoplan_cli.engine.periods import Period
from ecoplan_cli.model import Level, Measure, Obligation, Plan, Requirement
from ecoplan_cli.model.common import OCCURRENCE_MEASURES
from ecoplan_cli.model.exceptions import ExceptionKind
from ecoplan_cli.model.references import Target

if TYPE_CHECKING:
    from ecoplan_cli.engine.event_links import FollowUps


# --- engine/evaluate.py


def evaluate(unit: Unit, as_of: date, *, credit: bool = True) -> list[Finding]:
    """Every (obligation, period) that binds `unit` and has begun by `as_of`, each exactly once, in a stable order.

    An activity counts in the period its day falls in (a multi-day activity: its last day), toward the obligations
    its references name, in the obligation's counting word (one that brings nothing in that word is not counted;
    engine/accounting.py says why); activities dated after `as_of` have not happened yet. With `credit`, a reference
    also counts toward the parent plan's items its requirement implements (engine/credit.py), shown as `via`.
    """
    findings: list[Finding] = []
    by_requirement: dict[tuple[str, str], list[tuple[CountedActivity, Target, Credit | None]]] = {}
    plans = {plan.id: plan for plan in unit.plans}
    credit = credit and any(plan.implements in plans for plan in unit.plans)  # a log answering one plan: no credit
    credit_cache: dict[Target, tuple[Credit, ...]] = {}
    for activity in sorted(unit.activities, key=lambda a: (a.day, a.id)):
        if activity.day <= as_of:
            for target in activity.targets:
                by_requirement.setdefault((target.plan, target.requirement), []).append((activity, target, None))
                if not credit:
                    continue
                credits = credit_cache.get(target)
                if credits is None:
                    credits = credit_cache[target] = credits_for(plans, target)
                for given in credits:
                    key = (given.target.plan, given.target.requirement)
                    by_requirement.setdefault(key, []).append((activity, given.target, given))
    for plan in unit.plans:
        for requirement in plan.requirements:
            if not unit.answers_for(requirement):
                continue
            named = by_requirement.get((plan.id, requirement.id), [])
            for obligation in requirement.obligations:
                if not binds(obligation, unit.level):
                    continue
                relevant = _relevant(named, plan, requirement, obligation)
                scopes: list[str | None] = list(plan.subunits.get(obligation.per, ())) if obligation.per else [None]
                for period in periods_started_by(plan, obligation, as_of):
                    in_period = [(a, via) for a, via in relevant if period.start <= a.day <= period.end]
                    for scope in scopes:
                        inside = in_period if scope is None else [(a, v) for a, v in in_period if a.subunit == scope]
                        findings.append(_finding(unit, plan, requirement, obligation, period, inside, as_of, scope))
    if any(plan.has_relative_deadlines for plan in unit.plans):  # deadlines that run from an event: engine/events.py
        from ecoplan_cli.engine.events import evaluate_events

        findings.extend(evaluate_events(unit, unit.timing, as_of))
    findings.sort(key=lambda f: f.sort_key)
    return findings


def _relevant(
    named: Sequence[tuple[CountedActivity, Target, Credit | None]], plan: Plan, requirement: Requirement, obligation: Obligation
) -> list[tuple[CountedActivity, str | None]]:
    """The activities that count toward `obligation`, each once, with the requirement any credit came through."""
    measured = obligation.required is not None
    measure = obligation.measure
    occurrence = measure in OCCURRENCE_MEASURES  # a record without amounts is one 次 (场)
    relevant: dict[str, tuple[CountedActivity, str | None]] = {}
    for activity, target, given in named:
        if given is None:
            if not counts_toward(target, plan, requirement, obligation):
                continue
        elif obligation.explicit_only or not measured or measure not in given.measures:
            continue
        if measured and (activity.amounts.get(measure, 0) <= 0 if activity.amounts else not occurrence):
            continue
        if given is None or activity.id not in relevant:
            relevant[activity.id] = (activity, None if given is None else given.via)
    return list(relevant.values())


def _finding(
    unit: Unit,
    plan: Plan,
    requirement: Requirement,
    obligation: Obligation,
    period: Period,
    inside: Sequence[tuple[CountedActivity, str | None]],
    as_of: date,
    subunit: str | None,
) -> Finding:
    actual = sum(a.amount(obligation.measure) for a, _ in inside)
    required = obligation.required
    return Finding(
        plan=plan.id,
        requirement=requirement.id,
        obligation=obligation.key,
        title=requirement.title,
        unit=unit.name,
        region=unit.region,
        level=unit.level,
        recurrence=obligation.recurrence,
        period_label=period.label,
        period_start=period.start,
        period_end=period.end,
        due=period.end,
        measure=obligation.measure,
        required=required,
        actual=actual,
        status=status_of(required, actual, period.end, as_of),
        mandatory=obligation.mandatory,
        activities=tuple(a.id for a, _ in inside),
        lead=_lead(requirement),
        subunit=subunit,
        via=_via(inside),
    )


def _via(inside: Sequence[tuple[CountedActivity, str | None]]) -> tuple[str, ...]:
    names = {via for _, via in inside if via is not None}
    return tuple(sorted(names)) if names else ()


def _lead(requirement: Requirement) -> tuple[str, ...]:
    return tuple(requirement.lead)


# --- engine/accounting.py


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
            info = self._info[key] = self._work_out(target, measures)
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
    with its reason; `files` maps activity ids to the log file that holds them."""
    accountant = Accountant(unit, as_of, credit=credit)
    out: list[NotCounted] = []
    for activity in unit.activities:
        log_file = files.get(activity.id, "") if files else ""
        for written, plan_id in activity.foreign:
            answered = ", ".join(plan.id for plan in unit.plans)
            foreign = (("ref", written), ("plan", plan_id), ("plans", answered))
            out.append(NotCounted(unit.name, unit.region, activity.id, written, "plan-not-answered", foreign, log_file))
        for target in activity.targets:
            found = accountant.reason(activity, target)
            if found is not None:
                code, params = found
                out.append(NotCounted(unit.name, unit.region, activity.id, reference_text(target), code, params, log_file))
    out.sort(key=lambda entry: entry.sort_key)
    return out


# --- engine/exceptions.py


def covering(finding: Finding, exceptions: Sequence[SourcedException]) -> SourcedException | None:
    """The first exception (in file order) that covers the finding; overlaps are reported by `exceptions lint`."""
    return next((e for e in exceptions if e.covers(finding)), None)


def apply_exceptions(
    findings: Iterable[Finding], unit: Unit, exceptions: Sequence[SourcedException], as_of: date
) -> list[Finding]:
    """The findings with every covering exception applied (see the module's docstring)."""
    if not exceptions:
        return list(findings)
    result = []
    for finding in findings:
        found = covering(finding, exceptions)
        if found is None or finding.status in (Status.MET, Status.UNMEASURED):
            result.append(finding)
            continue
        waiver = found.waiver(as_of)
        if not waiver.live:
            result.append(replace(finding, exception=waiver))
        elif found.entry.kind is ExceptionKind.EXTEND:
            assert found.entry.due is not None
            result.append(_extended(finding, unit, found.entry.due, as_of, waiver))
        else:
            result.append(replace(finding, status=Status.WAIVED, exception=waiver))
    return result


def _extended(finding: Finding, unit: Unit, due: date, as_of: date, waiver: Waiver) -> Finding:
    """The finding with its due date moved: activities up to the new due date count toward it."""
    end = max(due, finding.period_end)
    extra = [a for a in _late_activities(finding, unit, as_of) if finding.period_end < a.day <= end]
    actual = finding.actual + sum(a.amount(finding.measure) for a in extra)
    status = status_of(finding.required, actual, end, as_of)
    activities = finding.activities + tuple(a.id for a in extra if a.id not in finding.activities)
    return replace(finding, due=end, actual=actual, status=status, activities=activities, exception=waiver)


def _late_activities(finding: Finding, unit: Unit, as_of: date) -> list[CountedActivity]:
    """Activities toward the finding's obligation dated after its period and by the as-of date."""
    plan = next((p for p in unit.plans if p.id == finding.plan), None)
    requirement = plan.requirement(finding.requirement) if plan is not None else None
    obligation = requirement.obligation(finding.obligation) if requirement is not None else None
    if finding.event is not None:  # a deadline that runs from an event: its late follow-ups are already listed
        return [a for a in unit.activities if a.id in finding.activities and finding.period_end < a.day <= as_of]
    if plan is None or requirement is None or obligation is None:
        return []
    return [
        activity
        for activity in unit.activities
        if finding.period_end < activity.day <= as_of
        and (finding.subunit is None or activity.subunit == finding.subunit)
        and any(counts_toward(t, plan, requirement, obligation) for t in activity.targets)
    ]
