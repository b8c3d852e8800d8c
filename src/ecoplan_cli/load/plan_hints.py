"""Where the plan file a log names by id probably is: for the message of an unknown plan.

A log naming a user plan by id (`plans: [municipal-example]`) fails unless the plan file is loaded too. The message
says how to load it, and when a plan file with that id sits near the log (its folder, a parent, a `plans/` folder
beside one of them) it names that file. Runs only on the error path; reads at most a few kilobytes of a few files.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ecoplan_cli.messages import text

_LEVELS_UP = 3
_HEAD_BYTES = 8192


def _candidates(log_path: str) -> list[Path]:
    folder = Path(log_path).resolve().parent
    found: list[Path] = []
    for directory in [folder, *folder.parents][: _LEVELS_UP + 1]:
        for place in (directory, directory / "plans"):
            if place.is_dir():
                found.extend(sorted(p for p in place.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()))
    return list(dict.fromkeys(found))


def _declares(path: Path, plan_id: str) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(_HEAD_BYTES).decode("utf-8", "replace")
    except OSError:
        return False
    return re.search(rf"(?m)^id:\s*[\"']?{re.escape(plan_id)}[\"']?\s*(?:#.*)?$", head) is not None


def plan_file_hint(plan_id: str, log_path: str) -> str:
    """'; load its plan file: …' — the file when one nearby declares this id, else the two ways to give one."""
    for candidate in _candidates(log_path):
        if _declares(candidate, plan_id):
            relative = os.path.relpath(candidate, Path(log_path).resolve().parent)
            shown = os.path.relpath(candidate)
            return text("plan-file-found", plan=plan_id, relative=relative, file=shown)
    return text("plan-file-how", plan=plan_id)
