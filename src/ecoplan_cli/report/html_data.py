"""The HTML report's content, prepared from a check result by pure functions; the template only lays it out.

Nothing here reads a file or writes markup (the charts are built by html_svg from numbers made here); every string
a log typed (titles, unit names, evidence) stays a plain string for the template to escape.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TypeVar

from ecoplan_cli.engine.evaluate import Finding, Status
from ecoplan_cli.messages import text
from ecoplan_cli.model import Level
from ecoplan_cli.model.ids import natural_key
from ecoplan_cli.report.base import CheckReport, required_text
from ecoplan_cli.report.html_final import FinalView, final_view
from ecoplan_cli.report.html_tally import Cell, Counts, Rate, ReqKey, UnitKey, section_of, worst_first

K = TypeVar("K")
GROUP_OPEN_LIMIT = 200  # at most this many units: every group of the matrix starts unfolded


@dataclass(frozen=True)
class ActivityInfo:
    """What the drill-down shows of an activity (read from the unit's logs): title, day and evidence."""

    title: str
    day: str
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class LogFile:
    path: str
    sha256: str
    unit: str


@dataclass(frozen=True)
class Uncounted:
    """An activity that counted toward nothing, with the reason (interface 1: CheckReport.uncounted)."""

    activity: str
    requirement: str
    message: str
    log_file: str


@dataclass(frozen=True)
class RateRow:
    label: str
    rate: Rate


@dataclass(frozen=True)
class Column:
    key: str  # plan:requirement
    ident: str
    title: str
    rate: Rate


@dataclass(frozen=True)
class MatrixCell:
    css: str  # g (all met), y (some), r (none), o (open), w (waived only), a (encouraged only), n (not asked)
    symbol: str
    label: str  # met/ended


@dataclass(frozen=True)
class MatrixRow:
    anchor: str
    unit: str
    region: str
    level: str
    rate: Rate
    cells: tuple[MatrixCell, ...]
    worst: str  # r / y / g / o / n: the worst cell, for the filter


@dataclass(frozen=True)
class Group:
    name: str
    rate: Rate
    rows: tuple[MatrixRow, ...]
    open: bool


@dataclass(frozen=True)
class ActivityRow:
    id: str
    title: str
    day: str
    links: tuple[str, ...]  # http(s) evidence: links
    texts: tuple[str, ...]  # any other evidence: shown as text, never a link


@dataclass(frozen=True)
class FindingRow:
    requirement: str
    title: str
    obligation: str
    period: str
    done: str
    due: str
    css: str
    status: str
    mandatory: bool
    activities: tuple[ActivityRow, ...]
    first: bool = True  # the first row of its requirement/obligation (the title is shown once)


@dataclass(frozen=True)
class UnitDetail:
    anchor: str
    unit: str
    region: str
    level: str
    rate: Rate
    files: tuple[str, ...]
    findings: tuple[FindingRow, ...]
    unmeasured: tuple[FindingRow, ...]  # unmeasured findings with activities
    unmeasured_silent: int
    uncounted: tuple[Uncounted, ...]


@dataclass(frozen=True)
class ReportData:
    lang: str
    as_of: str
    units: int
    requirements: int
    measured_requirements: int
    overall: Rate
    statuses: Mapping[str, int]
    by_plan: tuple[RateRow, ...]
    by_section: tuple[RateRow, ...]
    by_level: tuple[RateRow, ...]
    by_year: tuple[RateRow, ...]
    by_quarter: tuple[RateRow, ...]
    logs: tuple[LogFile, ...]
    columns: tuple[Column, ...]
    groups: tuple[Group, ...]
    grouped_by: str
    details: tuple[UnitDetail, ...]
    details_note: str
    final: FinalView | None
    fold_details: bool  # a large report starts with every unit's drill-down folded (a link opens it)


def anchor(unit: UnitKey) -> str:
    """A stable, markup-safe id for a unit's section (names are hand-typed: no raw text in an id)."""
    import hashlib

    return "u" + hashlib.sha1(f"{unit[1]}/{unit[0]}".encode()).hexdigest()[:12]


def _cell(cell: Cell | None) -> MatrixCell:
    if cell is None:
        return MatrixCell("n", "", "")
    rate = cell.mandatory
    if rate.ended:
        label = f"{rate.met}/{rate.ended}" + (f" ⊘{rate.waived}" if rate.waived else "")
        if rate.met == rate.ended:
            return MatrixCell("g", "✓", label)
        if rate.met:
            return MatrixCell("y", "△", label)
        return MatrixCell("r", "✗", label)
    if rate.open:
        return MatrixCell("o", "○", f"0/{rate.open}")
    if rate.waived:
        return MatrixCell("w", "⊘", str(rate.waived))
    advisory = cell.advisory
    if advisory.ended or advisory.open:
        return MatrixCell("a", "◇", f"{advisory.met}/{advisory.ended}")
    return MatrixCell("n", "", "")


_WORST = {"r": 0, "y": 1, "o": 2, "g": 3, "w": 4, "a": 5, "n": 6}


def columns(counts: Counts) -> list[ReqKey]:
    """The measured requirements, least done first (lowest completion rate; those with nothing ended last)."""

    def key(req: ReqKey) -> tuple[bool, float, str, object]:
        ratio = counts.by_requirement.get(req, Rate()).ratio
        return (ratio is None, ratio if ratio is not None else 0.0, req[0], natural_key(req[1]))

    return sorted((req for req, use in counts.requirements.items() if use.measured), key=key)


def _grouped(counts: Counts, cols: Sequence[ReqKey], group_of: Mapping[str, str]) -> list[Group]:
    order = worst_first(counts.units)
    groups: dict[str, list[MatrixRow]] = {}
    rates: dict[str, Rate] = {}
    for unit in order:
        row = counts.cells.get(unit, {})
        cells = tuple(_cell(row.get(req)) for req in cols)
        worst = min((c.css for c in cells), key=_WORST.__getitem__, default="n")
        rate = counts.units[unit]
        name = group_of.get(unit[1], "")
        groups.setdefault(name, []).append(
            MatrixRow(anchor(unit), unit[0], unit[1], text(f"level-{counts.unit_levels[unit]}"), rate, cells, worst)
        )
        total = rates.setdefault(name, Rate())
        total.met, total.gap, total.open = total.met + rate.met, total.gap + rate.gap, total.open + rate.open
        total.waived += rate.waived
    unfold = len(order) <= GROUP_OPEN_LIMIT
    result = [Group(name, rates[name], tuple(rows), unfold) for name, rows in groups.items()]
    result.sort(key=lambda g: (g.rate.ratio is None, g.rate.ratio or 0.0, g.name))
    return result


def _activity_rows(ids: Iterable[str], infos: Mapping[str, ActivityInfo]) -> tuple[ActivityRow, ...]:
    rows = []
    for ident in ids:
        info = infos.get(ident, ActivityInfo("", ""))
        links = tuple(e for e in info.evidence if e.lower().startswith(("http://", "https://")))
        rows.append(ActivityRow(ident, info.title, info.day, links, tuple(e for e in info.evidence if e not in links)))
    return tuple(rows)


_CSS = {Status.MET: "g", Status.GAP: "r", Status.OPEN: "o", Status.UNMEASURED: "n", Status.WAIVED: "w"}


def _finding_row(finding: Finding, infos: Mapping[str, ActivityInfo]) -> FindingRow:
    css = _CSS[finding.status] if finding.mandatory or finding.status is not Status.GAP else "a"
    period = f"{finding.period_label} {finding.subunit}" if finding.subunit else finding.period_label
    return FindingRow(
        requirement=finding.requirement,
        title=finding.title,
        obligation=finding.obligation,
        period=period,
        done=required_text(finding) if finding.required is not None else str(len(finding.activities)),
        due=finding.due.isoformat(),
        css=css,
        status=text(f"status-{finding.status.value}") + ("" if finding.mandatory else " *"),
        mandatory=finding.mandatory,
        activities=_activity_rows(finding.activities, infos),
    )


def _by_obligation(f: Finding) -> tuple[str, str, str, str, date]:
    return (f.plan, natural_key(f.requirement), f.obligation, f.subunit or "", f.period_start)


def _first_marked(rows: list[FindingRow]) -> list[FindingRow]:
    marked, previous = [], ("", "")
    for row in rows:
        ident = (row.requirement, row.obligation)
        marked.append(row if ident != previous else replace(row, first=False))
        previous = ident
    return marked


def unit_details(
    findings: Iterable[Finding],
    chosen: Sequence[UnitKey],
    counts: Counts,
    report: CheckReport,
    activities: Mapping[UnitKey, Mapping[str, ActivityInfo]],
    uncounted: Mapping[UnitKey, Sequence[Uncounted]],
) -> list[UnitDetail]:
    """The drill-down of the chosen units (in the order given): a second pass over the findings, keeping theirs."""
    wanted = set(chosen)
    kept: dict[UnitKey, list[Finding]] = {unit: [] for unit in chosen}
    for finding in findings:
        unit = (finding.unit, finding.region)
        if unit in wanted:
            kept[unit].append(finding)
    details = []
    for unit in chosen:
        infos = activities.get(unit, {})
        rows = sorted(kept[unit], key=_by_obligation)
        measured = _first_marked([_finding_row(f, infos) for f in rows if f.required is not None])
        unmeasured = _first_marked([_finding_row(f, infos) for f in rows if f.required is None and f.activities])
        details.append(
            UnitDetail(
                anchor=anchor(unit),
                unit=unit[0],
                region=unit[1],
                level=text(f"level-{counts.unit_levels[unit]}"),
                rate=counts.units[unit],
                files=report.unit_files.get(unit, ()),
                findings=tuple(measured),
                unmeasured=tuple(unmeasured),
                unmeasured_silent=sum(1 for f in rows if f.required is None and not f.activities),
                uncounted=tuple(uncounted.get(unit, ())),
            )
        )
    return details


def _rows(rates: Mapping[K, Rate], label: Callable[[K], str], order: Iterable[K]) -> tuple[RateRow, ...]:
    return tuple(RateRow(label(key), rates[key]) for key in order)


def sections(report: CheckReport) -> dict[ReqKey, str]:
    return {(plan.id, r.id): section_of(r.section) for plan in report.plans.values() for r in plan.requirements}


@dataclass(frozen=True)
class Inputs:
    """What the command gathered for the report besides the check result (I/O done before the pure part)."""

    logs: tuple[LogFile, ...] = ()
    activities: Mapping[UnitKey, Mapping[str, ActivityInfo]] = field(default_factory=dict)
    uncounted: Mapping[UnitKey, Sequence[Uncounted]] = field(default_factory=dict)  # references counted toward nothing
    group_of: Mapping[str, str] = field(default_factory=dict)  # region → group (province); empty: no groups
    grouped_by: str = ""
    details: Sequence[UnitKey] | None = None  # the units with a drill-down; None: all


def build(report: CheckReport, counts: Counts, inputs: Inputs, lang: str) -> ReportData:
    """The report's content. `counts` is `count(report.findings, sections(report))`; the drill-down reads the
    findings a second time, keeping only the chosen units'."""
    cols = columns(counts)
    order = worst_first(counts.units)
    chosen = list(inputs.details) if inputs.details is not None else order
    details = unit_details(report.findings, chosen, counts, report, inputs.activities, inputs.uncounted)
    note = "" if len(chosen) == len(order) else text("html-details-note", shown=len(chosen), units=len(order))
    plan_titles = {key: plan.title for key, plan in report.plans.items()}
    section_order = {key: index for index, key in enumerate(dict.fromkeys((p, sec) for (p, _), sec in sections(report).items()))}
    section_rows = tuple(
        RateRow(f"{key[0]} · {key[1]}" if len(counts.by_plan) > 1 else key[1], rate)
        for key, rate in sorted(counts.by_section.items(), key=lambda item: section_order.get(item[0], len(section_order)))
    )
    levels = [level.value for level in Level]
    level_order = sorted(counts.by_level, key=lambda key: levels.index(key))
    return ReportData(
        lang=lang,
        as_of=report.as_of.isoformat(),
        units=len(counts.units),
        requirements=len(counts.requirements),
        measured_requirements=len(cols),
        overall=counts.overall,
        statuses=dict(counts.statuses),
        by_plan=_rows(counts.by_plan, lambda key: f"{plan_titles.get(key, key)} ({key})", sorted(counts.by_plan)),
        by_section=section_rows,
        by_level=_rows(counts.by_level, lambda key: text(f"level-{key}"), level_order),
        by_year=_rows(counts.by_year, str, sorted(counts.by_year)),
        by_quarter=_rows(counts.by_quarter, lambda key: f"{key[0]}Q{key[1]}", sorted(counts.by_quarter)),
        logs=inputs.logs,
        columns=tuple(
            Column(f"{p}:{i}", i, counts.requirements[(p, i)].title, counts.by_requirement.get((p, i), Rate())) for p, i in cols
        ),
        groups=tuple(_grouped(counts, cols, inputs.group_of)),
        grouped_by=inputs.grouped_by,
        details=tuple(details),
        details_note=note,
        final=final_view(report, counts, cols) if _after_plan_period(report, counts) else None,
        fold_details=len(order) > GROUP_OPEN_LIMIT,
    )


def _after_plan_period(report: CheckReport, counts: Counts) -> bool:
    """The final evaluation is shown when the as-of date is after the period of every plan the findings come from."""
    used = [report.plans[key] for key in counts.by_plan if key in report.plans] or [
        report.plans[plan] for plan, _ in counts.requirements if plan in report.plans
    ]
    return bool(used) and all(report.as_of > plan.period.end for plan in used)
