"""The law of issue 10: every activity of every log counts toward a finding or is listed as not counted, with its
reason — over generated logs (every plan, every level, dates 2020–2027, random amounts) and every example log."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecoplan_cli.engine.accounting import NEVER_COUNTS, OUT_OF_TIME, NotCounted, account
from ecoplan_cli.engine.evaluate import CountedActivity, Finding, Unit, evaluate
from ecoplan_cli.load.catalogue import bundled, catalogue
from ecoplan_cli.load.logs import load_logs
from ecoplan_cli.load.units import merge
from ecoplan_cli.model import Level, Measure, Plan
from ecoplan_cli.model.references import Target

ROOT = Path(__file__).resolve().parents[2]
PLANS: tuple[Plan, ...] = tuple(bundled().plan(key) for key in sorted(bundled().plans))
TARGETS = [
    Target(plan.id, r.id, key) for plan in PLANS for r in plan.requirements for key in (None, *(o.key for o in r.obligations))
]
FOCUS = [t for t in TARGETS if t.requirement in {"CQ-5", "CQ-16", "CQ-17", "CQ-42", "CQ-74", "CQ-79", "ZL3-1", "ZL10-1"}]
REASONS = NEVER_COUNTS | OUT_OF_TIME
# Mostly the rows where the reasons meet (a county naming the city's row, 篇 against 次, 2021 before the first year),
# sometimes any requirement of any plan.
references = st.one_of(st.sampled_from(FOCUS), st.sampled_from(FOCUS), st.sampled_from(TARGETS))
measures = st.sampled_from([Measure.TIMES, Measure.ARTICLES, Measure.PRODUCTS, *Measure])
levels = st.one_of(st.sampled_from([Level.PROVINCE, Level.DISTRICT, Level.COUNTY]), st.sampled_from([*Level][:-1]))


@st.composite
def units(draw: st.DrawFn) -> tuple[Unit, date]:
    plans = tuple(draw(st.lists(st.sampled_from(PLANS), min_size=1, max_size=len(PLANS), unique_by=lambda p: p.id)))
    answered = {plan.id for plan in plans}
    acts = []
    for number in range(draw(st.integers(0, 25))):
        named = draw(st.lists(references, min_size=1, max_size=3, unique=True))
        amounts = draw(st.one_of(st.just({}), st.dictionaries(measures, st.integers(0, 12), max_size=3)))
        day = draw(st.dates(date(2020, 1, 1), date(2027, 12, 31)))
        targets = tuple(t for t in named if t.plan in answered)
        foreign = tuple((t.requirement, t.plan) for t in named if t.plan not in answered)
        acts.append(CountedActivity(f"a{number}", day, targets, amounts, None, foreign))
    level = draw(levels)
    lead_as = frozenset(draw(st.lists(st.sampled_from(["市生态环境局", "各区县", "市教委"]), max_size=1)))
    as_of = draw(st.dates(date(2021, 1, 1), date(2027, 12, 31)))
    return Unit("单位", "某地", level, plans, tuple(acts), lead_as), as_of


def assert_the_law(unit: Unit, findings: list[Finding], uncounted: list[NotCounted]) -> None:
    counted = {identifier for finding in findings for identifier in finding.activities}
    for activity in unit.activities:
        listed = [entry for entry in uncounted if entry.activity == activity.id]
        references = len(activity.targets) + len(activity.foreign)
        if activity.id in counted:  # counted toward a finding: at least one of its references counts
            assert len(listed) < references, (activity, listed)
        else:  # counted toward nothing: every reference is listed, each with a reason
            assert len(listed) == references, (activity, listed, findings)
    for entry in uncounted:
        assert entry.reason in REASONS
        assert entry.message and not re.search(r"\{[a-z_]+\}", entry.message)  # every parameter filled in


law = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@law
@given(units())
def test_every_activity_is_counted_or_listed_with_its_reason(case: tuple[Unit, date]) -> None:
    unit, as_of = case
    assert_the_law(unit, evaluate(unit, as_of), account(unit, as_of))


@law
@given(units())
def test_credit_through_implements_never_lowers_a_count(case: tuple[Unit, date]) -> None:
    unit, as_of = case
    without = {(f.plan, f.requirement, f.obligation, f.period_start, f.subunit): f for f in evaluate(unit, as_of, credit=False)}
    credited = {(f.plan, f.requirement, f.obligation, f.period_start, f.subunit): f for f in evaluate(unit, as_of)}
    assert set(without) == set(credited)  # credit adds to counts; it never adds or removes an obligation-period
    for key, finding in without.items():
        assert credited[key].actual >= finding.actual
        assert set(finding.activities) <= set(credited[key].activities)
    assert len(account(unit, as_of)) <= len(account(unit, as_of, credit=False))


# every activity log under examples/ (plan files, exceptions files and CI recipes are not logs)
EXAMPLES = sorted(p for p in (ROOT / "examples").rglob("*.y*ml") if re.search(r"^activities:", p.read_text("utf-8"), re.M))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_law_holds_on_every_example(path: Path) -> None:
    plan_files = tuple(str(p) for p in sorted((ROOT / "examples" / "plans").glob("*.yaml")))
    logs, problems = load_logs([str(path)], catalogue(plan_files))
    assert not problems
    sources, _ = merge(logs)
    for source in sources:
        for as_of in (date(2022, 1, 15), date(2025, 1, 15), date(2027, 1, 1)):
            assert_the_law(source.unit, evaluate(source.unit, as_of), account(source.unit, as_of))
