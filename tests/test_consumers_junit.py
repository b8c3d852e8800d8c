"""JUnit as its consumers read it: GitLab's parser rules reproduced, junitparser, xunitparser, and the Ant XSD."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest

from conftest import ROOT

SCHEMAS = ROOT / "tests" / "vendor" / "schemas"
DISTRICT = Path("examples") / "district" / "log-2021.yaml"
COUNTY = Path("examples") / "chengkou-county.yaml"
MANY = [*sorted(Path("examples").glob("*.yaml")), DISTRICT]


def gitlab_parse(xml: str) -> dict[str, dict[str, dict[str, Any]]]:
    """GitLab's JUnit parser (lib/gitlab/ci/parsers/test/junit.rb, reports/test_suite.rb, test_case.rb), reproduced:
    Hash.from_xml (an element with text becomes that text, its attributes dropped), one level of testsuites, nested
    testsuite, status from the first of failure/error/skipped, and cases kept per status in a hash keyed by
    sha256("#{suite_name}_#{classname}_#{name}"), a later case replacing an earlier one with the same key."""
    root = ET.fromstring(xml)
    cases: dict[str, dict[str, dict[str, Any]]] = {}

    def value(element: ET.Element) -> Any:
        text = (element.text or "").strip()
        return element.text if text else dict(element.attrib)

    def each(suite: ET.Element) -> None:
        for case in suite.findall("testcase"):
            data = {child.tag: value(child) for child in case}
            status, output = "success", None
            for tag, name in (("failure", "failed"), ("error", "error"), ("skipped", "skipped")):
                if tag in data:
                    status, output = name, data[tag]
                    break
            record = {
                "suite_name": suite.get("name"),
                "classname": case.get("classname"),
                "name": case.get("name"),
                "file": case.get("file"),
                "system_output": output,
            }
            key = hashlib.sha256(f"{record['suite_name']}_{record['classname']}_{record['name']}".encode()).hexdigest()
            cases.setdefault(status, {})[key] = record
        for nested in suite.findall("testsuite"):
            each(nested)

    for suite in root.findall("testsuite") if root.tag == "testsuites" else [root]:
        each(suite)
    return cases


def findings(run, *args: object) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    _, out, _ = run("check", *args, "--format", "json")
    return list(json.loads(out)["findings"])


def test_gitlab_keeps_every_finding_and_shows_every_fact(run) -> None:  # type: ignore[no-untyped-def]
    _, xml, _ = run("check", DISTRICT, "--as-of", "2022-01-15", "--format", "junit", "--lang", "en")
    cases = gitlab_parse(xml)
    expected = findings(run, DISTRICT, "--as-of", "2022-01-15")
    assert sum(len(kept) for kept in cases.values()) == len(expected), "no case shadowed by another of the same name"
    gaps = [f for f in expected if f["status"] == "gap" and f["mandatory"]]
    assert len(cases["failed"]) == len(gaps) == int(ET.fromstring(xml).find("testsuite").get("failures"))  # type: ignore[union-attr]
    boards = next(c for c in cases["failed"].values() if c["name"] == "QJ-2-2/boards ≤2021-12-31 湖滨社区")
    shown = boards["system_output"]
    assert isinstance(shown, str), "GitLab shows the failure's text, so the facts are in it"
    for fact in ("示例区生态环境局", "示例区", "湖滨社区", "≤2021-12-31", "0/1 块", "due 2021-12-31", str(DISTRICT), "宣传栏"):
        assert fact in shown, fact
    assert boards["classname"] == "district-2021-example · 示例区/示例区生态环境局 · QJ-2-2"
    assert boards["file"] == str(DISTRICT)


def test_gitlab_shows_an_open_period_as_skipped_with_its_reason(run) -> None:  # type: ignore[no-untyped-def]
    _, xml, _ = run("check", DISTRICT, "--as-of", "2021-06-15", "--format", "junit", "--lang", "en")
    cases = gitlab_parse(xml)
    open_ones = [f for f in findings(run, DISTRICT, "--as-of", "2021-06-15") if f["status"] == "open"]
    assert open_ones
    skipped = {c["name"]: c["system_output"] for c in cases["skipped"].values()}
    for finding in open_ones:
        name = f"{finding['requirement']}/{finding['obligation']} {finding['period']}"
        name += f" {finding['subunit']}" if finding["subunit"] else ""
        assert name in skipped
        assert not any(c["name"] == name for c in cases.get("success", {}).values())
    root = ET.fromstring(xml)
    messages = [s.get("message", "") for s in root.iter("skipped")]
    assert any(m.startswith("open: ") and "runs until" in m for m in messages)


def test_failure_text_in_chinese(run) -> None:  # type: ignore[no-untyped-def]
    _, xml, _ = run("check", COUNTY, "--as-of", "2025-01-15", "--format", "junit", "--lang", "zh")
    failure = next(f for f in ET.fromstring(xml).iter("failure") if "CQ-79/articles 2024" in f.get("message", ""))
    assert "8/10 篇" in (failure.text or "") and "台账文件：examples/chengkou-county.yaml" in (failure.text or "")
    assert "截止 2024-12-31" in failure.get("message", "")


def test_junitparser_reads_a_multi_log_report(run) -> None:  # type: ignore[no-untyped-def]
    junitparser = pytest.importorskip("junitparser")
    _, xml, _ = run("check", *MANY, "--as-of", "2025-01-15", "--format", "junit")
    document = junitparser.JUnitXml.fromstring(xml)
    names: set[tuple[str, str, str]] = set()
    failures = 0
    for suite in document:
        kinds = [type(result).__name__ for case in suite for result in case.result]
        assert kinds.count("Failure") == suite.failures and kinds.count("Skipped") == suite.skipped
        assert len(list(suite)) == suite.tests
        for case in suite:
            names.add((suite.name, case.classname, case.name))
        failures += suite.failures
    expected = findings(run, *MANY, "--as-of", "2025-01-15")
    assert len(names) == len(expected), "every case is unique"
    assert failures == sum(1 for f in expected if f["status"] == "gap" and f["mandatory"])


def test_xunitparser_reads_a_multi_log_report(run) -> None:  # type: ignore[no-untyped-def]
    xunitparser = pytest.importorskip("xunitparser")
    import io

    _, xml, _ = run("check", *MANY, "--as-of", "2025-01-15", "--format", "junit")
    suite, result = xunitparser.parse(io.StringIO(xml))
    expected = findings(run, *MANY, "--as-of", "2025-01-15")
    assert result.testsRun == len(expected)
    assert len(result.failures) == sum(1 for f in expected if f["status"] == "gap" and f["mandatory"])
    assert {"as_of", "generator"} <= set(suite.properties)


def without_file_attributes(xml: str) -> str:
    root = ET.fromstring(xml)
    for case in root.iter("testcase"):
        case.attrib.pop("file", None)
    return ET.tostring(root, encoding="unicode")


def test_validates_against_the_ant_schema_once_file_is_taken_out(run) -> None:  # type: ignore[no-untyped-def]
    xmlschema = pytest.importorskip("xmlschema")
    _, xml, _ = run("check", *MANY, "--as-of", "2025-01-15", "--format", "junit")
    schema = xmlschema.XMLSchema(str(SCHEMAS / "junit.xsd"))
    assert not schema.is_valid(xml), "the strict schema has no file attribute: the only difference"
    schema.validate(without_file_attributes(xml))


def test_uncounted_activities_go_to_the_suite_output(run) -> None:  # type: ignore[no-untyped-def]
    _, xml, _ = run("check", COUNTY, "--as-of", "2025-01-15", "--format", "junit", "--lang", "en")
    out = ET.fromstring(xml).find("testsuite/system-out")
    assert out is not None and out.text is not None
    assert "Activities not counted (3):" in out.text
    assert "examples/chengkou-county.yaml activity 2021-wl (CQ-79): before-period:" in out.text


WAIVE = """exceptions:
  - id: w-cq17
    requirement: CQ-17/county
    region: 城口县
    periods: [2023-H2]
    kind: waive
    justification: 2023年下半年机构改革，经批准免于考核
    approved_by: 市生态环境局
    document: 渝环办函〔2023〕示例2号
    expires: 2030-12-31
"""


def test_a_waived_finding_is_skipped_with_its_exception_everywhere(run, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    exceptions = tmp_path / "exceptions.yaml"
    exceptions.write_text(WAIVE, encoding="utf-8")
    args = ("check", COUNTY, "--as-of", "2025-01-15", "--exceptions", exceptions, "--lang", "en")
    _, xml, _ = run(*args, "--format", "junit")
    skipped = gitlab_parse(xml)["skipped"]
    waived = next(c for c in skipped.values() if c["name"] == "CQ-17/county 2023-H2")
    assert "exception: w-cq17 (waive, 渝环办函〔2023〕示例2号" in waived["system_output"]
    assert not any(c["name"] == "CQ-17/county 2023-H2" for c in gitlab_parse(xml).get("failed", {}).values())
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    _, out, _ = run(*args, "--format", "github")
    assert "CQ-17/county 2023-H2" not in out, "no annotation for a waived period"
    text = summary.read_text(encoding="utf-8")
    assert "### Waived — approved exceptions (1)" in text and "| chongqing-impl CQ-17/county | 2023-H2 |" in text
