"""A Problem is anything wrong with an input file, located at a line and column (1-based), or — in a spreadsheet —
at a cell: `line` is then the row and `column` the column number, and `sheet` names the sheet ("" for a CSV file)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """An input problem at a place in a file (line:column, or a spreadsheet cell), sorted by file and place."""

    file: str
    line: int
    column: int
    code: str = field(compare=False)
    message: str = field(compare=False)
    severity: Severity = field(default=Severity.ERROR, compare=False)
    sheet: str | None = field(default=None, compare=False)  # None: a text file (line:column); else a spreadsheet cell

    @property
    def location(self) -> str:
        """`file:line:column`, or `file:Sheet!C12` for a spreadsheet cell (`file:C12` for a CSV file)."""
        if self.sheet is None:
            return f"{self.file}:{self.line}:{self.column}"
        cell = f"{column_letters(self.column)}{self.line}"
        return f"{self.file}:{self.sheet}!{cell}" if self.sheet else f"{self.file}:{cell}"

    def render(self) -> str:
        from ecoplan_cli.messages import text  # error:/warning: in the run's language (错误：/警告：)

        return f"{self.location}: {text('severity-' + self.severity.value)}{self.message} [{self.code}]"


def column_letters(column: int) -> str:
    """Excel's name of a 1-based column number: 1 → A, 27 → AA."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters or "A"


class InputError(Exception):
    """Raised when an input file cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.render() for p in problems))
        self.problems = problems
