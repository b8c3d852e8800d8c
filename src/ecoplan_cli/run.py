"""One `check` run, end to end: load the logs, merge units, evaluate, filter, and hand a report to a reporter."""

from __future__ import annotations

import gc
import importlib
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from ecoplan_cli.engine.evaluate import Finding, coming_due, evaluate
from ecoplan_cli.load.catalogue import Catalogue, PlanSource
from ecoplan_cli.load.catalogue import catalogue as load_catalogue
from ecoplan_cli.load.logs import load_log, load_logs
from ecoplan_cli.load.problems import InputError, Problem
from ecoplan_cli.load.units import merge
from ecoplan_cli.model import Plan
from ecoplan_cli.report.base import CheckReport, FindingStore, PlanLocation, Tally


@dataclass(frozen=True)
class Filters:
    requirements: frozenset[str] = frozenset()
    plans: frozenset[str] = frozenset()
    years: frozenset[int] = frozenset()
    leads: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()

    def keep(self, finding: Finding, plans: dict[str, Plan]) -> bool:
        if self.requirements and not {finding.requirement, f"{finding.plan}:{finding.requirement}"} & self.requirements:
            return False
        if self.plans and finding.plan not in self.plans:
            return False
        if self.years and finding.period_end.year not in self.years:
            return False
        if self.leads and not self.leads.intersection(finding.lead):
            return False
        return not self.statuses or finding.status.value in self.statuses


@dataclass(frozen=True)
class CheckOptions:
    files: tuple[str, ...]
    as_of: date
    within: timedelta = timedelta(days=30)
    strict: bool = False
    filters: Filters = field(default_factory=Filters)
    plan_files: tuple[str, ...] = ()
    jobs: int | None = None  # worker processes; None: ECOPLAN_JOBS, else one per core


@dataclass(frozen=True)
class CheckOutcome:
    report: CheckReport | None
    problems: list[Problem]
    failed: bool


@dataclass(frozen=True)
class FileOutcome:
    """One log file checked on its own: its unit, its findings (kept, packed), what they add up to, the user plans
    it named — or its problems."""

    path: str
    unit: tuple[str, str, str] | None  # (unit, region, level)
    packed: bytes = b""
    count: int = 0
    tally: Tally | None = None
    coming_due: tuple[Finding, ...] = ()
    plans: tuple[PlanSource, ...] = ()
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class _Job:
    catalogue: Catalogue
    as_of: date
    within: timedelta
    filters: Filters


_WORKER: _Job | None = None  # set before the worker processes fork


def _summarise(path: str, key: tuple[str, str, str], findings: list[Finding], job: _Job, plans: dict[str, Plan]) -> FileOutcome:
    """Filter one unit's findings, tally them and pack them: only this small outcome travels back to the parent."""
    kept = [f for f in findings if job.filters.keep(f, plans)]
    return FileOutcome(
        path,
        key,
        packed=FindingStore.pack(kept),
        count=len(kept),
        tally=Tally().add(kept),
        coming_due=tuple(coming_due(kept, job.as_of, job.within)),
    )


def _check_file(path: str) -> FileOutcome:
    assert _WORKER is not None
    job = _WORKER
    try:
        log, extended = load_log(path, job.catalogue)
    except InputError as error:
        return FileOutcome(path, None, problems=tuple(error.problems))
    units, _ = merge([log])
    added = tuple(source for key, source in extended.plans.items() if job.catalogue.plans.get(key) is not source)
    key = (log.log.unit, log.region.name, log.level.value)
    outcome = _summarise(path, key, evaluate(units[0].unit, job.as_of), job, log.plans)
    return replace(outcome, plans=added)


def jobs_for(files: int, requested: int | None = None) -> int:
    """Worker processes: ECOPLAN_JOBS or --jobs, else one per core; one for a handful of files."""
    if requested is None:
        requested = int(os.environ.get("ECOPLAN_JOBS", "0")) or (os.cpu_count() or 1)
    return max(1, min(requested, files // 4 or 1))


def _check_files(files: Sequence[str], job: _Job, jobs: int) -> list[FileOutcome]:
    """Each file checked on its own, in worker processes when there are several files and cores."""
    global _WORKER
    _WORKER = job
    gc.freeze()  # the catalogue lives as long as the run: keep it out of every collection (and copy-on-write pages)
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [_check_file(path) for path in files]
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(_check_file, files, chunksize=max(1, len(files) // (jobs * 8))))


def run_check(options: CheckOptions) -> CheckOutcome:
    """Files are checked one by one (in parallel where it pays); a unit whose log is split over several files is
    merged and checked again as one, which also finds an activity id repeated across its files. Findings stay packed
    per unit until a reporter reads them, so memory follows the largest unit, not the whole run."""
    try:
        catalogue = load_catalogue(options.plan_files)
    except InputError as error:
        return CheckOutcome(None, error.problems, True)
    job = _Job(catalogue, options.as_of, options.within, options.filters)
    outcomes = _check_files(options.files, job, jobs_for(len(options.files), options.jobs))
    problems = [problem for outcome in outcomes for problem in outcome.problems]
    if problems:
        return CheckOutcome(None, problems, True)
    sources = dict(catalogue.plans)
    for outcome in outcomes:
        sources.update({source.plan.id: source for source in outcome.plans})
    plans = {key: source.plan for key, source in sources.items()}
    by_unit: dict[tuple[str, str, str], list[FileOutcome]] = {}
    for outcome in outcomes:
        assert outcome.unit is not None
        by_unit.setdefault(outcome.unit, []).append(outcome)
    store, tally = FindingStore(), Tally()
    due: list[Finding] = []
    unit_files: dict[tuple[str, str], tuple[str, ...]] = {}
    for key, members in sorted(by_unit.items(), key=lambda item: (item[0][1], item[0][0], item[0][2])):
        unit_files[(key[0], key[1])] = tuple(member.path for member in members)
        if len(members) > 1:  # one unit, several files: merged and evaluated again as one
            logs, load_problems = load_logs([member.path for member in members], catalogue)
            units, merge_problems = merge(logs)
            if load_problems or merge_problems:
                return CheckOutcome(None, load_problems + merge_problems, True)
            members = [_summarise(members[0].path, key, evaluate(units[0].unit, options.as_of), job, plans)]
        store.add_packed(members[0].packed, members[0].count)
        assert members[0].tally is not None
        tally.merge(members[0].tally)
        due.extend(members[0].coming_due)
    report = CheckReport(
        as_of=options.as_of,
        findings=store,
        coming_due=tuple(sorted(due, key=lambda f: (f.due, *f.sort_key))),
        plans=plans,
        plan_locations={key: PlanLocation(s.display_path, s.requirement_lines) for key, s in sources.items()},
        unit_files=unit_files,
        within_days=options.within.days,
        tally=tally,
    )
    counts = tally.summary()
    return CheckOutcome(report, [], bool(counts["gap"] or (options.strict and counts["advisory"])))


REPORTERS = {"table": "table", "json": "json_report", "junit": "junit", "sarif": "sarif", "github": "github", "csv": "csv_report"}


def render_chunks(report: CheckReport, kind: str, *, width: int = 80, color: bool = False) -> Iterator[str]:
    """The report in pieces: reporters with a `chunks` function (a record per line) are written as they go, the
    others whole. Only the reporter asked for is imported."""
    module = importlib.import_module(f"ecoplan_cli.report.{REPORTERS[kind]}")
    if kind == "table":
        return iter([module.render(report, width=width, color=color)])
    chunks = getattr(module, "chunks", None)
    return chunks(report) if chunks is not None else iter([module.render(report)])


def render(report: CheckReport, kind: str, *, width: int = 80, color: bool = False) -> str:
    """The report in one format, whole."""
    return "".join(render_chunks(report, kind, width=width, color=color))
