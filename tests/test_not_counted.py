"""Issue 10 end to end: nothing the unit reported vanishes, and no run passes over nothing — each bullet with its
message asserted in English and Chinese."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import write

COUNTY = "plans: [chongqing-impl]\nunit: 城口县生态环境局\nregion: 城口县\nactivities:\n"
BOTH = "plans: [chongqing-impl, national-2021-2025]\nunit: 城口县生态环境局\nregion: 城口县\nactivities:\n"


def act(identifier: str, day: str, refs: str, amounts: str = "") -> str:
    extra = f", amounts: {amounts}" if amounts else ""
    return f"  - {{id: {identifier}, date: {day}, title: 活动, requirements: [{refs}]{extra}}}\n"


def uncounted(run, path: Path, *extra: str) -> tuple[int, dict[str, dict[str, str]]]:  # type: ignore[no-untyped-def]
    code, out, err = run("check", path, "--as-of", "2025-01-15", "--format", "json", *extra)
    assert code in (0, 1), err
    return code, {entry["activity"]: entry for entry in json.loads(out)["uncounted"]}


@pytest.mark.parametrize(
    ("line", "reason", "english", "chinese"),
    [
        (
            act("late", "2026-03-10", "CQ-17"),
            "after-plan",
            "CQ-17 on 2026-03-10 is after chongqing-impl's period, which ended on 2025-12-31",
            "CQ-17（2026-03-10）晚于chongqing-impl的实施期（2025-12-31 结束）",
        ),
        (
            act("early", "2021-03-10", "CQ-17"),
            "before-period",
            "the plan took effect on 2021-06-30, its first period begins 2021-07-01",
            "该计划自 2021-06-30 起施行，首个考核期从 2021-07-01 开始",
        ),
        (
            act("city", "2024-03-10", "CQ-16"),
            "level",
            "CQ-16 does not bind a county unit (it binds: province level), so this activity counts toward nothing; "
            "name CQ-17 instead",
            "CQ-16 不约束县级单位（只约束：省级），此活动不计入任何考核；请改为 CQ-17",
        ),
        (
            act("words", "2024-03-10", "CQ-17", "{篇: 3}"),
            "measure",
            "CQ-17 counts in 次, but this activity brings 3 篇",
            "CQ-17 按“次”计数，但此活动填的是 3 篇",
        ),
        (
            act("other-plan", "2024-03-10", "ZL10-1"),
            "plan-not-answered",
            "ZL10-1 is an item of national-2021-2025, which this log does not list (plans: chongqing-impl)",
            "ZL10-1 是national-2021-2025中的任务，而本台账未列出该计划",
        ),
        (
            act("future", "2025-03-10", "CQ-17"),
            "after-as-of",
            "CQ-17 on 2025-03-10 is after the as-of date 2025-01-15",
            "CQ-17（2025-03-10）晚于核查日期 2025-01-15",
        ),
    ],
)
def test_check_lists_what_counts_toward_nothing_and_why(  # type: ignore[no-untyped-def]
    run, tmp_path: Path, line: str, reason: str, english: str, chinese: str
) -> None:
    path = write(tmp_path, "log.yaml", COUNTY + line + act("ok", "2024-03-10", "CQ-17"))
    identifier = line.split("id: ")[1].split(",")[0]
    _, entries = uncounted(run, path, "--lang", "en")
    assert set(entries) == {identifier}  # the one that counts is not listed
    entry = entries[identifier]
    assert entry["reason"] == reason and entry["log_file"] == str(path)
    assert english in entry["message"]
    _, entries = uncounted(run, path, "--lang", "zh")
    assert chinese in entries[identifier]["message"]


def test_a_log_with_2026_work_is_checked_not_refused(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "log.yaml", COUNTY + act("a", "2026-03-10", "CQ-17") + act("b", "2024-03-10", "CQ-17"))
    code, out, _ = run("check", path, "--as-of", "2026-04-01", "--format", "json")
    assert code == 1  # checked: the county's real gaps, not "input unusable"
    report = json.loads(out)
    assert [(u["activity"], u["reason"]) for u in report["uncounted"]] == [("a", "after-plan")]
    assert report["summary"]["uncounted"] == 1
    met = [f for f in report["findings"] if f["requirement"] == "CQ-17" and f["period"] == "2024-H1"]
    assert met[0]["status"] == "met" and met[0]["activities"] == ["b"]


def test_the_table_has_a_not_counted_section(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "log.yaml", COUNTY + act("city", "2024-03-10", "CQ-16"))
    _, out, _ = run("check", path, "--as-of", "2025-01-15", "--lang", "en", "--width", "200")
    assert "Not counted — recorded, but counting toward nothing (1)" in out
    assert "name CQ-17 instead [level]" in out
    assert "· 1 not counted" in out
    _, out, _ = run("check", path, "--as-of", "2025-01-15", "--lang", "zh", "--width", "200")
    assert "未计入 — 已记录，但不计入任何考核 (1)" in out and "请改为 CQ-17" in out


@pytest.mark.parametrize(
    ("line", "english", "chinese"),
    [
        (act("city", "2024-03-10", "CQ-16"), "name CQ-17 instead [level]", "请改为 CQ-17 [level]"),
        (act("words", "2024-03-10", "CQ-17", "{篇: 3}"), "brings 3 篇", "此活动填的是 3 篇"),
        (act("other", "2024-03-10", "ZL10-1"), "add national-2021-2025 to plans:", "请在 plans: 中加上"),
        (act("city", "2024-03-10", "CQ-16/press-center"), "name CQ-17 instead", "请改为 CQ-17"),
    ],
)
def test_validate_refuses_what_can_never_count_at_its_position(  # type: ignore[no-untyped-def]
    run, tmp_path: Path, line: str, english: str, chinese: str
) -> None:
    path = write(tmp_path, "log.yaml", COUNTY + line)
    where = f":5:{line.index('requirements: [') + len('requirements: [') + 1}: error:"  # the reference itself
    code, _, err = run("validate", path, "--lang", "en")
    assert code == 1  # the pre-commit hook stops it
    assert f"{path}{where}" in err and english in err, err
    code, _, err = run("validate", path, "--lang", "zh")
    assert code == 1 and chinese in err


def test_validate_warns_of_dates_outside_the_plan_and_passes(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "log.yaml", COUNTY + act("late", "2026-03-10", "CQ-17") + act("early", "2021-03-10", "CQ-17"))
    code, _, err = run("validate", path, "--lang", "en")
    assert code == 0
    column = act("late", "2026-03-10", "CQ-17").index("2026") + 1  # the date
    assert f"{path}:5:{column}: warning: CQ-17 on 2026-03-10 is after chongqing-impl's period" in err
    column = act("early", "2021-03-10", "CQ-17").index("2021") + 1
    assert f"{path}:6:{column}: warning: CQ-17 on 2021-03-10 is before chongqing-impl's first required period" in err


def test_validate_reports_every_file_in_one_run(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    one = write(tmp_path, "one.yaml", COUNTY + act("city", "2024-03-10", "CQ-16"))
    two = write(tmp_path, "two.yaml", COUNTY.replace("城口县生态环境局", "另一单位") + act("x", "2024-03-10", "CQ-999"))
    three = write(tmp_path, "three.yaml", COUNTY + "  - {id: y, date: 2024-13-01, title: t, requirements: [CQ-17]}\n")
    code, _, err = run("validate", one, two, three, "--lang", "en")
    assert code == 1
    assert f"{one}:5:" in err and f"{two}:5:" in err and f"{three}:5:" in err
    assert "3 problem(s) in 3 file(s)" in err


def test_credit_through_implements_counts_toward_the_parent_item(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log = BOTH + act("wl", "2024-06-10", "CQ-79", "{次: 1, 篇: 12, 件: 1}")
    path = write(tmp_path, "log.yaml", log)
    _, out, _ = run("check", path, "--as-of", "2025-01-15", "--format", "json", "--year", "2024")
    report = json.loads(out)
    parent = {f["obligation"]: f for f in report["findings"] if f["requirement"] == "ZL10-1" and f["period"] == "2024"}
    for key in ("campaign", "articles", "products"):
        assert parent[key]["status"] == "met", parent[key]
        assert parent[key]["activities"] == ["wl"] and parent[key]["via"] == ["CQ-79"]
    assert not [f for f in report["findings"] if f["requirement"] == "ZL10-1" and f["status"] == "gap"]
    _, out, _ = run("check", path, "--as-of", "2025-01-15", "--lang", "en", "--width", "200", "--year", "2024")
    assert "ZL10-1/articles 开展网络主题宣传 (via CQ-79)" in out
    _, out, _ = run("check", path, "--as-of", "2025-01-15", "--lang", "zh", "--width", "200", "--year", "2024")
    assert "(经由 CQ-79)" in out


def test_no_credit_in_another_counting_word_or_without_the_parent_plan(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "log.yaml", BOTH + act("wl", "2024-06-10", "CQ-79/articles", "{篇: 12}"))
    _, out, _ = run("check", path, "--as-of", "2025-01-15", "--format", "json", "--year", "2024")
    parent = {f["obligation"]: f for f in json.loads(out)["findings"] if f["requirement"] == "ZL10-1"}
    assert parent["articles"]["actual"] == 12 and parent["campaign"]["actual"] == 0  # 篇 only toward 篇
    path = write(tmp_path, "county.yaml", COUNTY + act("wl", "2024-06-10", "CQ-79", "{次: 1, 篇: 12, 件: 1}"))
    _, out, _ = run("check", path, "--as-of", "2025-01-15", "--format", "json")
    assert not [f for f in json.loads(out)["findings"] if f["requirement"] == "ZL10-1"]  # the log answers one plan


def test_show_names_the_credit(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("show", "CQ-79", "--lang", "en")
    assert code == 0
    words = "its activities also count toward national-2021-2025:ZL10-1 (in 件、次、篇) when a log answers both plans"
    assert words.replace(" ", "") in out.replace(" ", "").replace("\n", "")
    _, out, _ = run("show", "CQ-79", "--lang", "zh")
    assert "其活动在台账同时落实两个计划时也计入 national-2021-2025:ZL10-1（按件、次、篇）" in out.replace("\n", "")
    _, out, _ = run("show", "CQ-79", "--format", "json")
    assert json.loads(out)["credits"] == [{"to": "national-2021-2025:ZL10-1", "measures": ["件", "次", "篇"]}]
    _, out, _ = run("show", "CQ-78", "--format", "json")
    assert json.loads(out)["credits"] == []  # 一批 states no counting word: no credit


@pytest.mark.parametrize(
    ("args", "english", "chinese"),
    [
        (("--requirement", "CQ-999"), "no requirement 'CQ-999' in the plans of this run", "本次核查的计划中没有任务“CQ-999”"),
        (("--requirement", "cq-17"), "did you mean CQ-17?", "您是否想输入 CQ-17？"),
        (("--lead", "市生态环境居"), "did you mean 市生态环境局?", "您是否想输入 市生态环境局？"),
        (("--plan", "chongqing"), "did you mean chongqing-impl?", "您是否想输入 chongqing-impl？"),
        (("--year", "2030"), "no plan of this run has periods in 2030 (they run 2021–2025)", "在 2030 年没有考核期"),
    ],
)
def test_an_unknown_filter_value_is_a_usage_error(run, args: tuple[str, str], english: str, chinese: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("check", "examples/chengkou-county.yaml", "--as-of", "2025-01-15", *args, "--lang", "en")
    assert code == 2 and "PASS" not in out
    assert english in " ".join(err.replace("│", " ").split())
    code, _, err = run("check", "examples/chengkou-county.yaml", "--as-of", "2025-01-15", *args, "--lang", "zh")
    assert code == 2 and "".join(chinese.split()) in "".join(err.replace("│", "").split())


def test_a_filter_matching_no_finding_says_so(run) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run("check", "examples/chengkou-county.yaml", "--as-of", "2025-01-15", "--requirement", "CQ-16")
    assert code == 0
    assert "no finding matches the filters (--requirement CQ-16): nothing was checked" in err


@pytest.mark.parametrize("command", ["check", "validate"])
def test_a_run_with_no_log_file_is_a_usage_error(run, tmp_path: Path, command: str) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "empty").mkdir()
    code, out, err = run(command, tmp_path / "empty", "--lang", "en")
    assert code == 2 and "PASS" not in out and "valid" not in out
    assert "no log file" in err.replace("\n", " ").replace("│", " ")


def test_plan_check_catches_a_reading_and_an_obligation_that_disagree(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = (Path("plans") / "chongqing_impl.yaml").read_text(encoding="utf-8")
    assert source.count("        min_count: 1\n        measure: 次\n        basis: 双月开放\n") == 1
    unmeasured = source.replace("        min_count: 1\n        measure: 次\n        basis: 双月开放\n", "")
    head, _, tail = unmeasured.partition("  - id: CQ-40\n")
    late = head + "  - id: CQ-40\n" + tail.replace("        deadline: 2022-06-30\n", "        deadline: 2022-12-31\n", 1)
    path = write(tmp_path, "plan.yaml", late)
    code, _, err = run("plan-check", path, "--lang", "en")
    assert code == 1
    assert "the reading of '双月开放 (row 74)' (line 31) states a number, but CQ-74/open counts nothing" in err
    assert "[reading-unmeasured]" in err
    assert "the reading of '2022年6月前 (row 40)' fixes the deadline 2022-06-30, but CQ-40/mechanism is due 2022-12-31" in err
    _, _, err = run("plan-check", path, "--lang", "zh")
    assert "对“双月开放 (row 74)”的解读（第 31 行）给出了数量，但 CQ-74/open 没有 min_count" in err
    assert "对“2022年6月前 (row 40)”的解读规定截止日期为 2022-06-30，但 CQ-40/mechanism 的截止日期是 2022-12-31" in err
    code, _, err = run("plan-check", "plans/chongqing_impl.yaml", "plans/national_2021_2025.yaml")
    assert code == 0, err


def test_schema_and_reference_errors_of_a_file_come_together(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(
        tmp_path,
        "log.yaml",
        COUNTY.replace("region: 城口县", "region: 城口")
        + "  - {id: a, date: 2024-02-30x, title: t, requirements: [CQ-999]}\n"
        + "  - {id: b, date: 2024-03-01, title: t, requirements: [CQ-17], colour: red}\n",
    )
    code, _, err = run("validate", path, "--lang", "en")
    assert code == 1
    assert f"{path}:3:9: error: unknown region '城口'; did you mean 城口县?" in err
    assert f"{path}:5:19: error: activities[0].date" in err  # the schema …
    assert f"{path}:5:57: error: 'CQ-999' is not a requirement of chongqing-impl" in err  # … and the references
    assert f"{path}:6:64: error: unknown key 'colour'" in err
    assert "4 problem(s) in 1 file(s)" in err
    _, _, err = run("validate", path, "--lang", "zh")
    assert "未知的地区“城口”" in err and "“CQ-999”不是chongqing-impl中的任务" in err


def test_a_duty_with_a_period_and_nothing_all_year_is_called_out_never_failing(run) -> None:  # type: ignore[no-untyped-def]
    city = "examples/chongqing-city.yaml"
    code, out, _ = run("check", city, "--as-of", "2025-01-15", "--format", "json")
    report = json.loads(out)
    idle = {(f["requirement"], f["period"]) for f in report["findings"] if f["idle"]}
    assert {("CQ-10", "2024"), ("CQ-29", "2024"), ("CQ-78", "2024"), ("CQ-86", "2024")} <= idle
    assert all(f["status"] == "unmeasured" and not f["activities"] for f in report["findings"] if f["idle"])
    assert not any(f["idle"] and f["period_end"] >= "2025-01-15" for f in report["findings"])  # only ended periods
    _, out, _ = run("check", city, "--as-of", "2025-01-15", "--lang", "en", "--width", "200")
    assert f"Idle — nothing recorded in a whole period of a duty (advisory, never fails) ({len(idle)})" in out
    assert f"· {len(idle)} idle ·" in out
    _, out, _ = run("check", city, "--as-of", "2025-01-15", "--lang", "zh", "--width", "200")
    assert f"整期无记录 — 有周期的任务整期无任何记录（仅提示，不影响通过） ({len(idle)})" in out
    # never failing: the same run without them would have the same exit code
    assert code == run("check", city, "--as-of", "2025-01-15", "--status", "gap", "--format", "json")[0]


def test_a_school_naming_a_row_of_every_level_of_government_is_told_which_levels(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    school = COUNTY.replace("unit: 城口县生态环境局", "unit: 城口中学")
    school = school.replace("region: 城口县\n", "region: 城口县\nlevel: school\n")
    path = write(tmp_path, "log.yaml", school + act("a", "2024-03-10", "CQ-26"))
    code, _, err = run("validate", path, "--lang", "en")
    assert code == 1
    assert "CQ-26 does not bind a school unit (it binds: national, province level, prefecture level, district, county)" in err
    _, _, err = run("validate", path, "--lang", "zh")
    assert "CQ-26 不约束学校单位（只约束：国家级、省级、地市级、区级、县级）" in err
