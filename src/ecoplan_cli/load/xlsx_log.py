"""Reading a 台账 workbook (.xlsx) safely and fast.

python-calamine (Rust) reads the cells. Before it does, the file is checked as a zip archive without inflating anything:
the sizes its directory declares, in total and as a ratio to the compressed size, must stay under limits (a zip bomb
is refused before a byte of it is inflated), and the sheet's row and column counts are checked before its cells are
turned into Python values. The limits, like the YAML ones, are configurable by environment variable. The input is only
ever opened for reading.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Sequence

from ecoplan_cli.load.problems import InputError, Problem
from ecoplan_cli.load.sheet_layout import SHEET_NAMES
from ecoplan_cli.load.sheet_log import Cell, Merge, SheetDocument, read_table
from ecoplan_cli.load.yaml_source import MAX_BYTES
from ecoplan_cli.messages import text

MAX_UNZIPPED_BYTES = int(os.environ.get("ECOPLAN_MAX_UNZIPPED_BYTES", str(128 * 1024 * 1024)))  # all parts together
MAX_ZIP_RATIO = int(os.environ.get("ECOPLAN_MAX_ZIP_RATIO", "200"))  # inflated : compressed, per entry over 1 MiB
MAX_ROWS = int(os.environ.get("ECOPLAN_MAX_ROWS", "1000000"))
MAX_COLUMNS = int(os.environ.get("ECOPLAN_MAX_COLUMNS", "200"))


def _refuse(path: str, code: str, **params: object) -> InputError:
    return InputError([Problem(path, 1, 1, code, text(code, **params), sheet="")])


def check_archive(path: str) -> None:
    """Refuse, without inflating anything, a file that is not a workbook or would inflate beyond the limits."""
    if not path.lower().endswith(".xlsx"):  # .xls, .et, .ods: save as .xlsx
        raise _refuse(path, "xlsx-not-a-workbook")
    try:
        size = os.path.getsize(path)
    except OSError as error:
        raise _refuse(path, "unreadable", reason=error.strerror or str(error)) from None
    if size > MAX_BYTES:
        raise _refuse(path, "file-too-large", limit=MAX_BYTES)
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise _refuse(path, "xlsx-not-a-workbook") from None
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNZIPPED_BYTES:
        raise _refuse(path, "xlsx-too-large", size=total, limit=MAX_UNZIPPED_BYTES)
    for entry in entries:
        if entry.file_size > 1024 * 1024 and entry.file_size > MAX_ZIP_RATIO * max(entry.compress_size, 1):
            raise _refuse(
                path,
                "xlsx-zip-bomb",
                entry=entry.filename,
                ratio=entry.file_size // max(entry.compress_size, 1),
                limit=MAX_ZIP_RATIO,
            )
    if not any(entry.filename.startswith("xl/worksheets/") for entry in entries):
        raise _refuse(path, "xlsx-not-a-workbook")


def read_rows(path: str) -> tuple[str, Sequence[Sequence[Cell]], list[Merge]]:
    """The 台账 sheet's name, its cells (row 1 first, column A first) and its merged ranges."""
    from python_calamine import CalamineError, CalamineWorkbook

    check_archive(path)
    try:
        workbook = CalamineWorkbook.from_path(path)
        names = list(workbook.sheet_names)
        chosen = next((n for wanted in SHEET_NAMES for n in names if n.strip().lower() == wanted), names[0] if names else None)
        if chosen is None:
            raise _refuse(path, "xlsx-not-a-workbook")
        sheet = workbook.get_sheet_by_name(chosen)
        end = sheet.end  # the last cell, 0-based (None for an empty sheet)
        height, width = (end[0] + 1, end[1] + 1) if end else (0, 0)
        if height > MAX_ROWS or width > MAX_COLUMNS:
            raise InputError(
                [
                    Problem(
                        path,
                        1,
                        1,
                        "xlsx-sheet-too-large",
                        text(
                            "xlsx-sheet-too-large",
                            rows=height,
                            columns=width,
                            max_rows=MAX_ROWS,
                            max_columns=MAX_COLUMNS,
                        ),
                        sheet=chosen,
                    )
                ]
            )
        rows = sheet.to_python(skip_empty_area=False)
        merges = list(sheet.merged_cell_ranges or ())
    except CalamineError as error:
        raise _refuse(path, "xlsx-unreadable", reason=str(error)) from None
    return chosen, rows, merges


def read_document(path: str) -> tuple[SheetDocument, list[Problem]]:
    sheet, rows, merges = read_rows(path)
    return read_table(path, sheet, rows, merges)
