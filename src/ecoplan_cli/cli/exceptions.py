"""`ecoplan exceptions lint FILE…`: approved-exceptions files checked against the plans."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ecoplan_cli.cli.common import LangOption, PlanFileOption, app, load_plans
from ecoplan_cli.command_line import EXIT_GAP, EXIT_INPUT, parse_date
from ecoplan_cli.messages import set_language

exceptions_app = typer.Typer(no_args_is_help=True, help="Approved exceptions (延期, 销号, waivers): check the files.")
app.add_typer(exceptions_app, name="exceptions")


@exceptions_app.command("lint")
def lint_command(
    files: Annotated[list[Path], typer.Argument(help="Exceptions files (YAML).")],
    as_of: Annotated[
        str | None, typer.Option("--as-of", envvar="ECOPLAN_AS_OF", help="Expiry is judged on this date (default today).")
    ] = None,
    plan_file: PlanFileOption = None,
    lang: LangOption = None,
) -> None:
    """Unknown ids and regions, periods that do not exist, exceptions covering nothing, overlaps, expired entries.

    Exit 0: clean (expired entries are warnings). 1: a problem to fix. 2: a file cannot be read.
    """
    set_language(lang)
    from ecoplan_cli.exceptions_run import lint_files

    outcome = lint_files([str(f) for f in files], load_plans(plan_file), parse_date(as_of))
    for line in outcome.clean:
        typer.echo(line)
    for problem in sorted(outcome.unreadable + outcome.found):
        typer.echo(problem.render(), err=True)
    if outcome.unreadable:
        raise typer.Exit(EXIT_INPUT)
    if outcome.errors:
        raise typer.Exit(EXIT_GAP)
