"""`ecoplan convert IN OUT`: a log between YAML, XLSX and CSV (the format from each extension), loss-free."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ecoplan_cli.cli.common import LangOption, app
from ecoplan_cli.command_line import EXIT_INPUT, fail, write_file
from ecoplan_cli.messages import set_language, text

_SUFFIXES = (".yaml", ".yml", ".xlsx", ".csv")


@app.command()
def convert(
    source: Annotated[Path, typer.Argument(help="The log to read: .yaml, .yml, .xlsx or .csv.")],
    target: Annotated[Path, typer.Argument(help="The file to write: .yaml, .yml, .xlsx or .csv.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    lang: LangOption = None,
) -> None:
    """Convert a log between YAML, XLSX and CSV without loss (a value a cell cannot hold is refused, not altered).

    Exit 0: written. 2: the input could not be read, or the output not written.
    """
    set_language(lang)
    for path in (source, target):
        if path.suffix.lower() not in _SUFFIXES:
            raise typer.BadParameter(text("convert-format", file=str(path)))
    if target.resolve() == source.resolve():
        raise typer.BadParameter(f"'{target}' is the input; inputs are never written to", param_hint="TARGET")
    if target.exists() and not force:
        typer.echo(text("exists", file=str(target)), err=True)
        raise typer.Exit(EXIT_INPUT)
    from ecoplan_cli.load.any_log import read_activity_log
    from ecoplan_cli.load.problems import InputError
    from ecoplan_cli.report.ledger_table import table

    try:
        log, warnings = read_activity_log(str(source))
        suffix = target.suffix.lower()
        if suffix in (".yaml", ".yml"):
            from ecoplan_cli.report.ledger_text import write_yaml

            write_file(target, write_yaml(log, source.name))
        elif suffix == ".csv":
            from ecoplan_cli.report.ledger_text import write_csv

            write_file(target, write_csv(table(log, str(source))))
        else:
            from ecoplan_cli.report.ledger_xlsx import write

            write_file(target, write(table(log, str(source))))
    except InputError as error:
        fail(error.problems, EXIT_INPUT)
    for warning in warnings:
        typer.echo(warning.render(), err=True)
    typer.echo(text("converted", source=str(source), target=str(target), count=len(log.activities)))
