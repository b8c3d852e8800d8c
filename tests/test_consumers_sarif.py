"""SARIF as its consumers read it: the official schema, the SARIF multitool, and GitHub code scanning's rules."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from conftest import EXAMPLES, ROOT, with_exceptions
from node_tools import node_tool

SCHEMAS = ROOT / "tests" / "vendor" / "schemas"
COUNTY = Path("examples") / "chengkou-county.yaml"
DISTRICT = Path("examples") / "district" / "log-2021.yaml"


def sarif(run, *args: object) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    _, out, err = run("check", *args, "--format", "sarif")
    assert out, err
    document: dict[str, Any] = json.loads(out)
    return document


def validate_schema(document: dict[str, Any]) -> None:
    import jsonschema

    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(document)


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def gaps(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The results that are gaps (the others are activities counted toward nothing, rules uncounted-<reason>)."""
    return [r for r in document["runs"][0]["results"] if not r["ruleId"].startswith("uncounted-")]


def results_by_title(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["message"]["text"]: r for r in gaps(document)}


def test_each_result_sits_on_the_line_that_explains_it(run) -> None:  # type: ignore[no-untyped-def]
    document = sarif(run, COUNTY, DISTRICT, "--as-of", "2025-01-15")
    validate_schema(document)
    results = gaps(document)
    where = {
        (r["ruleId"], r["properties"]["period"], r["properties"]["subunit"]): r["locations"][0]["physicalLocation"]
        for r in results
    }
    articles = where[("CQ-79", "2024", None)]
    assert articles["artifactLocation"] == {"uri": "examples/chengkou-county.yaml", "uriBaseId": "%SRCROOT%"}
    assert articles["region"]["startLine"] == line_of(ROOT / COUNTY, "- id: 2024-wl"), "the activity that fell short"
    assert where[("CQ-17", "2023-H2", None)]["region"]["startLine"] == line_of(ROOT / COUNTY, "region: 城口县")
    short_week = where[("QJ-2-1", "2021-W31", None)]
    assert short_week["region"]["startLine"] > line_of(ROOT / DISTRICT, "region:"), "on its one activity"
    for result in results:
        related = result["relatedLocations"][0]["physicalLocation"]
        base = related["artifactLocation"]["uriBaseId"]
        plan = ROOT / "src" / "ecoplan_cli" if base == "ECOPLAN" else ROOT
        text = (plan / unquote(related["artifactLocation"]["uri"])).read_text(encoding="utf-8").splitlines()
        assert f"id: {result['ruleId']}" in text[related["region"]["startLine"] - 1], "the plan requirement's line"


def test_sub_units_are_separate_results_with_unique_fingerprints(run) -> None:  # type: ignore[no-untyped-def]
    document = sarif(run, COUNTY, DISTRICT, "--as-of", "2025-01-15")
    results = gaps(document)
    messages = [r["message"]["text"] for r in results]
    assert any("北苑街道" in m for m in messages) and any("湖滨社区" in m for m in messages)
    assert len(set(messages)) == len(messages)
    for key in ("ecoplanFinding/v1", "primaryLocationLineHash"):
        values = [r["partialFingerprints"][key] for r in results]
        assert len(set(values)) == len(values), key


def test_fingerprints_stay_when_the_as_of_date_and_the_lines_move(run, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    before = results_by_title(sarif(run, COUNTY, "--as-of", "2025-01-15"))
    later = results_by_title(sarif(run, COUNTY, "--as-of", "2025-06-30"))
    moved = tmp_path / "examples"
    moved.mkdir()
    (moved / "chengkou-county.yaml").write_text("# a new comment\n" * 5 + (ROOT / COUNTY).read_text(encoding="utf-8"), "utf-8")
    with_exceptions(moved)
    monkeypatch.chdir(tmp_path)
    shifted = results_by_title(sarif(run, COUNTY, "--as-of", "2025-01-15"))
    for title, result in before.items():
        for other in (later[title], shifted[title]):
            assert other["partialFingerprints"] == result["partialFingerprints"]
        line = result["locations"][0]["physicalLocation"]["region"]["startLine"]
        assert shifted[title]["locations"][0]["physicalLocation"]["region"]["startLine"] == line + 5


def test_uris_are_percent_encoded_and_relative_to_the_working_directory(run, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    odd = tmp_path / "logs" / "a,b" / "城口 100%.yaml"
    odd.parent.mkdir(parents=True)
    shutil.copy(ROOT / COUNTY, odd)
    with_exceptions(odd.parent)
    monkeypatch.chdir(tmp_path)
    document = sarif(run, odd.resolve(), "--as-of", "2025-01-15")  # given absolute: still relative in the report
    validate_schema(document)
    run_ = document["runs"][0]
    uri = run_["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == {"uri": "logs/a%2Cb/%E5%9F%8E%E5%8F%A3%20100%25.yaml", "uriBaseId": "%SRCROOT%"}
    base = run_["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base == run_["invocations"][0]["workingDirectory"]["uri"] == tmp_path.resolve().as_uri() + "/"
    assert Path(unquote(base.removeprefix("file://")) + unquote(uri["uri"])) == odd.resolve()
    assert [a["location"] for a in run_["artifacts"]] == [uri]


def test_run_facts_code_scanning_reads(run) -> None:  # type: ignore[no-untyped-def]
    document = sarif(run, EXAMPLES / "chongqing-city.yaml", DISTRICT, "--as-of", "2025-01-15")
    run_ = document["runs"][0]
    assert run_["automationDetails"] == {"id": "ecoplan/2025-01-15"}
    rules = {rule["id"]: rule for rule in run_["tool"]["driver"]["rules"]}
    assert rules["CQ-16"]["defaultConfiguration"] == {"level": "error"}
    assert rules["CQ-82"]["defaultConfiguration"] == {"level": "note"}, "encouraged"
    assert not any("helpUri" in rule for rule in rules.values()), "no link to a page that does not exist"
    assert "informationUri" not in run_["tool"]["driver"]
    plans = [a for a in run_["artifacts"] if "userSpecifiedConfiguration" in a["roles"]]
    assert [p["location"] for p in plans] == [{"uri": "examples/plans/district_work_plan_2021.yaml", "uriBaseId": "%SRCROOT%"}]
    assert "ecoplan" in run_["originalUriBaseIds"]["ECOPLAN"]["description"]["text"]
    assert "uri" not in run_["originalUriBaseIds"]["ECOPLAN"], "bundled plans are described, not linked"


def test_not_counted_activities_are_warnings_on_their_own_line(run) -> None:  # type: ignore[no-untyped-def]
    document = sarif(run, COUNTY, "--as-of", "2025-01-15")
    validate_schema(document)
    run_ = document["runs"][0]
    uncounted = [r for r in run_["results"] if r["ruleId"].startswith("uncounted-")]
    assert uncounted and all(r["level"] == "warning" for r in uncounted)
    early = next(r for r in uncounted if r["properties"]["activity"] == "2021-wl")
    assert early["ruleId"] == "uncounted-before-period"
    assert early["locations"][0]["physicalLocation"]["region"]["startLine"] == line_of(ROOT / COUNTY, "- id: 2021-wl")
    rules = run_["tool"]["driver"]["rules"]
    assert rules[early["ruleIndex"]]["id"] == "uncounted-before-period"
    assert rules[early["ruleIndex"]]["defaultConfiguration"] == {"level": "warning"}
    prints = [r["partialFingerprints"]["primaryLocationLineHash"] for r in run_["results"]]
    assert len(set(prints)) == len(prints)


def multitool(path: Path, tmp_path: Path) -> list[dict[str, Any]]:
    """The SARIF multitool's `validate` results for a file (its own rules SARIF1xxx/2xxx, at every level)."""
    package = Path(node_tool("sarif-multitool")).resolve().parent  # node_modules/@microsoft/sarif-multitool
    # the platform binary itself: the npm wrapper passes arguments through a shell, which splits "Error;Warning"
    binaries = sorted(package.parent.glob("sarif-multitool-*/Sarif.Multitool"))
    if not binaries:
        pytest.skip("the SARIF multitool's platform binary is missing (npm install @microsoft/sarif-multitool)")
    output = tmp_path / "validation.sarif"
    levels = ["--level", "Error;Warning;Note"]
    command = [str(binaries[0]), "validate", str(path), "-o", str(output), "--log", "ForceOverwrite", *levels]
    environment = {"DOTNET_CLI_TELEMETRY_OPTOUT": "1", "HOME": str(tmp_path)}
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=environment)
    assert done.returncode == 0, done.stdout + done.stderr
    return list(json.loads(output.read_text(encoding="utf-8-sig"))["runs"][0]["results"])


def test_the_sarif_multitool_finds_no_error_and_no_warning(run, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    odd = tmp_path / "logs" / "a,b" / "城口 100%.yaml"
    odd.parent.mkdir(parents=True)
    shutil.copy(ROOT / COUNTY, odd)
    with_exceptions(odd.parent)
    plans = tmp_path / "plans"
    shutil.copytree(ROOT / "examples" / "plans", plans)
    district = tmp_path / "logs" / "district.yaml"
    district.write_text((ROOT / DISTRICT).read_text(encoding="utf-8"), encoding="utf-8")  # names ../plans/…
    monkeypatch.chdir(tmp_path)
    _, out, _ = run("check", odd.resolve(), "logs/district.yaml", "--as-of", "2025-01-15", "--format", "sarif")
    path = tmp_path / "ecoplan.sarif"
    path.write_text(out, encoding="utf-8")
    found = multitool(path, tmp_path)
    serious = [(r["ruleId"], r["message"].get("id")) for r in found if r.get("level", "warning") in ("error", "warning")]
    # SARIF2005 asks for tool.driver.informationUri: ecoplan has no public home page, and a dead link is worse.
    assert serious == [("SARIF2005", "Warning_ProvideToolnformationUri")]
    assert not [r for r in found if r["ruleId"] in ("SARIF1002", "SARIF1004", "SARIF2016")], "URIs valid and relative"


def test_fingerprint_is_the_finding_identity(run) -> None:  # type: ignore[no-untyped-def]
    result = next(iter(results_by_title(sarif(run, COUNTY, "--as-of", "2025-01-15")).values()))
    identity = "chongqing-impl:CQ-17/county@城口县/城口县生态环境局#2023-H2"
    assert result["partialFingerprints"]["ecoplanFinding/v1"] == hashlib.sha256(identity.encode()).hexdigest()


def test_a_spreadsheet_log_is_placed_by_its_rows(run) -> None:  # type: ignore[no-untyped-def]
    """An .xlsx ledger's gaps sit on the row of the activity that fell short (never a traceback from reading it as text)."""
    code, out, err = run("check", EXAMPLES / "chengkou-county.xlsx", "--as-of", "2025-01-15", "--format", "sarif")
    assert code == 1, err
    results = json.loads(out)["runs"][0]["results"]
    assert results and all(r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1 for r in results)
    assert len({r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results}) > 1
    code, out, _ = run("check", EXAMPLES / "chengkou-county.xlsx", "--as-of", "2025-01-15", "--format", "github")
    assert code == 1 and out.startswith("::")
