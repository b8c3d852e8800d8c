"""Files written with --output: atomic, with the umask's mode when new and the old mode kept when replaced."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import EXAMPLES, county_text
from ecoplan_cli.load.atomic import write_atomic, write_bytes_atomic

COUNTY = EXAMPLES / "chengkou-county.yaml"


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_new_output_follows_the_umask(run, tmp_path: Path, umask: None, mask: int, expected: int) -> None:  # type: ignore[no-untyped-def]
    os.umask(mask)
    target = tmp_path / "report.xml"
    code, _, _ = run("check", COUNTY, "--as-of", "2025-01-15", "--output", f"junit:{target}")
    assert code == 1
    assert mode(target) == expected


def test_replacing_a_file_keeps_its_mode(run, tmp_path: Path, umask: None) -> None:  # type: ignore[no-untyped-def]
    os.umask(0o077)
    target = tmp_path / "ecoplan.sarif"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    run("check", COUNTY, "--as-of", "2025-01-15", "--output", f"sarif:{target}")
    assert mode(target) == 0o644 and target.read_text(encoding="utf-8").startswith("{")
    target.chmod(0o640)
    write_bytes_atomic(target, b"x")
    assert mode(target) == 0o640 and target.read_bytes() == b"x"


def test_no_temporary_file_is_left_behind(tmp_path: Path, umask: None) -> None:
    write_atomic(tmp_path / "a.txt", ["x", "y"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_csv_cells_that_excel_would_run_as_formulas_are_neutralised(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import csv
    import io

    text = county_text().replace("unit: 城口县生态环境局", "unit: '=HYPERLINK(\"http://x\")'")
    text = text.replace("- id: 2023-wl", "- id: '@SUM(A1)'").replace("- id: 2022-wl", "- id: '-2022-wl'")
    log = tmp_path / "log.yaml"
    log.write_text(text, encoding="utf-8")
    code, out, err = run("check", log, "--as-of", "2025-01-15", "--format", "csv")
    assert code == 1, err
    assert out.startswith("\ufeff"), "UTF-8 with BOM, for Excel"
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    cells = [cell for row in rows for cell in row.values()]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert {row["unit"] for row in rows} == {'\'=HYPERLINK("http://x")'}
    activities = {row["activities"] for row in rows if row["requirement"] == "CQ-79"}
    assert any(value.startswith("'@SUM(A1)") for value in activities)
    assert any("-2022-wl" in value for value in activities)
    assert any(row["region"] == "城口县" for row in rows), "ordinary text is left alone"


@given(st.text())
def test_neutralise_never_leaves_a_formula_and_loses_nothing(text: str) -> None:
    from ecoplan_cli.report.csv_report import FORMULA_STARTS, neutralise

    cell = neutralise(text)
    assert not cell.startswith(FORMULA_STARTS)
    assert cell == text or (cell == "'" + text and text.startswith(FORMULA_STARTS))


PART = st.text(alphabet=st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1)


@given(st.lists(PART, min_size=1, max_size=4))
def test_sarif_uris_are_valid_and_name_the_file(parts: list[str]) -> None:
    from urllib.parse import unquote

    from ecoplan_cli.report.sarif import artifact_location

    relative = "/".join(p for p in parts if p not in (".", ".."))
    if not relative or relative.startswith("/"):
        return
    location = artifact_location(relative)
    assert location["uriBaseId"] == "%SRCROOT%"
    assert all(c.isascii() and (c.isalnum() or c in "-._~/%") for c in location["uri"]), location["uri"]
    assert unquote(location["uri"]) == Path(os.path.normpath(relative)).as_posix()


@pytest.mark.parametrize(
    "command",
    [
        ["check", str(COUNTY), "--as-of", "2025-01-15", "--output", "json:{target}.json"],
        ["check", str(COUNTY), "--as-of", "2025-01-15", "--output", "xlsx:{target}.xlsx"],
        ["report", str(COUNTY), "--as-of", "2025-01-15", "--output", "{target}.html"],
        ["convert", str(COUNTY), "{target}.csv"],
        ["init", "--region", "城口县", "--year", "2024", "--out", "{target}.xlsx"],
    ],
    ids=["check-json", "check-xlsx", "report-html", "convert-csv", "init-xlsx"],
)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_output_that_cannot_be_written_is_said_not_a_traceback(run, tmp_path: Path, command: list[str], lang: str) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    target = str(blocker / "out")  # a path under a file: no one can write there, not even root
    code, _, err = run(*(part.replace("{target}", target) for part in command), "--lang", lang)
    assert code == 2
    said = {"en": "cannot write", "zh": "无法写入"}[lang]
    assert said in err and target in err, err
    assert blocker.read_text(encoding="utf-8") == "not a folder"
