"""--format table: the terminal report, grouped by unit and requirement — gaps, coming due, advice, met, unmeasured."""

from __future__ import annotations

import io
from collections import defaultdict
from itertools import groupby

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ecoplan_cli.engine.accounting import NotCounted, is_idle
from ecoplan_cli.engine.evaluate import Finding, Status
from ecoplan_cli.messages import text
from ecoplan_cli.report.base import CheckReport, required_text, summary
from ecoplan_cli.report.event_text import event_detail
from ecoplan_cli.report.json_report import region_matrix


def _findings_table(rows: list[Finding], *, due_column: bool = True) -> Table:
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    table.add_column(text("col-requirement"), ratio=1, overflow="fold")
    table.add_column(text("col-period"), no_wrap=True)
    table.add_column(text("col-done"), justify="right", no_wrap=True)
    if due_column:
        table.add_column(text("col-due"), no_wrap=True)
    previous = None
    for finding in rows:
        ident = f"{finding.requirement}/{finding.obligation}"
        label = Text(ident if ident != previous else "", style="bold")
        if ident != previous:
            label.append(f" {finding.title}", style="default")
            if finding.via:
                label.append(" (" + text("via", ids=", ".join(finding.via)) + ")", style="default")
        previous = ident
        period = f"{finding.period_label} {finding.subunit}" if finding.subunit else finding.period_label
        note = exception_note(finding)
        if note:
            label.append(f" ({note})", style="italic")
        cells: list[Text | str] = [label, period, required_text(finding)]
        if due_column:
            cells.append(finding.due.isoformat())
        table.add_row(*cells)
    return table


def _event_notes(console: Console, rows: list[Finding]) -> None:
    """Under a table, how each window that runs from an event stands (10 days before; the rule is 15 …)."""
    for finding in rows:
        detail = event_detail(finding)
        if detail is not None:
            console.print(Text(f"  ↳ {finding.requirement}/{finding.obligation} {finding.event}: {detail}", style="dim"))


def exception_note(finding: Finding) -> str:
    """What an exception did to a finding shown among gaps or due items: extended, or expired (loudly)."""
    waiver = finding.exception
    if waiver is None:
        return ""
    if not waiver.live:
        return text("exception-expired-note", id=waiver.id, expires=waiver.expires)
    if waiver.kind == "extend":
        return text("exception-extended-note", id=waiver.id, due=finding.due.isoformat(), document=waiver.document)
    return ""


def _waived_table(rows: list[Finding]) -> Table:
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    table.add_column(text("col-requirement"), ratio=1, overflow="fold")
    table.add_column(text("col-period"), no_wrap=True)
    table.add_column(text("col-done"), justify="right", no_wrap=True)
    table.add_column(text("col-exception"), ratio=1, overflow="fold")
    for finding in rows:
        waiver = finding.exception
        assert waiver is not None
        label = Text(f"{finding.requirement}/{finding.obligation}", style="bold").append(f" {finding.title}", style="default")
        period = f"{finding.period_label} {finding.subunit}" if finding.subunit else finding.period_label
        reason = f"{waiver.id} · {waiver.kind} · {waiver.document} · {waiver.justification}"
        table.add_row(label, period, required_text(finding), reason)
    return table


def _met_table(rows: list[Finding]) -> Table:
    """Only what was met: per obligation, the periods met (the section's count is the number of periods)."""
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    table.add_column(text("col-requirement"), ratio=1, overflow="fold")
    table.add_column(text("col-met"), justify="right", no_wrap=True)
    counted: dict[str, list[Finding]] = defaultdict(list)
    for finding in rows:
        counted[f"{finding.requirement}/{finding.obligation}"].append(finding)
    for ident, group in counted.items():
        label = Text(ident, style="bold").append(f" {group[0].title}", style="default")
        via = sorted({name for f in group for name in f.via})
        if via:
            label.append(" (" + text("via", ids=", ".join(via)) + ")", style="default")
        table.add_row(label, str(len(group)))
    return table


def _idle(console: Console, rows: list[Finding]) -> None:
    """Advisory: a duty with a period (每年一批, 双月开放) and nothing recorded in a whole period that has ended."""
    console.print(Text(f"{text('section-idle')} ({len(rows)})", style="bold"))
    if not rows:
        console.print(Text("  " + text("none"), style="dim"))
        console.print()
        return
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    table.add_column(text("col-requirement"), ratio=1, overflow="fold")
    table.add_column(text("col-period"), overflow="fold")
    periods: dict[str, list[Finding]] = defaultdict(list)
    for finding in rows:
        periods[f"{finding.requirement}/{finding.obligation}"].append(finding)
    for ident, group in periods.items():
        label = Text(ident, style="bold").append(f" {group[0].title}", style="default")
        table.add_row(label, " ".join(f.period_label for f in group))
    console.print(table)
    console.print()


def _unmeasured(console: Console, rows: list[Finding]) -> None:
    """Requirements with no number: those with recorded activities by year, then the others in one line."""
    per_requirement: dict[str, list[Finding]] = defaultdict(list)
    for finding in rows:
        per_requirement[finding.requirement].append(finding)
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    table.add_column(text("col-requirement"), ratio=1, overflow="fold")
    table.add_column(text("col-activities"))
    silent = []
    for requirement, group in per_requirement.items():
        years: dict[str, set[str]] = defaultdict(set)
        for finding in group:
            years[finding.period_label].update(finding.activities)
        counts = " ".join(f"{year}:{len(ids)}" for year, ids in sorted(years.items()) if ids)
        if counts:
            table.add_row(Text(requirement, style="bold").append(f" {group[0].title}", style="default"), counts)
        else:
            silent.append(requirement)
    if table.row_count:
        console.print(table)
    if silent:
        console.print(Text(text("unmeasured-silent", count=len(silent), ids=", ".join(silent)), style="dim"))


def _uncounted_section(console: Console, entries: list[NotCounted]) -> None:
    """Activities (by reference) that count toward nothing, each with why and what to do."""
    console.print(Text(f"{text('section-uncounted')} ({len(entries)})", style="bold"))
    if not entries:
        console.print(Text("  " + text("none"), style="dim"))
        console.print()
        return
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    table.add_column(text("col-activity"), no_wrap=True)
    table.add_column(text("col-reason"), ratio=1, overflow="fold")
    for entry in entries:
        table.add_row(Text(entry.activity, style="bold"), Text(f"{entry.message} [{entry.reason}]"))
    console.print(table)
    console.print()


def _unit_section(console: Console, report: CheckReport, findings: list[Finding]) -> int:
    """One unit's sections; returns how many idle periods it called out (for the totals line)."""
    first = findings[0]
    console.rule(
        text(
            "report-heading",
            region=first.region,
            unit=first.unit,
            level=text(f"level-{first.level.value}"),
            as_of=report.as_of.isoformat(),
        )
    )
    gaps = [f for f in findings if f.status is Status.GAP and f.mandatory]
    advice = [f for f in findings if f.status is Status.GAP and not f.mandatory]
    due = [f for f in report.coming_due if f.unit == first.unit and f.region == first.region]
    running = [f for f in findings if f.status is Status.OPEN]
    met = [f for f in findings if f.status is Status.MET]
    unmeasured = [f for f in findings if f.status is Status.UNMEASURED]
    for title, rows in (
        (text("section-gaps"), gaps),
        (text("section-due", days=report.within_days), due),
        (text("section-open"), running),
        (text("section-advice"), advice),
    ):
        console.print(Text(f"{title} ({len(rows)})", style="bold"))
        console.print(_findings_table(rows) if rows else Text("  " + text("none"), style="dim"))
        _event_notes(console, rows)
        console.print()
    waived = [f for f in findings if f.status is Status.WAIVED]
    if waived:
        console.print(Text(f"{text('section-waived')} ({len(waived)})", style="bold"))
        console.print(_waived_table(waived))
        console.print()
    console.print(Text(f"{text('section-met')} ({len(met)})", style="bold"))
    console.print(_met_table(met) if met else Text("  " + text("none"), style="dim"))
    console.print()
    console.print(Text(f"{text('section-unmeasured')} ({len(unmeasured)})", style="bold"))
    if unmeasured:
        _unmeasured(console, unmeasured)
    else:
        console.print(Text("  " + text("none"), style="dim"))
    console.print()
    idle = [f for f in unmeasured if is_idle(f, report.as_of)]
    _idle(console, idle)
    _uncounted_section(console, [e for e in report.uncounted if (e.unit, e.region) == (first.unit, first.region)])
    return len(idle)


def _console(buffer: io.StringIO, width: int, color: bool) -> Console:
    return Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        legacy_windows=False,
        color_system="standard" if color else None,
    )


def unit_block(report: CheckReport, width: int, color: bool) -> str:
    """One unit's sections, rendered in the worker that checked it (its report holds that unit alone); render()
    writes the blocks in unit order. A unit whose findings the filters all left out has none."""
    findings = list(report.findings)
    if not findings:
        return ""
    buffer = io.StringIO()
    _unit_section(_console(buffer, width, color), report, findings)
    return buffer.getvalue()


def render(report: CheckReport, width: int = 80, color: bool = False) -> str:
    buffer = io.StringIO()
    console = _console(buffer, width, color)
    units = idle = 0
    blocks = report.rendered.get("table") if report.table_style == (width, color) else None
    if blocks is not None:  # each unit's sections, rendered where it was checked
        for block in blocks:
            buffer.write(block)
            units += 1
        idle = report.totals().idle
    else:
        for _, unit in groupby(report.findings, key=lambda finding: (finding.region, finding.unit)):
            idle += _unit_section(console, report, list(unit))  # one unit's findings at a time
            units += 1
    if units > 1:
        _regions_section(console, report)
    counts = summary(report)
    extra = text("totals-extra", idle=idle, uncounted=len(report.uncounted))
    console.print(text("totals", **counts) + " · " + extra)
    tally = report.totals()
    if tally.exceptions:
        console.print(text("exceptions-totals", **{k: tally.exceptions.get(k, 0) for k in ("waived", "extended", "expired")}))
    for item in report.expiring:
        console.print(Text(text("exception-expiring", id=item.entry.id, expires=str(item.entry.expires), file=item.source)))
    if report.baseline:
        states = ("new", "unchanged", "updated", "fixed", "absent")
        console.print(text("baseline-totals", **{k: tally.baseline.get(k, 0) for k in states}))
    if report.fail_on_new:
        new = tally.baseline.get("new-gap", 0)
        verdict = text("verdict-fail-new", count=new) if new else text("verdict-pass-new", count=counts["gap"])
        failing = bool(new)
    else:
        verdict = text("verdict-fail", count=counts["gap"]) if counts["gap"] else text("verdict-pass")
        failing = bool(counts["gap"])
    console.print(Text(verdict, style="bold red" if failing else "bold green"))
    return buffer.getvalue()


def _regions_section(console: Console, report: CheckReport) -> None:
    matrix = region_matrix(report)
    console.rule(text("regions-heading"))
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    table.add_column("")
    for status in ("gap", "open", "met"):
        table.add_column(text(f"status-{status}"), overflow="fold")
    for region, row in matrix.items():
        cells = [", ".join(k.split(":", 1)[1] for k, v in row.items() if v == status) or "—" for status in ("gap", "open", "met")]
        table.add_row(region, *cells)
    console.print(table)
    console.print()
