"""`ecoplan init`: a starter log for a unit's year."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ecoplan_cli.cli.common import LangOption, PlanFileOption, app, chosen_year, default_plans, load_plans, write_out
from ecoplan_cli.command_line import EXIT_INPUT, usage_error, write_file
from ecoplan_cli.messages import set_language, text

if TYPE_CHECKING:
    from ecoplan_cli.model import Region


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
    from ecoplan_cli.cli.regions import region_option
    from ecoplan_cli.engine.calendar import calendar_items, year_window
    from ecoplan_cli.load.atomic import write_atomic
    from ecoplan_cli.model import Level
    from ecoplan_cli.report import starter_log

    catalogue = load_plans(plan_file)
    plan_ids = plan or default_plans(catalogue, region.strip())
    unknown = [p for p in plan_ids if p not in catalogue.plans]
    if unknown:
        usage_error("usage-unknown-plan", plans=", ".join(unknown), known=", ".join(sorted(catalogue.plans)))
    if level is not None and level not in Level.__members__.values():
        usage_error("usage-level", value=level, levels=", ".join(Level))
    the_year = chosen_year(year)
    first, last = year_window(the_year)
    found = region_option(catalogue, region, plan_ids, first, last)
    items = calendar_items([catalogue.plan(p) for p in plan_ids], Level(level) if level else found.level, first, last)
    name = _log_name(found, region)
    if out is not None and out.suffix.lower() == ".xlsx":  # the ledger template as a workbook
        from ecoplan_cli.report import ledger_template

        workbook = ledger_template.render(plans=[catalogue.plan(p) for p in plan_ids], unit=unit or f"{found.name}生态环境局",
                                          region=name, year=the_year, items=items,
                                          level=Level(level) if level else found.level, level_override=level)  # fmt: skip
        _write_workbook(out, workbook, force)
        return
    content = starter_log.render(
        plans=plan_ids, unit=unit or f"{found.name}生态环境局", region=name, year=the_year, items=items, level=level
    )
    if out is None:
        write_out(content)
        return
    if out.is_dir():
        usage_error("out-is-folder", path=str(out), example=f"{the_year}.yaml")
    try:
        write_atomic(out, content, overwrite=force)
    except FileExistsError:
        typer.echo(text("exists", file=str(out)), err=True)
        raise typer.Exit(EXIT_INPUT) from None
    except OSError as error:
        usage_error("cannot-write", path=str(out), reason=error.strerror or str(error))
    typer.echo(text("written", file=str(out)))


def _log_name(found: Region, query: str) -> str:
    """What the starter log writes as `region:`: the name when it identifies the unit, else its code (or the query)."""
    from ecoplan_cli.load.registry import national

    if national().lookup(found.name).found or not found.code:
        return found.name
    return found.code if query.strip().isdigit() or "/" not in query else query.strip()


def _write_workbook(out: Path, content: bytes, force: bool) -> None:
    if out.exists() and not force:
        typer.echo(text("exists", file=str(out)), err=True)
        raise typer.Exit(EXIT_INPUT)
    write_file(out, content)
    typer.echo(text("written", file=str(out)))
