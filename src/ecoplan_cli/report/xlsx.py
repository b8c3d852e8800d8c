"""--output xlsx:督办.xlsx — the supervision (督办) workbook a supervisor can use as it is.

汇总: unit × requirement, the worst status of each requirement for each unit as 红/黄/绿 — coloured by conditional
formatting and spelled out in the cell, so that it survives printing in black and white. 督办清单: every finding with the
督办 columns (序号, 工作任务, 牵头单位, 配合单位, 完成时限, 完成情况 done/required, 状态, 佐证材料, 对账销号 left for the
supervisor). 未计入活动: activities the check did not count, and why. Frozen panes, filters, widths that fit Chinese text,
landscape pages with the header repeated. Written with XlsxWriter; the same report gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ecoplan_cli.engine.evaluate import Finding, Status
from ecoplan_cli.model.ids import natural_key
from ecoplan_cli.report.base import CheckReport, required_text
from ecoplan_cli.report.ledger_xlsx import display_width, new_workbook

RED, YELLOW, GREEN, NONE = "红 逾期未完成", "黄 进行中", "绿 已完成", "— 不计数"
ADVISORY = "黄 鼓励项未完成"
WAIVED, CLOSED = "灰 已豁免", "灰 已销号"  # covered by an approved exception (waive; close: 销号)
_RANK = {RED: 5, YELLOW: 4, ADVISORY: 3, GREEN: 2, WAIVED: 1, CLOSED: 1, NONE: 0}
_COLOURS = {
    "红": ("#FFC7CE", "#9C0006"),
    "黄": ("#FFEB9C", "#9C5700"),
    "绿": ("#C6EFCE", "#006100"),
    "灰": ("#E7E6E6", "#3A3838"),
}
_KINDS = {"waive": "豁免", "extend": "延期", "close": "销号"}

FINDING_COLUMNS = (
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
)
UNCOUNTED_COLUMNS = ("序号", "地区", "单位", "台账文件", "活动编号", "对应要求", "未计入原因")


def mark(finding: Finding) -> str:
    """The 红黄绿 mark of a finding, as text."""
    if finding.status is Status.GAP:
        return RED if finding.mandatory else ADVISORY
    if finding.status is Status.WAIVED:
        return CLOSED if finding.exception is not None and finding.exception.kind == "close" else WAIVED
    return {Status.OPEN: YELLOW, Status.MET: GREEN}.get(finding.status, NONE)


def render(report: CheckReport) -> bytes:
    """The workbook's bytes. Findings are read twice (the matrix first, then the list, row by row) and the workbook is
    written in XlsxWriter's constant-memory mode, so memory does not grow with the number of findings."""
    stream = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="ecoplan-xlsx-") as scratch:
        workbook = new_workbook(stream, constant_memory=True, tmpdir=scratch)
        workbook.set_properties(
            {
                "created": dt.datetime(report.as_of.year, report.as_of.month, report.as_of.day),
                "title": "督办",
                "author": report.generator,
            }
        )
        styles = {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "head": workbook.add_format(
                {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True, "align": "center", "valign": "vcenter"}
            ),
            "cell": workbook.add_format({"border": 1, "valign": "top", "text_wrap": True}),
            "day": workbook.add_format({"border": 1, "valign": "top", "num_format": "yyyy-mm-dd"}),
            "colours": {word: workbook.add_format({"bg_color": bg, "font_color": fg}) for word, (bg, fg) in _COLOURS.items()},
        }
        matrix: dict[tuple[str, str], dict[str, str]] = {}
        titles: dict[str, str] = {}
        for finding in report.findings:
            key = f"{finding.plan}:{finding.requirement}"
            titles[key] = finding.title
            cell = matrix.setdefault((finding.region, finding.unit), {})
            status = mark(finding)
            if key not in cell or _RANK[status] > _RANK[cell[key]]:
                cell[key] = status
        _summary(workbook, styles, report, matrix, titles)
        _table(workbook, styles, "督办清单", FINDING_COLUMNS, _finding_rows(report), status_column=FINDING_COLUMNS.index("状态"))
        rows = (
            [n, u.region, u.unit, u.log_file, u.activity, u.requirement, u.message] for n, u in enumerate(report.uncounted, 1)
        )
        _table(workbook, styles, "未计入活动", UNCOUNTED_COLUMNS, rows)
        workbook.close()
    return stream.getvalue()


def _finding_rows(report: CheckReport) -> Iterator[list[Any]]:
    for number, finding in enumerate(report.findings, 1):
        requirement = report.requirement(finding)
        yield [
            number,
            f"{finding.requirement}/{finding.obligation} {finding.title}",
            finding.region,
            finding.unit,
            "、".join(finding.lead),
            "、".join(requirement.supporting),
            finding.period_label,
            finding.due,
            required_text(finding),
            mark(finding),
            "约束性" if finding.mandatory else "鼓励性",
            "、".join(finding.activities),
            _exception(finding),
        ]


def _exception(finding: Finding) -> str:
    """The 对账销号 cell: the approved exception that covers the finding, if any; else left for the supervisor."""
    waiver = finding.exception
    if waiver is None:
        return ""
    by = "，".join(part for part in (waiver.approved_by, waiver.document) if part)
    state = "" if waiver.live else "，已过期"
    return f"{_KINDS.get(waiver.kind, waiver.kind)} {waiver.id}：{waiver.justification}（{by}；至 {waiver.expires}{state}）"


def _colour(sheet: Any, styles: dict[str, Any], first: tuple[int, int], last: tuple[int, int]) -> None:
    for word, style in styles["colours"].items():
        sheet.conditional_format(*first, *last, {"type": "text", "criteria": "begins with", "value": word, "format": style})


def _summary(
    workbook: Any,
    styles: dict[str, Any],
    report: CheckReport,
    matrix: dict[tuple[str, str], dict[str, str]],
    titles: dict[str, str],
) -> None:
    sheet = workbook.add_worksheet("汇总")
    keys = sorted(titles, key=natural_key)
    one_plan = len({key.split(":", 1)[0] for key in keys}) == 1
    sheet.write_string(0, 0, f"生态文明宣传教育工作督办汇总（截至 {report.as_of.isoformat()}）", styles["title"])
    sheet.write_string(1, 0, f"{RED}：约束性任务期限已过未完成；{YELLOW}：本期未到或尚未完成；{ADVISORY}；{GREEN}")
    sheet.write_string(2, 0, f"{WAIVED}、{CLOSED}：经批准的例外（见督办清单“对账销号”列）；{NONE}：无数量要求")
    head = 3
    labels = [key.split(":", 1)[1] if one_plan else key for key in keys]
    for column, label in enumerate(("地区", "单位", *labels, "红", "黄", "绿")):
        sheet.write_string(head, column, label, styles["head"])
    sheet.set_row(head + 1, 48)  # before the row is written: in constant-memory mode a written row is gone
    for column, key in enumerate(keys, 2):
        sheet.write_string(head + 1, column, titles[key], styles["head"])
    sheet.write_string(head + 1, 0, "", styles["head"])
    sheet.write_string(head + 1, 1, "任务名称", styles["head"])
    for column in range(2 + len(keys), 5 + len(keys)):
        sheet.write_string(head + 1, column, "", styles["head"])
    row = head + 1
    for (region, unit), cells in sorted(matrix.items()):
        row += 1
        sheet.write_string(row, 0, region, styles["cell"])
        sheet.write_string(row, 1, unit, styles["cell"])
        for column, key in enumerate(keys, 2):
            sheet.write_string(row, column, cells.get(key, ""), styles["cell"])
        for offset, word in enumerate("红黄绿"):
            sheet.write_number(row, 2 + len(keys) + offset, sum(v.startswith(word) for v in cells.values()), styles["cell"])
    if keys:
        _colour(sheet, styles, (head + 2, 2), (max(row, head + 2), 1 + len(keys)))
    sheet.set_column(0, 0, max(8, *(display_width(r) + 2 for r, _ in matrix)) if matrix else 8)
    sheet.set_column(1, 1, min(40, max(10, *(display_width(u) + 2 for _, u in matrix))) if matrix else 10)
    sheet.set_column(2, 1 + len(keys), 14)
    sheet.freeze_panes(head + 2, 2)
    sheet.autofilter(head + 1, 0, max(row, head + 2), 1 + len(keys) + 3)
    _page(sheet, head + 1, fit=False)  # one column per requirement: too wide for one page


def _table(
    workbook: Any,
    styles: dict[str, Any],
    name: str,
    columns: Sequence[str],
    rows: Iterable[list[Any]],
    status_column: int | None = None,
) -> None:
    sheet = workbook.add_worksheet(name)
    for column, label in enumerate(columns):
        sheet.write_string(0, column, label, styles["head"])
    caps = [40 if column == 1 else 28 for column in range(len(columns))]
    widths = [display_width(label) + 4 for label in columns]
    count = 0
    for number, values in enumerate(rows, 1):
        count = number
        for column, value in enumerate(values):
            if isinstance(value, dt.date):
                sheet.write_datetime(number, column, dt.datetime(value.year, value.month, value.day), styles["day"])
                widths[column] = max(widths[column], 12)
            elif isinstance(value, int):
                sheet.write_number(number, column, value, styles["cell"])
            elif value == "":
                sheet.write_blank(number, column, None, styles["cell"])
            else:
                sheet.write_string(number, column, str(value), styles["cell"])
                if widths[column] < caps[column]:  # measured until the column is as wide as it may get
                    widths[column] = max(widths[column], display_width(value) + 2)
    for column, width in enumerate(widths):
        sheet.set_column(column, column, min(width, caps[column]))
    sheet.freeze_panes(1, 2 if len(columns) > 2 else 0)
    sheet.autofilter(0, 0, max(count, 1), len(columns) - 1)
    if status_column is not None and count:
        _colour(sheet, styles, (1, status_column), (count, status_column))
    _page(sheet, 0)


def _page(sheet: Any, header_row: int, *, fit: bool = True) -> None:
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    if fit:
        sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0, header_row)
