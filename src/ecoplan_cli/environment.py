"""Environment settings a user may get wrong (ECOPLAN_MAX_BYTES=abc): checked once, before anything reads them.

The readers take these values at import (load/yaml_source.py, run.py); a value that is not a whole number would
otherwise surface as a traceback with the gap exit code. Checked by the console script (entry.py) and by the typer
application's callback, each a usage error (exit 2) naming the variable.
"""

from __future__ import annotations

import os

# variable → smallest value that makes sense (ECOPLAN_JOBS=0 means "one per core")
INTEGER_SETTINGS: dict[str, int] = {
    "ECOPLAN_MAX_BYTES": 1,
    "ECOPLAN_MAX_DEPTH": 1,
    "ECOPLAN_MAX_POSITIONED_BYTES": 0,
    "ECOPLAN_JOBS": 0,
}


def environment_problems(environ: dict[str, str] | None = None) -> list[str]:
    """A message for each ECOPLAN_* setting that is not a whole number in its range (in the run's language)."""
    from ecoplan_cli.messages import text

    values = os.environ if environ is None else environ
    problems = []
    for name, minimum in INTEGER_SETTINGS.items():
        raw = values.get(name)
        if raw is None or raw.strip() == "":
            continue
        try:
            number = int(raw.strip())
        except ValueError:
            number = None
        if number is None or number < minimum:
            problems.append(text("bad-environment", name=name, value=raw, minimum=minimum))
    return problems
