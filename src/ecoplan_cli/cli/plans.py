"""Commands about the plans themselves: plans, show, plan-check, trace, schema."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ecoplan_cli.cli.common import LangOption, ListFormat, PlanFileOption, app, load_plans, write_out
from ecoplan_cli.command_line import EXIT_GAP, EXIT_INPUT, terminal_width
from ecoplan_cli.messages import did_you_mean, set_language, text


@app.command()
def plans(
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
    width: Annotated[int | None, typer.Option("--width", help="Table width (default: COLUMNS, terminal, else 100).")] = None,
    plan_file: PlanFileOption = None,
    lang: LangOption = None,
) -> None:
    """List the plans, with requirement counts by recurrence and level."""
    set_language(lang)
    from ecoplan_cli.report import plans_report

    catalogue = load_plans(plan_file)
    sources = [catalogue.plans[key] for key in catalogue.plans]
    if format is ListFormat.json:
        write_out(plans_report.render_json(sources))
    else:
        write_out(plans_report.render_table(sources, width=_listing_width(width)))


@app.command()
def show(
    requirement_id: Annotated[str, typer.Argument(metavar="ID", help="A requirement id: CQ-17, ZL3-1, national-2021-2025:ZL3-1")],
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
    width: Annotated[int | None, typer.Option("--width", help="Table width (default: COLUMNS, terminal, else 100).")] = None,
    plan_file: PlanFileOption = None,
    lang: LangOption = None,
) -> None:
    """Show one requirement in full: quote, units, time limit, obligations, implements-links both ways."""
    set_language(lang)
    from ecoplan_cli.model.references import ReferenceError_, resolve
    from ecoplan_cli.report import plans_report

    catalogue = load_plans(plan_file)
    plans = {key: source.plan for key, source in catalogue.plans.items()}
    target = resolve(requirement_id.strip(), plans)
    if isinstance(target, ReferenceError_):
        ids = [r.id for p in plans.values() for r in p.requirements]
        hint = did_you_mean(requirement_id.upper(), ids)
        typer.echo(text("no-such-requirement", ref=requirement_id, hint=hint), err=True)
        raise typer.Exit(EXIT_INPUT)
    source = catalogue.plans[target.plan]
    if format is ListFormat.json:
        write_out(plans_report.render_requirement_json(catalogue, source, target.requirement))
    else:
        write_out(plans_report.render_requirement_table(catalogue, source, target.requirement, _listing_width(width)))


def _listing_width(width: int | None) -> int:
    """plans and show: --width, else COLUMNS or the terminal's, else 100 (their long quotes read better wide)."""
    import os
    import sys

    if width or os.environ.get("COLUMNS", "").strip().isdigit() or sys.stdout.isatty():
        return terminal_width(width)
    return 100


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
    from ecoplan_cli.load.reading_checks import reading_problems
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
        found += reading_problems(plan, document)
        for warning in advice(plan, document):
            typer.echo(warning.render(), err=True)
        if found:
            problems.extend(found)
        else:
            typer.echo(text("plan-valid", file=str(path), plan=plan.id, count=len(plan.requirements)))
    if problems:
        for problem in sorted(problems):
            typer.echo(problem.render(), err=True)
        typer.echo(text("files-invalid", count=len(problems), files=len({p.file for p in problems})), err=True)
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
    catalogue = load_plans(files)
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
        write_out(trace_report.render_json(result, uncovered_only=uncovered))
    else:
        table_width = terminal_width(width)
        write_out(trace_report.render_table(result, width=table_width, uncovered_only=uncovered))


class SchemaKind(StrEnum):
    log = "log"
    plan = "plan"
    exceptions = "exceptions"


@app.command()
def schema(kind: Annotated[SchemaKind, typer.Option("--kind")] = SchemaKind.log, plan_file: PlanFileOption = None) -> None:
    """Print the JSON Schema of activity logs (or plans, or exceptions files), for editors and other tools.

    With --plan-file, the log schema also knows that plan's requirement ids, obligations and regions.
    """
    import json

    from ecoplan_cli.load.json_schema import exceptions_schema, log_schema, plan_schema

    if kind is SchemaKind.log:
        document = log_schema(load_plans(plan_file))
    else:
        document = plan_schema() if kind is SchemaKind.plan else exceptions_schema()
    write_out(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
