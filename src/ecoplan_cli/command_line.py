"""What the commands share that needs no typer: exit codes, usage errors, dates and windows as typed, the files a
run reads, the terminal. The typer commands (cli/) and the fast entry point (entry.py) both call these, so a
command run either way says the same things and ends with the same code.
"""

from __future__ import annotations

import os
import re
import sys
from datetime import date, timedelta
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from ecoplan_cli.load.problems import Problem

EXIT_OK, EXIT_GAP, EXIT_INPUT = 0, 1, 2


class UsageProblem(Exception):
    """A value an option cannot take: typer shows it as click's "Invalid value for OPTION" (exit 2).

    `earlier` are further such problems, printed before it (a run that finds several shows them all)."""

    def __init__(self, message: str, option: str, earlier: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message, self.option, self.earlier = message, option, earlier


def _text(code: str, **params: object) -> str:
    from ecoplan_cli.messages import text

    return text(code, **params)


def say(line: str) -> None:
    """A line for the user on stderr (notes, problems), keeping stdout for the report."""
    print(line, file=sys.stderr)


def fail(problems: Iterable[Problem], code: int) -> NoReturn:
    for problem in sorted(problems):
        say(problem.render())
    raise SystemExit(code)


def usage_error(code: str, **params: object) -> NoReturn:
    """A usage error in the run's language, naming the argument: exit 2."""
    from ecoplan_cli.messages import text

    say(text("usage-error", detail=text(code, **params)))
    raise SystemExit(EXIT_INPUT)


def write_file(path: Path, content: str | Iterable[str] | bytes) -> None:
    """Write an output file in one step (never half-written); a place that cannot be written — a read-only folder,
    a full disk, a path under a file — is a usage error naming it (exit 2), not a traceback."""
    from ecoplan_cli.load.atomic import write_atomic, write_bytes_atomic

    try:
        if isinstance(content, bytes):
            write_bytes_atomic(path, content)
        else:
            write_atomic(path, content)
    except OSError as error:
        usage_error("cannot-write", path=str(path), reason=error.strerror or str(error))


def expand_paths(paths: Iterable[str | Path]) -> list[str]:
    """The files to read: skipped files are named on stderr; a folder with no log, or no file at all, is exit 2."""
    from ecoplan_cli.load.paths import notes, walk

    result = walk(paths)
    said, errors = notes(result)
    for line in said + errors:
        say(line)
    if errors:
        raise SystemExit(EXIT_INPUT)
    return result.files


def project_plan_files(plan_files: Iterable[str | Path], inputs: Iterable[str]) -> tuple[str, ...]:
    """--plan-file values and the plan files of the project settings (ecoplan.toml) nearest to the inputs."""
    from ecoplan_cli.load.project import merged

    files, problems = merged((str(p) for p in plan_files), inputs)
    if problems:
        fail(problems, EXIT_INPUT)
    return files


def parse_within(value: str, as_of: date) -> timedelta:
    """The 'coming due' window: days (30d), weeks (2w) or calendar months (1m: from 31 January to 28/29 February)."""
    match = re.fullmatch(r"\s*(\d+)\s*([dwm]?)\s*", value)
    if not match:
        raise UsageProblem(_text("usage-within", value=value), "--within")
    number, unit = int(match.group(1)), match.group(2) or "d"
    if unit == "m":
        from dateutil.relativedelta import relativedelta

        try:
            end: date = as_of + relativedelta(months=number)
            return end - as_of
        except (ValueError, OverflowError):
            raise UsageProblem(_text("usage-within-too-far", value=value), "--within") from None
    return timedelta(days=number * (7 if unit == "w" else 1))


def parse_date(value: str | None, option: str = "--as-of") -> date:
    """An ISO date; none given: today in Asia/Shanghai (the plans' time zone, whatever the runner's).

    A value that is not a date is a usage error naming the option (2024-02-30: that month's last day too)."""
    if not value:
        from ecoplan_cli.clock import today

        return today()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        from ecoplan_cli.load.typing_hints import impossible_date

        wrong = impossible_date(value)
        if wrong:
            usage_error("usage-impossible-date", option=option, detail=wrong)
        usage_error("usage-bad-date", option=option, value=value)


def terminal_width(width: int | None) -> int:
    """The table width: --width, else COLUMNS, else the terminal's, else 80 (a terminal reporting no size included)."""
    if width:
        return width
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        try:
            size = os.get_terminal_size(sys.stdout.fileno()).columns
        except (OSError, ValueError):  # a terminal (or a pseudo one) that reports no size
            size = 0
        if size > 0:
            return size
    return 80


def use_color() -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set to anything (https://no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")
