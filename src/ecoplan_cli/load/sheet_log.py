"""A 台账 table (the rows of a spreadsheet sheet or a CSV file) read into the data of an ActivityLog.

The layout (load/sheet_layout.py): a header block of `label | value` rows (计划, 单位, 地区, 层级, 牵头身份), then a header
row (编号, 日期 or 开始日期/结束日期, 活动名称, 对应要求, counting words or 数量+量词, 佐证材料, 街道/社区, 备注), possibly over
two rows where cells are merged (数量 above 篇 | 次), then one row per activity. Blank rows are skipped, cells trimmed,
requirement ids folded from full-width forms (ＣＱ－１７ → CQ-17). Every value keeps its cell, so that a schema or
reference problem found later names `file:Sheet!C12`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ecoplan_cli.load.problems import InputError, Problem, Severity
from ecoplan_cli.load.sheet_layout import LEVEL_NAMES, MEASURE_VALUES, column_key, header_key
from ecoplan_cli.load.yaml_source import Document, Path, Position
from ecoplan_cli.messages import text

Cell = Any  # str | int | float | bool | date | datetime | None, as the readers give them

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_MAX_SERIAL = 2958465  # 9999-12-31
_TEXT_DATES = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),  # 2024-03-10, 2024-3-10
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),  # 2024/3/10
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),  # 2024.3.10
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})[日号]?"),  # 2024年3月10日
    re.compile(r"(\d{4})(\d{2})(\d{2})"),  # 20240310
)
_TIME = re.compile(r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_LIST_SEPARATORS = re.compile(r"[、,;\n]+")
_DASHES = str.maketrans({"—": "-", "–": "-", "‐": "-", "‑": "-", "−": "-", "／": "/"})


@dataclass
class SheetDocument(Document):
    """A Document whose positions are cells: (row, column), computed from the row of each activity and the column of
    each field rather than stored per value."""

    sheet: str = ""
    header_cells: dict[str, Position] = field(default_factory=dict)
    rows: list[int] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)

    @property
    def located(self) -> bool:
        return True

    def position(self, path: Path, *, key: bool = False) -> Position:
        if not path:
            return (1, 1)
        if path[0] != "activities":
            return self.header_cells.get(str(path[0]), (1, 1))
        if len(path) < 2 or not isinstance(path[1], int) or path[1] >= len(self.rows):
            return self.header_cells.get("activities", (1, 1))
        row = self.rows[path[1]]
        name = str(path[2]) if len(path) > 2 else "id"
        if name == "amounts":
            measure = str(path[3]) if len(path) > 3 else ""
            name = f"amount:{measure}" if f"amount:{measure}" in self.columns else "quantity"
        column = self.columns.get(name) or self.columns.get("id") or 1
        return (row, column)


def parse_date(value: Cell) -> dt.date | str:
    """A date cell: an Excel date, a serial number, or text in one of the unambiguous forms; else the reason why not."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return "not-a-date"
    if isinstance(value, int | float):
        if float(value).is_integer() and 19000101 <= value <= 99991231:
            return parse_date(str(int(value)))
        if 1 <= value <= _MAX_SERIAL:
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        return "not-a-date"
    raw = unicodedata.normalize("NFKC", str(value)).strip()
    for pattern in _TEXT_DATES:
        match = re.fullmatch(pattern.pattern + _TIME.pattern, raw)
        if match:
            try:
                return dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                return "not-a-date"
    if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}", raw):
        return "ambiguous-date"
    return "not-a-date"


def cell_text(value: Cell) -> str:
    """A cell as text: trimmed; a whole number without its `.0`."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return "" if value is None else str(value).strip()


def parse_references(value: Cell) -> list[str]:
    """Requirement ids in one cell, separated by 、 , ; or line breaks; full-width forms folded. A drop-down entry
    `CQ-17｜title` gives CQ-17."""
    out: list[str] = []
    for line in cell_text(value).splitlines():
        line = unicodedata.normalize("NFKC", line).translate(_DASHES)
        if "|" in line:
            line = line.split("|", 1)[0]
        out.extend(piece.strip() for piece in _LIST_SEPARATORS.split(line.replace("、", ",")) if piece.strip())
    return out


def parse_count(value: Cell) -> int | str | None:
    """A count cell: None when empty, the whole number, else the cell as text (a problem)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return cell_text(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else cell_text(value)
    raw = unicodedata.normalize("NFKC", str(value)).strip()
    return int(raw) if raw.isdigit() else raw


@dataclass
class _Reader:
    file: str
    sheet: str
    rows: Sequence[Sequence[Cell]]
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    dates: dict[str, dt.date | str] = field(default_factory=dict)  # text → its parse, for the repeats
    references: dict[str, list[str]] = field(default_factory=dict)

    def problem(self, row: int, column: int, code: str, severity: Severity = Severity.ERROR, **params: object) -> Problem:
        return Problem(self.file, row, column, code, text(code, **params), severity, self.sheet)

    def cell(self, row: int, column: int) -> Cell:
        cells = self.rows[row - 1]
        return cells[column - 1] if column <= len(cells) else None


def is_ledger(rows: Sequence[Sequence[Cell]]) -> bool:
    """Whether a sheet's first rows hold a 台账: a table header with an id and a title column, under a header block
    whose rows name the unit or the plans (as `init` writes it) — not a report or any other table."""
    reader = _Reader("", "", rows)
    header = _header_row(reader)
    if header is None:
        return False
    named = {header_key(next((cell for cell in cells if cell_text(cell)), None)) for cells in rows[: header - 1]}
    return bool(named & {"unit", "plans"})


def _header_row(reader: _Reader) -> int | None:
    for number, cells in enumerate(reader.rows, 1):
        keys = {column_key(cell) for cell in cells}
        if "id" in keys and "title" in keys:
            return number
    return None


Merge = tuple[tuple[int, int], tuple[int, int]]  # ((first row, first column), (last row, last column)), 0-based


def read_table(
    file: str, sheet: str, rows: Sequence[Sequence[Cell]], merges: Sequence[Merge] = ()
) -> tuple[SheetDocument, list[Problem]]:
    """The log's data, positioned by cell, and its warnings; raises InputError for cells that cannot be read.

    A cell merged over several activity rows (one date or one 街道 for three activities) holds its value for each."""
    reader = _Reader(file, sheet, rows)
    header = _header_row(reader)
    if header is None:
        raise InputError([reader.problem(1, 1, "sheet-no-header")])
    document = SheetDocument(file, None, sheet=sheet)
    data: dict[str, Any] = {}
    for number in range(1, header):
        filled = [(index, cell) for index, cell in enumerate(reader.rows[number - 1], 1) if cell_text(cell)]
        if not filled:
            continue
        key = header_key(filled[0][1])
        if key is None:
            if len(filled) > 1:
                reader.warnings.append(reader.problem(number, filled[0][0], "sheet-row-ignored", Severity.WARNING))
            continue
        values = [cell for _, cell in filled[1:]]
        where = filled[1][0] if len(filled) > 1 else filled[0][0] + 1
        document.header_cells[key] = (number, where)
        if not values:
            continue
        if key in ("plans", "lead_as", "exceptions"):
            data[key] = [
                piece
                for value in values
                for piece in (p.strip() for p in _LIST_SEPARATORS.split(cell_text(value).replace("、", ",")))
                if piece
            ]
        elif key == "level":
            level = cell_text(values[0])
            data[key] = LEVEL_NAMES[level].value if level in LEVEL_NAMES else level
        else:
            data[key] = cell_text(values[0])
    columns, first_data = _columns(reader, header)
    reader.rows = _filled(rows, [m for m in merges if m[0][0] + 1 >= first_data])
    document.columns = columns
    document.header_cells["activities"] = (header, 1)
    activities: list[dict[str, Any]] = []
    for number in range(first_data, len(reader.rows) + 1):
        activity = _activity(reader, number, columns)
        if activity is not None:
            activities.append(activity)
            document.rows.append(number)
    data["activities"] = activities
    if reader.problems:
        raise InputError(sorted(reader.problems))
    document.data = data
    return document, reader.warnings


def _filled(rows: Sequence[Sequence[Cell]], merges: Sequence[Merge]) -> Sequence[Sequence[Cell]]:
    """The rows with each merged range's value copied into every cell of it (within the cells the sheet has)."""
    if not merges:
        return rows
    out = list(rows)
    for (top, left), (bottom, right) in merges:
        if top >= len(out) or left >= len(out[top]):
            continue
        value = out[top][left]
        for row in range(top, min(bottom, len(out) - 1) + 1):
            cells = list(out[row])
            for column in range(left, min(right, len(cells) - 1) + 1):
                cells[column] = value
            out[row] = cells
    return out


def _columns(reader: _Reader, header: int) -> tuple[dict[str, int], int]:
    """Field → column, from the header row and, where cells are merged over two rows, the row below it."""
    top = list(reader.rows[header - 1])
    below = list(reader.rows[header]) if header < len(reader.rows) else []
    filled_below = [cell for cell in below if cell_text(cell)]
    two_rows = bool(filled_below) and all(column_key(cell) is not None for cell in filled_below)
    columns: dict[str, int] = {}
    width = max(len(top), len(below) if two_rows else 0)
    for column in range(1, width + 1):
        lower = below[column - 1] if two_rows and column <= len(below) else None
        label = lower if cell_text(lower) else (top[column - 1] if column <= len(top) else None)
        if not cell_text(label):
            continue
        key = column_key(label)
        row = header + 1 if cell_text(lower) else header
        if key is None:
            reader.warnings.append(reader.problem(row, column, "sheet-column-ignored", Severity.WARNING, label=cell_text(label)))
        elif key in columns:
            reader.problems.append(reader.problem(row, column, "sheet-column-twice", label=cell_text(label)))
        elif key != "todo":
            columns[key] = column
    return columns, header + (2 if two_rows else 1)


def _activity(reader: _Reader, row: int, columns: dict[str, int]) -> dict[str, Any] | None:
    """One row's activity (None for a blank row). The hot loop of a large sheet: each cell is looked at once, and the
    parse of a date or reference text is remembered (ledgers repeat them)."""
    cells = reader.rows[row - 1]
    width = len(cells)
    activity: dict[str, Any] = {}
    amounts: dict[str, Any] = {}
    filled = False
    for key, column in columns.items():
        value = cells[column - 1] if column <= width else None
        if value is None:
            continue
        raw = value.strip() if isinstance(value, str) else cell_text(value)
        if not raw:
            continue
        filled = True
        if key in ("date", "start", "end"):
            day = reader.dates.get(raw) if isinstance(value, str) else None
            if day is None:
                day = parse_date(value)
                if isinstance(value, str):
                    reader.dates[raw] = day
            if isinstance(day, str):
                reader.problems.append(reader.problem(row, column, f"sheet-{day}", value=raw))
            else:
                activity[key] = day
        elif key == "requirements":
            references = reader.references.get(raw)
            if references is None:
                references = reader.references[raw] = parse_references(raw)
            activity[key] = list(references)
        elif key == "evidence":
            activity[key] = [line.strip() for line in raw.splitlines() if line.strip()]
        elif key.startswith("amount:"):
            count = parse_count(value)
            if isinstance(count, str):
                reader.problems.append(reader.problem(row, column, "sheet-not-a-count", value=count))
            elif count is not None:
                amounts[key[7:]] = count
        elif key == "quantity":
            measure = cells[columns["measure"] - 1] if "measure" in columns and columns["measure"] <= width else None
            _quantity(reader, row, column, value, measure, amounts)
        elif key != "measure":
            activity[key] = raw
    if not filled:
        return None  # a blank row
    if amounts:
        activity["amounts"] = amounts
    return activity


def _quantity(reader: _Reader, row: int, column: int, value: Cell, measure: Cell, amounts: dict[str, Any]) -> None:
    """数量 with a 量词 column (12 | 篇), or written together (12篇, or 12篇、1件)."""
    word = cell_text(measure)
    count = parse_count(value)
    if isinstance(count, int) and word:
        amounts[word] = count
        return
    pieces = re.findall(r"(\d+)\s*(\D+?)(?=\d|$|[、,，;；\s])", unicodedata.normalize("NFKC", cell_text(value)))
    if not word and pieces and all(unit.strip() in MEASURE_VALUES for _, unit in pieces):
        for number, unit in pieces:
            amounts[unit.strip()] = int(number)
        return
    reader.problems.append(reader.problem(row, column, "sheet-quantity", value=cell_text(value)))
