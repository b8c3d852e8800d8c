"""`calendar --format table`: due dates and observances month by month, then the observances with no known date."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ecoplan_cli.engine.calendar import CalendarItem
from ecoplan_cli.engine.evaluate import Status
from ecoplan_cli.messages import CATALOGUE


def label(key: str, lang: str, **params: object) -> str:
    """A label of this report (messages/calendar.py), in `lang`."""
    english, chinese = CATALOGUE[f"calendar-{key}"]
    return (chinese if lang == "zh" else english).format(**params)


def _status_text(item: CalendarItem, lang: str) -> Text:
    if item.status is None:
        return Text(label("status-none", lang), style="dim")
    word = label(f"status-{item.status.value}", lang)
    style = {Status.MET: "green", Status.GAP: "bold red", Status.OPEN: "yellow"}.get(item.status, "")
    count = f"{item.actual}/{item.required} " if item.required is not None and item.actual is not None else ""
    return Text(f"{count}{word}", style=style)


def _month_table(items: Sequence[CalendarItem], lang: str, progress: bool) -> Table:
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    table.add_column(label("col-date", lang), no_wrap=True)
    table.add_column(label("col-item", lang), ratio=3, overflow="fold")
    table.add_column(label("col-period", lang), no_wrap=True)
    table.add_column(label("col-required", lang), justify="right", no_wrap=True)
    table.add_column(label("col-lead", lang), ratio=1, overflow="fold")
    if progress:
        table.add_column(label("col-status", lang), no_wrap=True)
    for item in items:
        day = item.date.strftime("%m-%d") if item.date is not None else "—"
        if item.kind == "observance":
            cells: list[str | Text] = [
                day,
                Text(item.title, style="bold").append(f" ({label('observance', lang)})", style="default"),
                "",
                "",
                "",
            ]
            if progress:
                cells.append("")
        else:
            name = Text(item.ident, style="bold")
            if not item.mandatory:
                name.append("*", style="bold")
            name.append(f" {item.title}", style="default")
            required = f"{item.required} {item.measure.value}" if item.measure is not None else str(item.required)
            cells = [day, name, item.period_label, required, "、".join(item.lead) or "—"]
            if progress:
                cells.append(_status_text(item, lang))
        table.add_row(*cells)
    return table


def _undated_table(items: Sequence[CalendarItem], lang: str) -> Table:
    table = Table(show_edge=False, pad_edge=False, box=None, show_header=False)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for item in items:
        table.add_row(
            Text(item.title, style="bold"),
            f"{item.period_label}: {label('missing-date', lang)}",
            item.note or "",
        )
    return table


def render(items: Sequence[CalendarItem], *, first: date, last: date, width: int = 80, lang: str = "en") -> str:
    """The calendar as text, one section per month with items; undated observances (date None) at the end."""
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=width, force_terminal=False, no_color=True, highlight=False, legacy_windows=False, color_system=None
    )
    console.rule(label("heading", lang, first=first.isoformat(), last=last.isoformat()))
    dated = [item for item in items if item.date is not None]
    undated = [item for item in items if item.date is None]
    progress = any(item.status is not None for item in dated)
    months: dict[tuple[int, int], list[CalendarItem]] = {}
    for item in dated:
        assert item.date is not None
        months.setdefault((item.date.year, item.date.month), []).append(item)
    if not months:
        console.print(Text("  " + label("none", lang), style="dim"))
        console.print()
    for (year, month), rows in sorted(months.items()):
        console.print(Text(label("month", lang, year=year, month=month), style="bold underline"))
        console.print(_month_table(rows, lang, progress))
        console.print()
    if undated:
        console.print(Text(f"{label('undated-heading', lang)} ({len(undated)})", style="bold"))
        console.print(_undated_table(undated, lang))
        console.print()
    if any(item.kind == "due" and not item.mandatory for item in dated):
        console.print(Text(label("legend", lang), style="dim"))
    console.print(
        label(
            "totals",
            lang,
            due=sum(1 for item in dated if item.kind == "due"),
            observances=sum(1 for item in dated if item.kind == "observance"),
            undated=len(undated),
        )
    )
    return buffer.getvalue()
