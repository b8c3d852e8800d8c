"""Project settings: a repository of logs names its own plan files once.

`ecoplan.toml` (or `[tool.ecoplan]` in `pyproject.toml`) in a log's folder or any folder above it:

    plan_files = ["plans/municipal_example.yaml"]    # relative to the settings file

Every command that reads logs loads those plan files as if given with `--plan-file`, so a log may name a user plan by
its id (`plans: [municipal-example]`). The nearest settings file wins; the search stops at the first folder holding
`.git`. A settings file that cannot be used is a located problem (a usage error), never ignored.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ecoplan_cli.load.problems import Problem
from ecoplan_cli.messages import text

SETTINGS_FILES = ("ecoplan.toml", "pyproject.toml")


def settings_file(start: Path) -> Path | None:
    """The nearest ecoplan.toml, or pyproject.toml with a [tool.ecoplan] table, at or above `start` (a folder)."""
    for folder in (start, *start.parents):
        own = folder / "ecoplan.toml"
        if own.is_file():
            return own
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _mentions_ecoplan(pyproject):
            return pyproject
        if (folder / ".git").exists():
            return None
    return None


def _mentions_ecoplan(pyproject: Path) -> bool:
    try:
        return "[tool.ecoplan]" in pyproject.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def _plan_files_of(path: Path) -> tuple[list[str], list[Problem]]:
    import tomllib

    shown = os.path.relpath(path)
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as error:
        return [], [Problem(shown, 1, 1, "unreadable", text("unreadable", reason=error.strerror or str(error)))]
    except tomllib.TOMLDecodeError as error:
        line, column = getattr(error, "lineno", 1) or 1, getattr(error, "colno", 1) or 1
        return [], [Problem(shown, line, column, "settings", text("settings-not-toml", detail=str(error).split(" (at")[0]))]
    table = data.get("tool", {}).get("ecoplan", {}) if path.name == "pyproject.toml" else data
    entries = table.get("plan_files", []) if isinstance(table, dict) else None
    if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
        return [], [Problem(shown, _line_of(path, "plan_files"), 1, "settings", text("settings-plan-files"))]
    files = [str(path.parent / entry) for entry in entries]
    missing = [entry for entry, file in zip(entries, files, strict=True) if not Path(file).is_file()]
    problems = [
        Problem(shown, _line_of(path, entry), 1, "settings", text("settings-missing-plan", file=entry)) for entry in missing
    ]
    return [os.path.relpath(f) for f in files], problems


def _line_of(path: Path, needle: str) -> int:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return 1
    return next((number for number, line in enumerate(lines, start=1) if needle in line), 1)


def project_plan_files(inputs: Iterable[str]) -> tuple[tuple[str, ...], list[Problem]]:
    """The plan files the settings nearest to each input name (inputs are logs or folders; none: the working folder)."""
    starts = {(Path(i) if Path(i).is_dir() else Path(i).parent).resolve() for i in inputs} or {Path.cwd()}
    found: dict[Path, None] = {}
    for start in sorted(starts):
        settings = settings_file(start)
        if settings is not None:
            found[settings] = None
    files: list[str] = []
    problems: list[Problem] = []
    for settings in found:
        named, wrong = _plan_files_of(settings)
        problems += wrong
        files += [f for f in named if f not in files]
    return tuple(files), problems


def merged(given: Iterable[str], inputs: Iterable[str]) -> tuple[tuple[str, ...], list[Problem]]:
    """--plan-file values followed by the project's plan files not already given (compared by real path)."""
    own = list(given)
    project, problems = project_plan_files(inputs)
    seen = {os.path.realpath(f) for f in own}
    return (*own, *(f for f in project if os.path.realpath(f) not in seen)), problems
