"""A log's schema-valid content, whatever its format (.yaml/.yml, .xlsx, .csv), without resolving its references:
what `convert` needs (a log whose references are still wrong can be converted, then fixed)."""

from __future__ import annotations

from dataclasses import replace

from ecoplan_cli.load.problems import InputError, Problem
from ecoplan_cli.model import ActivityLog

SHEET_SUFFIXES = (".xlsx", ".csv")
YAML_SUFFIXES = (".yaml", ".yml")


def read_activity_log(path: str) -> tuple[ActivityLog, list[Problem]]:
    """The log and its reading warnings; raises InputError with every problem located."""
    from ecoplan_cli.load.validation import validate, validate_fast
    from ecoplan_cli.load.yaml_source import decode, parse, read_bytes

    lowered = path.lower()
    if lowered.endswith(SHEET_SUFFIXES):
        from ecoplan_cli.load import csv_log, xlsx_log

        document, warnings = (xlsx_log if lowered.endswith(".xlsx") else csv_log).read_document(path)
        try:
            return validate(ActivityLog, document), warnings
        except InputError as error:
            raise InputError([replace(p, sheet=document.sheet) if p.sheet is None else p for p in error.problems]) from None
    content = decode(read_bytes(path), path)
    fast = validate_fast(content, ActivityLog)
    if fast is not None:
        return fast[0], []
    document = parse(content, path)
    if not isinstance(document.data, dict):
        from ecoplan_cli.messages import text

        raise InputError([Problem(path, 1, 1, "not-a-mapping", text("not-a-mapping", what="an activity log", found="a list"))])
    return validate(ActivityLog, document), []
