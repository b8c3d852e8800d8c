"""Activity logs: read, validate against the schema, then check every reference against the catalogue.

The strict reader (yaml-rs) decides what is YAML (strict_yaml). Positions for a message about a file it accepted —
a schema error, a wrong reference, a warning — come from a lazy text scan (LineIndex), never from a second parse;
ruamel.yaml reads only files the pre-scan flags (to refuse anchors, tags … with a position) and locates the
problems of files yaml-rs refuses.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path as FsPath

from ecoplan_cli.load import strict_yaml
from ecoplan_cli.load.catalogue import Catalogue, load_plan_file
from ecoplan_cli.load.line_index import LineIndex, activity_lines, header_lines
from ecoplan_cli.load.problems import InputError, Problem, Severity
from ecoplan_cli.load.raw_references import reference_problems
from ecoplan_cli.load.validation import dotted, validate
from ecoplan_cli.load.yaml_source import Document, Path, decode, read_bytes
from ecoplan_cli.messages import did_you_mean, text
from ecoplan_cli.model import Activity, ActivityLog, Level, Plan, Region
from ecoplan_cli.model.references import ReferenceError_, Target, resolve


@dataclass(frozen=True)
class LoadedLog:
    """A valid log, its region and level, and what each activity's references resolved to."""

    path: str
    log: ActivityLog
    region: Region
    level: Level
    plans: dict[str, Plan]
    targets: dict[str, tuple[Target, ...]]
    warnings: tuple[Problem, ...] = ()
    # activity id → references to a plan the log does not list, with that plan (counted toward nothing; validate: error)
    foreign: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    sheet: str | None = None  # a spreadsheet log: the sheet read ("" for CSV), problems name cells
    rows: tuple[int, ...] = ()  # a spreadsheet log: the row of each activity
    # activity id -> the line its item starts on; top-level key -> its line (from a text scan, computed on first use)
    activity_lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)
    header_lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)

    def activity_line(self, activity_id: str) -> int:
        """The line (a spreadsheet's row) an activity starts on (1 if unknown); never a second parse."""
        if self.sheet is not None:
            ids = [activity.id for activity in self.log.activities]
            return self.rows[ids.index(activity_id)] if activity_id in ids else 1
        return self.activity_lines.get(activity_id, 1)

    def with_lines(self, content: str) -> LoadedLog:
        """The same log with its lines indexed from its text (lazily: nothing is scanned until a line is asked for)."""
        index = LineIndex.scan(content)
        activities = self.log.activities
        lines = activity_lines(index, _Ids(activities))
        return replace(self, activity_lines=lines, header_lines=header_lines(index))


class _Ids(Sequence[str]):
    """The ids of a log's activities, read when first needed."""

    def __init__(self, activities: Sequence[Activity]) -> None:
        self._activities = activities

    def __len__(self) -> int:
        return len(self._activities)

    def __getitem__(self, index: int) -> str:  # type: ignore[override]
        return self._activities[index].id


@dataclass(frozen=True)
class Issue:
    """A problem found before positions are known: where (a path into the document), what, how bad."""

    path: Path
    code: str
    params: tuple[tuple[str, object], ...]
    severity: Severity = Severity.ERROR
    first: Path | None = None  # for a repeated id: where it was first used

    def locate(self, document: Document) -> Problem:
        params = dict(self.params)
        if self.first is not None:
            line, column = document.position(self.first)
            params["first"] = Problem(document.file, line, column, "", "", sheet=getattr(document, "sheet", None)).location
        line, column = document.position(self.path)
        message = text(self.code, **params)
        if not document.located:
            message += " " + text("at-path", path=dotted(self.path))
        return Problem(document.file, line, column, self.code, message, self.severity)


def load_log(path: str, catalogue: Catalogue) -> tuple[LoadedLog, Catalogue]:
    """Read one log. Returns it with the catalogue extended by any plan file it names; raises InputError.

    The strict reader decides whether it is YAML at all (strict_yaml.read); positions for any message about a file
    it accepted come from a text scan, so a warning or a wrong reference never costs a second parse."""
    if path.lower().endswith((".xlsx", ".csv", ".xls", ".et", ".ods")):
        return _load_sheet(path, catalogue)
    content = decode(read_bytes(path), path)
    document = strict_yaml.read(content, path)
    if document.data is None:
        raise InputError([Problem(path, 1, 1, "empty-file", text("empty-file"))])
    try:
        if not isinstance(document.data, dict):
            found = "a list" if isinstance(document.data, list) else "a single value"
            problem = Problem(path, 1, 1, "not-a-mapping", text("not-a-mapping", what="an activity log", found=found))
            raise InputError([problem])
        return _finish(path, document, catalogue)
    except InputError:  # a log nested deeper than the limit is never schema-valid: say what is wrong with it first
        strict_yaml.check_depth(document)
        raise


def _finish(path: str, document: Document, catalogue: Catalogue) -> tuple[LoadedLog, Catalogue]:
    try:
        log = validate(ActivityLog, document)
    except InputError as error:  # schema errors and reference errors together, not one layer at a time
        raise InputError(sorted(set(error.problems + reference_problems(document, catalogue)))) from None
    loaded, extended, issues, problems = _check(path, log, catalogue)
    located = [issue.locate(document) for issue in issues]
    errors = sorted(set(problems + [p for p in located if p.severity is Severity.ERROR]))
    if errors or loaded is None:
        raise InputError(errors)
    warnings = tuple(sorted({p for p in located if p.severity is Severity.WARNING}))
    if warnings:
        loaded = replace(loaded, warnings=warnings)
    if document.text is not None:
        loaded = _with_portability_warnings(loaded, document.text).with_lines(document.text)
    return loaded, extended


def _load_sheet(path: str, catalogue: Catalogue) -> tuple[LoadedLog, Catalogue]:
    """A spreadsheet or CSV log (load/xlsx_log.py, load/csv_log.py): the same checks; its problems name cells."""
    from ecoplan_cli.load import csv_log, xlsx_log

    document, sheet_warnings = (csv_log if path.lower().endswith(".csv") else xlsx_log).read_document(path)

    def in_sheet(problems: Sequence[Problem]) -> list[Problem]:
        return [replace(p, sheet=document.sheet) if p.file == path and p.sheet is None else p for p in problems]

    try:
        loaded, extended = _finish(path, document, catalogue)
    except InputError as error:
        raise InputError(in_sheet(error.problems)) from None
    warnings = tuple(sorted({*in_sheet(loaded.warnings), *sheet_warnings}))
    return replace(loaded, warnings=warnings, sheet=document.sheet, rows=tuple(document.rows)), extended


# One pattern per flow indicator: a pattern that starts with a literal character is searched for with a tight loop,
# one that starts with a character class tests every position (four times slower on a large log).
_BARE_URL_IN_FLOW = tuple(re.compile(re.escape(opening) + r"[ ]*((?:https?|ftp)://)") for opening in "[,")


def _with_portability_warnings(loaded: LoadedLog, content: str) -> LoadedLog:
    """Warn of a bare URL inside [ ]: valid YAML 1.2, but an error for libyaml-based tools that read the same file."""
    if "://" not in content:
        return loaded
    found = []
    for match in (match for pattern in _BARE_URL_IN_FLOW for match in pattern.finditer(content)):
        start = match.start(1)
        line = content.count("\n", 0, start) + 1
        column = start - (content.rfind("\n", 0, start) + 1) + 1
        found.append(Problem(loaded.path, line, column, "bare-url-in-flow", text("bare-url-in-flow"), Severity.WARNING))
    if not found:
        return loaded
    warnings = tuple(sorted({*loaded.warnings, *found}))
    return replace(loaded, warnings=warnings)


def _check(path: str, log: ActivityLog, catalogue: Catalogue) -> tuple[LoadedLog | None, Catalogue, list[Issue], list[Problem]]:
    """References of a schema-valid log. Issues still need positions; problems (in plan files) already have them."""
    issues: list[Issue] = []
    problems: list[Problem] = []

    plans: dict[str, Plan] = {}
    for index, entry in enumerate(log.plans):
        if entry.endswith((".yaml", ".yml")):
            try:
                source = load_plan_file(str(FsPath(path).parent / entry), entry)
            except InputError as error:
                problems.extend(error.problems)
                continue
            catalogue = catalogue.with_plan(source)
            plans[source.plan.id] = source.plan
        elif entry in catalogue.plans:
            plans[entry] = catalogue.plan(entry)
        else:
            issues.append(
                Issue(("plans", index), "unknown-plan", (("plan", entry), ("known", _known_plans(catalogue, entry, path))))
            )

    region = catalogue.region(log.region, log.plans)
    if region is None:
        from ecoplan_cli.load.region_names import unresolved

        names = [n for r in catalogue.regions for n in (r.name, *r.aliases)]
        code, region_params = unresolved(log.region, log.plans, names)
        issues.append(Issue(("region",), code, region_params))
    elif region.valid_from is not None or region.valid_to is not None:
        issues.extend(_out_of_force(log, region))

    subunits = {name for plan in plans.values() for names in plan.subunits.values() for name in names}
    resolved_cache: dict[str, Target | ReferenceError_] = {}
    resolved_combinations: dict[tuple[str, ...], tuple[Target, ...]] = {}  # requirements → targets, when all resolve
    foreign: dict[str, list[tuple[str, str]]] = {}
    targets: dict[str, tuple[Target, ...]] = {}
    first_seen: dict[str, int] = {}
    for index, activity in enumerate(log.activities):  # the hot loop of a large check: positions only on issues
        identifier = activity.id
        if identifier in first_seen:
            first: Path = ("activities", first_seen[identifier], "id")
            issues.append(Issue(("activities", index, "id"), "duplicate-activity", (("id", identifier),), first=first))
            continue
        first_seen[identifier] = index
        if not plans:
            continue
        if activity.subunit is not None and activity.subunit not in subunits:
            known = "、".join(sorted(subunits)) or "—"
            where: Path = ("activities", index, "subunit")
            issues.append(Issue(where, "unknown-subunit", (("subunit", activity.subunit), ("known", known))))
        references = activity.requirements
        combination = tuple(references)
        cached = resolved_combinations.get(combination)
        if cached is not None:  # the same requirements as an earlier activity, all resolved: the same targets
            targets[identifier] = cached
            continue
        resolved: list[Target] = []
        for ref_index, reference in enumerate(references):
            outcome = resolved_cache.get(reference)
            if outcome is None:
                outcome = resolved_cache[reference] = resolve(reference, plans)
            if isinstance(outcome, ReferenceError_):
                elsewhere = _plan_not_answered(outcome, reference, catalogue, plans)
                if elsewhere is not None:  # counted toward nothing, and listed so (engine/accounting.py)
                    foreign.setdefault(identifier, []).append((reference, elsewhere))
                    continue
                params: dict[str, object] = dict(outcome.params)
                if outcome.code == "unknown-requirement":
                    ids = [r.id for p in plans.values() for r in p.requirements]
                    params["hint"] = did_you_mean(str(params.pop("requirement")), ids)
                issues.append(Issue(("activities", index, "requirements", ref_index), outcome.code, tuple(params.items())))
                continue
            resolved.append(outcome)
        targets[identifier] = tuple(dict.fromkeys(resolved)) if len(resolved) > 1 else tuple(resolved)
        if len(resolved) == len(references):
            resolved_combinations[combination] = targets[identifier]
    if region is None or any(i.severity is Severity.ERROR for i in issues) or problems:
        return None, catalogue, issues, problems
    named_elsewhere = {key: tuple(value) for key, value in foreign.items()}
    loaded = LoadedLog(path, log, region, log.level or region.level, plans, targets, foreign=named_elsewhere)
    return loaded, catalogue, issues, problems


def _out_of_force(log: ActivityLog, region: Region) -> list[Issue]:
    """A warning for each activity dated when its region did not exist (naming the successor or predecessor)."""
    from ecoplan_cli.load.region_names import not_in_force

    issues = []
    for index, activity in enumerate(log.activities):
        found = not_in_force(region, activity.counted_on)
        if found is not None:
            where: Path = ("activities", index, "date" if activity.date is not None else "end")
            issues.append(Issue(where, found[0], found[1], Severity.WARNING))
    return issues


def _known_plans(catalogue: Catalogue, plan_id: str, log_path: str) -> str:
    """The known plans, and how to load the plan file of an id that is not among them."""
    from ecoplan_cli.load.plan_hints import plan_file_hint

    return ", ".join(sorted(catalogue.plans)) + plan_file_hint(plan_id, log_path)


def _plan_not_answered(outcome: ReferenceError_, reference: str, catalogue: Catalogue, plans: dict[str, Plan]) -> str | None:
    """The plan of the catalogue that has the requirement a log names outside the plans it lists, if one does."""
    if outcome.code != "unknown-requirement":
        return None
    others = {key: catalogue.plan(key) for key in catalogue.plans if key not in plans}
    found = resolve(reference, others) if others else None
    return found.plan if isinstance(found, Target) else None


def load_logs(paths: Sequence[str], catalogue: Catalogue) -> tuple[list[LoadedLog], list[Problem]]:
    """Load several logs; returns the valid ones and every problem found in the others."""
    logs: list[LoadedLog] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            log, catalogue = load_log(path, catalogue)
        except InputError as error:
            problems.extend(error.problems)
            continue
        logs.append(log)
    return logs, problems
