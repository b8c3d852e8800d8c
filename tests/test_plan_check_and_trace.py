"""`ecoplan plan-check` on user plans and `ecoplan trace` on the real Chongqing plan."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import write

PLAN = """\
id: my-district
title: 某区工作计划
issuing_bodies: [某区生态环境局]
effective_date: 2024-01-01
period: {start: 2024-01-01, end: 2024-12-31}
source: {title: 某区工作计划}
implements: chongqing-impl
params:
  weekly_articles: {text: 每周撰写x篇原创文章}
subunits:
  街道: [东街道, 西街道]
regions:
  - {name: 某区, level: district, kind: 区}
requirements:
  - id: MQ-1
    title: 新闻发布
    section: 一
    quote: 每季度召开1次新闻发布会。
    lead: [某区生态环境局]
    implements: [CQ-17]
    obligations:
      - {key: quarterly, levels: [district], recurrence: quarterly, min_count: 1, basis: 每季度召开1次新闻发布会}
  - id: MQ-2
    title: 原创文章
    section: 二
    quote: 每周撰写x篇原创文章。
    lead: [某区生态环境局]
    obligations:
      - {key: weekly, levels: [district], recurrence: weekly, count_param: weekly_articles, measure: 篇,
         basis: 每周撰写x篇原创文章}
  - id: MQ-3
    title: 广告牌
    section: 三
    quote: 各街道设立2块公益广告牌。
    lead: [某区生态环境局]
    obligations:
      - {key: boards, levels: [district], recurrence: once, deadline: 2024-06-30, min_count: 2, measure: 块, per: 街道,
         basis: 各街道设立2块公益广告牌}
"""


def test_a_sound_user_plan_passes_with_a_warning_for_an_unset_parameter(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "plan.yaml", PLAN)
    code, out, err = run("plan-check", path, "--lang", "en")
    assert code == 0, err
    assert "valid plan my-district (3 requirements)" in out
    assert "weekly_articles" in err and "warning" in err


def test_plan_check_locates_each_mistake(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    broken = (
        PLAN.replace("implements: [CQ-17]", "implements: [CQ-999]")
        .replace("id: MQ-2", "id: MQ-1")
        .replace("count_param: weekly_articles", "count_param: monthly_articles")
        .replace("basis: 每季度召开1次新闻发布会", "basis: 每月召开1次新闻发布会")
        .replace("per: 街道", "per: 社区")
    )
    path = write(tmp_path, "plan.yaml", broken)
    code, _, err = run("plan-check", path, "--lang", "en")
    assert code == 1
    for where, words in [
        (":23:9:", "requirement id 'MQ-1' is used twice (first on line 15)"),
        (":22:90:", "basis is not a verbatim part of MQ-1's quote"),
        (":20:18:", "'CQ-999' is not a requirement of the parent plan chongqing-impl"),
        (":29:76:", "no parameter 'monthly_articles'"),
        (":37:114:", "no sub-units of kind '社区'"),
    ]:
        assert f"{path}{where}" in err and words in err, (where, err)


def test_a_count_not_stated_in_its_basis_is_refused(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "plan.yaml", PLAN.replace("min_count: 2, measure: 块", "min_count: 3, measure: 块"))
    code, _, err = run("plan-check", path, "--lang", "en")
    assert code == 1 and "the count 3 does not appear in its basis" in err


def test_a_user_plan_is_checked_like_a_bundled_one(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = write(tmp_path, "plan.yaml", PLAN.replace("{text: 每周撰写x篇原创文章}", "{text: 每周撰写x篇原创文章, value: 2}"))
    log = write(
        tmp_path,
        "log.yaml",
        "plans: [plan.yaml]\nunit: 某区生态环境局\nregion: 某区\nactivities:\n"
        "  - {id: a, date: 2024-01-03, title: 原创, requirements: [MQ-2], amounts: {篇: 2}}\n"
        "  - {id: b, date: 2024-03-01, title: 广告牌, requirements: [MQ-3], amounts: {块: 2}, subunit: 东街道}\n",
    )
    code, out, err = run("check", log, "--as-of", "2024-07-15", "--format", "json")
    assert code == 1, err
    findings = json.loads(out)["findings"]
    weeks = [f for f in findings if f["requirement"] == "MQ-2"]
    assert weeks[0]["period"] == "2024-W01" and weeks[0]["status"] == "met" and weeks[0]["required"] == 2
    assert {f["status"] for f in weeks[1:] if f["period_end"] < "2024-07-15"} == {"gap"}
    boards = {f["subunit"]: f["status"] for f in findings if f["requirement"] == "MQ-3"}
    assert boards == {"东街道": "met", "西街道": "gap"}
    code, out, _ = run("check", log, "--as-of", "2024-07-15", "--format", "json", "--plan-file", plan)
    assert code == 1
    code, _, err = run(
        "validate",
        write(
            tmp_path,
            "bad.yaml",
            "plans: [plan.yaml]\nunit: x\nregion: 某区\nactivities:\n"
            "  - {id: a, date: 2024-01-03, title: t, requirements: [MQ-3], subunit: 北街道}\n",
        ),
        "--lang",
        "en",
    )
    assert code == 1 and "unknown sub-unit '北街道'" in err


def test_trace_shows_what_chongqing_covers_and_leaves_uncovered(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("trace", "chongqing-impl", "--format", "json")
    assert code == 0
    result = json.loads(out)
    items = {item["id"]: item["implemented_by"] for item in result["items"]}
    assert items["ZL3-1"] == ["CQ-16", "CQ-17"]
    assert set(result["uncovered"]) == {k for k, v in items.items() if not v}
    assert "ZL1-3" in result["uncovered"] and "ZL3-1" not in result["uncovered"]
    assert result["coverage"]["total"] == 58 and result["coverage"]["covered"] == 58 - len(result["uncovered"])
    code, table, _ = run("trace", "chongqing-impl", "--lang", "en")
    assert code == 0 and "ZL3-1" in table and "CQ-16, CQ-17" in table and "not covered" in table


def test_trace_of_a_plan_with_no_parent_is_a_usage_error(run) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run("trace", "national-2021-2025", "--lang", "en")
    assert code == 2 and "implements no parent plan" in err
