"""Approved exceptions (延期, 销号, waivers) and baselines, end to end through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import EXAMPLES, write

COUNTY = EXAMPLES / "chengkou-county.yaml"
APPROVED = ("--exceptions", EXAMPLES / "exceptions" / "chengkou.yaml")  # the county's approved 2022 extension
AS_OF = ("--as-of", "2025-01-15", *APPROVED)

LOG = """\
plans: [chongqing-impl]
unit: 城口县生态环境局
region: 城口县
{extra}activities:
  - id: pc-2022-h1
    date: 2022-05-26
    title: 新闻发布会
    requirements: [CQ-17]
"""

ENTRY = """\
  - id: {id}
    requirement: {requirement}
    kind: {kind}
{more}    justification: 2022年下半年疫情防控，发布会取消
    approved_by: 市生态环境局
    document: 渝环办〔2022〕12号
    expires: {expires}
"""


def exceptions_file(tmp_path: Path, *entries: str, name: str = "exceptions.yaml") -> Path:
    return write(tmp_path, name, "exceptions:\n" + "".join(entries))


def entry(
    id: str = "cq17-2022h2",
    requirement: str = "CQ-17/county",
    kind: str = "waive",
    more: str = "    periods: [2022-H2]\n",
    expires: str = "2026-12-31",
) -> str:
    return ENTRY.format(id=id, requirement=requirement, kind=kind, more=more, expires=expires)


def findings(out: str, requirement: str, period: str | None = None) -> list[dict]:  # type: ignore[type-arg]
    return [f for f in json.loads(out)["findings"] if f["requirement"] == requirement and period in (None, f["period"])]


def test_the_example_county_carries_an_approved_2022_extension(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("check", COUNTY, *AS_OF, "--format", "json")
    assert code == 1
    [cq42] = findings(out, "CQ-42")
    assert cq42["status"] == "met" and cq42["due"] == "2022-03-31" and cq42["activities"] == ["2022-zyfw-fa"]
    assert cq42["exception"]["id"] == "2022-ext-cq42" and cq42["exception"]["state"] == "live"
    assert cq42["exception"]["document"].startswith("渝环办函〔2022〕")
    # the switch: everything as if no exception existed
    code, out, _ = run("check", COUNTY, *AS_OF, "--format", "json", "--no-exceptions")
    [cq42] = findings(out, "CQ-42")
    assert cq42["status"] == "gap" and cq42["due"] == "2021-12-31" and cq42["exception"] is None
    assert json.loads(out)["summary"]["gap"] == 4


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "exception 2022-ext-cq42 expired on 2026-12-31"), ("zh", "例外事项 2022-ext-cq42 已于 2026-12-31 到期")],
)
def test_an_expired_exception_comes_back_as_a_gap_and_says_so(run, lang: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("check", COUNTY, "--as-of", "2027-01-04", *APPROVED, "--lang", lang, "--width", "200")
    assert code == 1
    gap_line = next(line for line in out.splitlines() if line.startswith("CQ-42/district-county"))
    assert "0/1" in gap_line and expected in gap_line
    _, out, _ = run("check", COUNTY, "--as-of", "2027-01-04", *APPROVED, "--format", "json")
    [cq42] = findings(out, "CQ-42")
    assert cq42["status"] == "gap" and cq42["exception"]["state"] == "expired"


def test_the_expiry_day_itself_is_covered(run) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = run("check", COUNTY, "--as-of", "2026-12-31", *APPROVED, "--format", "json")
    assert findings(out, "CQ-42")[0]["status"] == "met"
    _, out, _ = run("check", COUNTY, "--as-of", "2027-01-01", *APPROVED, "--format", "json")
    assert findings(out, "CQ-42")[0]["status"] == "gap"


def test_a_waiver_makes_a_gap_waived_counted_apart_with_its_justification(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    exceptions_file(tmp_path, entry())
    log = write(tmp_path, "log.yaml", LOG.format(extra="exceptions: [exceptions.yaml]\n"))
    _, out, _ = run("check", log, "--as-of", "2023-01-15", "--format", "json", "--requirement", "CQ-17")
    [h2] = findings(out, "CQ-17", "2022-H2")
    assert h2["status"] == "waived" and h2["exception"]["justification"].startswith("2022年下半年疫情防控")
    assert json.loads(out)["summary"]["waived"] == 1
    [h1] = findings(out, "CQ-17", "2022-H1")
    assert h1["status"] == "met" and h1["exception"] is None  # not covered: untouched
    _, table, _ = run("check", log, "--as-of", "2023-01-15", "--requirement", "CQ-17", "--width", "200")
    assert "Waived — approved exceptions (1)" in table and "渝环办〔2022〕12号" in table
    assert "1 waived by approved exceptions" in table
    _, table, _ = run("check", log, "--as-of", "2023-01-15", "--requirement", "CQ-17", "--width", "200", "--lang", "zh")
    assert "已批准例外 — 免于考核、延期或销号（1）" in table or "已批准例外 — 免于考核、延期或销号 (1)" in table


def test_a_closure_waives_the_periods_from_its_day_on(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    exceptions_file(tmp_path, entry(id="close-cq17", kind="close", more="    closed_from: 2023-07-01\n"))
    log = write(tmp_path, "log.yaml", LOG.format(extra="exceptions: [exceptions.yaml]\n"))
    _, out, _ = run("check", log, "--as-of", "2025-01-15", "--format", "json", "--requirement", "CQ-17")
    status = {f["period"]: f["status"] for f in findings(out, "CQ-17")}
    assert status["2022-H2"] == "gap" and status["2023-H1"] == "gap"  # before its day: still required
    assert status["2023-H2"] == status["2024-H1"] == status["2024-H2"] == "waived"


def test_exceptions_given_on_the_command_line_apply_like_those_a_log_names(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = exceptions_file(tmp_path, entry())
    log = write(tmp_path, "log.yaml", LOG.format(extra=""))
    _, out, _ = run("check", log, "--as-of", "2023-01-15", "--format", "json", "--exceptions", path)
    assert findings(out, "CQ-17", "2022-H2")[0]["status"] == "waived"
    _, out, _ = run("check", log, "--as-of", "2023-01-15", "--format", "json", "--exceptions", path, "--no-exceptions")
    assert findings(out, "CQ-17", "2022-H2")[0]["status"] == "gap"


def test_a_malformed_expiry_counts_as_expired(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = exceptions_file(tmp_path, entry(expires="2026年底"))
    log = write(tmp_path, "log.yaml", LOG.format(extra=""))
    code, out, _ = run("check", log, "--as-of", "2023-01-15", "--format", "json", "--exceptions", path)
    [h2] = findings(out, "CQ-17", "2022-H2")
    assert code == 1 and h2["status"] == "gap" and h2["exception"]["state"] == "expired"
    code, _, err = run("exceptions", "lint", path, "--as-of", "2023-01-15")
    assert code == 1
    assert f"{path}:9:14: error: expires: '2026年底' is not a date such as 2025-12-31" in err


def test_exceptions_expiring_soon_are_listed_as_coming_due(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = exceptions_file(tmp_path, entry(expires="2023-02-01"))
    log = write(tmp_path, "log.yaml", LOG.format(extra=""))
    _, out, _ = run("check", log, "--as-of", "2023-01-15", "--format", "json", "--exceptions", path)
    assert json.loads(out)["expiring_exceptions"] == [
        {"id": "cq17-2022h2", "requirement": "CQ-17/county", "expires": "2023-02-01", "file": str(path)}
    ]
    _, out, _ = run("check", log, "--as-of", "2023-01-15", "--format", "json", "--exceptions", path, "--within", "7d")
    assert json.loads(out)["expiring_exceptions"] == []
    _, table, _ = run("check", log, "--as-of", "2023-01-15", "--exceptions", path, "--width", "200")
    assert "exception cq17-2022h2 expires on 2023-02-01" in table


def test_an_extension_counts_activities_up_to_its_new_due_date(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = exceptions_file(tmp_path, entry(kind="extend", more="    periods: [2022-H2]\n    due: 2023-03-31\n"))
    log = write(
        tmp_path,
        "log.yaml",
        LOG.format(extra="") + "  - id: makeup\n    date: 2023-03-10\n    title: 补开发布会\n    requirements: [CQ-17]\n",
    )
    _, out, _ = run("check", log, "--as-of", "2023-02-01", "--format", "json", "--exceptions", path)
    [h2] = findings(out, "CQ-17", "2022-H2")
    assert h2["status"] == "open" and h2["due"] == "2023-03-31"  # extended, not yet done
    _, out, _ = run("check", log, "--as-of", "2023-04-01", "--format", "json", "--exceptions", path)
    [h2] = findings(out, "CQ-17", "2022-H2")
    assert h2["status"] == "met" and h2["activities"] == ["makeup"]


def test_a_broken_exceptions_file_is_located_and_the_run_unusable(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = exceptions_file(tmp_path, entry(kind="extend"))  # an extension without its new due date
    log = write(tmp_path, "log.yaml", LOG.format(extra="exceptions: [exceptions.yaml]\n"))
    code, _, err = run("check", log, "--as-of", "2023-01-15")
    assert code == 2
    assert f"{path}:2:5: error: exceptions[0]: an extension (kind: extend) needs the new due date: due: 2023-06-30" in err
    code, _, err = run("validate", log)  # the pre-commit hook checks the files a log names
    assert code == 1 and str(path) in err


def test_lint_finds_unknown_ids_periods_overlaps_and_duplicates(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = exceptions_file(
        tmp_path,
        entry(id="a", requirement="CQ-170"),
        entry(id="b", more="    periods: [2022-H3]\n"),
        entry(id="c"),
        entry(id="d", more="    periods: [2022-H2]\n    region: 城口\n"),
        entry(id="e", more="    from: 2030-01-01\n"),
    )
    code, _, err = run("exceptions", "lint", path, "--as-of", "2023-01-15")
    assert code == 1
    assert f"{path}:3:18: error: 'CQ-170' is not a requirement of the plans (chongqing-impl, national-2021-2025)" in err
    assert f"{path}:13:14: error: CQ-17/county has no period '2022-H3'; its periods are 2021-H2 … 2025-H2" in err
    assert "unknown region '城口'; did you mean 城口县?" in err
    assert f"{path}:26:5: error: this exception overlaps 'c' (line 18) on CQ-17/county" in err  # d repeats c
    assert "overlaps 'b'" not in err and "overlaps 'a'" not in err  # b covers no real period; a names none
    assert f"{path}:35:5: error: this exception covers no period of CQ-17/county" in err  # e: from 2030
    _, _, err_zh = run("exceptions", "lint", path, "--as-of", "2023-01-15", "--lang", "zh")
    assert "CQ-17/county 没有“2022-H3”这一期间" in err_zh
    path2 = exceptions_file(tmp_path, entry(id="x"), entry(id="x"), name="dup.yaml")
    code, _, err = run("exceptions", "lint", path2)
    assert code == 2 and "exception id 'x' is used twice (first on line 2)" in err


def test_lint_reports_overlapping_exceptions_on_the_later_one(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = exceptions_file(tmp_path, entry(id="first"), entry(id="second", requirement="CQ-17"))
    code, _, err = run("exceptions", "lint", path, "--as-of", "2023-01-15")
    assert code == 1
    assert f"{path}:10:5: error: this exception overlaps 'first' (line 2) on CQ-17: only the first applies" in err


def test_lint_warns_of_expired_entries_and_passes(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = exceptions_file(tmp_path, entry(expires="2022-12-31"))
    code, out, err = run("exceptions", "lint", path, "--as-of", "2023-01-15")
    assert code == 0
    assert "warning: exception 'cq17-2022h2' expired on 2022-12-31 (Asia/Shanghai)" in err
    assert "1 exception(s), 0 live as of 2023-01-15" in out


def test_a_baseline_of_the_same_run_is_all_unchanged_and_fail_on_new_passes(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("check", COUNTY, *AS_OF, "--format", "json")
    assert code == 1
    baseline = write(tmp_path, "baseline.json", out)
    code, out, _ = run("check", COUNTY, *AS_OF, "--format", "json", "--baseline", baseline)
    report = json.loads(out)
    assert {f["baseline"] for f in report["findings"]} == {"unchanged"} and report["absent"] == []
    code, table, _ = run("check", COUNTY, *AS_OF, "--baseline", baseline, "--fail-on", "new")
    assert code == 0
    assert "PASS: no new mandatory gap against the baseline (3 known)" in table


def test_fail_on_new_fails_only_on_a_gap_the_baseline_did_not_have(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = run("check", COUNTY, *AS_OF, "--format", "json")
    baseline = write(tmp_path, "baseline.json", out)
    text = COUNTY.read_text(encoding="utf-8").replace("requirements: [CQ-5]", "requirements: [CQ-44]")  # the 研讨 stop
    log = write(tmp_path, "chengkou-county.yaml", text)
    (tmp_path / "exceptions").mkdir()
    (tmp_path / "exceptions" / "chengkou.yaml").write_text(
        (EXAMPLES / "exceptions" / "chengkou.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    code, out, _ = run("check", log, *AS_OF, "--format", "json", "--baseline", baseline)
    new = [f for f in json.loads(out)["findings"] if f["baseline"] == "new"]
    assert new and {f["requirement"] for f in new} == {"CQ-5"} and all(f["status"] == "gap" for f in new)
    code, table, _ = run("check", log, *AS_OF, "--baseline", baseline, "--fail-on", "new")
    assert code == 1 and f"FAIL: {len(new)} new mandatory gap(s) against the baseline" in table


def test_findings_a_run_no_longer_makes_are_absent(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = run("check", COUNTY, *AS_OF, "--format", "json")
    baseline = write(tmp_path, "baseline.json", out)
    _, out, _ = run("check", COUNTY, *AS_OF, "--format", "json", "--baseline", baseline, "--requirement", "CQ-17")
    report = json.loads(out)
    assert report["absent"] and not any("CQ-17/" in key for key in report["absent"])
    assert report["baseline"]["absent"] == len(report["absent"])


def test_baseline_and_fail_on_usage_errors(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run("check", COUNTY, *AS_OF, "--fail-on", "new")
    assert code == 2 and "--baseline" in err
    bad = write(tmp_path, "baseline.json", "{not json")
    code, _, err = run("check", COUNTY, *AS_OF, "--baseline", bad)
    assert code == 2 and f"{bad}:1:2: error: this is not a JSON report of `ecoplan check --format json`" in err


def test_the_documented_exceptions_file_lints_clean(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from conftest import ROOT

    doc = (ROOT / "docs" / "exceptions.md").read_text(encoding="utf-8")
    block = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = write(tmp_path, "exceptions.yaml", block)
    code, out, err = run("exceptions", "lint", path, "--as-of", "2025-01-15")
    assert (code, err) == (0, "") and "3 exception(s), 3 live as of 2025-01-15" in out


def test_sarif_carries_waivers_as_accepted_suppressions_and_the_baseline_state(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import jsonschema

    from conftest import ROOT

    exceptions_file(tmp_path, entry())
    log = write(tmp_path, "log.yaml", LOG.format(extra="exceptions: [exceptions.yaml]\n"))
    _, before, _ = run("check", log, "--as-of", "2023-01-15", "--format", "json", "--no-exceptions")
    baseline = write(tmp_path, "baseline.json", before)
    code, out, _ = run("check", log, "--as-of", "2023-01-15", "--format", "sarif", "--baseline", baseline)
    assert code == 1  # the 2022-H1 gap is still there
    document = json.loads(out)
    schema = json.loads((ROOT / "tests" / "vendor" / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(document)
    results = document["runs"][0]["results"]
    waived = [r for r in results if r.get("suppressions")]
    assert [r["properties"]["period"] for r in waived] == ["2022-H2"]
    [suppression] = waived[0]["suppressions"]
    assert suppression["kind"] == "external" and suppression["status"] == "accepted"
    assert "2022年下半年疫情防控" in suppression["justification"] and "渝环办〔2022〕12号" in suppression["justification"]
    assert waived[0]["baselineState"] == "updated"  # a gap in the baseline, suppressed now: the same result, changed
    gaps = [r for r in results if not r.get("suppressions") and not r["ruleId"].startswith("uncounted-")]
    assert gaps and {r["baselineState"] for r in gaps} == {"unchanged"}
    _, junit, _ = run("check", log, "--as-of", "2023-01-15", "--format", "junit")
    assert "cq17-2022h2" in junit and "<skipped" in junit


def test_validate_does_not_call_an_activity_a_live_extension_takes_in_uncounted(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    late = "  - id: plan-2022\n    date: 2022-03-04\n    title: 志愿服务工作方案印发\n    requirements: [CQ-42]\n"
    log = write(tmp_path, "log.yaml", LOG.format(extra="exceptions: [exceptions.yaml]\n") + late)
    extension = {"requirement": "CQ-42/district-county", "kind": "extend", "more": "    due: 2022-03-31\n"}
    exceptions_file(tmp_path, entry(**extension, expires="2099-12-31"))
    code, _, err = run("validate", log)
    assert code == 0 and "after its deadline" not in err  # counted inside the extension, as check counts it
    _, out, _ = run("check", log, "--as-of", "2023-06-01", "--format", "json", "--requirement", "CQ-42")
    [cq42] = findings(out, "CQ-42")
    assert cq42["status"] == "met" and cq42["activities"] == ["plan-2022"] and json.loads(out)["uncounted"] == []
    exceptions_file(tmp_path, entry(**extension, expires="2022-12-31"))  # expired: late again, and said so
    code, _, err = run("validate", log)
    assert code == 0 and "CQ-42 on 2022-03-04 is after its deadline 2021-12-31" in err


@pytest.mark.parametrize("region", ["城口县", "500229", "重庆市/城口县"])
def test_an_exception_may_name_its_region_by_name_code_or_path(run, tmp_path: Path, region: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        (EXAMPLES / "exceptions" / "chengkou.yaml").read_text(encoding="utf-8").replace("region: 城口县", f'region: "{region}"')
    )
    approved = write(tmp_path, "approved.yaml", text)
    code, _, err = run("exceptions", "lint", approved, "--as-of", "2025-01-15")
    assert code == 0, err  # lint takes every one of them: so must the check
    code, out, _ = run("check", COUNTY, "--as-of", "2025-01-15", "--exceptions", approved, "--format", "json")
    [cq42] = findings(out, "CQ-42")
    assert cq42["status"] == "met" and cq42["exception"]["id"] == "2022-ext-cq42", region


def test_an_exception_for_a_name_two_units_share_covers_neither(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log = LOG.replace("unit: 城口县生态环境局\nregion: 城口县", "unit: 铁西区生态环境局\nregion: 辽宁省/沈阳市/铁西区")
    log_file = write(tmp_path, "log.yaml", log.format(extra=""))
    shared = exceptions_file(tmp_path, entry(requirement="CQ-17", more="    region: 铁西区\n"))
    code, _, err = run("exceptions", "lint", shared, "--as-of", "2025-01-15")
    assert code == 1 and "铁西区" in err  # which 铁西区: lint asks for the path or the code
    _, out, _ = run("check", log_file, "--as-of", "2025-01-15", "--exceptions", shared, "--format", "json")
    assert findings(out, "CQ-17") and all(f["exception"] is None for f in findings(out, "CQ-17"))
    by_path = exceptions_file(tmp_path, entry(requirement="CQ-17", more="    region: 辽宁省/沈阳市/铁西区\n"), name="p.yaml")
    _, out, _ = run("check", log_file, "--as-of", "2025-01-15", "--exceptions", by_path, "--format", "json")
    assert {f["exception"]["id"] for f in findings(out, "CQ-17") if f["status"] != "met"} == {"cq17-2022h2"}


def test_lint_finds_an_overlap_between_two_names_of_one_region(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    by_name = entry(id="by-name", more="    region: 城口县\n    periods: [2022-H2]\n")
    by_code = entry(id="by-code", more='    region: "500229"\n    periods: [2022-H2]\n')
    elsewhere = entry(id="elsewhere", more="    region: 巫溪县\n    periods: [2022-H2]\n")
    path = exceptions_file(tmp_path, by_name, by_code, elsewhere)
    code, _, err = run("exceptions", "lint", path, "--as-of", "2023-01-15")
    assert code == 1
    assert "overlaps 'by-name'" in err and err.count("overlaps") == 1, err  # 巫溪县 is another county
