"""One `check` run, end to end: load the logs, merge units, evaluate, filter, and hand a report to a reporter."""

from __future__ import annotations

import gc
import importlib
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from ecoplan_cli.engine.accounting import NotCounted, account, is_idle
from ecoplan_cli.engine.baseline import Previous, absent, compare, finding_identity
from ecoplan_cli.engine.evaluate import Finding, Status, coming_due, evaluate
from ecoplan_cli.engine.exceptions import SourcedException, apply_exceptions, counted_by_extensions, expiring
from ecoplan_cli.filters import described, filter_errors
from ecoplan_cli.load.catalogue import Catalogue, PlanSource, bundled
from ecoplan_cli.load.catalogue import catalogue as load_catalogue
from ecoplan_cli.load.exceptions import load_baseline, load_exceptions, relative_to
from ecoplan_cli.load.log_lines import log_lines
from ecoplan_cli.load.logs import LoadedLog, load_log, load_logs
from ecoplan_cli.load.problems import InputError, Problem
from ecoplan_cli.load.units import UnitSource, merge
from ecoplan_cli.messages import text
from ecoplan_cli.model import Plan
from ecoplan_cli.report.base import CheckReport, FindingStore, LogLines, PlanLocation, RenderedBlocks, Tally


@dataclass(frozen=True)
class Filters:
    """The --requirement, --plan, --year, --lead and --status filters: empty keeps everything."""

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

    def keep_uncounted(self, entry: NotCounted) -> bool:
        """A not-counted reference is shown unless a requirement filter leaves its requirement out."""
        if not self.requirements:
            return True
        requirement = entry.requirement.partition("/")[0]
        return any(wanted.rpartition(":")[2] == requirement for wanted in self.requirements)


@dataclass(frozen=True)
class CheckOptions:
    """What a check run is asked to do (the command's options, read)."""

    files: tuple[str, ...]
    as_of: date
    within: timedelta = timedelta(days=30)
    strict: bool = False
    filters: Filters = field(default_factory=Filters)
    plan_files: tuple[str, ...] = ()
    jobs: int | None = None  # worker processes; None: ECOPLAN_JOBS, else one per core
    exceptions: tuple[str, ...] = ()  # exceptions files given on the command line (logs may name more)
    use_exceptions: bool = True  # False: --no-exceptions, the run as if no exception existed
    baseline: str | None = None  # an earlier JSON report to compare with
    fail_on_new: bool = False  # --fail-on new: fail only on mandatory gaps the baseline did not have
    positions: bool = False  # find the log lines that explain gaps (SARIF, GitHub annotations need them)
    formats: tuple[str, ...] = ()  # the reports that will be rendered: those that can are rendered in the workers
    table_style: tuple[int, bool] | None = None  # the table on stdout: (width, colour), its units rendered in the workers


@dataclass(frozen=True)
class CheckOutcome:
    """A check run's result: a report, or the problems (or usage errors) that kept it from one."""

    report: CheckReport | None
    problems: list[Problem]
    failed: bool
    usage: tuple[tuple[str, str], ...] = ()  # (option, message): a filter naming nothing, no log file (exit 2)
    note: str = ""  # said on stderr: the filters matched no finding


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
    exceptions: tuple[SourcedException, ...] = ()  # those the log names (for the expiring list)
    uncounted: tuple[NotCounted, ...] = ()
    lines: LogLines = field(default_factory=LogLines)
    rendered: Mapping[str, bytes] = field(default_factory=dict)  # reporter kind → this unit's findings, as written (packed)


@dataclass(frozen=True)
class _Job:
    """What every file's check needs, shared with the worker processes."""

    catalogue: Catalogue
    as_of: date
    within: timedelta
    filters: Filters
    exceptions: tuple[SourcedException, ...] = ()  # from the command line: they apply to every unit
    use_exceptions: bool = True
    baseline: Mapping[str, Previous] | None = None
    positions: bool = False
    rendered: tuple[str, ...] = ()  # reporter kinds whose findings the workers render (each has a finding_block)
    keep_findings: bool = True  # False: every report asked for is rendered in the workers; findings are not packed
    table_style: tuple[int, bool] | None = None  # the table's (width, colour) when the workers render its units


_WORKER: _Job | None = None  # set before the worker processes fork


def _lines(logs: Sequence[LoadedLog], findings: Sequence[Finding], uncounted: Sequence[str] = ()) -> LogLines:
    """The lines that explain the gaps (the last activity counted, else `region:`) and the activities counted toward
    nothing, found only for logs that have either."""
    gaps = [f for f in findings if f.status is Status.GAP]
    if not gaps and not uncounted:
        return LogLines()
    wanted = {f.activities[-1] for f in gaps if f.activities} | set(uncounted)
    activities: dict[str, tuple[str, int]] = {}
    regions: dict[str, int] = {}
    for log in logs:
        found, regions[log.path] = log_lines(log, wanted - activities.keys())
        activities.update({ident: (log.path, line) for ident, line in found.items()})
    return LogLines(activities, regions)


def _summarise(
    path: str,
    key: tuple[str, str, str],
    source: UnitSource,
    job: _Job,
    plans: dict[str, Plan],
    named: Sequence[SourcedException],
    logs: Sequence[LoadedLog] = (),
    paths: tuple[str, ...] = (),
) -> FileOutcome:
    """Evaluate one unit, apply its exceptions and the baseline, filter, tally and pack (or render) the findings, and
    account for every activity that counts toward nothing: only this small outcome travels back to the parent."""
    unit = source.unit
    findings = evaluate(unit, job.as_of)
    if job.use_exceptions:
        findings = apply_exceptions(findings, unit, (*job.exceptions, *named), job.as_of)
    if job.baseline is not None:
        findings = compare(findings, job.baseline)
    kept = [f for f in findings if job.filters.keep(f, plans)]
    files = source.activity_files or {a.id: path for a in source.unit.activities}
    uncounted = [e for e in account(source.unit, job.as_of, files=files) if job.filters.keep_uncounted(e)]
    if job.use_exceptions:
        uncounted = counted_by_extensions(uncounted, findings)
    lines = _lines(logs, kept, [e.activity for e in uncounted]) if job.positions else LogLines()
    due = tuple(sorted(coming_due(kept, job.as_of, job.within), key=lambda f: (f.due, *f.sort_key)))  # as the report's
    uncounted = sorted(uncounted, key=lambda entry: entry.sort_key)
    tally = Tally().add(kept)
    if job.table_style is not None:  # the table's totals line, its units' sections being rendered here
        tally.idle = sum(1 for f in kept if f.status is Status.UNMEASURED and is_idle(f, job.as_of))
    report = CheckReport(job.as_of, kept, due, plans, {}, {(key[0], key[1]): paths or (path,)}, within_days=job.within.days,
                         uncounted=tuple(uncounted), log_lines={(key[0], key[1]): lines})  # fmt: skip
    return FileOutcome(
        path,
        key,
        packed=FindingStore.pack(kept) if job.keep_findings else b"",
        count=len(kept),
        tally=tally,
        coming_due=due,
        uncounted=tuple(uncounted),
        lines=lines,
        rendered=_rendered(job, report),
    )


def _rendered(job: _Job, unit_report: CheckReport) -> dict[str, bytes]:
    """The unit's part of each report the workers render (its findings; the table: its whole section)."""
    rendered: dict[str, bytes] = {}
    for kind in job.rendered:
        module = importlib.import_module(f"ecoplan_cli.report.{REPORTERS[kind]}")
        if kind == "table":
            assert job.table_style is not None
            block = module.unit_block(unit_report, *job.table_style)
        else:
            block = module.finding_block(unit_report)
        rendered[kind] = RenderedBlocks.pack(block)
    return rendered


def _check_file(path: str) -> FileOutcome:
    assert _WORKER is not None
    job = _WORKER
    try:
        log, extended = load_log(path, job.catalogue)
    except InputError as error:
        return FileOutcome(path, None, problems=tuple(error.problems))
    try:
        named = _named_exceptions([log]) if job.use_exceptions else ()
    except InputError as error:
        return FileOutcome(path, None, problems=tuple(error.problems))
    units, _ = merge([log])
    added = tuple(source for key, source in extended.plans.items() if job.catalogue.plans.get(key) is not source)
    key = (log.log.unit, units[0].unit.region, log.level.value)  # the region as reports name it (a path if shared)
    outcome = _summarise(path, key, units[0], job, log.plans, named, [log])
    return replace(outcome, plans=added, exceptions=named)


def _named_exceptions(logs: Sequence[LoadedLog]) -> tuple[SourcedException, ...]:
    """The exceptions files the logs name (relative to each log), read once each; raises InputError."""
    files = dict.fromkeys(relative_to(log.path, entry) for log in logs for entry in log.log.exceptions)
    return _read_exceptions(tuple(files))


def _read_exceptions(files: Sequence[str]) -> tuple[SourcedException, ...]:
    """Every entry of every file, in order; every problem of every file at once."""
    found: list[SourcedException] = []
    problems: list[Problem] = []
    for file in files:
        try:
            loaded = load_exceptions(file)
        except InputError as error:
            problems.extend(error.problems)
            continue
        found.extend(SourcedException(entry, file) for entry in loaded.entries)
    if problems:
        raise InputError(problems)
    return tuple(found)


def _plan_location(source: PlanSource) -> PlanLocation:
    """Where a plan's requirements are written, and whether the file ships with ecoplan or is the user's."""
    shipped = bundled().plans.get(source.plan.id) is source
    return PlanLocation(source.display_path, source.requirement_lines, file=source.path, bundled=shipped)


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
    if jobs <= 1:
        return [_check_file(path) for path in files]
    import multiprocessing  # only a run of several files on several cores starts workers
    from concurrent.futures import ProcessPoolExecutor

    if "fork" not in multiprocessing.get_all_start_methods():
        return [_check_file(path) for path in files]
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(_check_file, files, chunksize=max(1, len(files) // (jobs * 8))))


def run_check(options: CheckOptions) -> CheckOutcome:
    """Files are checked one by one (in parallel where it pays); a unit whose log is split over several files is
    merged and checked again as one, which also finds an activity id repeated across its files. Findings stay packed
    per unit until a reporter reads them, so memory follows the largest unit, not the whole run."""
    if not options.files:
        return CheckOutcome(None, [], True, usage=(("FILES", text("no-log-files")),))
    try:
        catalogue = load_catalogue(options.plan_files)
        given = _read_exceptions(options.exceptions) if options.use_exceptions else ()
        baseline = None
        if options.baseline is not None:
            baseline = {key: Previous(*value) for key, value in load_baseline(options.baseline).items()}
    except InputError as error:
        return CheckOutcome(None, error.problems, True)
    rendered = tuple(dict.fromkeys(kind for kind in options.formats if kind in RENDERED_IN_WORKERS))
    if options.table_style is not None:
        rendered += ("table",)  # the parent keeps the findings: a table of another width, or a shared unit name
    keep = baseline is not None or not options.formats or any(kind not in RENDERED_IN_WORKERS for kind in options.formats)
    job = _Job(
        catalogue, options.as_of, options.within, options.filters, given, options.use_exceptions, baseline,
        options.positions, rendered, keep, options.table_style,
    )  # fmt: skip
    outcomes = _check_files(options.files, job, jobs_for(len(options.files), options.jobs))
    problems = [problem for outcome in outcomes for problem in outcome.problems]
    if problems:
        return CheckOutcome(None, problems, True)
    sources = dict(catalogue.plans)
    for outcome in outcomes:
        sources.update({source.plan.id: source for source in outcome.plans})
    plans = {key: source.plan for key, source in sources.items()}
    wanted = options.filters
    errors = filter_errors(plans, requirements=wanted.requirements, plan_ids=wanted.plans, leads=wanted.leads, years=wanted.years)
    if errors:
        return CheckOutcome(None, [], True, usage=tuple(errors))
    by_unit: dict[tuple[str, str, str], list[FileOutcome]] = {}
    for outcome in outcomes:
        assert outcome.unit is not None
        by_unit.setdefault(outcome.unit, []).append(outcome)
    store, tally = FindingStore(kept=keep), Tally()
    blocks: dict[str, list[bytes]] = {kind: [] for kind in rendered}
    due: list[Finding] = []
    uncounted: list[NotCounted] = []
    unit_files: dict[tuple[str, str], tuple[str, ...]] = {}
    lines: dict[tuple[str, str], LogLines] = {}
    shown_as: list[tuple[str, str]] = []  # (unit, region) of each unit, in order
    for key, members in sorted(by_unit.items(), key=lambda item: (item[0][1], item[0][0], item[0][2])):
        unit_files[(key[0], key[1])] = tuple(member.path for member in members)
        if len(members) > 1:  # one unit, several files: merged and evaluated again as one
            logs, load_problems = load_logs([member.path for member in members], catalogue)
            units, merge_problems = merge(logs)
            if load_problems or merge_problems:
                return CheckOutcome(None, load_problems + merge_problems, True)
            named = tuple(dict.fromkeys(e for member in members for e in member.exceptions))
            paths = tuple(member.path for member in members)
            members = [_summarise(members[0].path, key, units[0], job, plans, named, logs, paths)]
        lines[(key[0], key[1])] = members[0].lines
        store.add_packed(members[0].packed, members[0].count)
        for kind, block in members[0].rendered.items():
            blocks[kind].append(block)
        assert members[0].tally is not None
        tally.merge(members[0].tally)
        shown_as.append((key[0], key[1]))
        due.extend(members[0].coming_due)
        uncounted.extend(members[0].uncounted)
    # The table groups findings by (unit, region): two units told apart only by their level make one section there.
    units_apart = len(set(shown_as)) == len(shown_as)
    every_exception = tuple(dict.fromkeys((*given, *(e for outcome in outcomes for e in outcome.exceptions))))
    gone: tuple[str, ...] = ()
    if baseline is not None:
        gone = tuple(absent((finding_identity(f) for f in store), baseline))
        tally.baseline["absent"] = len(gone)
    report = CheckReport(
        as_of=options.as_of,
        findings=store,
        coming_due=tuple(sorted(due, key=lambda f: (f.due, *f.sort_key))),
        plans=plans,
        plan_locations={key: _plan_location(s) for key, s in sources.items()},
        unit_files=unit_files,
        within_days=options.within.days,
        tally=tally,
        expiring=tuple(expiring(every_exception, options.as_of, options.within)) if options.use_exceptions else (),
        absent=gone,
        baseline=baseline is not None,
        fail_on_new=options.fail_on_new,
        uncounted=tuple(sorted(uncounted, key=lambda entry: entry.sort_key)),
        log_lines=lines,
        rendered={kind: RenderedBlocks(found) for kind, found in blocks.items() if kind != "table" or units_apart},
        table_style=options.table_style if units_apart else None,
    )
    counts = tally.summary()
    gaps = tally.baseline["new-gap"] if options.fail_on_new else counts["gap"]
    note = ""
    if wanted != Filters() and not sum(tally.counts.values()):
        f = wanted
        note = text("filter-matches-nothing", filters=described(f.requirements, f.plans, f.leads, f.years, f.statuses))
    return CheckOutcome(report, [], bool(gaps or (options.strict and counts["advisory"])), note=note)


REPORTERS = {"table": "table", "json": "json_report", "junit": "junit", "sarif": "sarif", "github": "github", "csv": "csv_report"}
# Reporters that write each finding from the finding and its unit alone: the workers render their findings (in
# parallel, and nothing is pickled back but text); their module has finding_block(unit_report) -> str.
RENDERED_IN_WORKERS = frozenset({"json", "csv"})  # and the table on stdout: its units' sections (CheckOptions.table_style)
BINARY_REPORTERS = {"xlsx": "xlsx"}  # written to a file only (--output xlsx:督办.xlsx)


def render_bytes(report: CheckReport, kind: str) -> bytes:
    """A binary report (a workbook), whole."""
    module = importlib.import_module(f"ecoplan_cli.report.{BINARY_REPORTERS[kind]}")
    rendered: bytes = module.render(report)
    return rendered


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
