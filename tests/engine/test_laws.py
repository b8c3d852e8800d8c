"""The engine's laws, as properties over generated activity logs and the real Chongqing plan."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecoplan_cli.engine.applicability import binds, periods_started_by
from ecoplan_cli.engine.evaluate import CountedActivity, Finding, Status, Unit, evaluate
from ecoplan_cli.engine.references import Target
from ecoplan_cli.load.catalogue import bundled
from ecoplan_cli.model import Level, Measure, Plan

PLAN: Plan = bundled().plan("chongqing-impl")
TARGETS = [
    Target(PLAN.id, r.id, key)
    for r in PLAN.requirements
    if r.id in {"CQ-5", "CQ-16", "CQ-17", "CQ-31", "CQ-42", "CQ-51", "CQ-60", "CQ-79", "CQ-38", "CQ-44"}
    for key in (None, *(o.key for o in r.obligations))
]
days = st.dates(min_value=date(2021, 1, 1), max_value=date(2025, 12, 31))
levels = st.sampled_from([Level.PROVINCE, Level.DISTRICT, Level.COUNTY, Level.SCHOOL])


@st.composite
def activities(draw: st.DrawFn) -> CountedActivity:
    identifier = draw(st.text(alphabet="abcdef0123456789", min_size=6, max_size=6))
    amounts = draw(st.one_of(st.just({}), st.dictionaries(st.sampled_from(list(Measure)), st.integers(0, 15), max_size=3)))
    targets = tuple(draw(st.lists(st.sampled_from(TARGETS), min_size=1, max_size=3, unique=True)))
    return CountedActivity(identifier, draw(days), targets, amounts)


logs = st.lists(activities(), max_size=25, unique_by=lambda a: a.id)


def unit(level: Level, acts: list[CountedActivity]) -> Unit:
    return Unit("单位", "某地", level, (PLAN,), tuple(acts))


def by_key(findings: list[Finding]) -> dict[tuple[str, str, date], Finding]:
    return {(f.requirement, f.obligation, f.period_start): f for f in findings}


common = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@common
@given(levels, logs, activities(), days)
def test_adding_an_activity_never_turns_met_into_gap_or_open(
    level: Level, acts: list[CountedActivity], extra: CountedActivity, as_of: date
) -> None:
    before = by_key(evaluate(unit(level, acts), as_of))
    after = by_key(evaluate(unit(level, [a for a in acts if a.id != extra.id] + [extra]), as_of))
    for key, finding in before.items():
        if finding.status is Status.MET and extra.id not in {a.id for a in acts}:
            assert after[key].status is Status.MET


@common
@given(levels, logs, st.randoms())
def test_the_order_of_activities_does_not_matter(level: Level, acts: list[CountedActivity], rng) -> None:  # type: ignore[no-untyped-def]
    shuffled = list(acts)
    rng.shuffle(shuffled)
    as_of = date(2025, 1, 15)
    assert evaluate(unit(level, acts), as_of) == evaluate(unit(level, shuffled), as_of)


@common
@given(levels, logs, days, days)
def test_moving_as_of_later_never_turns_a_gap_back(level: Level, acts: list[CountedActivity], one: date, two: date) -> None:
    early, late = sorted((one, two))
    before = by_key(evaluate(unit(level, acts), early))
    after = by_key(evaluate(unit(level, acts), late))
    for key, finding in before.items():
        if finding.status is Status.GAP:
            assert after[key].status is Status.GAP


@common
@given(levels, logs, days)
def test_every_applicable_obligation_and_period_appears_exactly_once(
    level: Level, acts: list[CountedActivity], as_of: date
) -> None:
    findings = evaluate(unit(level, acts), as_of)
    seen = Counter((f.requirement, f.obligation, f.period_start) for f in findings)
    expected = Counter(
        (r.id, o.key, p.start)
        for r in PLAN.requirements
        for o in r.obligations
        if binds(o, level)
        for p in periods_started_by(PLAN, o, as_of)
    )
    assert seen == expected


def test_a_county_gets_the_half_yearly_rule_and_a_district_the_quarterly_one() -> None:
    as_of = date(2024, 12, 31)
    county = {(f.requirement, f.obligation) for f in evaluate(unit(Level.COUNTY, []), as_of)}
    district = {(f.requirement, f.obligation) for f in evaluate(unit(Level.DISTRICT, []), as_of)}
    assert ("CQ-17", "county") in county and ("CQ-17", "district") not in county
    assert ("CQ-17", "district") in district and ("CQ-17", "county") not in district
    assert not any(r == "CQ-16" for r, _ in county)


def test_the_press_center_conference_is_met_only_when_named() -> None:
    monthly = [CountedActivity(f"m{m}", date(2024, m, 10), (Target(PLAN.id, "CQ-16"),)) for m in range(1, 13)]
    findings = evaluate(unit(Level.PROVINCE, monthly), date(2025, 1, 15))
    center = [f for f in findings if f.obligation == "press-center" and f.period_label == "2024"]
    assert [f.status for f in center] == [Status.GAP]
    named = [*monthly, CountedActivity("c", date(2024, 6, 3), (Target(PLAN.id, "CQ-16", "press-center"),))]
    findings = evaluate(unit(Level.PROVINCE, named), date(2025, 1, 15))
    center = [f for f in findings if f.obligation == "press-center" and f.period_label == "2024"]
    assert [f.status for f in center] == [Status.MET]
    months = [f for f in findings if f.obligation == "monthly" and f.period_start.year == 2024]
    assert {f.status for f in months} == {Status.MET}


@pytest.mark.parametrize(
    ("as_of", "status"),
    [(date(2024, 5, 1), Status.OPEN), (date(2024, 6, 30), Status.OPEN), (date(2024, 7, 1), Status.GAP)],
)
def test_a_running_period_is_open_and_an_ended_one_a_gap(as_of: date, status: Status) -> None:
    findings = evaluate(unit(Level.COUNTY, []), as_of)
    half = [f for f in findings if f.requirement == "CQ-17" and f.period_label == "2024-H1"]
    assert [f.status for f in half] == [status]
    assert half[0].due == date(2024, 6, 30) and half[0].missing == 1


def test_periods_before_the_plan_took_effect_are_not_required() -> None:
    findings = evaluate(unit(Level.PROVINCE, []), date(2022, 1, 15))
    monthly = sorted(f.period_label for f in findings if f.requirement == "CQ-16" and f.obligation == "monthly")
    assert monthly[0] == "2021-07"
    assert not [f for f in findings if f.recurrence.value == "annual" and f.period_label == "2021" and f.required]


def test_amounts_count_in_their_own_counting_word() -> None:
    record = CountedActivity("w", date(2024, 6, 5), (Target(PLAN.id, "CQ-79"),), {Measure.ARTICLES: 12, Measure.PRODUCTS: 1})
    findings = {
        f.obligation: f
        for f in evaluate(unit(Level.DISTRICT, [record]), date(2025, 1, 15))
        if f.requirement == "CQ-79" and f.period_label == "2024"
    }
    assert (findings["articles"].actual, findings["articles"].status) == (12, Status.MET)
    assert (findings["products"].actual, findings["products"].status) == (1, Status.MET)
    assert (findings["campaign"].actual, findings["campaign"].status) == (0, Status.GAP)


def test_unmeasured_obligations_list_their_activities_per_year() -> None:
    record = CountedActivity("v", date(2023, 3, 5), (Target(PLAN.id, "CQ-44"),))
    findings = [f for f in evaluate(unit(Level.COUNTY, [record]), date(2025, 1, 15)) if f.requirement == "CQ-44"]
    assert {f.status for f in findings} == {Status.UNMEASURED}
    assert [f.activities for f in findings if f.period_label == "2023"] == [("v",)]


@common
@given(st.sampled_from([Level.PROVINCE, Level.DISTRICT, Level.COUNTY, Level.SCHOOL]), st.integers(2021, 2025))
def test_the_calendar_and_check_agree_on_every_due_date(level: Level, year: int) -> None:
    """One implementation of periods: what the calendar says falls due in a year is what check judges for it."""
    from ecoplan_cli.engine.calendar import calendar_items

    items = calendar_items([PLAN], level, date(year, 1, 1), date(year, 12, 31))
    due = {(i.requirement, i.obligation, i.date) for i in items if i.kind == "due"}
    findings = evaluate(unit(level, []), date(year + 1, 1, 1))
    judged = {(f.requirement, f.obligation, f.due) for f in findings if f.required is not None and f.due.year == year}
    assert due == judged
