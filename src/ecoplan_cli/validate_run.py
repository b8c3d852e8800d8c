"""`ecoplan validate`, the command behind the pre-commit hook: schema and reference checks, nothing more.

It is called by the typer command and by the fast entry point (entry.py), which skips typer's start-up.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

EXIT_VALID, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def run_validate(files: Sequence[str], plan_files: Sequence[str] = ()) -> int:
    """Validate the logs (folders expanded); print located problems to stderr. Returns the exit code."""
    from ecoplan_cli.load.catalogue import catalogue
    from ecoplan_cli.load.logs import load_logs
    from ecoplan_cli.load.paths import expand
    from ecoplan_cli.load.problems import InputError
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
    for log in logs:
        for warning in log.warnings:
            print(warning.render(), file=sys.stderr)
    if problems:
        for problem in sorted(problems):
            print(problem.render(), file=sys.stderr)
        print(text("files-invalid", count=len(problems), files=len({p.file for p in problems})), file=sys.stderr)
        return EXIT_INVALID
    for log in logs:
        print(text("file-valid", file=log.path, count=len(log.log.activities)))
    return EXIT_VALID
