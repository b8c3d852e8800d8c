"""Events end to end: the city's joint meetings and the district's incident in every report, follow-ups that cannot be
counted refused at their line and column, relative deadlines in plan files, and the calendar."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import EXAMPLES, write

CITY = EXAMPLES / "chongqing-city.yaml"
DISTRICT = "examples/district/log-2021.yaml"
HEAD = "plans: [chongqing-impl]\nunit: 重庆市生态环境局\nregion: 重庆市\nactivities:\n"
MEETING = "  - {id: m, date: 2024-06-20, title: 联席会议, requirements: [CQ-A2-5]}\n"


def _events(out: str) -> dict[tuple[str, str], dict[str, object]]:
    return {(f["obligation"], f["event"]): f for f in json.loads(out)["findings"] if f["event"]}


def test_the_city_example_june_notice_is_a_gap_and_its_minutes_are_met(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("check", CITY, "--as-of", "2025-01-15", "--format", "json")
    assert code == 1
    events = _events(out)
    notice = events[("notice", "2024-lxhy-1")]
    assert (notice["status"], notice["period"], notice["due"], notice["activities"]) == (
        "gap",
        "event: 2024-lxhy-1",
        "2024-06-07",
        ["2024-lxhy-1-tz"],
    )
    assert notice["window"]["message"] == "10 days before; the rule is 15 (5 days late)"  # type: ignore[index]
    assert events[("minutes", "2024-lxhy-1")]["status"] == "met"
    assert events[("minutes", "2024-lxhy-1")]["window"]["message"] == "5 days after; the rule is 7"  # type: ignore[index]
    assert {f["status"] for key, f in events.items() if key[1] != "2024-lxhy-1" and key[1] != "2025-lxhy-1"} == {"met"}
    planned = {key[0]: f["status"] for key, f in events.items() if key[1] == "2025-lxhy-1"}
    assert planned == {"notice": "open", "topics-sent": "open", "minutes": "open"}


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "↳ CQ-A2-6/notice 2024-lxhy-1: 10 days before; the rule is 15 (5 days late)"),
        ("zh", "↳ CQ-A2-6/notice 2024-lxhy-1: 提前 10 日；规定为 15（迟 5 日）"),
    ],
)
def test_the_table_says_how_the_window_stands(run, lang: str, words: str) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = run("check", CITY, "--as-of", "2025-01-15", "--lang", lang, "--width", "160")
    assert "CQ-A2-6/notice" in out and "event: 2024-lxhy-1" in out and words in out


def test_every_report_names_the_event(run) -> None:  # type: ignore[no-untyped-def]
    for kind in ("github", "junit", "sarif", "csv"):
        _, out, _ = run("check", CITY, "--as-of", "2025-01-15", "--format", kind, "--requirement", "CQ-A2-6")
        assert ("event%3A 2024-lxhy-1" if kind == "github" else "event: 2024-lxhy-1") in out, kind


def test_a_planned_meeting_puts_its_notice_in_coming_due(run) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = run("check", CITY, "--as-of", "2025-05-25", "--within", "30d", "--format", "json")
    due = [(d["requirement"], d["obligation"], d["due"]) for d in json.loads(out)["coming_due"] if d["event"]]
    assert due == [("CQ-A2-6", "notice", "2025-06-05"), ("CQ-A2-6", "topics-sent", "2025-06-15")]


def test_the_district_press_conference_thirty_hours_after_the_incident_is_a_gap(run) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = run("check", DISTRICT, "--as-of", "2022-01-15", "--format", "json")
    events = _events(out)
    press = events[("press-conference", "sj-2021-07-03")]
    assert press["status"] == "gap"
    assert press["window"]["message"] == "30 hours after; the rule is 24 (6 hours late)"  # type: ignore[index]
    assert press["window"]["due"] == "2021-07-04T09:00"  # type: ignore[index]
    assert events[("authoritative-info", "sj-2021-07-03")]["status"] == "met"


def test_the_calendar_lists_the_deadlines_of_the_logs_events(run) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = run("calendar", "--year", "2025", "--log", CITY, "--as-of", "2025-05-25", "--format", "json")
    text = json.dumps(json.loads(out), ensure_ascii=False)
    assert text.count("event: 2025-lxhy-1") == 3
    _, out, _ = run("calendar", "--year", "2025", "--log", CITY, "--as-of", "2025-05-25", "--width", "160")
    assert "06-05" in out and "event: 2025-lxhy-1" in out


@pytest.mark.parametrize(
    ("follow_up", "position", "english", "chinese"),
    [
        (
            "  - id: n\n    date: 2024-06-01\n    title: 通知\n    requirements: [CQ-A2-6/notice]\n",
            "9:20",
            "CQ-A2-6/notice runs from an event: say which one with event:",
            "CQ-A2-6/notice 的时限从某一事件起算",
        ),
        (
            "  - id: n\n    date: 2024-06-01\n    title: 通知\n    requirements: [CQ-A2-6/notice]\n    event: mm\n",
            "9:20",
            "event: mm names no activity of this unit",
            "event: mm 不是本单位任何活动的编号",
        ),
        (
            "  - id: n\n    date: 2024-06-01\n    title: 通知\n    requirements: [CQ-A2-6/notice]\n    event: pc\n",
            "9:20",
            "event: pc is an activity of CQ-16, but no rule this activity names runs from it",
            "event: pc 记录的是 CQ-16",
        ),
    ],
)
def test_a_follow_up_that_cannot_be_counted_is_listed_with_its_reason(  # type: ignore[no-untyped-def]
    run, tmp_path: Path, follow_up: str, position: str, english: str, chinese: str
) -> None:
    conference = "  - {id: pc, date: 2024-06-20, title: 发布会, requirements: [CQ-16]}\n"
    log = write(tmp_path, "log.yaml", HEAD + MEETING.replace("\n", "") + "\n" + follow_up + conference)
    code, _, err = run("validate", log)
    assert code == 1 and f"log.yaml:{position}" in err and english in err
    code, _, err = run("validate", "--lang", "zh", log)
    assert code == 1 and chinese in err
    _, out, _ = run("check", log, "--as-of", "2025-01-15", "--format", "json")
    [entry] = [u for u in json.loads(out)["uncounted"] if u["activity"] == "n"]
    assert entry["requirement"].startswith("CQ-A2-6") and english in entry["message"]


def test_a_follow_up_may_name_an_event_in_another_file_of_its_unit(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = write(tmp_path, "a.yaml", HEAD + MEETING)
    minutes = "  - {id: x, date: 2024-06-25, title: 纪要, requirements: [CQ-A2-8], event: m}\n"
    second = write(tmp_path, "b.yaml", HEAD + minutes)
    code, out, err = run("check", first, second, "--as-of", "2025-01-15", "--format", "json", "--requirement", "CQ-A2-8")
    assert code == 0, err
    assert [(f["event"], f["status"]) for f in json.loads(out)["findings"]] == [("m", "met")]
    _, out, _ = run("check", second, "--as-of", "2025-01-15", "--format", "json")
    assert [(u["activity"], u["reason"]) for u in json.loads(out)["uncounted"]] == [("x", "event-unknown")]


PLAN = """\
id: my-district
title: 某区工作计划
issuing_bodies: [某区生态环境局]
effective_date: 2024-01-01
period: {start: 2024-01-01, end: 2024-12-31}
source: {title: 某区工作计划}
params:
  hours: {text: x小时内发布权威信息}
regions:
  - {name: 某区, level: district, kind: 区}
requirements:
  - id: MQ-1
    title: 应急
    section: 一
    quote: 事件发生后x小时内发布权威信息，3日内报送材料。
    lead: [某区生态环境局]
    obligations:
      - {key: incident, levels: [district], recurrence: ongoing, explicit_only: true}
    relative_deadlines:
      - {key: info, event: MQ-1/incident, direction: after, offset_param: hours, unit: hours, levels: [district],
         text: x小时内发布权威信息}
      - {key: report, event: MQ-9, direction: after, days: 4, levels: [district], text: 3日内报送材料}
      - {key: other, event: MQ-1/info, direction: after, days: 3, levels: [district], text: 没有这句话}
"""


def test_plan_check_locates_each_mistake_in_a_relative_deadline(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = write(tmp_path, "plan.yaml", PLAN)
    code, _, err = run("plan-check", plan)
    assert code == 1
    assert "plan.yaml:22:30: error: event 'MQ-9' is not a requirement (or REQ/key) of plan my-district" in err
    assert "plan.yaml:22:60: error: the number 4 does not appear in the rule's text" in err
    assert "plan.yaml:23:93: error: the basis is not a verbatim part of MQ-1's quote" in err
    assert "parameter 'hours' (x小时内发布权威信息) has no value yet" in err


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("{key: a, event: MQ-1, direction: after, levels: [district], text: t}", "give exactly one of days, hours"),
        ("{key: a, event: MQ-1, direction: before, hours: 3, levels: [district], text: t}", "a rule before the event counts"),
        ("{key: a, event: MQ-1, direction: after, offset_param: hours, levels: [district], text: t}", "offset_param needs unit"),
        ("{key: incident, event: MQ-1, direction: after, days: 3, levels: [district], text: t}", "obligation keys repeated"),
    ],
)
def test_the_plan_schema_refuses_a_rule_without_one_offset(run, tmp_path: Path, rule: str, words: str) -> None:  # type: ignore[no-untyped-def]
    text = PLAN.split("    relative_deadlines:\n")[0] + f"    relative_deadlines:\n      - {rule}\n"
    code, _, err = run("plan-check", write(tmp_path, "plan.yaml", text))
    assert code == 1 and words in err


def test_show_lists_a_requirements_relative_deadlines(run) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = run("show", "CQ-A2-6")
    assert "CQ-A2-6/notice: 15 days before CQ-A2-5" in out and "CQ-A2-6/topics-submitted: 5 days after CQ-A2-6/notice" in out
    _, out, _ = run("show", "QJ-1-3", "--plan-file", "examples/plans/district_work_plan_2021.yaml")
    assert "QJ-1-3/press-conference: incident_press_hours=24 hours after QJ-1-3/incident" in out
    _, out, _ = run("show", "CQ-A2-8", "--format", "json")
    [rule] = json.loads(out)["relative_deadlines"]
    assert (rule["key"], rule["event"], rule["direction"], rule["days"]) == ("minutes", "CQ-A2-5", "after", 7)


def test_a_county_recording_a_joint_meeting_notice_is_told_it_never_counts(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    head = HEAD.replace("重庆市生态环境局", "城口县生态环境局").replace("region: 重庆市", "region: 城口县")
    notice = "  - {id: n, date: 2024-06-01, title: 通知, requirements: [CQ-A2-6/notice], event: m}\n"
    log = write(tmp_path, "log.yaml", head + MEETING + notice)
    code, _, err = run("validate", log)
    assert code == 1 and "log.yaml:6:57" in err and "CQ-A2-6/notice binds province level, not a county unit" in err
    _, _, err = run("validate", "--lang", "zh", log)
    assert "CQ-A2-6/notice 适用于省级，不适用于县级单位" in err


def test_an_extension_counts_a_late_notice_dated_up_to_its_new_due_date(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    notice = "  - {id: n, date: 2024-06-12, title: 通知, requirements: [CQ-A2-6/notice], event: m}\n"
    write(
        tmp_path,
        "exceptions.yaml",
        "exceptions:\n  - {id: e1, requirement: CQ-A2-6/notice, periods: ['event: m'], kind: extend, due: 2024-06-12,\n"
        "     justification: 会期临时提前，经批准通知延后, approved_by: 市生态环境局,\n"
        "     document: 渝环办函〔2024〕示例1号, expires: 2026-12-31}\n",
    )
    head = HEAD.replace("activities:", "exceptions: [exceptions.yaml]\nactivities:")
    log = write(tmp_path, "log.yaml", head + MEETING + notice)
    _, out, err = run("check", log, "--as-of", "2025-01-15", "--format", "json", "--requirement", "CQ-A2-6")
    [finding] = [f for f in json.loads(out)["findings"] if f["obligation"] == "notice"]
    assert (finding["status"], finding["due"], finding["activities"], finding["actual"]) == ("met", "2024-06-12", ["n"], 1), err
    _, out, _ = run("check", log, "--as-of", "2025-01-15", "--format", "json", "--requirement", "CQ-A2-6", "--no-exceptions")
    assert [f["status"] for f in json.loads(out)["findings"] if f["obligation"] == "notice"] == ["gap"]


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("city-events.json", (Path("examples") / "chongqing-city.yaml", "--requirement", "CQ-A2-6", "--requirement", "CQ-A2-8")),
        ("district-incident.table.txt", (DISTRICT, "--requirement", "QJ-1-3", "--format", "table", "--width", "100")),
    ],
)
def test_event_reports_are_golden(run, name: str, args: tuple[object, ...]) -> None:  # type: ignore[no-untyped-def]
    """The same inputs give the same bytes; ECOPLAN_UPDATE_GOLDEN=1 rewrites tests/golden/NAME."""
    import os

    as_of = "2022-01-15" if "district" in name else "2025-01-15"
    fmt = () if "--format" in args else ("--format", "json")
    _, out, _ = run("check", *args, "--as-of", as_of, *fmt, "--lang", "en")
    path = Path(__file__).parent / "golden" / name
    if os.environ.get("ECOPLAN_UPDATE_GOLDEN"):
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")
