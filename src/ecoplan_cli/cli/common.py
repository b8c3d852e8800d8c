"""What every command shares: the application, common options, exit codes, and small helpers."""

from __future__ import annotations

import os
import re
import sys
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:  # imported for real inside the commands, so that start-up stays light
    from collections.abc import Iterable

    from ecoplan_cli.load.catalogue import Catalogue
    from ecoplan_cli.load.problems import Problem

app = typer.Typer(
    add_completion=True,  # --install-completion / --show-completion for bash, zsh, fish, PowerShell
    no_args_is_help=True,
    help="ecoplan — check activity logs against China's ecological-civilization publicity plans.",
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_GAP, EXIT_INPUT = 0, 1, 2


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class ListFormat(StrEnum):
    table = "table"
    json = "json"


LangOption = Annotated[Lang | None, typer.Option("--lang", help="Language of human output (default: the locale).")]
PlanFileOption = Annotated[
    list[Path] | None, typer.Option("--plan-file", help="A user plan file to load beside the bundled plans.")
]


def fail(problems: Iterable[Problem], code: int) -> NoReturn:
    for problem in sorted(problems):
        typer.echo(problem.render(), err=True)
    raise typer.Exit(code)


def project_plan_files(plan_files: list[Path] | None, inputs: Iterable[str]) -> tuple[str, ...]:
    """--plan-file values and the plan files of the project settings (ecoplan.toml) nearest to the inputs."""
    from ecoplan_cli.load.project import merged

    files, problems = merged((str(p) for p in plan_files or ()), inputs)
    if problems:
        fail(problems, EXIT_INPUT)
    return files


def load_plans(plan_files: list[Path] | None, *, inputs: Iterable[str] | None = None) -> Catalogue:
    """The catalogue with the user's plan files; with inputs (logs), also those their project settings name."""
    from ecoplan_cli.load.catalogue import catalogue
    from ecoplan_cli.load.problems import InputError

    files = project_plan_files(plan_files, inputs) if inputs is not None else tuple(str(p) for p in plan_files or ())
    try:
        return catalogue(files)
    except InputError as error:
        fail(error.problems, EXIT_INPUT)


def expand_paths(paths: list[Path]) -> list[str]:
    """The files to read: skipped files are named on stderr; a folder with no log, or no file at all, is exit 2."""
    from ecoplan_cli.load.paths import notes, walk

    result = walk(paths)
    said, errors = notes(result)
    for line in said + errors:
        typer.echo(line, err=True)
    if errors:
        raise typer.Exit(EXIT_INPUT)
    return result.files


def write_out(content: str) -> None:
    sys.stdout.write(content)
    sys.stdout.flush()


def parse_within(value: str, as_of: date) -> timedelta:
    """The 'coming due' window: days (30d), weeks (2w) or calendar months (1m: from 31 January to 28/29 February)."""
    from dateutil.relativedelta import relativedelta

    match = re.fullmatch(r"\s*(\d+)\s*([dwm]?)\s*", value)
    if not match:
        raise typer.BadParameter(f"'{value}': use a number of days, weeks or calendar months: 30d, 2w, 1m", param_hint="--within")
    number, unit = int(match.group(1)), match.group(2) or "d"
    if unit == "m":
        try:
            end: date = as_of + relativedelta(months=number)
            return end - as_of
        except (ValueError, OverflowError):
            raise typer.BadParameter(f"'{value}' reaches past the year 9999", param_hint="--within") from None
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


DEFAULT_PLAN = "chongqing-impl"  # the plan a unit of the bundled region registry answers to


def default_plans(catalogue: Catalogue, region: str) -> list[str]:
    """The plans a new log for `region` answers to (what `init` writes, what `calendar --region` lists): the user
    plans that declare the region, else the bundled implementation plan."""
    own = [key for key, source in catalogue.plans.items() if any(region in (r.name, *r.aliases) for r in source.plan.regions)]
    return own or [DEFAULT_PLAN]


def usage_error(code: str, **params: object) -> NoReturn:
    """A usage error in the run's language, naming the argument: exit 2."""
    from ecoplan_cli.messages import text

    typer.echo(text("usage-error", detail=text(code, **params)), err=True)
    raise typer.Exit(EXIT_INPUT)


def chosen_year(year: int | None) -> int:
    """--year, checked (0 or 99999 is a usage error, not 'this year' or a traceback); default this year."""
    if year is None:
        return parse_date(None).year
    if not 1 <= year <= 9998:
        usage_error("bad-year", year=year)
    return year


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
