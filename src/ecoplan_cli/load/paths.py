"""Which files a command reads: files as given, a folder for every YAML file under it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def expand(paths: Iterable[Path | str]) -> list[str]:
    """Files as given; a folder stands for every .yaml/.yml file under it (sorted, hidden ones left out)."""
    out: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
            out.extend(str(p) for p in found if not any(part.startswith(".") for part in p.relative_to(path).parts))
        else:
            out.append(str(given))
    return out
