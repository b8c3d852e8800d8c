"""`ecoplan calendar`: the planner's year."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ecoplan_cli.cli.common import LangOption, PlanFileOption, app, chosen_year, default_plans, load_plans, write_out
from ecoplan_cli.command_line import EXIT_INPUT, fail, parse_date, terminal_width, usage_error
from ecoplan_cli.messages import set_language


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
        str | None,
        typer.Option("--as-of", envvar="ECOPLAN_AS_OF", help="Progress (--log) and ICS DTSTAMP as of this day (default today)."),
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

    catalogue = load_plans(plan_file, inputs=[str(log)] if log is not None else None)
    if (from_ is None) != (to is None):
        usage_error("usage-both-from-to")
    first, last = (parse_date(from_, "--from"), parse_date(to, "--to")) if from_ and to else year_window(chosen_year(year))
    plans = [s.plan for key, s in catalogue.plans.items() if not plan or key in plan]
    if observances is not None:
        from ecoplan_cli.engine.calendar import with_observance_dates
        from ecoplan_cli.load.catalogue import load_observance_dates
        from ecoplan_cli.load.problems import InputError

        names = {o.name for p in plans for o in p.observances}
        try:
            plans = with_observance_dates(plans, load_observance_dates(str(observances), names))
        except InputError as error:
            fail(error.problems, EXIT_INPUT)
    chosen_level: Level | None = None
    if region:
        from ecoplan_cli.cli.regions import region_option

        found = region_option(catalogue, region, [p.id for p in plans], first, last)
        chosen_level = found.level
        if not plan and log is None:  # the plans the region's log answers to, as `init` writes them and `check` reads
            answered = set(default_plans(catalogue, found.name))
            plans = [p for p in plans if p.id in answered]
    elif level:
        if level not in Level.__members__.values():
            usage_error("usage-level", value=level, levels=", ".join(Level))
        chosen_level = Level(level)
    unit = None
    if log is not None:
        logs, problems = load_logs([str(log)], catalogue)
        units, more = merge(logs)
        if problems or more:
            fail(problems + more, EXIT_INPUT)
        unit = units[0].unit
        chosen_level = unit.level
        # what binds the unit is what `check` evaluates: the plans the log answers to, its level, its lead_as
        dated = {p.id: p for p in plans}  # with --observances' dates where given
        plans = [dated.get(p.id, p) for p in unit.plans if not plan or p.id in plan]
    leads = frozenset(lead or ())
    if unit is not None and unit.lead_as:
        leads = leads & unit.lead_as if leads else unit.lead_as
    items = calendar_items(plans, chosen_level, first, last, leads=leads, mandatory_only=mandatory_only)
    items += undated_observances(plans, first, last)
    if unit is not None:
        from ecoplan_cli.engine.event_calendar import event_items

        findings = evaluate(unit, parse_date(as_of))
        events = event_items(findings, {p.id: p for p in unit.plans}, first, last, mandatory_only=mandatory_only)
        items = sorted(with_progress(items, findings) + events, key=lambda item: item.sort_key)
    if format is CalendarFormat.ics:
        from ecoplan_cli.report import calendar_ics

        place = region or (level or "")
        write_out(calendar_ics.render(items, alarm_days=alarm_days, region=place, first=first, as_of=parse_date(as_of)))
    elif format is CalendarFormat.json:
        from ecoplan_cli.report import calendar_json

        write_out(calendar_json.render(items, first=first, last=last))
    else:
        from ecoplan_cli.report import calendar_table

        table_width = terminal_width(width)
        write_out(calendar_table.render(items, first=first, last=last, width=table_width, lang=chosen))
