"""`ecoplan check`: compliance, period by period, in every report format."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ecoplan_cli.cli.common import (
    EXIT_GAP,
    EXIT_INPUT,
    EXIT_OK,
    LangOption,
    PlanFileOption,
    app,
    expand_paths,
    fail,
    parse_date,
    parse_within,
    project_plan_files,
    terminal_width,
    use_color,
)
from ecoplan_cli.messages import set_language


class CheckFormat(StrEnum):
    table = "table"
    json = "json"
    junit = "junit"
    sarif = "sarif"
    github = "github"
    csv = "csv"
    xlsx = "xlsx"  # --output only: the 督办 workbook


class FailOn(StrEnum):
    any = "any"
    new = "new"


@app.command()
def check(
    files: Annotated[list[Path], typer.Argument(help="Activity log files or folders (several: one report across regions).")],
    as_of: Annotated[
        str | None, typer.Option("--as-of", envvar="ECOPLAN_AS_OF", help="Check as of this date (default today).")
    ] = None,
    within: Annotated[
        str, typer.Option("--within", help="Window for 'coming due': days, weeks or calendar months, e.g. 30d, 2w, 1m.")
    ] = "30d",
    format: Annotated[CheckFormat, typer.Option("--format", "-f")] = CheckFormat.table,
    output: Annotated[list[str] | None, typer.Option("--output", "-o", help="Also write FORMAT:PATH (repeatable).")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on any gap, encouraged ones too.")] = False,
    requirement: Annotated[list[str] | None, typer.Option("--requirement", "-r", help="Only these requirement ids.")] = None,
    plan: Annotated[list[str] | None, typer.Option("--plan", help="Only these plans.")] = None,
    year: Annotated[list[int] | None, typer.Option("--year", help="Only periods ending in these years.")] = None,
    lead: Annotated[list[str] | None, typer.Option("--lead", help="Only requirements this unit leads.")] = None,
    status: Annotated[list[str] | None, typer.Option("--status", help="Only findings with these statuses.")] = None,
    width: Annotated[int | None, typer.Option("--width", help="Table width (default: terminal, else 80).")] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes (default: one per core).")] = None,
    exceptions: Annotated[
        list[Path] | None, typer.Option("--exceptions", help="A file of approved exceptions (延期, 销号; repeatable).")
    ] = None,
    no_exceptions: Annotated[
        bool, typer.Option("--no-exceptions", help="Ignore every exception: the run as if none existed.")
    ] = False,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="An earlier `check --format json` report to compare with.")
    ] = None,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Fail on any mandatory gap, or (with --baseline) only on new ones.")
    ] = FailOn.any,
    plan_file: PlanFileOption = None,
    lang: LangOption = None,
) -> None:
    """Check logs against the plans: what is met, what is missing, what is coming due.

    Exit 0: no mandatory gap (with --fail-on new: no new one). 1: a mandatory gap (with --strict, any gap).
    2: the input could not be checked.
    """
    set_language(lang)
    from ecoplan_cli.run import CheckOptions, Filters, run_check

    outputs: list[tuple[CheckFormat, Path]] = []
    for spec in output or []:
        kind, _, target = spec.partition(":")
        if not target or kind not in CheckFormat.__members__:
            raise typer.BadParameter(
                f"'{spec}': write FORMAT:PATH, FORMAT one of {', '.join(CheckFormat)}", param_hint="--output"
            )
        outputs.append((CheckFormat(kind), Path(target)))
    if format is CheckFormat.xlsx:
        raise typer.BadParameter("a workbook is written to a file: --output xlsx:督办.xlsx", param_hint="--format")
    statuses = set(status or [])
    unknown = statuses - {"met", "gap", "open", "unmeasured", "waived"}
    if unknown:
        raise typer.BadParameter(f"unknown status {', '.join(sorted(unknown))}", param_hint="--status")
    day = parse_date(as_of)
    options = CheckOptions(
        files=tuple(expand_paths(files)),
        as_of=day,
        within=parse_within(within, day),
        strict=strict,
        filters=Filters(
            requirements=frozenset(requirement or ()),
            plans=frozenset(plan or ()),
            years=frozenset(year or ()),
            leads=frozenset(lead or ()),
            statuses=frozenset(statuses),
        ),
        plan_files=project_plan_files(plan_file, [str(f) for f in files]),
        jobs=jobs,
        exceptions=tuple(str(p) for p in exceptions or ()),
        use_exceptions=not no_exceptions,
        baseline=str(baseline) if baseline is not None else None,
        fail_on_new=fail_on is FailOn.new,
        positions=bool({format, *(kind for kind, _ in outputs)} & {CheckFormat.sarif, CheckFormat.github}),
        formats=tuple(dict.fromkeys([format.value, *(kind.value for kind, _ in outputs)])),
    )
    if fail_on is FailOn.new and baseline is None:
        raise typer.BadParameter("--fail-on new compares with a baseline: give --baseline FILE", param_hint="--fail-on")
    inputs = {Path(f).resolve() for f in options.files}
    for _, written in outputs:
        if written.resolve() in inputs:
            raise typer.BadParameter(f"'{written}' is one of the logs being checked; inputs are never written to",
                                     param_hint="--output")  # fmt: skip
    outcome = run_check(options)
    if outcome.usage:
        option, message = outcome.usage[0]
        for other_option, other in outcome.usage[1:]:
            typer.echo(f"{other_option}: {other}", err=True)
        raise typer.BadParameter(message, param_hint=option)
    if outcome.note:
        typer.echo(outcome.note, err=True)
    if outcome.problems:
        fail(outcome.problems, EXIT_INPUT)
    assert outcome.report is not None
    table_width = terminal_width(width)
    from ecoplan_cli.load.atomic import write_atomic, write_bytes_atomic
    from ecoplan_cli.run import BINARY_REPORTERS, render_bytes, render_chunks

    for kind, path in outputs:
        if kind.value in BINARY_REPORTERS:
            write_bytes_atomic(path, render_bytes(outcome.report, kind.value))
        else:
            write_atomic(path, render_chunks(outcome.report, kind.value, width=100))
    for chunk in render_chunks(outcome.report, format.value, width=table_width, color=use_color()):
        sys.stdout.write(chunk)
    sys.stdout.flush()
    if format is CheckFormat.github and os.environ.get("GITHUB_STEP_SUMMARY"):
        from ecoplan_cli.report.github import summary

        target = os.environ["GITHUB_STEP_SUMMARY"]
        try:
            with open(target, "a", encoding="utf-8") as step_summary:  # GitHub's file: append to it
                step_summary.write(summary(outcome.report))
        except OSError as error:
            from ecoplan_cli.messages import text

            typer.echo(text("github-summary-unwritable", file=target, reason=error.strerror or str(error)), err=True)
    raise typer.Exit(EXIT_GAP if outcome.failed else EXIT_OK)
