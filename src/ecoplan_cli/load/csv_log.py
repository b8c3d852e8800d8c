"""Reading a 台账 saved as CSV: the same layout as the workbook, one sheet. UTF-8 (with or without BOM) is read, and
GB18030 — what Excel writes for "CSV" on a Chinese Windows — when the file is not UTF-8. Problems name `file:C12`."""

from __future__ import annotations

import csv
import io

from ecoplan_cli.load.problems import InputError, Problem
from ecoplan_cli.load.sheet_log import SheetDocument, read_table
from ecoplan_cli.load.xlsx_log import MAX_COLUMNS, MAX_ROWS
from ecoplan_cli.load.yaml_source import MAX_BYTES, read_bytes
from ecoplan_cli.messages import text


def _refuse(path: str, code: str, **params: object) -> InputError:
    return InputError([Problem(path, 1, 1, code, text(code, **params), sheet="")])


def read_document(path: str) -> tuple[SheetDocument, list[Problem]]:
    return read_table(path, "", read_rows(path))


def read_rows(path: str) -> list[list[str]]:
    """The CSV's cells, row 1 first; raises InputError for a file too large or in an encoding it cannot be read in."""
    raw = read_bytes(path, max_bytes=MAX_BYTES)
    if len(raw) > MAX_BYTES:
        raise _refuse(path, "file-too-large", limit=MAX_BYTES)
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            content = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise _refuse(path, "csv-encoding") from None
    rows: list[list[str]] = []
    for row in csv.reader(io.StringIO(content, newline="")):
        if len(rows) >= MAX_ROWS or len(row) > MAX_COLUMNS:
            raise _refuse(
                path, "xlsx-sheet-too-large", rows=f">{len(rows)}", columns=len(row), max_rows=MAX_ROWS, max_columns=MAX_COLUMNS
            )
        rows.append(row)
    return rows
