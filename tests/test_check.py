"""`ecoplan check` end to end on the shipped examples: exit codes, every format read by a real parser."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, with_exceptions, write
from test_consumers_junit import without_file_attributes

SCHEMAS = ROOT / "tests" / "vendor" / "schemas"
GOLDEN = Path(__file__).parent / "golden"
COUNTY = Path("examples") / "chengkou-county.yaml"
AS_OF = ("--as-of", "2025-01-15")


def golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME; ECOPLAN_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if os.environ.get("ECOPLAN_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


def test_the_county_example_fails_on_its_real_gaps(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("check", COUNTY, *AS_OF, "--format", "json")
    assert code == 1
    report = json.loads(out)
    gaps = {(f["requirement"], f["obligation"], f["period"]) for f in report["findings"] if f["status"] == "gap"}
    assert gaps == {
        ("CQ-17", "county", "2023-H2"),
        ("CQ-31", "district-county", "2022"),
        ("CQ-79", "articles", "2024"),
    }  # CQ-42's 2021 工作方案 came in 2022-03, inside its approved 延期 (examples/exceptions/chengkou.yaml)
    assert report["summary"]["gap"] == 3
    assert not any(f["requirement"] == "CQ-16" for f in report["findings"])  # the city's monthly rule


def test_json_has_the_stable_fields(run) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = run("check", COUNTY, *AS_OF, "--format", "json")
    report = json.loads(out)
    assert set(report) >= {"as_of", "summary", "findings"}
    assert set(report["summary"]) == {"met", "gap", "open", "unmeasured", "advisory", "waived", "uncounted"}
    assert {(u["activity"], u["reason"]) for u in report["uncounted"]} == {
        ("2021-wl", "before-period"),  # the plan took effect on 2021-06-30: 2021 is not a required year
        ("2021-yx", "before-period"),
        ("2021-wh", "before-period"),
    }  # 2022-zyfw-fa, the 2021 work plan done in March 2022, counts inside its approved 延期 to 2022-03-31
    needed = {
        "plan",
        "requirement",
        "region",
        "level",
        "recurrence",
        "period_start",
        "period_end",
        "due",
        "measure",
        "required",
        "actual",
        "status",
        "mandatory",
        "activities",
        "exception",
        "baseline",
    }
    for finding in report["findings"]:
        assert needed <= set(finding)
        assert finding["status"] in {"met", "gap", "open", "unmeasured", "waived"}
    golden("chengkou-county.json", out)


def test_table_is_golden_and_fits_80_columns(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("check", COUNTY, *AS_OF, "--lang", "en")
    assert code == 1
    assert max(len(line) for line in out.splitlines()) <= 80
    golden("chengkou-county.table.txt", out)
    _, chinese, _ = run("check", COUNTY, *AS_OF, "--lang", "zh")
    assert "缺口" in chinese and "截至 2025-01-15" in chinese


def test_same_inputs_same_bytes(run) -> None:  # type: ignore[no-untyped-def]
    for kind in ("table", "json", "junit", "sarif", "csv", "github"):
        first = run("check", *sorted(EXAMPLES.glob("*.yaml")), *AS_OF, "--format", kind)
        second = run("check", *sorted(EXAMPLES.glob("*.yaml")), *AS_OF, "--format", kind)
        assert first == second, kind


def test_junit_validates_against_the_ant_schema(run) -> None:  # type: ignore[no-untyped-def]
    xmlschema = pytest.importorskip("xmlschema")
    _, out, _ = run("check", *sorted(EXAMPLES.glob("*.yaml")), *AS_OF, "--format", "junit")
    schema = xmlschema.XMLSchema(str(SCHEMAS / "junit.xsd"))
    out = without_file_attributes(out)  # GitLab's `file`, which the strict schema does not declare
    schema.validate(out)
    document = schema.to_dict(out)
    suites = document["testsuite"]
    failures = sum(int(suite["@failures"]) for suite in suites)
    # 10 in the Chongqing examples (CQ-42 extended), 1 in shijiazhuang-changan.yaml (ZL10-1/articles 2023), 1 the
    # city's June 2024 meeting notice sent 10 days before (附件2: 15)
    assert failures == 12
    cases = [case for suite in suites for case in suite["testcase"]]
    assert all(case["@classname"] for case in cases)
    county = next(s for s in suites if "城口县生态环境局" in s["@name"])
    properties = {p["@name"]: p["@value"] for p in county["properties"]["property"]}
    assert properties[f"log_file[{county['@id']}]"].endswith("chengkou-county.yaml")


def test_sarif_validates_and_has_what_code_scanning_needs(run) -> None:  # type: ignore[no-untyped-def]
    jsonschema = pytest.importorskip("jsonschema")
    _, out, _ = run("check", COUNTY, *AS_OF, "--format", "sarif")
    document = json.loads(out)
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(document)
    run_ = document["runs"][0]
    rules = {rule["id"]: rule for rule in run_["tool"]["driver"]["rules"]}
    assert set(rules) == {"CQ-17", "CQ-31", "CQ-79", "uncounted-before-period"}
    assert "区级生态环境部门每季度召开1次新闻发布会" in rules["CQ-17"]["help"]["text"]
    uncounted = [r for r in run_["results"] if r["ruleId"].startswith("uncounted-")]
    assert [(r["properties"]["activity"], r["level"]) for r in uncounted] == [
        ("2021-wh", "warning"),
        ("2021-wl", "warning"),
        ("2021-yx", "warning"),
    ]
    assert uncounted[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("chengkou-county.yaml")
    for result in [r for r in run_["results"] if r not in uncounted]:
        assert result["ruleId"] in rules
        assert result["partialFingerprints"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].endswith("chengkou-county.yaml")
        assert location["region"]["startLine"] >= 1
        plan_location = result["relatedLocations"][0]["physicalLocation"]
        assert plan_location["artifactLocation"] == {"uri": "plans/chongqing_impl.yaml", "uriBaseId": "ECOPLAN"}
        assert "ECOPLAN" in run_["originalUriBaseIds"]  # the plan file is not in the log repository
    fingerprints = [tuple(r["partialFingerprints"].values()) for r in run_["results"]]
    assert len(set(fingerprints)) == len(fingerprints)


def test_csv_has_one_row_per_finding(run) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = run("check", COUNTY, *AS_OF, "--format", "csv")
    _, js, _ = run("check", COUNTY, *AS_OF, "--format", "json")
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert len(rows) == len(json.loads(js)["findings"])
    gap = next(r for r in rows if r["requirement"] == "CQ-79" and r["obligation"] == "articles" and r["period"] == "2024")
    assert (gap["required"], gap["actual"], gap["status"], gap["measure"]) == ("10", "8", "gap", "篇")


def test_github_annotations_point_at_the_log(run) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = run("check", COUNTY, *AS_OF, "--format", "github")
    lines = out.splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    assert len(errors) == 3
    assert all(line.startswith("::error file=examples/chengkou-county.yaml,line=") and ",title=CQ-" in line for line in errors)
    assert ",line=98,title=CQ-79/articles 2024::" in out  # the activity that fell short (- id: 2024-wl)
    assert ",line=7,title=CQ-17/county 2023-H2::" in out  # no activity in the period: the region: line
    warnings = [line for line in lines if line.startswith("::warning ")]  # the activities counted toward nothing
    assert len(warnings) == 3 and len(lines) == 6
    assert "title=2021-yx CQ-5%3A before-period::CQ-5 on 2021-09-14 is before chongqing-impl's first" in warnings[2]
    assert all(",line=1," not in line for line in warnings), "each on its activity's line"


def test_several_reports_from_one_run(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    junit, sarif = tmp_path / "report.xml", tmp_path / "out" / "ecoplan.sarif"
    code, out, _ = run("check", COUNTY, *AS_OF, "--output", f"junit:{junit}", "--output", f"sarif:{sarif}")
    assert code == 1 and "FAIL" in out
    assert junit.read_text(encoding="utf-8").startswith("<?xml")
    assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_filters_narrow_the_findings_and_the_exit_code(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("check", COUNTY, *AS_OF, "--format", "json", "--requirement", "CQ-5")
    assert code == 0
    assert {f["requirement"] for f in json.loads(out)["findings"]} == {"CQ-5"}
    code, out, _ = run("check", COUNTY, *AS_OF, "--format", "json", "--year", "2024", "--status", "gap")
    assert code == 1
    assert [(f["requirement"], f["period"]) for f in json.loads(out)["findings"]] == [("CQ-79", "2024")]
    _, out, _ = run("check", EXAMPLES / "chongqing-city.yaml", *AS_OF, "--format", "json", "--lead", "团市委")
    findings = json.loads(out)["findings"]
    assert findings and all("团市委" in f["lead"] for f in findings)
    _, out, _ = run("check", EXAMPLES / "chongqing-city.yaml", *AS_OF, "--format", "json", "--lead", "市妇联")
    requirements = {f["requirement"] for f in json.loads(out)["findings"]}
    assert requirements == {"CQ-85"}  # co-led with the bureau; CQ-69/70 (市妇联 alone) are not the bureau's


def test_as_of_comes_from_the_environment(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ECOPLAN_AS_OF", "2022-01-15")
    _, out, _ = run("check", COUNTY, "--format", "json")
    assert json.loads(out)["as_of"] == "2022-01-15"


def test_coming_due_lists_open_periods_soonest_first(run) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = run("check", EXAMPLES / "chongqing-city.yaml", "--as-of", "2024-12-10", "--within", "30d", "--format", "json")
    due = json.loads(out)["coming_due"]
    assert due and [d["due"] for d in due] == sorted(d["due"] for d in due)
    assert all(d["status"] == "open" and d["due"] <= "2025-01-09" for d in due)


def test_the_school_year_rule_counts_class_hours(run) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = run("check", EXAMPLES / "chengkou-school.yaml", *AS_OF, "--format", "json")
    years = {f["period"]: (f["actual"], f["status"]) for f in json.loads(out)["findings"] if f["requirement"] == "CQ-51"}
    assert years == {"2021/22": (12, "met"), "2022/23": (10, "gap"), "2023/24": (14, "met"), "2024/25": (6, "open")}


def test_two_files_of_one_unit_merge_and_a_repeated_id_is_an_error(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    head = "plans: [chongqing-impl]\nunit: 城口县生态环境局\nregion: 城口县\nactivities:\n"
    first = write(tmp_path, "a.yaml", head + "  - {id: x1, date: 2024-03-01, title: 发布会, requirements: [CQ-17]}\n")
    second = write(tmp_path, "b.yaml", head + "  - {id: x2, date: 2024-09-01, title: 发布会, requirements: [CQ-17]}\n")
    _, out, _ = run(
        "check", first, second, "--as-of", "2025-01-15", "--format", "json", "--requirement", "CQ-17", "--year", "2024"
    )
    assert [f["status"] for f in json.loads(out)["findings"]] == ["met", "met"]
    clash = write(tmp_path, "c.yaml", head + "  - {id: x1, date: 2024-10-01, title: 发布会, requirements: [CQ-17]}\n")
    code, _, err = run("check", first, clash, "--as-of", "2025-01-15")
    assert code == 2 and "c.yaml:5:1" in err and "used twice" in err


def test_an_invalid_log_exits_2_with_its_position(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "bad.yaml", "plans: [chongqing-impl]\nunit: x\nregion: 不存在县\n")
    code, out, err = run("check", path)
    assert code == 2 and f"{path}:3:9:" in err and out == ""


def test_strict_fails_on_encouraged_gaps(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "log.yaml", "plans: [chongqing-impl]\nunit: 城口县生态环境局\nregion: 城口县\nactivities:\n")
    code, out, _ = run("check", path, "--as-of", "2026-01-15", "--format", "json", "--requirement", "CQ-19")
    findings = json.loads(out)["findings"]
    assert [(f["status"], f["mandatory"]) for f in findings] == [("gap", False)]
    assert code == 0
    code, _, _ = run("check", path, "--as-of", "2026-01-15", "--requirement", "CQ-19", "--strict")
    assert code == 1


def test_a_folder_stands_for_its_logs(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    logs = sorted(Path("examples").glob("*.yaml"))
    (tmp_path / "logs" / "2024").mkdir(parents=True)
    (tmp_path / "logs" / ".cache").mkdir()
    for index, log in enumerate(logs):
        shutil.copy(log, tmp_path / "logs" / ("2024" if index % 2 else "") / log.name)
    (tmp_path / "logs" / ".cache" / "junk.yaml").write_text("not: a log\n", encoding="utf-8")
    with_exceptions(tmp_path / "logs")
    with_exceptions(tmp_path / "logs" / "2024")
    by_folder = run("check", tmp_path / "logs", *AS_OF, "--format", "json")
    by_files = run("check", *logs, *AS_OF, "--format", "json")
    assert by_folder[0] == by_files[0] == 1

    def strip(report: str) -> list[dict[str, object]]:  # where the files are differs, nothing else
        findings = json.loads(report)["findings"]
        for finding in findings:
            if finding["exception"]:
                finding["exception"]["file"] = Path(finding["exception"]["file"]).name
        return [{k: v for k, v in f.items() if k != "log_file"} for f in findings]

    assert strip(by_folder[1]) == strip(by_files[1])


def test_parallel_and_serial_runs_give_the_same_bytes(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    for index in range(3):
        for log in sorted(Path("examples").glob("*.yaml")):
            text = re.sub(r"^unit: (.*)$", rf"unit: \g<1>{index}", log.read_text(encoding="utf-8"), count=1, flags=re.M)
            (tmp_path / f"{index}-{log.name}").write_text(text, encoding="utf-8")
    with_exceptions(tmp_path)
    head = "plans: [chongqing-impl]\nunit: 城口县生态环境局0\nregion: 城口县\nactivities:\n"  # a unit split over 2 files
    write(tmp_path, "zz-more.yaml", head + "  - {id: extra, date: 2023-09-01, title: 发布会, requirements: [CQ-17]}\n")
    clash = re.sub(
        r"^unit: (.*)$", r"unit: \g<1>0", Path("examples/chengkou-school.yaml").read_text(encoding="utf-8"), flags=re.M
    )
    write(tmp_path, "zz-school.yaml", clash)  # the same unit in a second file, with the same ids: a clash
    outputs = {}
    for jobs in ("1", "2"):
        monkeypatch.setenv("ECOPLAN_JOBS", jobs)
        code, out, err = run("check", tmp_path, *AS_OF, "--format", "json")
        outputs[jobs] = (code, out, err)
    assert outputs["1"] == outputs["2"]
    assert outputs["1"][0] == 2 and "used twice" in outputs["1"][2]
    (tmp_path / "zz-school.yaml").unlink()
    for jobs in ("1", "2"):
        monkeypatch.setenv("ECOPLAN_JOBS", jobs)
        outputs[jobs] = run("check", tmp_path, *AS_OF, "--format", "json")
    assert outputs["1"] == outputs["2"] and outputs["1"][0] == 1
    findings = json.loads(outputs["1"][1])["findings"]
    split = [f for f in findings if f["unit"] == "城口县生态环境局0" and f["requirement"] == "CQ-17" and f["period"] == "2023-H2"]
    assert [(f["status"], f["activities"]) for f in split] == [("met", ["extra"])]


def test_user_plan_files_work_with_every_command(run) -> None:  # type: ignore[no-untyped-def]
    plan = "examples/plans/municipal_example.yaml"
    code, out, _ = run("plans", "--plan-file", plan, "--format", "json")
    assert code == 0 and "municipal-example" in {p["id"] for p in json.loads(out)}
    code, out, _ = run("show", "SL-3-2", "--plan-file", plan, "--format", "json")
    assert code == 0 and json.loads(out)["plan"] == "municipal-example"
    code, out, _ = run("calendar", "--year", "2022", "--region", "示例市", "--plan", "municipal-example", "--plan-file", plan,
                       "--format", "json")  # fmt: skip
    assert code == 0 and {i["plan"] for i in json.loads(out)["items"] if i["kind"] == "due"} == {"municipal-example"}
    code, out, _ = run("trace", plan, "--format", "json")
    assert code == 0 and json.loads(out)["parent"] == "national-2021-2025"
    code, out, _ = run("init", "--region", "示例市", "--year", "2022", "--plan", "municipal-example", "--plan-file", plan)
    assert code == 0 and "plans: [municipal-example]" in out and "SL-3-2" in out


def test_an_output_never_overwrites_an_input(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log = tmp_path / "log.yaml"
    log.write_bytes(COUNTY.read_bytes())
    with_exceptions(tmp_path)
    code, _, err = run("check", log, *AS_OF, "--output", f"json:{log}")
    assert code == 2 and "never written to" in err
    assert log.read_bytes() == COUNTY.read_bytes()


def test_a_bad_file_among_many_is_reported_from_a_worker(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    for index in range(8):
        text = re.sub(r"^unit: (.*)$", rf"unit: \g<1>{index}", COUNTY.read_text(encoding="utf-8"), count=1, flags=re.M)
        write(tmp_path, f"{index}.yaml", text)
    with_exceptions(tmp_path)
    bad = write(tmp_path, "9.yaml", COUNTY.read_text(encoding="utf-8").replace("[CQ-17]", "[CQ-999]", 1))
    monkeypatch.setenv("ECOPLAN_JOBS", "2")
    code, out, err = run("check", tmp_path, *AS_OF, "--format", "json")
    assert code == 2 and out == ""
    assert f"{bad}:" in err and "'CQ-999' is not a requirement" in err


@pytest.mark.parametrize(
    ("spec", "as_of", "days"),
    [
        ("1m", "2024-01-31", 29),
        ("1m", "2023-01-31", 28),
        ("1m", "2024-03-31", 30),
        ("2m", "2024-12-15", 62),
        ("2w", "2024-01-01", 14),
        ("30", "2024-01-01", 30),
    ],
)
def test_within_counts_calendar_months_as_the_calendar_has_them(spec: str, as_of: str, days: int) -> None:
    from datetime import date, timedelta

    from ecoplan_cli.cli.common import parse_within

    assert parse_within(spec, date.fromisoformat(as_of)) == timedelta(days=days)


def test_within_that_is_not_a_duration_is_a_usage_error(run) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run("check", COUNTY, *AS_OF, "--within", "soon")
    assert code == 2
    assert "--within" in err and "1m" in err
