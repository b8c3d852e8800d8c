"""Workbooks ecoplan writes, read back as a person's tools read them: openpyxl for what Excel shows (frozen panes,
drop-downs, conditional formats, filters), LibreOffice headless for what prints (where it is installed)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from conftest import EXAMPLES
from ecoplan_cli.load.any_log import read_activity_log


def test_init_writes_a_ledger_template_a_person_can_fill_in(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "城口县-2024.xlsx"
    code, _, err = run("init", "--region", "城口县", "--year", "2024", "--out", out)
    assert code == 0, err
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["台账", "要求", "说明"]
    sheet = book["台账"]
    assert [[c.value for c in row[:2]] for row in sheet.iter_rows(max_row=3)] == [
        ["计划", "chongqing-impl"],
        ["单位", "城口县生态环境局"],
        ["地区", "城口县"],
    ]
    header = [c.value for c in sheet[5]]
    assert header[:6] == ["编号", "日期", "开始日期", "结束日期", "活动名称", "对应要求"]
    assert {"次", "篇", "件"} <= set(header)  # the counting words the year's obligations are stated in
    assert sheet.freeze_panes == "A6"
    todos = [sheet.cell(row, len(header)).value for row in range(6, 40)]
    assert any(t and t.startswith("2024-06-30 CQ-17/county 做好新闻发布 ≥1 次") for t in todos)
    drop_down = next(v for v in sheet.data_validations.dataValidation if v.type == "list")
    assert drop_down.formula1.startswith("'要求'!$A$2:$A$")
    assert str(drop_down.sqref).startswith("F6:F")
    choices = [row[0].value for row in book["要求"].iter_rows(min_row=2)]
    assert "CQ-17｜做好新闻发布" in choices
    assert not any(c.startswith("CQ-16｜") for c in choices)  # led by the city bureau, not a county's
    assert any(v.type == "date" for v in sheet.data_validations.dataValidation)
    assert "对应要求" in "\n".join(str(row[0].value) for row in book["说明"].iter_rows())
    # A person picks from the drop-down and fills a row: the ledger validates and counts it.
    sheet["A6"], sheet["B6"], sheet["E6"], sheet["F6"] = (
        "2024-fbh-1",
        dt.datetime(2024, 5, 20),
        "新闻发布会",
        "CQ-17｜做好新闻发布",
    )
    book.save(out)
    code, stdout, err = run("validate", out)
    assert code == 0, err
    assert "1 activities" in stdout
    assert read_activity_log(str(out))[0].activities[0].requirements == ["CQ-17"]


def test_the_supervision_workbook(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "督办.xlsx"
    code, _, err = run(
        "check",
        "--as-of",
        "2024-12-31",
        EXAMPLES / "chengkou-county.yaml",
        EXAMPLES / "chengkou-school.yaml",
        "--output",
        f"xlsx:{out}",
    )
    assert code == 1, err
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["汇总", "督办清单", "未计入活动"]
    summary = book["汇总"]
    assert [summary.cell(4, c).value for c in (1, 2, 3)] == ["地区", "单位", "CQ-1"]
    assert summary.freeze_panes == "C6"
    rows = {(r[0].value, r[1].value): r for r in summary.iter_rows(min_row=6)}
    county = rows[("城口县", "城口县生态环境局")]
    column = [summary.cell(4, c).value for c in range(1, summary.max_column + 1)].index("CQ-17")
    assert county[column].value == "红 逾期未完成"  # the missed half-year press conference, in words as well as colour
    rules = summary.conditional_formatting
    assert {rule.operator for cf in rules for rule in cf.rules} == {"beginsWith"}
    assert {rule.text for cf in rules for rule in cf.rules} == {"红", "黄", "绿", "灰"}
    assert summary.auto_filter.ref is not None
    findings = book["督办清单"]
    assert [c.value for c in findings[1]] == [
        "序号",
        "工作任务",
        "地区",
        "责任单位",
        "牵头单位",
        "配合单位",
        "周期",
        "完成时限",
        "完成情况",
        "状态",
        "性质",
        "佐证材料（活动编号）",
        "对账销号",
    ]
    assert findings.freeze_panes == "C2"
    assert findings.auto_filter.ref.startswith("A1:M")
    fbh = [
        [c.value for c in r]
        for r in findings.iter_rows(min_row=2)
        if str(r[1].value).startswith("CQ-17/") and r[6].value == "2022-H1"
    ]
    assert fbh == [
        [
            fbh[0][0],
            "CQ-17/county 做好新闻发布",
            "城口县",
            "城口县生态环境局",
            "各区县",
            "区县相关部门（单位）",
            "2022-H1",
            dt.datetime(2022, 6, 30),
            "1/1 次",
            "绿 已完成",
            "约束性",
            "2022-fbh-05",
            None,
        ]
    ]
    assert findings["H2"].number_format == "yyyy-mm-dd"
    assert {rule.text for cf in findings.conditional_formatting for rule in cf.rules} == {"红", "黄", "绿", "灰"}
    assert 30 <= findings.column_dimensions["B"].width <= 41  # Chinese text: two units a character, capped
    again = tmp_path / "again.xlsx"
    run(
        "check",
        "--as-of",
        "2024-12-31",
        EXAMPLES / "chengkou-county.yaml",
        EXAMPLES / "chengkou-school.yaml",
        "--output",
        f"xlsx:{again}",
    )
    assert again.read_bytes() == out.read_bytes()  # deterministic


def test_a_workbook_is_not_written_to_standard_output(run) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run("check", "--format", "xlsx", EXAMPLES / "chengkou-county.yaml")
    assert code == 2
    assert "--format" in err


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice (soffice) and poppler (pdftoppm) are not installed: apt-get install libreoffice-calc poppler-utils",
)
def test_libreoffice_opens_the_supervision_workbook_and_prints_it(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book = tmp_path / "dubian.xlsx"
    run("check", "--as-of", "2024-12-31", EXAMPLES / "chengkou-county.yaml", "--output", f"xlsx:{book}")
    profile = tmp_path / "profile"  # a profile of its own: runs in parallel with another LibreOffice
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(book),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = tmp_path / "dubian.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    assert "生态文明宣传教育工作督办汇总" in text and "红 逾期未完成" in text and "做好新闻发布" in text
    subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "page")], check=True)
    png = next(tmp_path.glob("page*.png"))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 2000


def test_the_example_workbook_is_generated_from_the_yaml_example_and_up_to_date() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_ledger_xlsx", EXAMPLES / "make_ledger_xlsx.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (EXAMPLES / "chengkou-county.xlsx").read_bytes() == module.build(), "run python examples/make_ledger_xlsx.py"
    twin = read_activity_log(str(EXAMPLES / "chengkou-county.yaml"))[0]
    assert read_activity_log(str(EXAMPLES / "chengkou-county.xlsx"))[0] == twin


def test_calendar_reads_a_workbook_log_like_its_yaml_twin(run) -> None:  # type: ignore[no-untyped-def]
    args = ("calendar", "--region", "城口县", "--year", "2024", "--as-of", "2024-12-31", "--format", "json", "--log")
    from_yaml = run(*args, EXAMPLES / "chengkou-county.yaml")
    from_xlsx = run(*args, EXAMPLES / "chengkou-county.xlsx")
    assert from_yaml[0] == from_xlsx[0] == 0
    assert from_xlsx[1] == from_yaml[1]


def test_the_not_counted_sheet_lists_what_the_json_report_lists(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import json

    logs = (EXAMPLES / "chengkou-county.yaml", EXAMPLES / "chengkou-school.yaml", EXAMPLES / "yuzhong-district.yaml")
    out = tmp_path / "督办.xlsx"
    _, stdout, _ = run("check", "--as-of", "2024-12-31", "-f", "json", *logs, "--output", f"xlsx:{out}")
    report = json.loads(stdout)
    assert report["uncounted"]  # the examples have activities dated before the plan took effect
    sheet = openpyxl.load_workbook(out)["未计入活动"]
    assert [c.value for c in sheet[1]] == ["序号", "地区", "单位", "台账文件", "活动编号", "对应要求", "未计入原因"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    expected = [[n, u["region"], u["unit"], u["log_file"], u["activity"], u["requirement"], u["message"]]
                for n, u in enumerate(report["uncounted"], 1)]  # fmt: skip
    assert rows == expected
    assert sheet.freeze_panes == "C2"


def test_an_approved_exception_shows_as_grey_with_its_approval_in_the_reconciliation_column(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from conftest import write
    from test_exceptions import LOG, entry, exceptions_file

    exceptions_file(tmp_path, entry())
    log = write(tmp_path, "log.yaml", LOG.format(extra="exceptions: [exceptions.yaml]\n"))
    out = tmp_path / "督办.xlsx"
    run("check", log, "--as-of", "2023-01-15", "--requirement", "CQ-17", "--output", f"xlsx:{out}")
    findings = openpyxl.load_workbook(out)["督办清单"]
    [h2] = [[c.value for c in r] for r in findings.iter_rows(min_row=2) if r[6].value == "2022-H2"]
    assert h2[9] == "灰 已豁免"
    assert h2[12].startswith("豁免 cq17-2022h2：")
    assert {rule.text for cf in findings.conditional_formatting for rule in cf.rules} == {"红", "黄", "绿", "灰"}
