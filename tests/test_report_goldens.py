"""Golden files of the consumer-facing reports (same inputs, same bytes): ECOPLAN_UPDATE_GOLDEN=1 rewrites them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT
from test_check import golden

LOGS = (Path("examples") / "chengkou-county.yaml", Path("examples") / "district" / "log-2021.yaml")
AS_OF = ("--as-of", "2025-01-15", "--lang", "en")


def test_junit_golden(run) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = run("check", *LOGS, *AS_OF, "--format", "junit")
    golden("county-district.junit.xml", out)


def test_sarif_golden(run) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = run("check", *LOGS, *AS_OF, "--format", "sarif")
    document = json.loads(out)
    here = ROOT.as_uri() + "/"
    run_ = document["runs"][0]
    assert run_["invocations"][0]["workingDirectory"]["uri"] == here
    run_["invocations"][0]["workingDirectory"]["uri"] = run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] = "file:///CHECKOUT/"
    run_["tool"]["driver"]["version"] = run_["tool"]["driver"]["semanticVersion"] = "VERSION"
    golden("county-district.sarif.json", json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def test_github_golden(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    _, out, _ = run("check", *LOGS, *AS_OF, "--format", "github")
    golden("county-district.github.txt", out)
    golden("county-district.summary.md", summary.read_text(encoding="utf-8"))
