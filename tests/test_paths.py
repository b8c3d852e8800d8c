"""The folder walk: only activity logs are read from a folder (told by a text scan), what is skipped is said, a file
named explicitly is always read, extensions match in any case, and a folder with no log is exit 2."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, write
from ecoplan_cli.load.paths import looks_like_log, walk

COUNTY = EXAMPLES / "chengkou-county.yaml"


def test_examples_folder_takes_the_logs_and_skips_ci_and_plan_files() -> None:
    result = walk([EXAMPLES])
    taken = {Path(f).relative_to(EXAMPLES).as_posix() for f in result.files}
    assert "chengkou-county.yaml" in taken and "district/log-2021.yaml" in taken
    assert not any(name.startswith(("ci/", "plans/")) for name in taken)
    skipped = {Path(f).relative_to(EXAMPLES).as_posix(): reason for f, reason in result.skipped}
    assert skipped == {
        "chengkou-county.xlsx": "yaml-twin",  # the same ledger as chengkou-county.yaml, which is read
        "ci/github-actions.yml": "not-a-log",
        "ci/gitlab-ci.yml": "not-a-log",
        "exceptions/chengkou.yaml": "exceptions-file",
        "plans/district_work_plan_2021.yaml": "plan-file",
        "plans/municipal_example.yaml": "plan-file",
    }


def test_check_examples_folder_reads_only_logs_and_says_what_it_skipped(run) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(
        "check", "examples/", "--plan-file", "examples/plans/municipal_example.yaml", "--as-of", "2025-01-15",
        "--format", "json", "--lang", "en",
    )  # fmt: skip
    assert code in (0, 1), err
    assert "examples/ci/gitlab-ci.yml: skipped, not an activity log" in err
    assert "examples/plans/municipal_example.yaml: skipped, not an activity log (a plan file: load it with --plan-file)" in err


def test_upper_case_extension_is_walked(tmp_path: Path) -> None:
    shutil.copy(COUNTY, tmp_path / "COUNTY.YAML")
    shutil.copy(COUNTY, tmp_path / "other.Yml")
    assert [Path(f).name for f in walk([tmp_path]).files] == ["COUNTY.YAML", "other.Yml"]


def test_hidden_files_and_folders_are_left_out(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    shutil.copy(COUNTY, tmp_path / ".git" / "log.yaml")
    shutil.copy(COUNTY, tmp_path / ".hidden.yaml")
    shutil.copy(COUNTY, tmp_path / "log.yaml")
    assert [Path(f).name for f in walk([tmp_path]).files] == ["log.yaml"]


def test_a_file_named_explicitly_is_always_read(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan_like = write(tmp_path, "notes.yaml", "title: not a log\n")
    assert walk([plan_like]).files == [str(plan_like)]
    code, _, err = run("validate", plan_like, "--lang", "en")
    assert code == 1 and "notes.yaml:1:1" in err  # read, and its problems reported at their place


@pytest.mark.parametrize(
    ("text", "is_log"),
    [
        ("unit: 城口县生态环境局\n", True),
        ("\ufeffplans: [chongqing-impl]\nactivities: []\n", True),
        ('"unit": x\n', True),
        ("# yaml-language-server: $schema=../schema/activity-log.schema.json\n{}\n", True),
        ("stages: [check]\njob:\n  unit: nested, not top-level\n", False),
        ("id: x\nrequirements: []\n", False),
    ],
)
def test_what_counts_as_a_log(tmp_path: Path, text: str, is_log: bool) -> None:
    assert looks_like_log(write(tmp_path, "f.yaml", text)) is is_log


def test_a_log_key_far_down_a_large_file_is_found(tmp_path: Path) -> None:
    path = write(tmp_path, "big.yaml", "# padding\n" * 10000 + "unit: x\n")
    assert looks_like_log(path)


@pytest.mark.parametrize(("lang", "expected"), [("en", "no activity log in this folder"), ("zh", "该文件夹中没有活动台账")])
@pytest.mark.parametrize("command", ["check", "validate"])
def test_a_folder_with_no_log_is_exit_2(run, tmp_path: Path, command: str, lang: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path, "ci.yml", "stages: [test]\n")
    code, out, err = run(command, tmp_path, "--lang", lang)
    assert code == 2
    assert f"{tmp_path}" in err and expected in err
    assert "PASS" not in out and "通过" not in out


def test_the_examples_folder_checks_as_a_whole(run) -> None:  # type: ignore[no-untyped-def]
    """`ecoplan check examples/`: every log read (the municipal one finds its plan through examples/ecoplan.toml),
    plan, exceptions and CI files skipped and named, real gaps: exit 1, never 2."""
    import json

    code, out, err = run("check", "examples", "--as-of", "2026-01-15", "--format", "json")
    assert code == 1, err
    files = {f["log_file"] for f in json.loads(out)["findings"]}
    assert "examples/municipal/log-city.yaml" in files and "examples/chengkou-county.yaml" in files
    assert "examples/exceptions/chengkou.yaml: skipped" in err and "examples/ci/gitlab-ci.yml: skipped" in err


def test_spreadsheet_ledgers_in_a_folder_are_read_and_other_spreadsheets_are_skipped(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "台账"
    folder.mkdir()
    shutil.copy(EXAMPLES / "chengkou-county.xlsx", folder / "城口县.xlsx")  # a ledger kept in Excel, no YAML beside it
    shutil.copytree(EXAMPLES / "exceptions", folder / "exceptions")  # the ledger names exceptions/chengkou.yaml
    code, out, err = run("convert", str(folder / "城口县.xlsx"), str(tmp_path / "城口县.csv"))
    assert code == 0, err
    text = (tmp_path / "城口县.csv").read_text(encoding="utf-8-sig").replace("城口县生态环境局", "城口县生态环境局2")
    (folder / "城口县2.csv").write_text(text, encoding="utf-8")  # a second unit's ledger as CSV
    code, report, err = run("check", str(folder), "--as-of", "2026-01-15", "--format", "csv")
    (folder / "report.csv").write_text(report, encoding="utf-8")  # a report written beside the ledgers
    code, _, err = run("check", str(folder), "--as-of", "2026-01-15", "--output", f"xlsx:{folder / '督办.xlsx'}")
    assert code == 1, err
    result = walk([folder])
    assert sorted(Path(f).name for f in result.files) == ["城口县.xlsx", "城口县2.csv"]
    assert sorted((Path(f).name, reason) for f, reason in result.skipped) == [
        ("chengkou.yaml", "exceptions-file"),
        ("report.csv", "not-a-ledger"),
        ("督办.xlsx", "not-a-ledger"),
    ]
    code, out, err = run("check", str(folder), "--as-of", "2026-01-15", "--format", "json", "--lang", "zh")
    assert code == 1 and "督办.xlsx：已跳过，不是活动台账（表格中没有台账" in err
    units = {finding["unit"] for finding in json.loads(out)["findings"]}
    assert units == {"城口县生态环境局", "城口县生态环境局2"}
    code, _, err = run("validate", str(folder), "--lang", "en")
    assert code == 0 and "report.csv: skipped, not an activity log (a spreadsheet without a 台账 table" in err


def test_a_spreadsheet_that_cannot_be_read_is_taken_so_the_loader_says_why(tmp_path: Path) -> None:
    (tmp_path / "坏.xlsx").write_bytes(b"not a workbook")
    (tmp_path / "~$坏.xlsx").write_bytes(b"\x0bzhang san" + bytes(150))  # Excel's lock file while 坏.xlsx is open
    result = walk([tmp_path])
    assert result.files == [str(tmp_path / "坏.xlsx")]
    assert result.skipped == [(str(tmp_path / "~$坏.xlsx"), "office-lock-file")]
