"""The application's own options: --version, and the environment check every command runs first.

The console script (entry.py) checks the environment before importing anything; this callback covers the application
run in-process (tests, `typer` tooling).
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ecoplan_cli.cli.common import app
from ecoplan_cli.command_line import EXIT_INPUT


def _print_version(value: bool) -> None:
    if value:
        from ecoplan_cli import __version__
        from ecoplan_cli.messages import text

        typer.echo(text("version", version=__version__))
        raise typer.Exit(0)


@app.callback()
def application(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print ecoplan's version and exit."),
    ] = False,
) -> None:
    """ecoplan — check activity logs against China's ecological-civilization publicity plans."""
    from ecoplan_cli.entry import lang_argument
    from ecoplan_cli.environment import environment_problems
    from ecoplan_cli.messages import set_language, text

    if environment_problems():
        set_language(lang_argument(sys.argv[1:]))  # the command's own --lang is not parsed yet
        problems = environment_problems()
        for problem in problems:
            typer.echo(text("usage-error", detail=problem), err=True)
        raise typer.Exit(EXIT_INPUT)
