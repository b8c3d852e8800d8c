"""`ecoplan check`: compliance, period by period, in every report format (the work: check_command.py)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ecoplan_cli.check_command import CheckRequest, run_check_command
from ecoplan_cli.cli.common import LangOption, PlanFileOption, app, usage_as_click
from ecoplan_cli.messages import set_language


class CheckFormat(StrEnum):  # as check_command.CHECK_FORMATS
    table = "table"
    json = "json"
    junit = "junit"
    sarif = "sarif"
    github = "github"
    csv = "csv"
    xlsx = "xlsx"  # --output only: the 督办 workbook


class FailOn(StrEnum):  # as check_command.FAIL_ON
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
    request = CheckRequest(
        files=tuple(str(f) for f in files),
        as_of=as_of,
        within=within,
        format=format.value,
        outputs=tuple(output or ()),
        strict=strict,
        requirements=tuple(requirement or ()),
        plans=tuple(plan or ()),
        years=tuple(year or ()),
        leads=tuple(lead or ()),
        statuses=tuple(status or ()),
        width=width,
        jobs=jobs,
        exceptions=tuple(str(p) for p in exceptions or ()),
        no_exceptions=no_exceptions,
        baseline=str(baseline) if baseline is not None else None,
        fail_on=fail_on.value,
        plan_files=tuple(str(p) for p in plan_file or ()),
    )
    with usage_as_click():
        code = run_check_command(request)
    raise typer.Exit(code)
