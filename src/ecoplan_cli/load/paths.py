"""Which files a command reads: a file named explicitly is always read; a folder stands for the activity logs under it.

A folder walk takes `.yaml`/`.yml` files (any case: `*.YAML` too, hidden files and folders left out) and keeps only
those that look like an activity log, told by a cheap text scan, never a parse: a top-level `unit:` or `activities:`
key at the start of a line, or a `yaml-language-server` schema line naming the activity-log schema. Plan files (no
`unit:`, no `activities:`) and CI files are skipped, and the walk says what it skipped and why.

Spreadsheets (`.xlsx`, `.csv`) in a folder are read when they hold a 台账 — a table with 编号 and 活动名称 columns under
a header block naming the unit or the plans, as `ecoplan init` writes it; any other workbook or CSV (a 督办 workbook,
a CSV report ecoplan wrote beside the logs) is skipped, and so is a spreadsheet beside a YAML log of the same name
(the same ledger in two forms), and the walk says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")
SHEET_SUFFIXES = (".xlsx", ".csv")  # the spreadsheets the loader reads (load/xlsx_log.py, load/csv_log.py)
_LOG_KEY = re.compile(rb"""^(?:\xef\xbb\xbf)?["']?(?:unit|activities)["']?[ \t]*:""", re.MULTILINE)
_LOG_SCHEMA = re.compile(rb"^#\s*yaml-language-server:\s*\$schema=\S*activity-log", re.MULTILINE)
_HEAD = 65536
_HEAD_ROWS = 200  # a 台账's header block and table header are near the top of its sheet


@dataclass(frozen=True)
class Walk:
    """What a command reads: the files, and what a folder walk left out (path, reason code), in order."""

    files: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)  # folders given that held no activity log


def looks_like_log(path: Path) -> bool:
    """True when the file has a top-level `unit:`/`activities:` key or the activity-log schema line (text scan)."""
    try:
        with path.open("rb") as stream:
            head = stream.read(_HEAD)
            if _LOG_KEY.search(head) or _LOG_SCHEMA.search(head):
                return True
            if len(head) < _HEAD:
                return False
            rest = stream.read()
    except OSError:
        return True  # let the loader say what is wrong with it, at its place
    return bool(_LOG_KEY.search(head + rest))


def looks_like_ledger(path: Path) -> bool:
    """True when a spreadsheet's 台账 sheet (or a CSV) begins like a 台账 (load/sheet_log.is_ledger). A file that
    cannot be read is taken: the loader then says what is wrong with it, at its place."""
    from ecoplan_cli.load.problems import InputError
    from ecoplan_cli.load.sheet_log import is_ledger

    try:
        if path.suffix.lower() == ".csv":
            from ecoplan_cli.load.csv_log import read_rows as read_csv

            return is_ledger(read_csv(str(path))[:_HEAD_ROWS])
        from ecoplan_cli.load.xlsx_log import read_rows

        return is_ledger(read_rows(str(path))[1][:_HEAD_ROWS])
    except (InputError, OSError):
        return True


def _yaml_twin(sheet: Path) -> Path | None:
    """The YAML log beside a spreadsheet with the same name (台账.yaml and 台账.xlsx: one ledger in two forms, as
    `ecoplan convert` writes them), which a folder walk reads instead; None when there is none."""
    for suffix in YAML_SUFFIXES:
        for twin in (sheet.with_suffix(suffix), sheet.with_suffix(suffix.upper())):
            if twin.is_file() and looks_like_log(twin):
                return twin
    return None


def _skip_reason(path: Path) -> str:
    """Why a file in a folder is not read as a log: a plan file, an exceptions file, a spreadsheet that is no 台账, or
    anything else."""
    if path.suffix.lower() in SHEET_SUFFIXES:
        return "not-a-ledger"
    try:
        with path.open("rb") as stream:
            head = stream.read(_HEAD)
    except OSError:
        return "not-a-log"
    if re.search(rb"^requirements[ \t]*:", head, re.MULTILINE) and re.search(rb"^id[ \t]*:", head, re.MULTILINE):
        return "plan-file"
    if re.search(rb"^exceptions[ \t]*:", head, re.MULTILINE):
        return "exceptions-file"
    return "not-a-log"


def walk(paths: Iterable[Path | str]) -> Walk:
    """Files as given; each folder walked for activity logs (sorted; hidden files and folders left out)."""
    out = Walk()
    for given in paths:
        path = Path(given)
        if not path.is_dir():  # named explicitly: always read (a missing file is reported by the loader)
            out.files.append(str(given))
            continue
        suffixes = YAML_SUFFIXES + SHEET_SUFFIXES
        found = sorted(p for p in path.rglob("*") if p.suffix.lower() in suffixes and p.is_file())
        taken = 0
        for candidate in found:
            if any(part.startswith(".") for part in candidate.relative_to(path).parts):
                continue
            sheet = candidate.suffix.lower() in SHEET_SUFFIXES
            if sheet and candidate.name.startswith("~$"):  # Excel's owner file while a workbook is open: no ledger
                out.skipped.append((str(candidate), "office-lock-file"))
                continue
            if sheet and _yaml_twin(candidate) is not None:
                out.skipped.append((str(candidate), "yaml-twin"))
                continue
            if looks_like_ledger(candidate) if sheet else looks_like_log(candidate):
                out.files.append(str(candidate))
                taken += 1
            else:
                out.skipped.append((str(candidate), _skip_reason(candidate)))
        if not taken:
            out.empty.append(str(given))
    return out


def expand(paths: Iterable[Path | str]) -> list[str]:
    """The files a command reads (see `walk`)."""
    return walk(paths).files


def notes(result: Walk) -> tuple[list[str], list[str]]:
    """What to tell the user about a walk: (notes on skipped files, errors that make the run unusable: exit 2)."""
    from ecoplan_cli.messages import text

    said = [text("walk-skipped", file=file, reason=text(f"walk-reason-{reason}")) for file, reason in result.skipped]
    errors = [text("walk-empty", folder=folder) for folder in result.empty]
    if not result.files:
        errors.append(text("no-log-files"))
    return said, errors
