"""The command line: parse options, call load → engine → report, choose the exit code. No rule lives here."""

from __future__ import annotations

import os
import re
import sys
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from ecoplan_cli.messages import did_you_mean, set_language, text

if TYPE_CHECKING:  # imported for real inside the commands, so that start-up stays light
    from collections.abc import Iterable

    from ecoplan_cli.load.catalogue import Catalogue
    from ecoplan_cli.load.problems import Problem

app = typer.Typer(
    add_completion=False,
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


class CheckFormat(StrEnum):
    table = "table"
    json = "json"
    junit = "junit"
    sarif = "sarif"
    github = "github"
    csv = "csv"


LangOption = Annotated[Lang | None, typer.Option("--lang", help="Language of human output (default: the locale).")]
PlanFileOption = Annotated[
    list[Path] | None, typer.Option("--plan-file", help="A user plan file to load beside the bundled plans.")
]


def _fail(problems: Iterable[Problem], code: int) -> NoReturn:
    for problem in sorted(problems):
        typer.echo(problem.render(), err=True)
    raise typer.Exit(code)


def _catalogue(plan_files: list[Path] | None) -> Catalogue:
    from ecoplan_cli.load.catalogue import catalogue
    from ecoplan_cli.load.problems import InputError

    try:
        return catalogue(tuple(str(p) for p in plan_files or ()))
    except InputError as error:
        _fail(error.problems, EXIT_INPUT)


def _expand(paths: list[Path]) -> list[str]:
    from ecoplan_cli.load.paths import expand

    return expand(paths)


def _write(content: str) -> None:
    sys.stdout.write(content)
    sys.stdout.flush()


@app.command()
def plans(
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
    plan_file: PlanFileOption = None,
    lang: LangOption = None,
) -> None:
    """List the plans, with requirement counts by recurrence and level."""
    set_language(lang)
    from ecoplan_cli.report import plans_report

    catalogue = _catalogue(plan_file)
    sources = [catalogue.plans[key] for key in catalogue.plans]
    _write(plans_report.render_json(sources) if format is ListFormat.json else plans_report.render_table(sources))


@app.command()
def show(
    requirement_id: Annotated[str, typer.Argument(metavar="ID", help="A requirement id: CQ-17, ZL3-1, national-2021-2025:ZL3-1")],
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
    plan_file: PlanFileOption = None,
    lang: LangOption = None,
) -> None:
    """Show one requirement in full: quote, units, time limit, obligations, implements-links both ways."""
    set_language(lang)
    from ecoplan_cli.engine.references import ReferenceError_, resolve
    from ecoplan_cli.report import plans_report

    catalogue = _catalogue(plan_file)
    plans = {key: source.plan for key, source in catalogue.plans.items()}
    target = resolve(requirement_id.strip(), plans)
    if isinstance(target, ReferenceError_):
        ids = [r.id for p in plans.values() for r in p.requirements]
        hint = did_you_mean(requirement_id.upper(), ids)
        typer.echo(text("no-such-requirement", ref=requirement_id, hint=hint), err=True)
        raise typer.Exit(EXIT_INPUT)
    source = catalogue.plans[target.plan]
    if format is ListFormat.json:
        _write(plans_report.render_requirement_json(catalogue, source, target.requirement))
    else:
        _write(plans_report.render_requirement_table(catalogue, source, target.requirement))


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="Activity log files, or folders of them.")],
    plan_file: PlanFileOption = None,
    lang: LangOption = None,
) -> None:
    """Check activity logs against the schema and the plans: exit 0 valid, 1 invalid, 2 usage error."""
    set_language(lang)
    from ecoplan_cli.validate_run import run_validate

    code = run_validate([str(f) for f in files], [str(p) for p in plan_file or ()])
    if code:
        raise typer.Exit(code)


@app.command("plan-check")
def plan_check(
    files: Annotated[list[Path], typer.Argument(help="Plan files to check.")],
    lang: LangOption = None,
) -> None:
    """Check user plan files: schema, unique ids, parameters, sub-units, bases inside quotes, implements-links."""
    set_language(lang)
    from ecoplan_cli.load.catalogue import bundled
    from ecoplan_cli.load.plan_checks import advice, link_problems, structural_problems
    from ecoplan_cli.load.problems import InputError
    from ecoplan_cli.load.validation import validate as validate_model
    from ecoplan_cli.load.yaml_source import read_file
    from ecoplan_cli.model import Plan

    catalogue = bundled()
    problems = []
    for path in files:
        try:
            document = read_file(str(path))
            plan = validate_model(Plan, document)
        except InputError as error:
            problems.extend(error.problems)
            continue
        found = structural_problems(plan, document) + link_problems(plan, document, catalogue)
        for warning in advice(plan, document):
            typer.echo(warning.render(), err=True)
        if found:
            problems.extend(found)
        else:
            typer.echo(text("plan-valid", file=str(path), plan=plan.id, count=len(plan.requirements)))
    if problems:
        for problem in sorted(problems):
            typer.echo(problem.render(), err=True)
        raise typer.Exit(EXIT_GAP)


@app.command()
def trace(
    plan_id: Annotated[str, typer.Argument(metavar="PLAN", help="A plan id (chongqing-impl) or a plan file.")],
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
    uncovered: Annotated[bool, typer.Option("--uncovered", help="Only the parent items no requirement covers.")] = False,
    width: Annotated[int | None, typer.Option("--width", help="Table width (default: terminal, else 80).")] = None,
    plan_file: PlanFileOption = None,
    lang: LangOption = None,
) -> None:
    """The traceability matrix: for each parent item, the requirements implementing it, and what is left uncovered."""
    set_language(lang)
    from ecoplan_cli.report import trace_report

    files = list(plan_file or [])
    if plan_id.endswith((".yaml", ".yml")):
        files.append(Path(plan_id))
    catalogue = _catalogue(files)
    if plan_id.endswith((".yaml", ".yml")):
        from ecoplan_cli.load.catalogue import load_plan_file

        plan_id = load_plan_file(plan_id).plan.id
    if plan_id not in catalogue.plans:
        typer.echo(text("unknown-plan", plan=plan_id, known=", ".join(sorted(catalogue.plans))), err=True)
        raise typer.Exit(EXIT_INPUT)
    child = catalogue.plan(plan_id)
    if child.implements is None or child.implements not in catalogue.plans:
        typer.echo(text("not-derived", plan=plan_id), err=True)
        raise typer.Exit(EXIT_INPUT)
    result = trace_report.trace(child, catalogue.plan(child.implements))
    if format is ListFormat.json:
        _write(trace_report.render_json(result))
    else:
        table_width = width or (os.get_terminal_size().columns if sys.stdout.isatty() else 80)
        _write(trace_report.render_table(result, width=table_width, uncovered_only=uncovered))


@app.command()
def init(
    region: Annotated[str, typer.Option("--region", help="The unit's region, e.g. 城口县.")],
    year: Annotated[int | None, typer.Option("--year", help="The year to plan (default: this year).")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="The reporting unit (default: <region>生态环境局).")] = None,
    plan: Annotated[list[str] | None, typer.Option("--plan", help="Plans the unit answers to (default: chongqing-impl).")] = None,
    level: Annotated[str | None, typer.Option("--level", help="Override the region's level (e.g. school).")] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of standard output.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    plan_file: PlanFileOption = None,
    lang: LangOption = None,
) -> None:
    """Write a starter log: the header filled in and a commented to-do entry for every obligation due that year."""
    set_language(lang)
    from ecoplan_cli.engine.calendar import calendar_items, year_window
    from ecoplan_cli.load.atomic import write_atomic
    from ecoplan_cli.model import Level
    from ecoplan_cli.report import starter_log

    catalogue = _catalogue(plan_file)
    found = catalogue.region(region)
    if found is None:
        raise typer.BadParameter(f"unknown region '{region}'", param_hint="--region")
    plan_ids = plan or ["chongqing-impl"]
    unknown = [p for p in plan_ids if p not in catalogue.plans]
    if unknown:
        raise typer.BadParameter(f"unknown plan {', '.join(unknown)}", param_hint="--plan")
    if level is not None and level not in Level.__members__.values():
        raise typer.BadParameter(f"one of {', '.join(Level)}", param_hint="--level")
    chosen_year = year or date.today().year
    first, last = year_window(chosen_year)
    items = calendar_items([catalogue.plan(p) for p in plan_ids], Level(level) if level else found.level, first, last)
    content = starter_log.render(
        plans=plan_ids, unit=unit or f"{found.name}生态环境局", region=found.name, year=chosen_year, items=items, level=level
    )
    if out is None:
        _write(content)
        return
    try:
        write_atomic(out, content, overwrite=force)
    except FileExistsError:
        typer.echo(text("exists", file=str(out)), err=True)
        raise typer.Exit(EXIT_INPUT) from None
    typer.echo(text("written", file=str(out)))


class SchemaKind(StrEnum):
    log = "log"
    plan = "plan"


@app.command()
def schema(kind: Annotated[SchemaKind, typer.Option("--kind")] = SchemaKind.log) -> None:
    """Print the JSON Schema of activity logs (or plans), for editors and other tools."""
    import json

    from ecoplan_cli.load.json_schema import log_schema, plan_schema

    document = log_schema(_catalogue(None)) if kind is SchemaKind.log else plan_schema()
    _write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def _parse_within(value: str) -> timedelta:
    match = re.fullmatch(r"\s*(\d+)\s*([dwm]?)\s*", value)
    if not match:
        raise typer.BadParameter("use a number of days: 30d, 2w, 1m (30 days)")
    number, unit = int(match.group(1)), match.group(2) or "d"
    return timedelta(days=number * {"d": 1, "w": 7, "m": 30}[unit])


def _parse_as_of(value: str | None) -> date:
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not an ISO date such as 2025-01-15", param_hint="--as-of") from None


@app.command()
def check(
    files: Annotated[list[Path], typer.Argument(help="Activity log files or folders (several: one report across regions).")],
    as_of: Annotated[
        str | None, typer.Option("--as-of", envvar="ECOPLAN_AS_OF", help="Check as of this date (default today).")
    ] = None,
    within: Annotated[str, typer.Option("--within", help="Window for 'coming due', e.g. 30d, 2w.")] = "30d",
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
    plan_file: PlanFileOption = None,
    lang: LangOption = None,
) -> None:
    """Check logs against the plans: what is met, what is missing, what is coming due.

    Exit 0: no mandatory gap. 1: a mandatory gap (with --strict, any gap). 2: the input could not be checked.
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
    statuses = set(status or [])
    unknown = statuses - {"met", "gap", "open", "unmeasured"}
    if unknown:
        raise typer.BadParameter(f"unknown status {', '.join(sorted(unknown))}", param_hint="--status")
    options = CheckOptions(
        files=tuple(_expand(files)),
        as_of=_parse_as_of(as_of),
        within=_parse_within(within),
        strict=strict,
        filters=Filters(
            requirements=frozenset(requirement or ()),
            plans=frozenset(plan or ()),
            years=frozenset(year or ()),
            leads=frozenset(lead or ()),
            statuses=frozenset(statuses),
        ),
        plan_files=tuple(str(p) for p in plan_file or ()),
        jobs=jobs,
    )
    inputs = {Path(f).resolve() for f in options.files}
    for _, written in outputs:
        if written.resolve() in inputs:
            raise typer.BadParameter(f"'{written}' is one of the logs being checked; inputs are never written to",
                                     param_hint="--output")  # fmt: skip
    outcome = run_check(options)
    if outcome.problems:
        _fail(outcome.problems, EXIT_INPUT)
    assert outcome.report is not None
    table_width = width or (os.get_terminal_size().columns if sys.stdout.isatty() else 80)
    from ecoplan_cli.load.atomic import write_atomic
    from ecoplan_cli.run import render_chunks

    for kind, path in outputs:
        write_atomic(path, render_chunks(outcome.report, kind.value, width=100))
    for chunk in render_chunks(outcome.report, format.value, width=table_width, color=sys.stdout.isatty()):
        sys.stdout.write(chunk)
    sys.stdout.flush()
    raise typer.Exit(EXIT_GAP if outcome.failed else EXIT_OK)


class CalendarFormat(StrEnum):
    table = "table"
    ics = "ics"
    json = "json"


@app.command()
def calendar(
    year: Annotated[int | None, typer.Option("--year", help="The calendar year (default: this year).")] = None,
    from_: Annotated[str | None, typer.Option("--from", help="Window start (ISO date), with --to.")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Window end (ISO date), with --from.")] = None,
    region: Annotated[str | None, typer.Option("--region", help="A region; its level decides what applies.")] = None,
    level: Annotated[str | None, typer.Option("--level", help="A level: province, district, county, school …")] = None,
    lead: Annotated[list[str] | None, typer.Option("--lead", help="Only requirements this unit leads.")] = None,
    plan: Annotated[list[str] | None, typer.Option("--plan", help="Only these plans.")] = None,
    mandatory_only: Annotated[bool, typer.Option("--mandatory-only", help="Leave out encouraged obligations.")] = False,
    log: Annotated[Path | None, typer.Option("--log", help="Show, per item, whether this log already meets it.")] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", envvar="ECOPLAN_AS_OF", help="With --log: progress as of this date (default today).")
    ] = None,
    observances: Annotated[
        Path | None, typer.Option("--observances", help="Days of observances the plans do not date (全国低碳日: [2024-05-15]).")
    ] = None,
    format: Annotated[CalendarFormat, typer.Option("--format", "-f")] = CalendarFormat.table,
    alarm_days: Annotated[int, typer.Option("--alarm-days", min=0, help="ICS reminder, days before each due date.")] = 7,
    width: Annotated[int | None, typer.Option("--width", help="Table width (default: terminal, else 80).")] = None,
    plan_file: PlanFileOption = None,
    lang: LangOption = None,
) -> None:
    """The planner's year: every due date and dated observance, as a table, an .ics calendar or JSON."""
    chosen = set_language(lang)
    from ecoplan_cli.engine.calendar import calendar_items, undated_observances, with_progress, year_window
    from ecoplan_cli.engine.evaluate import evaluate
    from ecoplan_cli.load.logs import load_logs
    from ecoplan_cli.load.units import merge
    from ecoplan_cli.model import Level

    catalogue = _catalogue(plan_file)
    if (from_ is None) != (to is None):
        raise typer.BadParameter("give both --from and --to", param_hint="--from/--to")
    first, last = (_parse_as_of(from_), _parse_as_of(to)) if from_ and to else year_window(year or date.today().year)
    plans = [s.plan for key, s in catalogue.plans.items() if not plan or key in plan]
    if observances is not None:
        from ecoplan_cli.engine.calendar import with_observance_dates
        from ecoplan_cli.load.catalogue import load_observance_dates
        from ecoplan_cli.load.problems import InputError

        names = {o.name for p in plans for o in p.observances}
        try:
            plans = with_observance_dates(plans, load_observance_dates(str(observances), names))
        except InputError as error:
            _fail(error.problems, EXIT_INPUT)
    chosen_level: Level | None = None
    if region:
        found = catalogue.region(region)
        if found is None:
            raise typer.BadParameter(f"unknown region '{region}'", param_hint="--region")
        chosen_level = found.level
    elif level:
        if level not in Level.__members__.values():
            raise typer.BadParameter(f"one of {', '.join(Level)}", param_hint="--level")
        chosen_level = Level(level)
    unit = None
    if log is not None:
        logs, problems = load_logs([str(log)], catalogue)
        units, more = merge(logs)
        if problems or more:
            _fail(problems + more, EXIT_INPUT)
        unit = units[0].unit
        chosen_level = unit.level
    items = calendar_items(plans, chosen_level, first, last, leads=frozenset(lead or ()), mandatory_only=mandatory_only)
    items += undated_observances(plans, first, last)
    if unit is not None:
        items = with_progress(items, evaluate(unit, _parse_as_of(as_of)))
    if format is CalendarFormat.ics:
        from ecoplan_cli.report import calendar_ics

        _write(calendar_ics.render(items, alarm_days=alarm_days, region=region or (level or ""), first=first))
    elif format is CalendarFormat.json:
        from ecoplan_cli.report import calendar_json

        _write(calendar_json.render(items, first=first, last=last))
    else:
        from ecoplan_cli.report import calendar_table

        table_width = width or (os.get_terminal_size().columns if sys.stdout.isatty() else 80)
        _write(calendar_table.render(items, first=first, last=last, width=table_width, lang=chosen))


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover
        raise SystemExit(130) from None
