"""`ecoplan validate`, the command behind the pre-commit hook: schema and reference checks, nothing more.

It is called by the typer command and by the fast entry point (entry.py), which skips typer's start-up.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

EXIT_VALID, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def run_validate(files: Sequence[str], plan_files: Sequence[str] = ()) -> int:
    """Validate the logs (folders expanded); print located problems to stderr. Returns the exit code."""
    from ecoplan_cli.clock import today
    from ecoplan_cli.exceptions_run import lint_files
    from ecoplan_cli.load.catalogue import catalogue
    from ecoplan_cli.load.exceptions import relative_to
    from ecoplan_cli.load.logs import load_logs
    from ecoplan_cli.load.paths import expand
    from ecoplan_cli.load.problems import InputError, Severity
    from ecoplan_cli.load.units import merge
    from ecoplan_cli.messages import text

    try:
        plans = catalogue(tuple(plan_files))
    except InputError as error:
        for problem in sorted(error.problems):
            print(problem.render(), file=sys.stderr)
        return EXIT_USAGE
    logs, problems = load_logs(expand(files), plans)
    _, merge_problems = merge(logs)
    problems += merge_problems
    named = sorted({relative_to(log.path, entry) for log in logs for entry in log.log.exceptions})
    if named:  # the exceptions files the logs name: checked with them, so the hook catches a broken one
        linted = lint_files(named, plans, today())
        problems += linted.unreadable + [p for p in linted.found if p.severity is Severity.ERROR]
        warnings = [p for p in linted.found if p.severity is Severity.WARNING]
    else:
        warnings = []
    for log in logs:
        for warning in log.warnings:
            print(warning.render(), file=sys.stderr)
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
