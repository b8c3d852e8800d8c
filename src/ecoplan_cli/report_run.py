"""One `report` run: the check (run.run_check, unchanged), then what only the HTML page needs — the hashes of the
logs, and the titles, days and evidence of the activities of the units it details (their log files read again,
only theirs: `check` itself never carries them) — then the page."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ecoplan_cli.load.catalogue import Catalogue
from ecoplan_cli.load.catalogue import catalogue as load_catalogue
from ecoplan_cli.load.logs import load_log
from ecoplan_cli.load.problems import InputError, Problem
from ecoplan_cli.messages import text
from ecoplan_cli.report.base import CheckReport
from ecoplan_cli.report.html_data import ActivityInfo, Inputs, LogFile, Uncounted, build, sections
from ecoplan_cli.report.html_tally import Counts, UnitKey, count, worst_first
from ecoplan_cli.run import CheckOptions, run_check

GROUP_FROM = 60  # more units than this: the matrix is folded by region (or by province, when they span several)


@dataclass(frozen=True)
class ReportOutcome:
    html: Iterable[str]  # the page in pieces, produced as they are written
    units: int
    problems: list[Problem]


def sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def activity_infos(files: Sequence[str], catalogue: Catalogue) -> dict[str, ActivityInfo]:
    """The activities of one unit's log files: id → title, day, evidence (the files passed `check` moments ago)."""
    infos: dict[str, ActivityInfo] = {}
    for path in files:
        loaded, _ = load_log(path, catalogue)
        for activity in loaded.log.activities:
            day = activity.counted_on.isoformat() if activity.date is not None else f"{activity.start}–{activity.end}"
            infos[activity.id] = ActivityInfo(activity.title, day, tuple(activity.evidence))
    return infos


def province_of(name: str, catalogue: Catalogue, plans: tuple[str, ...]) -> str:
    """The province a region lies in: the head of its registry path (河北省/石家庄市/长安区 → 河北省), or, for a region a
    plan declares, the province-level ancestor among the plan's regions; the name itself when neither is known."""
    region = catalogue.region(name, plans)
    if region is not None and region.path:
        return region.path.split("/", 1)[0]
    seen: set[str] = set()
    while region is not None and region.level.value != "province" and region.parent and region.name not in seen:
        seen.add(region.name)
        region = catalogue.region(region.parent, plans)
    return region.name if region is not None and region.level.value == "province" else name


def groups(report: CheckReport, catalogue: Catalogue, units: int) -> tuple[dict[str, str], str]:
    """Region → group: the province when the units span several, else the region itself; none for a small report."""
    regions = sorted({region for _, region in report.unit_files})
    plans = tuple(report.plans)
    provinces = {name: province_of(name, catalogue, plans) for name in regions}
    if 1 < len(set(provinces.values())) < len(regions):
        return provinces, text("html-group-province")
    if units > GROUP_FROM:
        return {name: name for name in regions}, text("html-group-region")
    return {}, ""


def uncounted_of(report: CheckReport, units: Iterable[UnitKey]) -> dict[UnitKey, list[Uncounted]]:
    """The references counted toward nothing (CheckReport.uncounted) of the given units, with their reasons in words."""
    wanted = set(units)
    result: dict[UnitKey, list[Uncounted]] = {}
    for item in report.uncounted:
        if (item.unit, item.region) not in wanted:
            continue
        result.setdefault((item.unit, item.region), []).append(
            Uncounted(item.activity, item.requirement, item.message, item.log_file)
        )
    return result


def run_report(options: CheckOptions, *, details: int | None, lang: str, default_details: int = 60) -> ReportOutcome:
    """Check, then build the page: `details` units (worst first) get a drill-down; None: all of them when there are
    at most `default_details`, else that many."""
    from ecoplan_cli.report.html import chunks

    outcome = run_check(options)
    if outcome.problems or outcome.report is None:
        return ReportOutcome("", 0, outcome.problems)
    report = outcome.report
    counts: Counts = count(report.findings, sections(report))
    order = worst_first(counts.units)
    chosen = order[: default_details if details is None else details]
    try:
        catalogue = load_catalogue(options.plan_files)
        activities: Mapping[UnitKey, Mapping[str, ActivityInfo]] = {
            unit: activity_infos(report.unit_files.get(unit, ()), catalogue) for unit in chosen
        }
    except InputError as error:  # a log changed between the check and now
        return ReportOutcome("", 0, error.problems)
    unit_of = {path: unit for (unit, _), paths in report.unit_files.items() for path in paths}
    logs = tuple(LogFile(path, sha256_of(path), unit_of.get(path, "")) for path in sorted(unit_of))
    group_of, grouped_by = groups(report, catalogue, len(order))
    inputs = Inputs(logs, activities, uncounted_of(report, chosen), group_of, grouped_by, chosen)
    return ReportOutcome(chunks(build(report, counts, inputs, lang)), len(order), [])
