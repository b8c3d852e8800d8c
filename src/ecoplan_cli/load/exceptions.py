"""Reading approved-exceptions files (YAML) and baseline reports (an earlier `check --format json`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path as FsPath

from ecoplan_cli.load.problems import InputError, Problem
from ecoplan_cli.load.validation import validate
from ecoplan_cli.load.yaml_source import Document, decode, read_bytes
from ecoplan_cli.messages import text
from ecoplan_cli.model.exceptions import ApprovedException, ExceptionsFile
from ecoplan_cli.model.ids import finding_key


@dataclass(frozen=True)
class LoadedExceptions:
    """An exceptions file: its entries, and where each starts (for messages)."""

    path: str
    entries: tuple[ApprovedException, ...]
    lines: tuple[int, ...]
    document: Document

    def position(self, index: int, key: str | None = None) -> tuple[int, int]:
        path: tuple[str | int, ...] = ("exceptions", index) if key is None else ("exceptions", index, key)
        return self.document.position(path)


def load_exceptions(path: str) -> LoadedExceptions:
    """Read and validate one exceptions file; raises InputError with every problem located.

    Read like a log: the strict reader decides, positions come from a scan of the text (no second parse).
    """
    from ecoplan_cli.load import strict_yaml

    document = strict_yaml.read(decode(read_bytes(path), path), path)
    if document.data is None:
        document.data = {}
    parsed = validate(ExceptionsFile, document)
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(parsed.exceptions):
        if entry.id in seen:
            line, column = document.position(("exceptions", index, "id"))
            first = document.position(("exceptions", seen[entry.id], "id"))[0]
            problems.append(
                Problem(path, line, column, "duplicate-exception", text("duplicate-exception", id=entry.id, line=first))
            )
        seen.setdefault(entry.id, index)
    if problems:
        raise InputError(problems)
    lines = tuple(document.position(("exceptions", i))[0] for i in range(len(parsed.exceptions)))
    return LoadedExceptions(path, tuple(parsed.exceptions), lines, document)


def relative_to(log_path: str, entry: str) -> str:
    """An exceptions file named in a log, relative to the log's folder."""
    return str(FsPath(log_path).parent / entry)


BaselineMap = dict[str, tuple[str, int | None]]


def load_baseline(path: str) -> BaselineMap:
    """identity → (status, actual) of every finding in an earlier JSON report; raises InputError."""
    raw = read_bytes(path)
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        line, column = (error.lineno, error.colno) if isinstance(error, json.JSONDecodeError) else (1, 1)
        raise InputError([Problem(path, line, column, "baseline-unreadable", text("baseline-unreadable"))]) from None
    findings = document.get("findings") if isinstance(document, dict) else None
    if not isinstance(findings, list):
        raise InputError([Problem(path, 1, 1, "baseline-unreadable", text("baseline-unreadable"))])
    result: BaselineMap = {}
    fields = ("plan", "requirement", "obligation", "region", "unit", "period", "status")
    for number, record in enumerate(findings, start=1):
        if not isinstance(record, dict) or not all(isinstance(record.get(k), str) for k in fields):
            raise InputError([Problem(path, 1, 1, "baseline-unreadable", text("baseline-record", number=number))])
        subunit = record.get("subunit")
        key = finding_key(
            record["plan"],
            record["requirement"],
            record["obligation"],
            record["region"],
            record["unit"],
            subunit if isinstance(subunit, str) else None,
            record["period"],
        )
        actual = record.get("actual")
        result[key] = (record["status"], actual if isinstance(actual, int) else None)
    return result
