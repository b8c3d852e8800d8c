"""Deadlines that run from an event (engine/events.py): the joint meeting's notice, topics and minutes (附件2), and a
district's authoritative information and press conference within x / xx hours of an incident."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from ecoplan_cli.engine.evaluate import CountedActivity, Finding, Status, Unit, coming_due, evaluate
from ecoplan_cli.engine.event_links import FollowUps
from ecoplan_cli.engine.events import Timing, evaluate_events
from ecoplan_cli.engine.references import Target
from ecoplan_cli.load.catalogue import bundled, load_plan_file
from ecoplan_cli.messages import set_language
from ecoplan_cli.model import Level, Plan
from ecoplan_cli.report.event_text import event_detail

CQ: Plan = bundled().plan("chongqing-impl")
DISTRICT: Plan = load_plan_file(str(ROOT / "examples/plans/district_work_plan_2021.yaml"), "district.yaml").plan
MEETING = Target(CQ.id, "CQ-A2-5")
NOTICE = Target(CQ.id, "CQ-A2-6", "notice")
TOPICS = Target(CQ.id, "CQ-A2-6", "topics-sent")
MINUTES = Target(CQ.id, "CQ-A2-8")
INCIDENT = Target(DISTRICT.id, "QJ-1-3", "incident")
INFO = Target(DISTRICT.id, "QJ-1-3", "authoritative-info")
PRESS = Target(DISTRICT.id, "QJ-1-3", "press-conference")
D = dt.date


@contextmanager
def language(code: str) -> Iterator[None]:
    set_language(code)
    try:
        yield
    finally:
        set_language("en")


def city(*acts: tuple[str, dt.date, Target, str | None]) -> tuple[Unit, dict[str, Timing]]:
    """A city bureau (province level, leading the joint meeting) with (id, day, target, event followed)."""
    timing = {a: Timing(day, None, event) for a, day, _, event in acts if event}
    counted = tuple(CountedActivity(a, day, (target,)) for a, day, target, _ in acts)
    leads = frozenset({"市生态环境局", "重庆市生态环境局"})
    unit = Unit("重庆市生态环境局", "重庆市", Level.PROVINCE, (CQ,), counted, leads, timing)
    return unit, timing


def district(*acts: tuple[str, dt.date, str | None, Target, str | None]) -> tuple[Unit, dict[str, Timing]]:
    """The example district with (id, day, time, target, event followed)."""
    timing = {a: Timing(day, dt.time.fromisoformat(t) if t else None, e) for a, day, t, _, e in acts}
    counted = tuple(CountedActivity(a, day, (target,)) for a, day, _, target, _ in acts)
    return Unit("示例区生态环境局", "示例区", Level.DISTRICT, (DISTRICT,), counted, timing=timing), timing


def found(findings: list[Finding], obligation: str, event: str) -> Finding:
    return next(f for f in findings if f.obligation == obligation and f.event == event)


def test_a_notice_ten_days_before_is_a_gap_and_minutes_five_days_after_are_met() -> None:
    unit, timing = city(
        ("2024-H1-meeting", D(2024, 6, 20), MEETING, None),
        ("notice", D(2024, 6, 10), NOTICE, "2024-H1-meeting"),
        ("topics", D(2024, 6, 14), TOPICS, "2024-H1-meeting"),
        ("minutes", D(2024, 6, 25), MINUTES, "2024-H1-meeting"),
    )
    findings = evaluate_events(unit, timing, D(2024, 12, 31))
    notice = found(findings, "notice", "2024-H1-meeting")
    assert (notice.status, notice.due, notice.activities, notice.period_label) == (
        Status.GAP,
        D(2024, 6, 5),
        ("notice",),
        "event: 2024-H1-meeting",
    )
    assert notice.window is not None and (notice.window.delta, notice.window.late_by) == (10, 5)
    assert event_detail(notice) == "10 days before; the rule is 15 (5 days late)"
    with language("zh"):
        assert event_detail(notice) == "提前 10 日；规定为 15（迟 5 日）"
    minutes = found(findings, "minutes", "2024-H1-meeting")
    assert (minutes.status, minutes.due, minutes.actual) == (Status.MET, D(2024, 6, 27), 1)
    assert event_detail(minutes) == "5 days after; the rule is 7"
    assert found(findings, "topics-sent", "2024-H1-meeting").status is Status.MET  # 6 days before; the rule is 5


def test_an_incident_with_a_press_conference_thirty_hours_later_against_xx_24_is_a_gap() -> None:
    unit, timing = district(
        ("incident", D(2021, 7, 3), "09:00", INCIDENT, None),
        ("info", D(2021, 7, 3), "13:30", INFO, "incident"),
        ("press", D(2021, 7, 4), "15:00", PRESS, "incident"),
    )
    findings = evaluate_events(unit, timing, D(2022, 1, 15))
    press = found(findings, "press-conference", "incident")
    assert press.status is Status.GAP and press.window is not None
    window = press.window
    assert (window.due, window.delta, window.late_by, window.untimed) == ("2021-07-04T09:00", 30, 6, False)
    assert event_detail(press) == "30 hours after; the rule is 24 (6 hours late)"
    info = found(findings, "authoritative-info", "incident")
    assert info.status is Status.MET and event_detail(info) == "4.5 hours after; the rule is 5"


def test_a_follow_up_on_the_edge_of_its_window_is_met_and_a_day_later_is_not() -> None:
    meeting = D(2023, 12, 20)
    for notice_day, minutes_day, expected in (
        (meeting - dt.timedelta(days=15), meeting + dt.timedelta(days=7), Status.MET),
        (meeting - dt.timedelta(days=14), meeting + dt.timedelta(days=8), Status.GAP),
    ):
        unit, timing = city(("m", meeting, MEETING, None), ("n", notice_day, NOTICE, "m"), ("x", minutes_day, MINUTES, "m"))
        findings = evaluate_events(unit, timing, D(2024, 6, 30))
        assert (found(findings, "notice", "m").status, found(findings, "minutes", "m").status) == (expected, expected)
    for time, expected in (("09:00", Status.MET), ("09:01", Status.GAP)):  # exactly xx = 24 hours after, and a minute more
        unit, timing = district(("i", D(2021, 7, 3), "09:00", INCIDENT, None), ("p", D(2021, 7, 4), time, PRESS, "i"))
        assert found(evaluate_events(unit, timing, D(2021, 12, 31)), "press-conference", "i").status is expected


def test_an_hours_rule_counts_an_untimed_event_from_the_end_of_its_day() -> None:
    unit, timing = district(("i", D(2021, 7, 3), None, INCIDENT, None), ("p", D(2021, 7, 4), "23:00", PRESS, "i"))
    press = found(evaluate_events(unit, timing, D(2021, 12, 31)), "press-conference", "i")
    assert press.status is Status.MET and press.window is not None
    assert (press.window.due, press.window.untimed) == ("2021-07-05T00:00", True)  # the end of 4 July
    assert str(event_detail(press)).endswith("taken at the end of its day, a follow-up at the start of its own")
    # a follow-up without a time is taken at the start of its day: the day after the window is on its edge, met
    for day, expected in ((D(2021, 7, 5), Status.MET), (D(2021, 7, 6), Status.GAP)):
        unit, timing = district(("i", D(2021, 7, 3), None, INCIDENT, None), ("p", day, None, PRESS, "i"))
        assert found(evaluate_events(unit, timing, D(2021, 12, 31)), "press-conference", "i").status is expected


def test_a_multi_day_meeting_counts_before_rules_from_its_first_day_and_after_rules_from_its_last() -> None:
    unit, timing = city(("m", D(2024, 6, 21), MEETING, None))
    timing["m"] = Timing(D(2024, 6, 20))  # 20–21 June: counted on its last day, begun on its first
    findings = evaluate_events(unit, timing, D(2024, 12, 31))
    assert (found(findings, "notice", "m").due, found(findings, "minutes", "m").due) == (D(2024, 6, 5), D(2024, 6, 28))


def test_not_done_is_open_while_the_window_runs_and_a_gap_with_its_overdue_days_after() -> None:
    unit, timing = city(("m", D(2024, 6, 20), MEETING, None))
    running = found(evaluate_events(unit, timing, D(2024, 6, 25)), "minutes", "m")
    assert (running.status, running.due) == (Status.OPEN, D(2024, 6, 27))
    assert event_detail(running) == "due 2024-06-27 (within 7 days after)"
    closed = found(evaluate_events(unit, timing, D(2024, 7, 7)), "minutes", "m")
    assert closed.status is Status.GAP and closed.window is not None and closed.window.late_by == 10
    assert event_detail(closed) == "not done; due 2024-06-27 (within 7 days after), 10 days overdue"


def test_a_planned_meeting_makes_its_notice_come_due_fifteen_days_before() -> None:
    unit, _ = city(("2025-H1", D(2025, 6, 20), MEETING, None))
    findings = evaluate(unit, D(2025, 5, 25))
    notice = found(findings, "notice", "2025-H1")
    assert (notice.status, notice.due) == (Status.OPEN, D(2025, 6, 5))
    due = coming_due(findings, D(2025, 5, 25), dt.timedelta(days=30))
    assert [(f.obligation, f.due) for f in due if f.event] == [("notice", D(2025, 6, 5)), ("topics-sent", D(2025, 6, 15))]
    late = found(evaluate(unit, D(2025, 6, 10)), "notice", "2025-H1")
    assert late.status is Status.GAP  # the meeting is ahead, but its notice is already late


def test_a_follow_up_after_the_as_of_date_has_not_happened_yet() -> None:
    unit, timing = city(("m", D(2024, 6, 20), MEETING, None), ("x", D(2024, 6, 24), MINUTES, "m"))
    assert found(evaluate_events(unit, timing, D(2024, 6, 23)), "minutes", "m").status is Status.OPEN
    assert found(evaluate_events(unit, timing, D(2024, 6, 24)), "minutes", "m").status is Status.MET


def test_rules_bind_by_level_and_by_who_acts() -> None:
    unit, timing = city(("m", D(2024, 6, 20), MEETING, None))
    county = Unit("城口县生态环境局", "城口县", Level.COUNTY, (CQ,), unit.activities, timing=timing)
    assert evaluate_events(county, timing, D(2024, 12, 31)) == []
    rules = {f.obligation for f in evaluate_events(unit, timing, D(2024, 12, 31))}
    assert rules == {"notice", "topics-sent", "minutes"}  # topics-submitted is the member units' (成员单位)


def test_an_empty_parameter_leaves_the_rule_unmeasured() -> None:
    unset = DISTRICT.params["incident_press_hours"].model_copy(update={"value": None})
    params = {**DISTRICT.params, "incident_press_hours": unset}
    plan = DISTRICT.model_copy(update={"params": params})
    unit, timing = district(("i", D(2021, 7, 3), "09:00", INCIDENT, None))
    unit = Unit(unit.name, unit.region, unit.level, (plan,), unit.activities, timing=timing)
    assert found(evaluate_events(unit, timing, D(2021, 12, 31)), "press-conference", "i").status is Status.UNMEASURED


# properties ---------------------------------------------------------------------------------------------------------

FOLLOW = [NOTICE, TOPICS, MINUTES]
middle = st.dates(D(2022, 3, 1), D(2024, 9, 30))


@st.composite
def meeting_logs(draw: st.DrawFn) -> list[tuple[str, dt.date, Target, str | None]]:
    acts: list[tuple[str, dt.date, Target, str | None]] = []
    for number in range(draw(st.integers(1, 3))):
        day = draw(middle)
        acts.append((f"m{number}", day, MEETING, None))
        for index in range(draw(st.integers(0, 4))):
            offset = draw(st.integers(-25, 25))
            acts.append((f"f{number}-{index}", day + dt.timedelta(days=offset), draw(st.sampled_from(FOLLOW)), f"m{number}"))
    return acts


def statuses(acts: list[tuple[str, dt.date, Target, str | None]], as_of: dt.date) -> dict[tuple[str, str | None], Status]:
    unit, timing = city(*acts)
    return {(f.obligation, f.event): f.status for f in evaluate_events(unit, timing, as_of)}


common = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@common
@given(meeting_logs(), middle, st.integers(-200, 200))
def test_moving_every_activity_and_the_as_of_date_by_the_same_days_changes_no_status(
    acts: list[tuple[str, dt.date, Target, str | None]], as_of: dt.date, shift: int
) -> None:
    moved = [(a, day + dt.timedelta(days=shift), target, event) for a, day, target, event in acts]
    assert statuses(moved, as_of + dt.timedelta(days=shift)) == statuses(acts, as_of)


@common
@given(middle, st.sampled_from([(NOTICE, -15), (TOPICS, -5), (MINUTES, 7)]), middle)
def test_a_follow_up_exactly_on_the_window_edge_is_met(meeting: dt.date, rule: tuple[Target, int], as_of: dt.date) -> None:
    target, offset = rule
    unit, timing = city(("m", meeting, MEETING, None), ("f", meeting + dt.timedelta(days=offset), target, "m"))
    edge = max(as_of, meeting + dt.timedelta(days=max(offset, 0)))
    key = target.obligation or "minutes"
    assert found(evaluate_events(unit, timing, edge), key, "m").status is Status.MET


@common
@given(st.datetimes(dt.datetime(2021, 1, 2), dt.datetime(2021, 12, 1)), st.integers(0, 48 * 60))
def test_an_hours_rule_is_met_up_to_its_last_minute(incident: dt.datetime, minutes: int) -> None:
    incident = incident.replace(second=0, microsecond=0)
    at = incident + dt.timedelta(minutes=minutes)
    unit, timing = district(
        ("i", incident.date(), incident.time().isoformat("minutes"), INCIDENT, None),
        ("p", at.date(), at.time().isoformat("minutes"), PRESS, "i"),
    )
    status = found(evaluate_events(unit, timing, D(2022, 6, 30)), "press-conference", "i").status
    assert status is (Status.MET if minutes <= 24 * 60 else Status.GAP)


# follow-ups that cannot be counted ----------------------------------------------------------------------------------


def _links(
    *acts: tuple[str, str, Target, str | None], level: Level = Level.PROVINCE, lead_as: frozenset[str] = frozenset()
) -> list[tuple[str, str]]:
    """The (activity, reason) of each follow-up reference that is not counted, among (id, day, target, event)."""
    counted = tuple(CountedActivity(a, D.fromisoformat(day), (target,)) for a, day, target, _ in acts)
    timing = {a: Timing(D.fromisoformat(day), None, event) for a, day, _, event in acts if event}
    follow_ups = FollowUps(Unit("u", "r", level, (CQ,), counted, lead_as, timing), None)
    found = [(a, t, follow_ups.reason(a, t)) for a in counted for t in a.targets if follow_ups.owns(a, t)]
    return [(a.id, reason[0]) for a, _, reason in found if reason is not None]


@pytest.mark.parametrize(
    ("target", "event", "day", "code"),
    [
        (NOTICE, None, "2024-06-01", "event-missing"),
        (MINUTES, None, "2024-06-01", "event-missing"),
        (NOTICE, "nowhere", "2024-06-01", "event-unknown"),
        (NOTICE, "pc", "2024-06-01", "event-wrong-requirement"),
        (Target(CQ.id, "CQ-A2-6"), "m", "2024-06-01", "event-ambiguous"),
        (MINUTES, "m", "2024-06-10", "event-order"),
    ],
)
def test_a_follow_up_naming_no_event_an_unknown_one_or_the_wrong_one_is_refused(
    target: Target, event: str | None, day: str, code: str
) -> None:
    acts = [("m", "2024-06-20", MEETING, None), ("pc", "2024-06-20", Target(CQ.id, "CQ-16"), None), ("n", day, target, event)]
    assert _links(*acts) == [("n", code)]


def test_well_linked_follow_ups_raise_nothing() -> None:
    submitted = Target(CQ.id, "CQ-A2-6", "topics-submitted")
    acts = [
        ("m", "2024-06-20", MEETING, None),
        ("n", "2024-06-01", NOTICE, "m"),
        ("x", "2024-06-25", MINUTES, "m"),
        ("t", "2024-06-03", submitted, "n"),
        ("c", "2024-06-03", Target(CQ.id, "CQ-A2-6"), None),  # a bare CQ-A2-6 counts toward its ongoing obligation
    ]
    assert _links(*acts) == []


def test_a_follow_up_of_a_rule_that_does_not_bind_the_unit_can_never_count() -> None:
    acts = [("m", "2024-06-20", MEETING, None), ("n", "2024-06-01", NOTICE, "m")]
    assert _links(*acts, level=Level.COUNTY) == [("n", "event-rule-level")]
    assert _links(*acts, level=Level.PROVINCE, lead_as=frozenset({"团市委"})) == [("n", "event-rule-lead")]
    assert _links(*acts, level=Level.PROVINCE, lead_as=frozenset({"市生态环境局"})) == []


def test_every_follow_up_reference_is_listed_by_an_event_finding_or_has_its_reason() -> None:
    """The accounting law for follow-ups (interface 1): counted, or not counted with a reason."""
    unit, _ = city(
        ("m", D(2024, 6, 20), MEETING, None),
        ("old", D(2021, 3, 1), MEETING, None),  # before the plan took effect (2021-06-30)
        ("n", D(2024, 6, 10), NOTICE, "m"),  # late: listed by its gap
        ("x", D(2024, 6, 25), MINUTES, "m"),
        ("lost", D(2024, 6, 25), MINUTES, None),
        ("later", D(2024, 7, 1), MINUTES, "m"),  # after the as-of date
        ("early", D(2021, 3, 5), MINUTES, "old"),
    )
    follow_ups = FollowUps(unit, D(2024, 6, 30))
    reasons = {a.id: follow_ups.reason(a, a.targets[0]) for a in unit.activities if follow_ups.owns(a, a.targets[0])}
    assert {key: value[0] if value else None for key, value in reasons.items()} == {
        "n": None,
        "x": None,
        "lost": "event-missing",
        "later": "after-as-of",
        "early": "event-outside-plan",
    }
    with language("zh"):
        from ecoplan_cli.messages import text

        assert text("event-outside-plan", **dict(reasons["early"][1])).startswith("CQ-A2-8 所跟进的 old（2021-03-01）")  # type: ignore[index]
