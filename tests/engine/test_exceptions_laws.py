"""Laws of approved exceptions and baselines, as properties over generated logs and exceptions."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st
from test_laws import PLAN, common, days, levels, logs, unit

from ecoplan_cli.engine.baseline import BaselineState, Previous, compare, finding_identity
from ecoplan_cli.engine.evaluate import Finding, Status, evaluate
from ecoplan_cli.engine.exceptions import SourcedException, apply_exceptions
from ecoplan_cli.model import Level
from ecoplan_cli.model.exceptions import ApprovedException

REQUIREMENTS = ["CQ-5", "CQ-16", "CQ-16/press-center", "CQ-17", "CQ-17/county", "CQ-17/district", "CQ-31", "CQ-42", "CQ-79"]
PERIODS = ["2022", "2023", "2022-H1", "2023-H2", "2024-Q3", "2022-07", "≤2021-12-31", "2024"]


@st.composite
def exceptions(draw: st.DrawFn) -> SourcedException:
    kind = draw(st.sampled_from(["waive", "extend", "close"]))
    data: dict[str, object] = {
        "id": draw(st.text(alphabet="xyz0123456789", min_size=4, max_size=4)),
        "requirement": draw(st.sampled_from(REQUIREMENTS)),
        "kind": kind,
        "justification": "疫情防控",
        "approved_by": "市生态环境局",
        "document": "渝环办〔2022〕1号",
        "expires": draw(st.one_of(days, st.just("不详"))),
    }
    if draw(st.booleans()):
        data["periods"] = draw(st.lists(st.sampled_from(PERIODS), min_size=1, max_size=3))
    if kind == "extend":
        data["due"] = draw(days)
    if kind == "close":
        data["closed_from"] = draw(days)
    if draw(st.booleans()):
        data["region"] = draw(st.sampled_from(["某地", "别处"]))
    return SourcedException(ApprovedException.model_validate(data), "exceptions.yaml")


def keyed(findings: list[Finding]) -> dict[str, Finding]:
    return {finding_identity(f): f for f in findings}


@common
@given(levels, logs, st.lists(exceptions(), max_size=4), days)
def test_an_exception_changes_only_the_findings_it_covers(
    level: Level, acts: list, entries: list[SourcedException], as_of: date
) -> None:
    the_unit = unit(level, acts)
    plain = evaluate(the_unit, as_of)
    applied = apply_exceptions(plain, the_unit, entries, as_of)
    assert len(applied) == len(plain)
    for before, after in zip(plain, applied, strict=True):
        if not any(e.covers(before) for e in entries):
            assert after == before
        elif before.status in (Status.MET, Status.UNMEASURED):
            assert after == before  # an exception never hides what was done, nor judges what has no number
        else:
            assert after.exception is not None
            if not after.exception.live:  # expired (or a malformed expiry): back to what it was, loudly named
                assert after.status is before.status and after.actual == before.actual


@common
@given(levels, logs, days)
def test_no_exceptions_is_the_plain_run(level: Level, acts: list, as_of: date) -> None:
    the_unit = unit(level, acts)
    assert apply_exceptions(evaluate(the_unit, as_of), the_unit, [], as_of) == evaluate(the_unit, as_of)


@common
@given(levels, logs, st.lists(exceptions(), max_size=4), days)
def test_a_live_extension_never_lowers_a_count_and_never_turns_met_into_gap(
    level: Level, acts: list, entries: list[SourcedException], as_of: date
) -> None:
    the_unit = unit(level, acts)
    plain = evaluate(the_unit, as_of)
    for before, after in zip(plain, apply_exceptions(plain, the_unit, entries, as_of), strict=True):
        assert after.actual >= before.actual
        assert after.due >= before.due
        if before.status is Status.MET:
            assert after.status is Status.MET
        if after.status is Status.WAIVED:
            assert before.status in (Status.GAP, Status.OPEN)


@common
@given(levels, logs, days)
def test_a_baseline_of_a_run_against_itself_is_all_unchanged(level: Level, acts: list, as_of: date) -> None:
    findings = evaluate(unit(level, acts), as_of)
    baseline = {finding_identity(f): Previous(f.status.value, f.actual) for f in findings}
    assert {f.baseline for f in compare(findings, baseline)} <= {BaselineState.UNCHANGED.value}


@common
@given(levels, logs, logs, days)
def test_new_gaps_against_a_baseline_are_exactly_the_gaps_it_did_not_have(
    level: Level, old: list, new: list, as_of: date
) -> None:
    before = keyed(evaluate(unit(level, old), as_of))
    baseline = {key: Previous(f.status.value, f.actual) for key, f in before.items()}
    for finding in compare(evaluate(unit(level, new), as_of), baseline):
        previous = before.get(finding_identity(finding))
        was_gap = previous is not None and previous.status is Status.GAP
        is_new_gap = finding.status is Status.GAP and finding.baseline == "new"
        assert is_new_gap == (finding.status is Status.GAP and not was_gap)


def test_the_plan_under_test_is_the_real_one() -> None:
    assert PLAN.id == "chongqing-impl" and PLAN.requirement("CQ-17") is not None
