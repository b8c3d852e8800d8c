"""`ecoplan regions [QUERY]`: search the national registry by name, code or path; and the --region of other commands."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from ecoplan_cli.cli.common import LangOption, ListFormat, app, write_out
from ecoplan_cli.command_line import EXIT_INPUT, parse_date, terminal_width
from ecoplan_cli.messages import set_language, text

if TYPE_CHECKING:
    from ecoplan_cli.load.catalogue import Catalogue
    from ecoplan_cli.model import Region


@app.command()
def regions(
    query: Annotated[
        str | None,
        typer.Argument(
            help="A name (铁西区), code (130102), path (辽宁省/沈阳市/铁西区), part of a name, PATH/ for its units.",
        ),
    ] = None,
    on: Annotated[str | None, typer.Option("--on", help="Only units in force on this date (ISO).")] = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
    width: Annotated[int | None, typer.Option("--width", help="Table width (default: terminal, else 80).")] = None,
    lang: LangOption = None,
) -> None:
    """Find units of the region registry: type, level, parent, validity, predecessors and successors."""
    set_language(lang)
    from ecoplan_cli.load.registry import national
    from ecoplan_cli.report import regions_report

    registry = national()
    day = parse_date(on) if on else None
    places = registry.search(query, day) if query else [p for p in registry.places if day is None or p.in_force(day)]
    if query and not places:
        suggestion = registry.suggest(query)
        hint = text("did-you-mean", suggestion=suggestion) if suggestion else ""
        typer.echo(text("regions-none", query=query, hint=hint), err=True)
        raise typer.Exit(EXIT_INPUT)
    if not query:
        places = sorted(places, key=lambda p: (p.code or "~", p.key))
    if format is ListFormat.json:
        write_out(regions_report.render_json(registry, places))
    else:
        write_out(regions_report.render_table(registry, places, width=terminal_width(width)))


def region_option(catalogue: Catalogue, query: str, plans: Iterable[str], first: date, last: date) -> Region:
    """The region a --region option names, in force at some time between first and last; else a usage error."""
    from ecoplan_cli.load.region_names import unresolved

    plan_ids = list(plans)
    found = catalogue.region(query, plan_ids)
    if found is None:
        names = [n for r in catalogue.regions for n in (r.name, *r.aliases)]
        code, params = unresolved(query, plan_ids, names)
        raise typer.BadParameter(text(code, **dict(params)), param_hint="--region")
    if (found.valid_from is not None and found.valid_from > last) or (found.valid_to is not None and found.valid_to < first):
        from ecoplan_cli.load.registry import national

        registry = national()
        key = found.code or f"{found.overlay}/{found.name}"
        links = [*registry.predecessors.get(key, []), *found.successors]
        validity = f"{found.valid_from or ''}…{found.valid_to or ''}"
        message = text(
            "region-out-of-window",
            region=found.name,
            first=first.isoformat(),
            last=last.isoformat(),
            validity=validity,
            others="、".join(registry.label(k) for k in links) or text("region-nobody"),
        )
        typer.echo(message, err=True)
        raise typer.Exit(EXIT_INPUT)
    return found
