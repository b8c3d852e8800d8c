"""The 台账 as a workbook (XlsxWriter): for `convert` (a log, loss-free) and for `init --out FILE.xlsx` (the template:
a drop-down of the requirement ids that bind the unit, the year's to-dos as rows to fill, a help sheet)."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ecoplan_cli.report.ledger_table import Table, Value

SHEET = "台账"
FIXED_TIME = dt.datetime(2000, 1, 1)  # the workbook's "created" property: the same log gives the same bytes
TEMPLATE_ROWS = 300  # rows of a template that carry the drop-down and the date check


@dataclass(frozen=True)
class Template:
    """What `init` adds to an empty ledger."""

    choices: tuple[tuple[str, str, str], ...]  # (reference, title, lead) of each requirement that binds the unit
    todos: tuple[str, ...]  # one line per obligation due in the year, in date order
    help_lines: tuple[str, ...]
    year: int


def display_width(value: object) -> int:
    """Columns a value takes on screen: CJK and full-width characters count twice."""
    longest = max((line for line in str(value).splitlines()), key=len, default="")
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in longest)


def new_workbook(stream: io.BytesIO, *, constant_memory: bool = False, tmpdir: str | None = None) -> Any:
    """An XlsxWriter workbook writing into `stream`: strings stay strings; with constant_memory, rows go to files in
    tmpdir as they are written (rows must then come in order)."""
    import xlsxwriter  # type: ignore[import-untyped]

    options: dict[str, object] = {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    options.update({"constant_memory": True, "tmpdir": tmpdir} if constant_memory else {"in_memory": True})
    workbook = xlsxwriter.Workbook(stream, options)
    workbook.set_properties({"created": FIXED_TIME, "author": "ecoplan"})
    return workbook


def write(table: Table, template: Template | None = None) -> bytes:
    """The workbook's bytes (deterministic: the same table gives the same bytes)."""
    stream = io.BytesIO()
    workbook = new_workbook(stream)
    bold = workbook.add_format({"bold": True})
    head = workbook.add_format({"bold": True, "bg_color": "#E2EFDA", "border": 1, "align": "center", "valign": "vcenter"})
    day = workbook.add_format({"num_format": "yyyy-mm-dd", "valign": "top"})
    plain = workbook.add_format({"valign": "top"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    hint = workbook.add_format({"font_color": "#7F7F7F", "italic": True, "valign": "top"})
    sheet = workbook.add_worksheet(SHEET)
    for row, (key_label, key_value) in enumerate(table.header):
        sheet.write_string(row, 0, key_label, bold)
        sheet.write_string(row, 1, key_value)
    top = len(table.header) + 1  # a blank row between the header block and the table
    columns, labels = list(table.columns), list(table.labels)
    if template is not None:
        columns.append("todo")
        labels.append("待办（到期日 要求 事项 应完成）")
    for column, heading in enumerate(labels):
        sheet.write_string(top, column, heading, head)
    for offset, values in enumerate(table.rows, 1):
        for column, (key, value) in enumerate(zip(columns, values, strict=False)):
            _write_cell(sheet, top + offset, column, key, value, day, wrap if key in ("evidence", "note") else plain)
    widths = [
        max([display_width(label) + 2, *(display_width(v) + 1 for v in _column(table.rows, i) if v is not None)])
        for i, label in enumerate(labels)
    ]
    for column, width in enumerate(widths):
        sheet.set_column(column, column, min(max(width, 8), 60))
    sheet.freeze_panes(top + 1, 0)
    last_row = top + max(len(table.rows), TEMPLATE_ROWS if template is not None else 0)
    sheet.autofilter(top, 0, max(top + len(table.rows), top + 1), len(columns) - 1)
    if template is not None:
        _template(workbook, sheet, template, top, last_row, columns, hint)
    workbook.close()
    return stream.getvalue()


def _column(rows: Sequence[Sequence[Value]], index: int) -> list[Value]:
    return [row[index] for row in rows if index < len(row)]


def _write_cell(sheet: Any, row: int, column: int, key: str, value: Value, day: Any, style: Any) -> None:
    if value is None:
        return
    if isinstance(value, dt.date):
        sheet.write_datetime(row, column, dt.datetime(value.year, value.month, value.day), day)
    elif isinstance(value, int):
        sheet.write_number(row, column, value, style)
    else:
        sheet.write_string(row, column, value, style)


def _template(workbook: Any, sheet: Any, template: Template, top: int, last_row: int, columns: list[str], hint: Any) -> None:
    """The drop-down of requirement ids (from a sheet listing them with their titles), a date check, the to-dos and
    the help sheet."""
    choices = workbook.add_worksheet("要求")
    head = workbook.add_format({"bold": True, "bg_color": "#E2EFDA", "border": 1})
    for column, label in enumerate(("下拉选项 choice", "要求编号 reference", "标题 title", "牵头单位 lead")):
        choices.write_string(0, column, label, head)
    for row, (reference, title, lead) in enumerate(template.choices, 1):
        choices.write_string(row, 0, f"{reference}｜{title}")
        choices.write_string(row, 1, reference)
        choices.write_string(row, 2, title)
        choices.write_string(row, 3, lead)
    choices.set_column(0, 0, 50)
    choices.set_column(1, 1, 26)
    choices.set_column(2, 2, 40)
    choices.set_column(3, 3, 30)
    choices.freeze_panes(1, 0)
    if template.choices:
        source = f"='要求'!$A$2:$A${len(template.choices) + 1}"
        sheet.data_validation(
            top + 1,
            columns.index("requirements"),
            last_row,
            columns.index("requirements"),
            {
                "validate": "list",
                "source": source,
                "error_type": "warning",
                "input_title": "对应要求",
                "input_message": "从下拉列表选择；多项用、分隔",
            },
        )
    for key in ("date", "start", "end"):
        if key in columns:
            sheet.data_validation(
                top + 1,
                columns.index(key),
                last_row,
                columns.index(key),
                {
                    "validate": "date",
                    "criteria": "between",
                    "error_type": "warning",
                    "minimum": dt.date(template.year - 1, 1, 1),
                    "maximum": dt.date(template.year + 1, 12, 31),
                    "input_title": "日期",
                    "input_message": "如 2024-03-10",
                },
            )
    todo = columns.index("todo")
    for offset, line in enumerate(template.todos, 1):
        sheet.write_string(top + offset, todo, line, hint)
    sheet.set_column(todo, todo, min(80, max([24, *(display_width(t) + 1 for t in template.todos)])))
    notes = workbook.add_worksheet("说明")
    notes.set_column(0, 0, 110)
    title = workbook.add_format({"bold": True, "font_size": 14})
    for row, line in enumerate(template.help_lines):
        notes.write_string(row, 0, line, title if row == 0 else None)
