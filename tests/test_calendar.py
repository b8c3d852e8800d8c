"""The calendar on the bundled plans: due dates by level, one-off deadlines, observances, progress, reporters."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from icalendar import Calendar, Component

from ecoplan_cli.engine.calendar import (
    CalendarItem,
    calendar_items,
    undated_observances,
    with_progress,
    year_window,
)
from ecoplan_cli.engine.evaluate import CountedActivity, Status, Unit, evaluate
from ecoplan_cli.engine.references import Target
from ecoplan_cli.load.catalogue import bundled
from ecoplan_cli.model import Level, Measure, Plan
from ecoplan_cli.model.ids import natural_key
from ecoplan_cli.report import calendar_ics, calendar_json, calendar_table

FIRST_2024, LAST_2024 = year_window(2024)


@pytest.fixture(scope="module")
def plans() -> list[Plan]:
    return [source.plan for source in bundled().plans.values()]


def due(items: list[CalendarItem], requirement: str, obligation: str | None = None) -> list[CalendarItem]:
    return [
        item for item in items if item.kind == "due" and item.requirement == requirement and obligation in (None, item.obligation)
    ]


def test_county_has_two_semiannual_press_conferences_and_no_monthly_ones(plans: list[Plan]) -> None:
    items = calendar_items(plans, Level.COUNTY, FIRST_2024, LAST_2024)
    cq17 = due(items, "CQ-17")
    assert [(item.date, item.obligation, item.period_label) for item in cq17] == [
        (date(2024, 6, 30), "county", "2024-H1"),
        (date(2024, 12, 31), "county", "2024-H2"),
    ]
    assert cq17[0].required == 1
    assert cq17[0].measure is Measure.TIMES
    assert cq17[0].lead == ("各区县",)
    assert cq17[0].period_start == date(2024, 1, 1)
    assert due(items, "CQ-16") == []


def test_district_has_four_quarterly_press_conferences(plans: list[Plan]) -> None:
    items = calendar_items(plans, Level.DISTRICT, FIRST_2024, LAST_2024)
    cq17 = due(items, "CQ-17")
    assert [(item.date, item.obligation) for item in cq17] == [
        (date(2024, 3, 31), "district"),
        (date(2024, 6, 30), "district"),
        (date(2024, 9, 30), "district"),
        (date(2024, 12, 31), "district"),
    ]


def test_province_has_twelve_monthly_press_conferences_at_each_month_end(plans: list[Plan]) -> None:
    items = calendar_items(plans, Level.PROVINCE, FIRST_2024, LAST_2024)
    monthly = due(items, "CQ-16", "monthly")
    assert len(monthly) == 12
    assert [item.date for item in monthly][:3] == [date(2024, 1, 31), date(2024, 2, 29), date(2024, 3, 31)]
    assert [item.period_label for item in monthly][-1] == "2024-12"
    assert [item.date for item in due(items, "CQ-16", "press-center")] == [date(2024, 12, 31)]
    assert due(items, "CQ-17") == []


def test_no_level_lists_every_level(plans: list[Plan]) -> None:
    items = calendar_items(plans, None, FIRST_2024, LAST_2024)
    assert len(due(items, "CQ-17", "district")) == 4
    assert len(due(items, "CQ-17", "county")) == 2
    assert len(due(items, "CQ-16", "monthly")) == 12


def test_once_deadline_falls_in_its_year_only(plans: list[Plan]) -> None:
    in_2021 = calendar_items(plans, Level.COUNTY, *year_window(2021))
    cq42 = due(in_2021, "CQ-42")
    assert [(item.date, item.obligation, item.period_label) for item in cq42] == [
        (date(2021, 12, 31), "district-county", "≤2021-12-31")
    ]
    assert cq42[0].period_start == date(2021, 1, 1)
    province = due(calendar_items(plans, Level.PROVINCE, *year_window(2021)), "CQ-42")
    assert [item.obligation for item in province] == ["city"]
    assert due(calendar_items(plans, Level.COUNTY, *year_window(2022)), "CQ-42") == []


def test_periods_straddling_the_effective_date_are_not_due(plans: list[Plan]) -> None:
    # chongqing-impl took effect on 2021-06-30: H1 2021 was not required, H2 2021 was.
    items = calendar_items(plans, Level.COUNTY, *year_window(2021))
    assert [item.date for item in due(items, "CQ-17")] == [date(2021, 12, 31)]


def test_unmeasured_obligations_have_no_due_date(plans: list[Plan]) -> None:
    items = calendar_items(plans, None, FIRST_2024, LAST_2024)
    assert due(items, "CQ-1") == []  # 立即落实，长期坚持: ongoing, no number
    measured = {
        (plan.id, requirement.id, obligation.key)
        for plan in plans
        for requirement in plan.requirements
        for obligation in requirement.obligations
        if obligation.measured
    }
    assert {(item.plan, item.requirement, item.obligation) for item in items if item.kind == "due"} <= measured


def test_window_keeps_only_periods_ending_inside_it(plans: list[Plan]) -> None:
    items = calendar_items(plans, Level.DISTRICT, date(2024, 4, 1), date(2024, 7, 15))
    assert [item.date for item in due(items, "CQ-17")] == [date(2024, 6, 30)]
    assert all(date(2024, 4, 1) <= item.date <= date(2024, 7, 15) for item in items if item.date)
    assert calendar_items(plans, Level.DISTRICT, date(2024, 7, 15), date(2024, 4, 1)) == []


def test_items_are_sorted_by_date_plan_and_natural_requirement_order(plans: list[Plan]) -> None:
    items = calendar_items(plans, Level.COUNTY, FIRST_2024, LAST_2024)
    keys = [(item.date, item.plan, natural_key(item.requirement), item.obligation) for item in items]
    assert keys == sorted(keys)
    year_end = [item.requirement for item in items if item.date == LAST_2024 and item.plan == "chongqing-impl"]
    assert year_end.index("CQ-5") < year_end.index("CQ-17") < year_end.index("CQ-79")


def test_lead_and_mandatory_filters(plans: list[Plan]) -> None:
    led = calendar_items(plans, None, FIRST_2024, LAST_2024, leads=frozenset({"团市委"}))
    assert {item.requirement for item in led if item.kind == "due"} == {"CQ-67"}
    in_2022 = year_window(2022)
    everything = calendar_items(plans, Level.PROVINCE, *in_2022)
    encouraged = [item for item in everything if item.kind == "due" and not item.mandatory]
    assert ("CQ-40", "mechanism") in {(item.requirement, item.obligation) for item in encouraged}
    mandatory = calendar_items(plans, Level.PROVINCE, *in_2022, mandatory_only=True)
    assert all(item.mandatory for item in mandatory if item.kind == "due")
    assert len(mandatory) == len(everything) - len(encouraged)


def test_dated_observances_and_undated_ones(plans: list[Plan]) -> None:
    items = calendar_items(plans, Level.COUNTY, FIRST_2024, LAST_2024)
    observances = [item for item in items if item.kind == "observance"]
    assert [item.date for item in observances if item.title == "六五环境日"] == [date(2024, 6, 5)]  # once, not per plan
    assert "全国低碳日" not in {item.title for item in observances}
    undated = undated_observances(plans, FIRST_2024, LAST_2024)
    low_carbon = [item for item in undated if item.title == "全国低碳日"]
    assert len(low_carbon) == 1
    assert low_carbon[0].date is None
    assert low_carbon[0].missing_date
    assert low_carbon[0].period_label == "2024"
    assert "六五环境日" not in {item.title for item in undated}


def test_observances_outside_the_plan_period_are_not_listed(plans: list[Plan]) -> None:
    assert calendar_items(plans, None, *year_window(2030)) == []
    assert undated_observances(plans, *year_window(2030)) == []


def test_progress_from_a_log(plans: list[Plan]) -> None:
    chongqing = [plan for plan in plans if plan.id == "chongqing-impl"]
    unit = Unit(
        name="城口县生态环境局",
        region="城口县",
        level=Level.COUNTY,
        plans=tuple(chongqing),
        activities=(CountedActivity("fbh-1", date(2024, 5, 10), (Target("chongqing-impl", "CQ-17"),)),),
    )
    items = calendar_items(chongqing, unit.level, FIRST_2024, LAST_2024)
    progressed = with_progress(items, evaluate(unit, LAST_2024 + timedelta(days=1)))
    cq17 = due(progressed, "CQ-17")
    assert [(item.status, item.actual) for item in cq17] == [(Status.MET, 1), (Status.GAP, 0)]
    assert all(item.status is None for item in progressed if item.kind == "observance")
    early = with_progress(items, evaluate(unit, date(2024, 3, 1)))
    assert [(item.status, item.actual) for item in due(early, "CQ-17")] == [(Status.OPEN, 0), (None, None)]


def ics_events(text: str) -> list[Component]:
    return list(Calendar.from_ical(text).walk("VEVENT"))


def test_ics_parses_with_one_event_per_due_item_and_stable_uids(plans: list[Plan]) -> None:
    items = calendar_items(plans, Level.COUNTY, FIRST_2024, LAST_2024) + undated_observances(plans, FIRST_2024, LAST_2024)
    text = calendar_ics.render(items, alarm_days=3, region="城口县", first=FIRST_2024)
    calendar = Calendar.from_ical(text)
    assert str(calendar["VERSION"]) == "2.0"
    assert "ecoplan" in str(calendar["PRODID"])
    events = ics_events(text)
    due_items = [item for item in items if item.kind == "due"]
    due_events = [event for event in events if "CQ-" in str(event["SUMMARY"]) or "ZL" in str(event["SUMMARY"])]
    assert len(due_events) == len(due_items)
    assert len(events) == len([item for item in items if item.date is not None])  # undated ones are left out
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == len(uids)
    assert all(uid.startswith("ecoplan-") and uid.endswith("@ecoplan") and len(uid) == 32 for uid in uids)
    again = calendar_ics.render(items, alarm_days=3, region="城口县", first=FIRST_2024)
    assert again == text
    assert [str(event["UID"]) for event in ics_events(again)] == uids
    other_region = calendar_ics.render(items, alarm_days=3, region="巫溪县", first=FIRST_2024)
    assert not set(uids) & {str(event["UID"]) for event in ics_events(other_region)}
    h1 = next(event for event in due_events if "CQ-17/county" in str(event["SUMMARY"]))
    start = h1.decoded("DTSTART")
    assert isinstance(start, date) and not isinstance(start, datetime)
    assert start == date(2024, 6, 30)
    assert h1.decoded("DTEND") == date(2024, 7, 1)
    assert h1.decoded("DTSTAMP") == datetime.fromisoformat("2024-01-01T00:00:00+00:00")
    assert "各区县" in str(h1["DESCRIPTION"])
    assert "县级生态环境部门每半年召开1次新闻发布会" in str(h1["DESCRIPTION"])
    for event in due_events:
        alarms = list(event.walk("VALARM"))
        assert len(alarms) == 1
        assert str(alarms[0]["ACTION"]) == "DISPLAY"
        assert alarms[0].decoded("TRIGGER") == timedelta(days=-3)


def test_ics_default_alarm_is_seven_days(plans: list[Plan]) -> None:
    items = due(calendar_items(plans, Level.COUNTY, FIRST_2024, LAST_2024), "CQ-17")
    text = calendar_ics.render(items, first=FIRST_2024)
    assert "TRIGGER:-P7D" in text
    with pytest.raises(ValueError):
        calendar_ics.render(items, alarm_days=-1)


def test_json_has_the_stable_fields(plans: list[Plan]) -> None:
    items = calendar_items(plans, Level.COUNTY, FIRST_2024, LAST_2024) + undated_observances(plans, FIRST_2024, LAST_2024)
    document = json.loads(calendar_json.render(items, first=FIRST_2024, last=LAST_2024))
    assert (document["from"], document["to"]) == ("2024-01-01", "2024-12-31")
    assert len(document["items"]) == len(items)
    fields = {
        "date",
        "kind",
        "plan",
        "requirement",
        "obligation",
        "title",
        "required",
        "measure",
        "lead",
        "mandatory",
        "period",
        "status",
        "actual",
        "missing_date",
    }
    assert all(set(record) == fields for record in document["items"])
    h1 = next(r for r in document["items"] if r["requirement"] == "CQ-17" and r["date"] == "2024-06-30")
    assert h1 == {
        "date": "2024-06-30",
        "kind": "due",
        "plan": "chongqing-impl",
        "requirement": "CQ-17",
        "obligation": "county",
        "title": "做好新闻发布",
        "required": 1,
        "measure": "次",
        "lead": ["各区县"],
        "mandatory": True,
        "period": "2024-H1",
        "status": None,
        "actual": None,
        "missing_date": False,
    }
    low_carbon = next(r for r in document["items"] if r["title"] == "全国低碳日")
    assert (low_carbon["date"], low_carbon["missing_date"], low_carbon["kind"]) == (None, True, "observance")


@pytest.mark.parametrize(("lang", "month", "missing"), [("en", "2024-06", "missing date"), ("zh", "2024年6月", "日期缺失")])
def test_table_groups_by_month(plans: list[Plan], lang: str, month: str, missing: str) -> None:
    items = calendar_items(plans, Level.COUNTY, FIRST_2024, LAST_2024) + undated_observances(plans, FIRST_2024, LAST_2024)
    text = calendar_table.render(items, first=FIRST_2024, last=LAST_2024, width=100, lang=lang)
    assert month in text
    assert missing in text
    assert "全国低碳日" in text
    lines = text.splitlines()
    row = next(i for i, line in enumerate(lines) if "CQ-17/county" in line and "2024-H1" in line)
    assert lines[row].startswith("06-30")
    heading = max(i for i, line in enumerate(lines[:row]) if line.startswith("2024"))
    assert lines[heading] == month
    assert "\x1b[" not in text
    assert all(len(line) <= 100 for line in text.splitlines())


def test_calendar_command_for_a_county(run) -> None:  # type: ignore[no-untyped-def]
    from icalendar import Calendar

    code, out, _ = run("calendar", "--year", "2024", "--region", "城口县", "--format", "json")
    assert code == 0
    items = json.loads(out)["items"]
    cq17 = [i["date"] for i in items if i["requirement"] == "CQ-17"]
    assert cq17 == ["2024-06-30", "2024-12-31"]
    assert not any(i["requirement"] == "CQ-16" for i in items)
    code, ics, _ = run("calendar", "--year", "2024", "--region", "城口县", "--format", "ics", "--alarm-days", "3")
    assert code == 0
    events = [e for e in Calendar.from_ical(ics).walk("VEVENT") if "CQ-17" in str(e.get("SUMMARY"))]
    assert len(events) == 2
    code, table, _ = run("calendar", "--year", "2024", "--region", "城口县", "--lang", "en")
    assert code == 0 and "CQ-17/county" in table


def test_calendar_with_a_log_shows_what_is_met(run) -> None:  # type: ignore[no-untyped-def]
    from conftest import EXAMPLES

    log = EXAMPLES / "chengkou-county.yaml"
    code, out, _ = run("calendar", "--year", "2023", "--log", log, "--as-of", "2025-01-15", "--format", "json")
    assert code == 0
    statuses = {i["period"]: i["status"] for i in json.loads(out)["items"] if i["requirement"] == "CQ-17"}
    assert statuses == {"2023-H1": "met", "2023-H2": "gap"}
    _, out, _ = run("calendar", "--year", "2023", "--log", log, "--as-of", "2023-12-01", "--format", "json")
    statuses = {i["period"]: i["status"] for i in json.loads(out)["items"] if i["requirement"] == "CQ-17"}
    assert statuses == {"2023-H1": "met", "2023-H2": "open"}


def test_a_user_file_dates_the_observances_the_plans_leave_undated(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    dates = Path(tmp_path) / "observances.yaml"
    dates.write_text('全国低碳日: [2024-05-15]\n全国土壤日: ["2024-12-05"]\n', encoding="utf-8")
    code, out, _ = run("calendar", "--year", "2024", "--region", "城口县", "--observances", dates, "--format", "json")
    assert code == 0
    observed = {i["title"]: (i["date"], i["missing_date"]) for i in json.loads(out)["items"] if i["kind"] == "observance"}
    assert observed["全国低碳日"] == ("2024-05-15", False) and observed["全国土壤日"] == ("2024-12-05", False)
    assert observed["绿色出行日"] == (None, True)  # still undated: reported as missing, never guessed
    dates.write_text("全国低碳节: [2024-05-15]\n", encoding="utf-8")
    code, _, err = run("calendar", "--year", "2024", "--observances", dates, "--lang", "en")
    assert code == 2 and f"{dates}:1:1:" in err and "no plan names an observance '全国低碳节'" in err
