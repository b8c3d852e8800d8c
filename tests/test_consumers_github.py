"""GitHub Actions: annotations within GitHub's caps (10 errors and 10 notices per step, 50 per job), a note for the
rest, and every finding in the Markdown job summary written to $GITHUB_STEP_SUMMARY."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import EXAMPLES, county_text

COUNTY = EXAMPLES / "chengkou-county.yaml"
COMMAND = re.compile(r"^::(?P<kind>error|warning|notice)(?: (?P<props>[^:]*))?::(?P<message>.*)$")


def unescape(value: str) -> str:
    return value.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def annotations(out: str) -> list[dict[str, str]]:
    """Workflow commands as the runner reads them (toolkit/command.ts escaping), one per line."""
    parsed = []
    for line in out.splitlines():
        match = COMMAND.match(line)
        assert match, line
        props = dict(p.split("=", 1) for p in (match["props"] or "").split(",") if p)
        fields = {k: unescape(v) for k, v in props.items()}
        parsed.append({"kind": match["kind"], **fields, "message": unescape(match["message"])})
    return parsed


@pytest.fixture
def forty_units(tmp_path: Path) -> Path:
    text = county_text()
    for number in range(40):
        unit = text.replace("unit: 城口县生态环境局", f"unit: 城口县第{number:02}单位")
        (tmp_path / f"unit-{number:02}.yaml").write_text(unit, encoding="utf-8")
    return tmp_path


def test_a_40_unit_run_stays_within_the_caps_and_says_how_many_more(run, forty_units: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    summary_file = forty_units / "summary.md"
    summary_file.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    monkeypatch.chdir(forty_units)  # the checkout: annotations name files relative to it
    code, out, _ = run("check", forty_units, "--as-of", "2025-01-15", "--format", "github", "--lang", "en")
    assert code == 1
    found = annotations(out)
    kinds = [a["kind"] for a in found]
    assert kinds.count("error") == 10 and kinds.count("warning") == 10 and kinds.count("notice") <= 10 and len(found) <= 50
    last = found[-1]
    assert last["kind"] == "notice" and "10 of 160 gaps are annotated" in last["message"]
    assert "10 of 160 activities counted toward nothing" in last["message"]
    assert "The other 300, and every finding, are in the job summary" in last["message"]
    first = found[0]
    assert first["title"] == "CQ-79/articles 2024", "latest due date first"
    assert re.fullmatch(r"unit-\d\d\.yaml", first["file"]), "relative to the checkout, though given absolute"
    for fact in ("城口县", "8/10 篇", "due 2024-12-31", "“"):
        assert fact in first["message"]
    summary = summary_file.read_text(encoding="utf-8")
    assert summary.startswith("earlier step\n"), "appended, as GitHub expects"
    gap_rows = [line for line in summary.splitlines() if line.startswith("| 城口县 |") and "| 2024-12-31 |" in line]
    assert "### Gaps — mandatory, missed (160)" in summary
    assert len([r for r in gap_rows if "CQ-79/articles" in r]) == 40
    _, js, _ = run("check", forty_units, "--as-of", "2025-01-15", "--format", "json")
    every = json.loads(js)["findings"]
    rows = [line for line in summary.splitlines() if line.startswith("| 城口县 |")]
    assert len(rows) == len(every), "every finding has its row"


def test_no_summary_without_the_variable(run, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("check", COUNTY, "--as-of", "2025-01-15", "--format", "github")
    assert code == 1 and len(annotations(out)) == 6 and list(tmp_path.iterdir()) == []  # 3 gaps, 3 not counted


def test_summary_in_chinese_and_cut_at_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    from ecoplan_cli.messages import set_language
    from ecoplan_cli.report import github
    from ecoplan_cli.run import CheckOptions, run_check

    report = run_check(CheckOptions(files=(str(COUNTY),), as_of=date(2025, 1, 15), jobs=1)).report
    assert report is not None
    set_language("zh")
    try:
        whole = github.summary(report)
        assert "### 缺口 — 必须完成而未完成（3）" in whole and "| 地区 | 单位 |" in whole
        monkeypatch.setattr(github, "SUMMARY_LIMIT", len(whole.encode("utf-8")) // 2 + 2000)
        cut = github.summary(report)
        assert len(cut.encode("utf-8")) < len(whole.encode("utf-8")) // 2 + 2000
        assert re.search(r"另有 \d+ 条结果未显示：GitHub 的步骤摘要最多 1 MiB", cut)
        assert "### 缺口 — 必须完成而未完成（3）" in cut, "the gaps come first and survive a cut"
    finally:
        set_language("en")


def test_markdown_cells_are_escaped() -> None:
    from ecoplan_cli.report.github import _cell

    assert _cell("a|b\nc") == "a\\|b c"


def test_an_unwritable_summary_file_is_a_warning_not_a_traceback(run, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "missing" / "summary.md"))
    code, out, err = run("check", COUNTY, "--as-of", "2025-01-15", "--format", "github", "--lang", "en")
    assert code == 1 and len(annotations(out)) == 6
    assert "warning: could not append the job summary to" in err and "Traceback" not in err
