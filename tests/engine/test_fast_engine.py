"""Issue 12: the engine's linear-time evaluation, accounting and exceptions equal the algorithms they replaced
(tests/engine/oracle_engine.py, kept verbatim) on generated units — many periods (weekly, monthly, school years),
activities on period boundaries, per-sub-unit obligations, credit through `implements`, events and follow-ups,
extensions and closures, and units whose activity ids repeat (which the loaders refuse, the engine tolerates)."""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

import oracle_engine as oracle
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecoplan_cli.engine.accounting import account
from ecoplan_cli.engine.applicability import required_periods
from ecoplan_cli.engine.evaluate import CountedActivity, Finding, Status, Unit, evaluate
from ecoplan_cli.engine.exceptions import SourcedException, apply_exceptions
from ecoplan_cli.load.catalogue import bundled, load_plan_file
from ecoplan_cli.model import Level, Measure, Plan, Requirement
from ecoplan_cli.model.exceptions import ApprovedException
from ecoplan_cli.model.references import Target
from ecoplan_cli.model.unit import Timing

ROOT = Path(__file__).resolve().parents[2]
PLANS: tuple[Plan, ...] = (
    *(bundled().plan(key) for key in sorted(bundled().plans)),
    *(
        load_plan_file(str(ROOT / p), p).plan
        for p in ("examples/plans/district_work_plan_2021.yaml", "examples/plans/municipal_example.yaml")
    ),
)
BY_ID = {plan.id: plan for plan in PLANS}
# credit needs the child plan with its parent; a district's plan has sub-units and events
TOGETHER = [("chongqing-impl", "national-2021-2025"), ("municipal-example", "national-2021-2025"), ("district-2021-example",)]
SUBUNITS = [*sorted({name for plan in PLANS for names in plan.subunits.values() for name in names}), "别处街道"]
LEADS = sorted({lead for plan in PLANS for r in plan.requirements for lead in r.lead})


def references_to(plan: Plan, requirement: Requirement) -> list[Target]:
    keys = (None, *(o.key for o in requirement.obligations), *(rule.key for rule in requirement.relative_deadlines))
    return [Target(plan.id, requirement.id, key) for key in keys]


def interesting(requirement: Requirement) -> bool:
    """Short periods or a count, sub-units, explicit-only, events, credit: where the fast ways could go wrong."""
    return bool(requirement.relative_deadlines or requirement.implements) or any(
        o.per or o.explicit_only or o.required is not None for o in requirement.obligations
    )


def credited(pair: tuple[Plan, Requirement], plans: tuple[Plan, ...]) -> bool:
    """Whether a requirement brings credit to a measured obligation of its parent plan (engine/credit.py)."""
    child, requirement = pair
    parent = next((p for p in plans if p.id == child.implements), None)
    if parent is None:
        return False
    measures = {o.measure for o in requirement.obligations if o.min_count is not None}
    items = [r for r in parent.requirements if r.id in requirement.implements]
    return any(o.measure in measures and o.required is not None for r in items for o in r.obligations)


def edges(plan: Plan, requirement: Requirement) -> set[date]:
    """The first and last days of every period of the requirement's obligations, and the days either side."""
    out = {plan.effective_date, plan.period.start, plan.period.end}
    for obligation in requirement.obligations:
        for period in required_periods(plan, obligation):
            out |= {period.start, period.end}
    return {day + timedelta(days=d) for day in out for d in (-1, 0, 1)}


@st.composite
def units(draw: st.DrawFn) -> tuple[Unit, date]:
    """A unit whose activities name a few requirements many times: REQ and REQ/key, the same reference twice, days
    on the edges of those requirements' periods, amounts in their counting words."""
    chosen = draw(st.one_of(st.sampled_from(TOGETHER), st.lists(st.sampled_from(sorted(BY_ID)), min_size=1, max_size=3)))
    plans = tuple(BY_ID[key] for key in dict.fromkeys(chosen))
    pool = [(plan, r) for plan in plans for r in plan.requirements]
    some = [pair for pair in pool if interesting(pair[1])] or pool
    picked = draw(st.lists(st.sampled_from(some), min_size=1, max_size=4)) + draw(st.lists(st.sampled_from(pool), max_size=2))
    crediting = [pair for pair in pool if credited(pair, plans)]
    for child, requirement in draw(st.lists(st.sampled_from(crediting), max_size=2)) if crediting else ():
        parent = BY_ID[child.implements or ""]
        picked += [(child, requirement), *((parent, r) for r in parent.requirements if r.id in requirement.implements)]
    palette = [t for plan, r in picked for t in references_to(plan, r)]
    boundary = sorted(set().union(*(edges(plan, r) for plan, r in picked)))
    days = st.one_of(st.sampled_from(boundary), st.sampled_from(boundary), st.dates(date(2020, 6, 1), date(2026, 6, 30)))
    words = sorted({o.measure for _, r in picked for o in r.obligations} | {Measure.TIMES, Measure.ARTICLES})
    amounts = st.one_of(st.just({}), st.dictionaries(st.sampled_from(words), st.integers(0, 3), min_size=1, max_size=2))
    count = draw(st.integers(0, 40))
    repeat = draw(st.integers(0, 5)) == 0  # now and then two activities under one id
    ids = [f"a{draw(st.integers(0, count)) if repeat else n}" for n in range(count)]
    acts, timing = [], {}
    for identifier in ids:
        named = tuple(draw(st.lists(st.sampled_from(palette), min_size=1, max_size=3)))  # the same one twice, at times
        foreign = (("X-1", "elsewhere"),) if draw(st.integers(0, 9)) == 0 else ()
        subunit = draw(st.one_of(st.none(), st.sampled_from(SUBUNITS)))
        day = draw(days)
        acts.append(CountedActivity(identifier, day, named, draw(amounts), subunit, foreign))
        if draw(st.integers(0, 3)) == 0:  # a follow-up of an event (perhaps of none, or of itself), its time of day
            event = draw(st.one_of(st.sampled_from(ids), st.just("nowhere")))
            moment = draw(st.one_of(st.none(), st.times(time(0), time(23, 59))))
            timing[identifier] = Timing(day - timedelta(days=draw(st.integers(0, 2))), moment, event)
    lead_as = frozenset(draw(st.lists(st.sampled_from(LEADS), max_size=1))) if draw(st.integers(0, 4)) == 0 else frozenset()
    bound = sorted({lv for _, r in picked for o in r.obligations for lv in o.levels} - {Level.ANY}) or [Level.COUNTY]
    level = draw(
        st.one_of(st.sampled_from(bound), st.sampled_from(bound), st.sampled_from([lv for lv in Level if lv is not Level.ANY]))
    )
    unit = Unit("单位", "某地", level, plans, tuple(acts), lead_as, timing)
    return unit, draw(st.one_of(st.just(date(2026, 1, 15)), days))


common = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@common
@given(units(), st.booleans())
def test_evaluation_equals_the_walk_over_periods_and_activities(case: tuple[Unit, date], credit: bool) -> None:
    unit, as_of = case
    assert evaluate(unit, as_of, credit=credit) == oracle.evaluate(unit, as_of, credit=credit)


@common
@given(units(), st.booleans(), st.booleans())
def test_accounting_equals_the_reasoning_asked_of_every_reference(case: tuple[Unit, date], credit: bool, cut: bool) -> None:
    unit, as_of = case
    files = {a.id: f"log-{a.id[-1]}.yaml" for a in unit.activities}
    when = as_of if cut else None
    assert account(unit, when, credit=credit, files=files) == oracle.account(unit, when, credit=credit, files=files)


@st.composite
def exceptions(draw: st.DrawFn, unit: Unit, findings: list[Finding], as_of: date) -> list[SourcedException]:
    short = [f for f in findings if f.status in (Status.GAP, Status.OPEN)] or findings  # what an exception changes
    out = []
    for number in range(draw(st.integers(1, 4))):
        finding = draw(st.sampled_from(short))
        kind = draw(st.sampled_from(["extend", "extend", "waive", "close"]))
        entry: dict[str, object] = {
            "id": f"E{number}",
            "requirement": draw(st.sampled_from([finding.requirement, f"{finding.requirement}/{finding.obligation}"])),
            "kind": kind,
            "justification": "j",
            "approved_by": "a",
            "document": "d",
            "expires": (as_of + timedelta(days=draw(st.integers(-10, 30)))).isoformat(),
        }
        if draw(st.booleans()):
            entry["periods"] = (finding.period_label,)
        if kind == "extend":
            toward = [a.day for a in unit.activities if any(t.requirement == finding.requirement for t in a.targets)]
            later = sorted(day for day in toward if finding.period_end < day <= as_of)
            if later and draw(st.booleans()):  # due on the day of an activity it takes in
                entry["due"] = draw(st.sampled_from(later)).isoformat()
            else:
                entry["due"] = (finding.period_end + timedelta(days=draw(st.integers(-5, 400)))).isoformat()
        if kind == "close":
            entry["closed_from"] = (finding.period_end + timedelta(days=draw(st.integers(-40, 40)))).isoformat()
        if draw(st.integers(0, 3)) == 0:
            entry["unit"] = draw(st.sampled_from(["单位", "别的单位"]))
        out.append(SourcedException(ApprovedException.model_validate(entry), "exceptions.yaml"))
    return out


@common
@given(units(), st.data())
def test_exceptions_equal_the_scan_of_every_activity_per_extended_finding(case: tuple[Unit, date], data: st.DataObject) -> None:
    unit, as_of = case
    findings = evaluate(unit, as_of)
    if not findings:
        return
    given_ = data.draw(exceptions(unit, findings, as_of))
    assert apply_exceptions(findings, unit, given_, as_of) == oracle.apply_exceptions(findings, unit, given_, as_of)


def test_an_activity_on_the_first_and_on_the_last_day_of_a_period_counts_in_it() -> None:
    """The edges by hand: a bisect that is off by one on either side fails here."""
    district = next(p for p in PLANS if p.id == "district-2021-example")
    weekly = next((r, o) for r in district.requirements for o in r.obligations if o.recurrence.value == "weekly")
    requirement, obligation = weekly
    monday, sunday = date(2021, 3, 1), date(2021, 3, 7)
    acts = tuple(
        CountedActivity(f"w{n}", day, (Target(district.id, requirement.id),), {obligation.measure: 1})
        for n, day in enumerate([monday - timedelta(days=1), monday, sunday, sunday + timedelta(days=1)])
    )
    unit = Unit("单位", "某地", next(iter(obligation.levels)), (district,), acts)
    found = {f.period_start: f for f in evaluate(unit, date(2021, 12, 31)) if f.obligation == obligation.key}
    assert found[monday].activities == ("w1", "w2")
    assert found[monday - timedelta(days=7)].activities == ("w0",)
    assert found[monday + timedelta(days=7)].activities == ("w3",)
    assert found[monday].status is (Status.MET if obligation.required and obligation.required <= 2 else Status.GAP)
    assert evaluate(unit, date(2021, 12, 31)) == oracle.evaluate(unit, date(2021, 12, 31))
