"""What every command shares: the application, common options, exit codes, and small helpers."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ecoplan_cli import command_line
from ecoplan_cli.command_line import EXIT_INPUT, UsageProblem, fail, parse_date, project_plan_files, usage_error

if TYPE_CHECKING:  # imported for real inside the commands, so that start-up stays light
    from collections.abc import Iterable

    from ecoplan_cli.load.catalogue import Catalogue

app = typer.Typer(
    add_completion=True,  # --install-completion / --show-completion for bash, zsh, fish, PowerShell
    no_args_is_help=True,
    help="ecoplan — check activity logs against China's ecological-civilization publicity plans.",
    pretty_exceptions_enable=False,
)


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


def load_plans(plan_files: list[Path] | None, *, inputs: Iterable[str] | None = None) -> Catalogue:
    """The catalogue with the user's plan files; with inputs (logs), also those their project settings name."""
    from ecoplan_cli.load.catalogue import catalogue
    from ecoplan_cli.load.problems import InputError

    files = project_plan_files(plan_files or (), inputs) if inputs is not None else tuple(str(p) for p in plan_files or ())
    try:
        return catalogue(files)
    except InputError as error:
        fail(error.problems, EXIT_INPUT)


def write_out(content: str) -> None:
    sys.stdout.write(content)
    sys.stdout.flush()


def parse_within(value: str, as_of: date) -> timedelta:
    """The 'coming due' window (command_line.parse_within), a usage error as click shows one."""
    with usage_as_click():
        return command_line.parse_within(value, as_of)


@contextmanager
def usage_as_click() -> Iterator[None]:
    """A UsageProblem raised inside, shown as click's BadParameter (exit 2)."""
    try:
        yield
    except UsageProblem as problem:
        for line in problem.earlier:
            typer.echo(line, err=True)
        raise typer.BadParameter(problem.message, param_hint=problem.option) from None


DEFAULT_PLAN = "chongqing-impl"  # the plan a unit of the bundled region registry answers to


def default_plans(catalogue: Catalogue, region: str) -> list[str]:
    """The plans a new log for `region` answers to (what `init` writes, what `calendar --region` lists): the user
    plans that declare the region, else the bundled implementation plan."""
    own = [key for key, source in catalogue.plans.items() if any(region in (r.name, *r.aliases) for r in source.plan.regions)]
    return own or [DEFAULT_PLAN]


def chosen_year(year: int | None) -> int:
    """--year, checked (0 or 99999 is a usage error, not 'this year' or a traceback); default this year."""
    if year is None:
        return parse_date(None).year
    if not 1 <= year <= 9998:
        usage_error("bad-year", year=year)
    return year
