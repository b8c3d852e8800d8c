"""`ecoplan report`: the supervisor's report, one self-contained HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ecoplan_cli.cli.common import LangOption, PlanFileOption, app
from ecoplan_cli.command_line import EXIT_INPUT, EXIT_OK, expand_paths, fail, parse_date, write_file
from ecoplan_cli.messages import set_language, text

DEFAULT_DETAILS = 60  # units with a drill-down when there are more (a city's 41 districts and counties all fit)


@app.command()
def report(
    files: Annotated[list[Path], typer.Argument(help="Activity log files or folders.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write, e.g. 报告.html.")],
    as_of: Annotated[
        str | None, typer.Option("--as-of", envvar="ECOPLAN_AS_OF", help="Report as of this date (default today).")
    ] = None,
    details: Annotated[
        int | None,
        typer.Option("--details", min=0, help=f"Units with a drill-down, worst first (default: all up to {DEFAULT_DETAILS})."),
    ] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes (default: one per core).")] = None,
    exceptions: Annotated[
        list[Path] | None, typer.Option("--exceptions", help="A file of approved exceptions (延期, 销号; repeatable).")
    ] = None,
    no_exceptions: Annotated[bool, typer.Option("--no-exceptions", help="Ignore every exception.")] = False,
    plan_file: PlanFileOption = None,
    lang: LangOption = None,
) -> None:
    """Write the supervisor's report: summary, unit × requirement matrix, trends, final evaluation, drill-down.

    Chinese unless --lang en. Exit 0: written. 2: the input could not be checked (nothing is written).
    """
    language = set_language(lang.value if lang is not None else "zh")
    from ecoplan_cli.report_run import run_report
    from ecoplan_cli.run import CheckOptions

    options = CheckOptions(
        files=tuple(expand_paths(files)),
        as_of=parse_date(as_of),
        plan_files=tuple(str(p) for p in plan_file or ()),
        jobs=jobs,
        exceptions=tuple(str(p) for p in exceptions or ()),
        use_exceptions=not no_exceptions,
    )
    if output.resolve() in {Path(f).resolve() for f in options.files}:
        raise typer.BadParameter(text("html-output-is-input", file=output), param_hint="--output")
    outcome = run_report(options, details=details, lang=language, default_details=DEFAULT_DETAILS)
    if outcome.problems:
        fail(outcome.problems, EXIT_INPUT)
    write_file(output, outcome.html)
    size = output.stat().st_size
    typer.echo(text("html-written", file=output, units=outcome.units, size=(size + 1023) // 1024), err=True)
    raise typer.Exit(EXIT_OK)
