"""`ecoplan validate`, the command behind the pre-commit hook: schema and reference checks, nothing more.

It is called by the typer command and by the fast entry point (entry.py), which skips typer's start-up.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    from ecoplan_cli.engine.exceptions import SourcedException
    from ecoplan_cli.load.logs import LoadedLog
    from ecoplan_cli.load.problems import Problem
    from ecoplan_cli.load.units import UnitSource

EXIT_VALID, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def run_validate(files: Sequence[str], plan_files: Sequence[str] = ()) -> int:
    """Validate the logs (folders expanded); print located problems to stderr. Returns the exit code."""
    from ecoplan_cli.clock import today
    from ecoplan_cli.exceptions_run import lint_files
    from ecoplan_cli.load.catalogue import catalogue
    from ecoplan_cli.load.exceptions import relative_to
    from ecoplan_cli.load.logs import load_logs
    from ecoplan_cli.load.paths import notes, walk
    from ecoplan_cli.load.problems import InputError, Severity
    from ecoplan_cli.load.project import merged
    from ecoplan_cli.load.units import merge
    from ecoplan_cli.messages import text

    all_plan_files, settings_problems = merged(plan_files, files)  # and those ecoplan.toml names
    try:
        if settings_problems:
            raise InputError(settings_problems)
        plans = catalogue(all_plan_files)
    except InputError as error:
        for problem in sorted(error.problems):
            print(problem.render(), file=sys.stderr)
        return EXIT_USAGE
    found = walk(files)
    said, errors = notes(found)
    for line in said + errors:
        print(line, file=sys.stderr)
    if errors:
        return EXIT_USAGE
    logs, problems = load_logs(found.files, plans)
    sources, merge_problems = merge(logs)
    problems += merge_problems
    named = sorted({relative_to(log.path, entry) for log in logs for entry in log.log.exceptions})
    if named:  # the exceptions files the logs name: checked with them, so the hook catches a broken one
        linted = lint_files(named, plans, today())
        problems += linted.unreadable + [p for p in linted.found if p.severity is Severity.ERROR]
        warnings = [p for p in linted.found if p.severity is Severity.WARNING]
    else:
        warnings = []
    uncounted = never_counted(sources, {log.path: log for log in logs}, named_exceptions(named), today())
    problems += [p for p in uncounted if p.severity is Severity.ERROR]
    told = [w for log in logs for w in log.warnings] + [p for p in uncounted if p.severity is Severity.WARNING]
    warnings = sorted(told) + warnings
    for warning in warnings:
        print(warning.render(), file=sys.stderr)
    if problems:
        for problem in sorted(problems):
            print(problem.render(), file=sys.stderr)
        print(text("files-invalid", count=len(problems), files=len({p.file for p in problems})), file=sys.stderr)
        return EXIT_INVALID
    for log in logs:
        print(text("file-valid", file=log.path, count=len(log.log.activities)))
    return EXIT_VALID


def named_exceptions(files: Sequence[str]) -> tuple[SourcedException, ...]:
    """The entries of the exceptions files the logs name that can be read (those that cannot are reported apart)."""
    from ecoplan_cli.engine.exceptions import SourcedException
    from ecoplan_cli.load.exceptions import load_exceptions
    from ecoplan_cli.load.problems import InputError

    found: list[SourcedException] = []
    for file in files:
        try:
            found.extend(SourcedException(entry, file) for entry in load_exceptions(file).entries)
        except InputError:
            continue
    return tuple(found)


def never_counted(
    sources: Sequence[UnitSource],
    logs: Mapping[str, LoadedLog],
    exceptions: Sequence[SourcedException] = (),
    as_of: date | None = None,
) -> list[Problem]:
    """Each activity's reference that counts toward nothing: an error where it never can as written (level,
    measure, plan-not-answered …), a warning where only its date keeps it out (before or after the plan period).
    A late activity that a live extension (延期) takes in is counted, as `check` counts it."""
    from ecoplan_cli.engine.accounting import NEVER_COUNTS, OUT_OF_TIME, account
    from ecoplan_cli.engine.evaluate import evaluate
    from ecoplan_cli.engine.exceptions import apply_exceptions, counted_by_extensions
    from ecoplan_cli.load.locate import locate
    from ecoplan_cli.load.problems import Severity

    problems: list[Problem] = []
    for source in sources:
        files = source.activity_files or {a.id: source.files[0] for a in source.unit.activities}
        per_file: dict[str, list[tuple[str, str, str, str, Severity, bool]]] = {}
        entries = account(source.unit, None, files=files)
        if exceptions and as_of is not None:
            findings = apply_exceptions(evaluate(source.unit, as_of), source.unit, exceptions, as_of)
            entries = counted_by_extensions(entries, findings)
        for entry in entries:
            timing = entry.reason in OUT_OF_TIME
            severity = Severity.ERROR if entry.reason in NEVER_COUNTS or not timing else Severity.WARNING
            item = (entry.activity, entry.requirement, entry.reason, entry.message, severity, timing)
            per_file.setdefault(entry.log_file, []).append(item)
        for path, items in sorted(per_file.items()):
            problems += locate(path, logs[path].log, items)
    return problems
