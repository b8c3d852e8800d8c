"""User-written plan files (examples/plans/): a district's own work plan with placeholders and per-sub-unit rules,
and a city's plan derived from the national one; their example logs validate and check as designed."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS
from ecoplan_cli.load.catalogue import Catalogue, PlanSource, load_plan_file
from ecoplan_cli.model import Level, Measure, Plan, Recurrence

DISTRICT_PLAN = "examples/plans/district_work_plan_2021.yaml"
MUNICIPAL_PLAN = "examples/plans/municipal_example.yaml"
DISTRICT_LOG = "examples/district/log-2021.yaml"
CITY_LOG = "examples/municipal/log-city.yaml"
DISTRICT_SEED = "district_work_plan_2021_template.txt"
MUNICIPAL_SEED = "municipal_implementation_plan_generic.txt"

STREETS = ["东湖街道", "西城街道", "南山街道", "北苑街道"]
COMMUNITIES = ["东湖社区", "湖滨社区", "西城社区", "文昌社区", "南山社区", "北苑社区"]


def _load(relative: str) -> PlanSource:
    return load_plan_file(str(ROOT / relative), relative)


@pytest.fixture(scope="module")
def district() -> Plan:
    return _load(DISTRICT_PLAN).plan


@pytest.fixture(scope="module")
def municipal() -> Plan:
    return _load(MUNICIPAL_PLAN).plan


def _seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def _check_json(run, *args: str) -> tuple[int, dict]:  # type: ignore[no-untyped-def]
    code, out, err = run("check", *args, "--format", "json")
    assert code in (0, 1), err
    return code, json.loads(out)


# ── the plan files ──────────────────────────────────────────────────────────────────────────────────────────────


def test_both_plan_files_validate_with_their_ids_and_periods(district: Plan, municipal: Plan) -> None:
    assert district.id == "district-2021-example"
    assert (str(district.period.start), str(district.period.end), str(district.effective_date)) == (
        "2021-01-01",
        "2021-12-31",
        "2021-01-01",
    )
    assert municipal.id == "municipal-example"
    assert municipal.implements == "national-2021-2025"
    assert (str(municipal.period.start), str(municipal.period.end)) == ("2021-01-01", "2025-12-31")


def test_district_requirements_cover_every_numbered_item_the_seed_holds(district: Plan) -> None:
    text = _seed(DISTRICT_SEED).split("二、工作要点", 1)[1]
    sections = re.split(r"\n\(([一二三四五六七八九十]+)\)", text)[1:]
    numerals = "一二三四五六七八九十"
    expected = []
    for numeral, body in zip(sections[::2], sections[1::2], strict=True):
        for item in re.findall(r"^(\d+)\.", body, flags=re.MULTILINE):
            expected.append(f"QJ-{numerals.index(numeral) + 1}-{item}")
    assert len(expected) == 10
    assert [r.id for r in district.requirements] == expected


def test_municipal_requirements_cover_every_task_item_and_safeguard(municipal: Plan) -> None:
    text = _seed(MUNICIPAL_SEED)
    tasks = text.split("\n二、主要任务\n", 1)[1].split("\n三、保障措施\n", 1)[0]
    sections = re.split(r"\n\(([一二三四五六七八九十]+)\)", tasks)[1:]
    numerals = "一二三四五六七八九十"
    expected = []
    for numeral, body in zip(sections[::2], sections[1::2], strict=True):
        for item in re.findall(r"^(\d+)\.", body, flags=re.MULTILINE):
            expected.append(f"SL-{numerals.index(numeral) + 1}-{item}")
    safeguards = re.findall(r"^\(([一二三四])\)", text.split("\n三、保障措施\n", 1)[1], flags=re.MULTILINE)
    expected += [f"SL-BZ-{numerals.index(n) + 1}" for n in safeguards]
    assert len(expected) == 39  # 36 task items; the seed breaks off inside 保障措施 (三)
    assert [r.id for r in municipal.requirements] == expected


@pytest.mark.parametrize(("plan_file", "seed"), [(DISTRICT_PLAN, DISTRICT_SEED), (MUNICIPAL_PLAN, MUNICIPAL_SEED)])
def test_every_quote_is_verbatim_in_its_seed(plan_file: str, seed: str) -> None:
    text = _seed(seed).replace("\n", "")
    plan = _load(plan_file).plan
    assert [r.id for r in plan.requirements if r.quote not in text] == []
    assert all(o.basis in r.quote for r in plan.requirements for o in r.obligations if o.basis)
    params = [p.text for p in plan.params.values()]
    assert [t for t in params if t not in text] == []


def test_municipal_units_are_those_of_each_items_note(municipal: Plan) -> None:
    text = _seed(MUNICIPAL_SEED).replace("\n", "")
    for requirement in municipal.requirements:
        after = text[text.index(requirement.quote) + len(requirement.quote) :]
        note = re.match(r"[〔(]([^〔〕()]*(?:\([^()]*\)[^〔〕()]*)*)牵头,(.*?)配合[〕)]", after)
        if requirement.id == "SL-BZ-3":  # the seed ends inside this item: no note
            assert note is None and requirement.lead == []
            continue
        assert note is not None, requirement.id
        assert requirement.lead == note.group(1).split("、"), requirement.id
        assert requirement.supporting == re.split("[、,]", note.group(2)), requirement.id


def test_every_implements_link_of_the_municipal_plan_resolves(municipal: Plan, catalogue: Catalogue) -> None:
    national = {r.id for r in catalogue.plan("national-2021-2025").requirements}
    links = [(r.id, link) for r in municipal.requirements for link in r.implements]
    assert len({r for r, _ in links}) == len(municipal.requirements)  # every requirement links somewhere
    assert [pair for pair in links if pair[1] not in national] == []
    assert "ZL3-1" in municipal.requirement("SL-3-2").implements  # type: ignore[union-attr]
    assert municipal.requirement("SL-BZ-1").implements == ["BZ-1"]  # type: ignore[union-attr]


def test_district_obligations_read_the_template(district: Plan) -> None:
    def shape(rid: str, key: str):  # type: ignore[no-untyped-def]
        requirement = district.requirement(rid)
        assert requirement is not None
        o = requirement.obligation(key)
        assert o is not None, (rid, key)
        return o

    bulletin = shape("QJ-1-1", "bulletin")
    assert (bulletin.recurrence, bulletin.min_count, bulletin.measure, bulletin.basis) == (
        Recurrence.MONTHLY,
        1,
        Measure.ISSUES,
        "每月一刊",
    )
    meetings = shape("QJ-2-1", "topic-meetings")
    assert (meetings.recurrence, meetings.min_count, meetings.measure) == (Recurrence.BIMONTHLY, 1, Measure.TIMES)
    articles = shape("QJ-2-1", "articles")
    assert (articles.recurrence, articles.count_param, articles.measure) == (
        Recurrence.WEEKLY,
        "weekly_articles",
        Measure.ARTICLES,
    )
    assert articles.min_count == district.params["weekly_articles"].value == 2  # filled in by with_parameters
    for key, kind, param in (("billboards", "街道", "street_billboards"), ("boards", "社区", "community_boards")):
        o = shape("QJ-2-2", key)
        assert (o.recurrence, o.per, o.count_param, o.measure, str(o.deadline)) == (
            Recurrence.PLAN_PERIOD,
            kind,
            param,
            Measure.BOARDS,
            "2021-12-31",
        )
        assert o.note
    for rid, key in (("QJ-3-1", "contest"), ("QJ-3-2", "review")):
        o = shape(rid, key)
        assert (o.recurrence, str(o.deadline), o.min_count) == (Recurrence.ONCE, "2021-12-31", None)
    assert all(o.levels == [Level.DISTRICT] for r in district.requirements for o in r.obligations)
    assert all(r.lead == ["区生态环境局"] for r in district.requirements)
    assert district.subunits["街道"] == STREETS and district.subunits["社区"] == COMMUNITIES
    assert [(r.name, r.level, r.kind) for r in district.regions] == [("示例区", Level.DISTRICT, "区")]
    assert any("示例区" in reading.choice for reading in district.readings)


def test_municipal_levels_follow_a_prefecture_level_city(municipal: Plan) -> None:
    sl32 = municipal.requirement("SL-3-2")
    assert sl32 is not None
    assert {o.key: (tuple(o.levels), o.recurrence, o.min_count) for o in sl32.obligations} == {
        "monthly": ((Level.PREFECTURE,), Recurrence.MONTHLY, 1),
        "press-center": ((Level.PREFECTURE,), Recurrence.ANNUAL, 1),
        "district": ((Level.DISTRICT,), Recurrence.QUARTERLY, 1),
        "county": ((Level.COUNTY,), Recurrence.SEMIANNUAL, 1),
    }
    assert sl32.obligation("press-center").explicit_only  # type: ignore[union-attr]
    levels = {level for r in municipal.requirements for o in r.obligations for level in o.levels}
    assert Level.PROVINCE not in levels
    sl13 = municipal.requirement("SL-1-3")
    assert sl13 is not None and [o.levels for o in sl13.obligations] == [[Level.PREFECTURE], [Level.DISTRICT, Level.COUNTY]]
    regions = {r.name: (r.level, r.kind) for r in municipal.regions}
    assert regions == {
        "示例市": (Level.PREFECTURE, "地级市"),
        "示例市甲区": (Level.DISTRICT, "区"),
        "示例市乙区": (Level.DISTRICT, "区"),
        "示例市丙县": (Level.COUNTY, "县"),
    }


# ── the example logs ────────────────────────────────────────────────────────────────────────────────────────────


def test_district_log_validates(run) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("validate", DISTRICT_LOG)
    assert code == 0, out + err
    assert "valid" in out


def test_city_log_validates_with_its_plan_file_and_not_without(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("validate", "--plan-file", MUNICIPAL_PLAN, CITY_LOG)
    assert code == 0, out + err
    code, out, err = run("validate", CITY_LOG)  # examples/ecoplan.toml names the plan file for the folder
    assert code == 0, out + err
    alone = tmp_path / "log-city.yaml"  # the same log where no settings file names the plan
    alone.write_text(Path(CITY_LOG).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / ".git").mkdir()
    code, out, err = run("validate", alone)
    assert code == 1
    assert "municipal-example" in out + err


def test_district_check_reports_weekly_articles_per_iso_week(run) -> None:  # type: ignore[no-untyped-def]
    code, report = _check_json(run, DISTRICT_LOG, "--as-of", "2022-01-15")
    assert code == 1
    articles = [f for f in report["findings"] if f["requirement"] == "QJ-2-1" and f["obligation"] == "articles"]
    labels = [f["period"] for f in articles]
    assert labels == [f"2021-W{week:02d}" for week in range(1, 52)]  # W53 of 2020 and 2021-W52 straddle the year
    assert all(f["recurrence"] == "weekly" and f["required"] == 2 and f["measure"] == "篇" for f in articles)
    gaps = {f["period"]: f["actual"] for f in articles if f["status"] == "gap"}
    assert gaps == {"2021-W06": 1, "2021-W31": 1, "2021-W39": 0}


def test_district_check_reports_one_billboard_finding_per_street(run) -> None:  # type: ignore[no-untyped-def]
    _, report = _check_json(run, DISTRICT_LOG, "--as-of", "2022-01-15")
    billboards = {
        f["subunit"]: (f["status"], f["actual"], f["required"], f["period_end"])
        for f in report["findings"]
        if f["requirement"] == "QJ-2-2" and f["obligation"] == "billboards"
    }
    assert len([f for f in report["findings"] if f["obligation"] == "billboards"]) == len(STREETS)
    assert billboards == {
        "东湖街道": ("met", 2, 2, "2021-12-31"),
        "西城街道": ("met", 2, 2, "2021-12-31"),  # two installations of 1 块
        "南山街道": ("met", 2, 2, "2021-12-31"),
        "北苑街道": ("gap", 0, 2, "2021-12-31"),
    }
    boards = {f["subunit"]: f["status"] for f in report["findings"] if f["obligation"] == "boards"}
    assert sorted(boards) == sorted(COMMUNITIES)
    assert [s for s, status in boards.items() if status == "gap"] == ["湖滨社区"]


def test_district_check_reports_exactly_the_expected_gaps(run) -> None:  # type: ignore[no-untyped-def]
    _, report = _check_json(run, DISTRICT_LOG, "--as-of", "2022-01-15")
    gaps = sorted(
        (f["requirement"], f["obligation"], f["period"], f["subunit"] or "") for f in report["findings"] if f["status"] == "gap"
    )
    assert gaps == [
        ("QJ-1-1", "bulletin", "2021-08", ""),
        ("QJ-1-3", "press-conference", "event: sj-2021-07-03", ""),  # 30 hours after the incident; xx = 24
        ("QJ-2-1", "articles", "2021-W06", ""),
        ("QJ-2-1", "articles", "2021-W31", ""),
        ("QJ-2-1", "articles", "2021-W39", ""),
        ("QJ-2-2", "billboards", "≤2021-12-31", "北苑街道"),
        ("QJ-2-2", "boards", "≤2021-12-31", "湖滨社区"),
    ]
    assert report["summary"]["gap"] == 7 and report["summary"]["open"] == 0
    status = Counter(
        (f["obligation"], f["status"])
        for f in report["findings"]
        if f["obligation"] in ("bulletin", "topic-meetings", "contest", "review")
    )
    assert status == {
        ("bulletin", "met"): 11,
        ("bulletin", "gap"): 1,
        ("topic-meetings", "met"): 6,
        ("contest", "met"): 1,
        ("review", "met"): 1,
    }


def test_district_check_before_year_end_leaves_one_off_tasks_open(run) -> None:  # type: ignore[no-untyped-def]
    _, report = _check_json(run, DISTRICT_LOG, "--as-of", "2021-10-01")
    beiyuan = next(f for f in report["findings"] if f["obligation"] == "billboards" and f["subunit"] == "北苑街道")
    assert beiyuan["status"] == "open"
    review = next(f for f in report["findings"] if f["obligation"] == "review")
    assert (review["status"], review["actual"]) == ("open", 0)


def test_city_check_with_plan_file(run) -> None:  # type: ignore[no-untyped-def]
    code, report = _check_json(run, "--plan-file", MUNICIPAL_PLAN, CITY_LOG, "--as-of", "2023-01-15")
    assert code == 1
    findings = report["findings"]
    assert {f["plan"] for f in findings} == {"municipal-example"}
    assert {(f["region"], f["level"]) for f in findings} == {("示例市", "prefecture")}
    gaps = sorted((f["requirement"], f["obligation"], f["period"]) for f in findings if f["status"] == "gap")
    assert gaps == [
        ("SL-2-2", "cases", "2022"),
        ("SL-3-2", "monthly", "2022-02"),
        ("SL-3-2", "press-center", "2022"),
    ]
    requirements = {f["requirement"] for f in findings}
    assert "SL-8-1" not in requirements  # led by 市教委: outside the bureau's lead_as
    assert not any(f["obligation"] in ("district", "county", "district-county") for f in findings)
    monthly = [f for f in findings if f["obligation"] == "monthly" and f["status"] == "met"]
    assert len(monthly) == 23


def test_plan_check_accepts_both_plan_files(run) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("plan-check", DISTRICT_PLAN, MUNICIPAL_PLAN)
    assert code == 0, out + err
    assert "district-2021-example (10 requirements)" in out
    assert "municipal-example (39 requirements)" in out


def test_municipal_plan_traces_to_the_national_plan(run) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("trace", "--plan-file", MUNICIPAL_PLAN, "municipal-example", "--format", "json")
    assert code == 0, err
    items = json.loads(out)["items"]
    uncovered = sorted(i["id"] for i in items if not i["implemented_by"])
    # as Chongqing's plan leaves ZL1-3, ZL4-2, RW1-3; BZ-4 because the seed ends before 保障措施 (四)
    assert uncovered == ["BZ-4", "RW1-3", "ZL1-3", "ZL4-2"]
    assert next(i for i in items if i["id"] == "ZL3-1")["implemented_by"] == ["SL-3-2"]
