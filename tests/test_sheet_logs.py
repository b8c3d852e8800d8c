"""Spreadsheet logs (.xlsx, .csv): the real-world mess a ledger typed in Excel or WPS brings, read into the same log as
YAML, every problem named by file, sheet and cell, hostile files refused before they are inflated."""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from pathlib import Path

import pytest
import xlsxwriter

from conftest import write
from ecoplan_cli.load import xlsx_log
from ecoplan_cli.load.logs import load_log
from ecoplan_cli.load.problems import InputError, Problem
from ecoplan_cli.load.sheet_log import parse_date, parse_references
from ecoplan_cli.messages import set_language

HEADER = [["计划", "chongqing-impl"], ["单位", "城口县生态环境局"], ["地区", "城口县"]]


def workbook(path: Path, rows: list[list[object]], *, sheet: str = "台账", merges: list[tuple[str, str]] = ()) -> Path:  # type: ignore[assignment]
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet(sheet)
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                ws.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), day)
            elif isinstance(value, str):
                ws.write_string(r, c, value)
            elif value is not None:
                ws.write(r, c, value)
    for cells, label in merges:
        ws.merge_range(cells, label)
    book.close()
    return path


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (dt.datetime(2024, 3, 10, 9, 30), dt.date(2024, 3, 10)),  # a date cell with a time
        (45361, dt.date(2024, 3, 10)),  # an Excel serial number
        (45361.0, dt.date(2024, 3, 10)),
        ("2024-03-10", dt.date(2024, 3, 10)),
        ("2024-3-10", dt.date(2024, 3, 10)),
        ("2024/3/10", dt.date(2024, 3, 10)),
        ("2024.3.10", dt.date(2024, 3, 10)),
        ("2024年3月10日", dt.date(2024, 3, 10)),
        ("２０２４年３月１０日 ", dt.date(2024, 3, 10)),  # full-width digits, a trailing space
        ("20240310", dt.date(2024, 3, 10)),
        (20240310, dt.date(2024, 3, 10)),
        ("3/10/2024", "ambiguous-date"),  # March 10 or 3 October?
        ("10.3.2024", "ambiguous-date"),
        ("24/3/10", "ambiguous-date"),
        ("2024-02-30", "not-a-date"),
        ("二〇二四年三月十日", "not-a-date"),
        ("三月", "not-a-date"),
        (True, "not-a-date"),
    ],
)
def test_which_dates_are_read_and_which_refused(cell: object, expected: object) -> None:
    assert parse_date(cell) == expected


def test_requirement_ids_fold_full_width_forms_and_take_the_drop_down_entry() -> None:
    assert parse_references("ＣＱ－１７、CQ—5；CQ-44,CQ-47\nchongqing-impl：CQ-16／press-center") == [
        "CQ-17",
        "CQ-5",
        "CQ-44",
        "CQ-47",
        "chongqing-impl:CQ-16/press-center",
    ]
    assert parse_references("CQ-17｜做好新闻发布") == ["CQ-17"]


def test_a_messy_workbook_reads_like_its_yaml_twin(tmp_path: Path, catalogue) -> None:  # type: ignore[no-untyped-def]
    """A title merged across the top, headers merged over two rows (日期 over 开始/结束, 数量 over 篇/件), trailing
    spaces, blank rows, full-width ids, an extra column (a note, not an error), dates of every accepted kind."""
    rows: list[list[object]] = [
        ["城口县生态环境局2024年台账"],
        *HEADER,
        [],
        ["编号", "日期", None, "活动名称", "对应要求", "数量", None, "经办人"],
        [None, "开始日期", "结束日期", None, None, "篇", "件", None],
        ["2024-wl ", dt.date(2024, 5, 20), "2024年6月10日", "“六五”网络主题宣传  ", "ＣＱ－７９", 12, 1, "张三"],
        [],
        [None, None, None, None, None, None, None, "李四"],  # only the extra column: a blank row
        ["2024-fbh", 45450, 45450, "新闻发布会", "CQ-17", None, None, None],
    ]
    path = workbook(tmp_path / "台账.xlsx", rows, merges=[("A1:H1", rows[0][0]), ("B5:C5", "日期"), ("F5:G5", "数量")])  # type: ignore[list-item]
    loaded, _ = load_log(str(path), catalogue)
    activities = loaded.log.activities
    assert [a.id for a in activities] == ["2024-wl", "2024-fbh"]
    assert (activities[0].start, activities[0].end) == (dt.date(2024, 5, 20), dt.date(2024, 6, 10))
    assert activities[0].title == "“六五”网络主题宣传"
    assert activities[0].requirements == ["CQ-79"]
    assert {m.value: n for m, n in activities[0].amounts.items()} == {"篇": 12, "件": 1}
    assert activities[1].end == dt.date(2024, 6, 7)  # serial 45450
    assert loaded.rows == (8, 11)
    notes = [w.render() for w in loaded.warnings if w.code == "sheet-column-ignored"]
    assert notes == [
        f"{path}:台账!H6: warning: the column '经办人' is not part of the layout and is ignored [sheet-column-ignored]"
    ]


def test_english_headers_and_a_quantity_column_with_its_counting_word(tmp_path: Path, catalogue) -> None:  # type: ignore[no-untyped-def]
    content = (
        "plans,chongqing-impl\nunit,城口县生态环境局\nregion,城口县\n\nid,date,title,requirements,quantity,measure,"
        'evidence,subunit,note\na1,2024-03-10,x,CQ-79,12,篇,"http://a\nhttp://b",,备注\na2,2024/3/11,y,CQ-79,'
        "12篇、1件,,,,\n"
    )
    loaded, _ = load_log(str(write(tmp_path, "log.csv", content)), catalogue)
    first, second = loaded.log.activities
    assert {m.value: n for m, n in first.amounts.items()} == {"篇": 12}
    assert first.evidence == ["http://a", "http://b"]
    assert {m.value: n for m, n in second.amounts.items()} == {"篇": 12, "件": 1}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "台账.xlsx:台账!B6: error: '3/10/2024' is ambiguous (day/month or month/day?); write the year first:"
                " 2024-03-10 [sheet-ambiguous-date]",
                "台账.xlsx:台账!F7: error: '1.5' is not a whole number [sheet-not-a-count]",
            ],
        ),
        (
            "zh",
            [
                "台账.xlsx:台账!B6: error: “3/10/2024”有歧义（日/月还是月/日？）；请年份在前，如 2024-03-10"
                " [sheet-ambiguous-date]",
                "台账.xlsx:台账!F7: error: “1.5”不是整数 [sheet-not-a-count]",
            ],
        ),
    ],
)
def test_unreadable_cells_are_named_by_sheet_and_cell_in_both_languages(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    catalogue,
    language: str,
    expected: list[str],  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.chdir(tmp_path)
    rows: list[list[object]] = [
        *HEADER,
        [],
        ["编号", "日期", "活动名称", "对应要求", "次", "篇"],
        ["a", "3/10/2024", "x", "CQ-17"],
        ["b", "2024-03-11", "y", "CQ-79", None, 1.5],
    ]
    workbook(tmp_path / "台账.xlsx", rows)
    set_language(language)
    try:
        with pytest.raises(InputError) as raised:
            load_log("台账.xlsx", catalogue)
    finally:
        set_language("en")
    assert [p.render() for p in raised.value.problems] == expected


def test_schema_and_reference_problems_name_cells_and_yaml_keeps_line_and_column(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    rows: list[list[object]] = [
        *HEADER,
        [],
        ["编号", "日期", "活动名称", "对应要求"],
        ["a", "2024-03-10", "x", "CQ-999"],
        ["a", "2024-03-11", "y", "CQ-17"],
    ]
    path = workbook(tmp_path / "log.xlsx", rows)
    code, _, err = run("validate", "--lang", "en", path)
    assert code == 1
    assert err.splitlines()[:2] == [
        f"{path}:台账!D6: error: 'CQ-999' is not a requirement of chongqing-impl; did you mean CQ-9? [unknown-requirement]",
        f"{path}:台账!A7: error: activity id 'a' is used twice (first at {path}:台账!A6) [duplicate-activity]",
    ]
    missing = workbook(
        tmp_path / "missing.xlsx", [*HEADER, [], ["编号", "日期", "活动名称", "对应要求"], ["c", "2024-03-12", None, "CQ-17"]]
    )
    code, _, err = run("validate", "--lang", "zh", missing)
    assert code == 1
    assert err.splitlines()[0] == f"{missing}:台账!A6: 错误：此处缺少必填项“title” [missing-key]"
    set_language("en")  # the run above chose zh; a Problem renders in the run's language
    assert Problem("x.yaml", 3, 7, "c", "m").render() == "x.yaml:3:7: error: m [c]"  # YAML's rendering unchanged
    assert Problem("x.csv", 3, 28, "c", "m", sheet="").render() == "x.csv:AB3: error: m [c]"


def test_a_duplicate_id_across_a_workbook_and_a_yaml_file_names_both_places(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    path = workbook(
        tmp_path / "a.xlsx", [*HEADER, [], ["编号", "日期", "活动名称", "对应要求"], ["x1", "2024-03-10", "t", "CQ-17"]]
    )
    other = write(
        tmp_path,
        "b.yaml",
        "plans: [chongqing-impl]\nunit: 城口县生态环境局\nregion: 城口县\nactivities:\n"
        "  - {id: x1, date: 2024-03-11, title: t, requirements: [CQ-17]}\n",
    )
    code, _, err = run("validate", "--lang", "en", path, other)
    assert code == 1
    assert f"(first at {path}:台账!A6)" in err


def test_a_csv_saved_by_excel_in_gb18030_is_read(tmp_path: Path, catalogue) -> None:  # type: ignore[no-untyped-def]
    content = "计划,chongqing-impl\r\n单位,城口县生态环境局\r\n地区,城口县\r\n\r\n编号,日期,活动名称,对应要求\r\n"
    content += "a,2024-03-10,发布会,CQ-17\r\n"
    loaded, _ = load_log(str(write(tmp_path, "log.csv", content.encode("gb18030"))), catalogue)
    assert loaded.log.activities[0].title == "发布会"


def test_no_header_row_is_one_clear_problem(tmp_path: Path, catalogue) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as raised:
        load_log(str(write(tmp_path, "x.csv", "a,b\nc,d\n")), catalogue)
    assert [p.code for p in raised.value.problems] == ["sheet-no-header"]
    assert raised.value.problems[0].render().startswith(f"{tmp_path / 'x.csv'}:A1: error: no header row found")


def _bomb(path: Path, size: int) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * size)
    return path


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path, catalogue) -> None:  # type: ignore[no-untyped-def]
    path = _bomb(tmp_path / "bomb.xlsx", 64 * 1024 * 1024)  # 64 MiB of zeros: about 64 KiB on disk
    assert path.stat().st_size < 200_000
    with pytest.raises(InputError) as raised:
        load_log(str(path), catalogue)
    assert [p.code for p in raised.value.problems] == ["xlsx-zip-bomb"]
    assert "ECOPLAN_MAX_ZIP_RATIO" in raised.value.problems[0].message


def test_the_limits_are_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, catalogue) -> None:  # type: ignore[no-untyped-def]
    path = workbook(
        tmp_path / "log.xlsx",
        [*HEADER, [], ["编号", "日期", "活动名称", "对应要求"], *[[f"a{i}", "2024-03-10", "t", "CQ-17"] for i in range(20)]],
    )
    monkeypatch.setattr(xlsx_log, "MAX_ROWS", 10)
    with pytest.raises(InputError) as raised:
        load_log(str(path), catalogue)
    assert [p.code for p in raised.value.problems] == ["xlsx-sheet-too-large"]
    monkeypatch.setattr(xlsx_log, "MAX_ROWS", 1000)
    monkeypatch.setattr(xlsx_log, "MAX_UNZIPPED_BYTES", 1000)
    with pytest.raises(InputError) as raised:
        load_log(str(path), catalogue)
    assert [p.code for p in raised.value.problems] == ["xlsx-too-large"]


@pytest.mark.parametrize("name", ["old.xlsx", "old.xls", "wps.et", "calc.ods"])
def test_not_a_workbook_and_an_old_xls_are_refused_with_what_to_do(tmp_path: Path, catalogue, name: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as raised:
        load_log(str(write(tmp_path, name, b"\xd0\xcf\x11\xe0 not a zip")), catalogue)
    assert [p.code for p in raised.value.problems] == ["xlsx-not-a-workbook"]
    assert "save it from Excel or WPS as .xlsx" in raised.value.problems[0].message


def test_inputs_are_never_written(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    path = workbook(
        tmp_path / "log.xlsx", [*HEADER, [], ["编号", "日期", "活动名称", "对应要求"], ["a", "2024/3/10", "t ", "CQ-17"]]
    )
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    run("validate", path)
    run("check", "--as-of", "2024-12-31", path, "--output", f"xlsx:{tmp_path / 'out.xlsx'}")
    run("convert", path, tmp_path / "log.yaml")
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before
    code, _, _ = run("check", "--as-of", "2024-12-31", path, "--output", f"xlsx:{path}")
    assert code == 2
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before


def test_a_table_that_does_not_start_at_a1_still_names_the_right_cell(tmp_path: Path, catalogue) -> None:  # type: ignore[no-untyped-def]
    rows = [*HEADER, [], ["编号", "日期", "活动名称", "对应要求"], ["a", "2024-13-01", "t", "CQ-17"]]
    shifted: list[list[object]] = [[], [], *[[None, None, *row] for row in rows]]  # from C3
    path = workbook(tmp_path / "off.xlsx", shifted, sheet="Sheet1")
    with pytest.raises(InputError) as raised:
        load_log(str(path), catalogue)
    assert [p.location for p in raised.value.problems] == [f"{path}:Sheet1!D8"]


def test_a_cell_merged_over_several_activity_rows_holds_for_each(tmp_path: Path, catalogue) -> None:  # type: ignore[no-untyped-def]
    rows: list[list[object]] = [*HEADER, [], ["编号", "日期", "活动名称", "对应要求", "街道/社区"],
                                ["a", None, "宣讲一", "CQ-17", None], ["b", None, "宣讲二", "CQ-17", None]]  # fmt: skip
    path = workbook(tmp_path / "merged.xlsx", rows, merges=[("B6:B7", "2024-03-10")])
    loaded, _ = load_log(str(path), catalogue)
    assert [(a.id, a.date) for a in loaded.log.activities] == [("a", dt.date(2024, 3, 10)), ("b", dt.date(2024, 3, 10))]


def test_the_limits_are_read_from_the_environment(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    path = workbook(tmp_path / "log.xlsx", [*HEADER, [], ["编号", "日期", "活动名称", "对应要求"],
                                            *[[f"a{i}", "2024-03-10", "t", "CQ-17"] for i in range(20)]])  # fmt: skip
    env = {**os.environ, "ECOPLAN_MAX_ROWS": "10", "LANG": "C"}
    done = subprocess.run([sys.executable, "-m", "ecoplan_cli", "validate", str(path)], capture_output=True, text=True, env=env)
    assert done.returncode == 1
    assert "over the limits of 10 and 200 (ECOPLAN_MAX_ROWS, ECOPLAN_MAX_COLUMNS) [xlsx-sheet-too-large]" in done.stderr
    assert f"{path}:台账!A1: error: the sheet has 25 rows and 4 columns" in done.stderr


def test_validate_names_the_cell_of_a_reference_that_counts_toward_nothing(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    rows: list[list[object]] = [*HEADER, [], ["编号", "日期", "活动名称", "对应要求"],
                                ["a1", "2024-03-10", "x", "CQ-16"], ["a2", "2020-03-10", "y", "CQ-17"]]  # fmt: skip
    path = workbook(tmp_path / "log.xlsx", rows)
    code, _, err = run("validate", "--lang", "en", path)
    assert code == 1
    lines = err.splitlines()
    assert any(line.startswith(f"{path}:台账!D6: error: CQ-16 does not bind a county unit") for line in lines)
    assert any(line.startswith(f"{path}:台账!B7: warning: CQ-17 on 2020-03-10 is before") for line in lines)
