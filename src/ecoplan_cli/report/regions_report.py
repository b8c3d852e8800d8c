"""`ecoplan regions`: units of the registry as a table or JSON (field names are an interface: add, never rename)."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

from ecoplan_cli.load.registry import Place, Registry
from ecoplan_cli.messages import text


def as_dict(registry: Registry, place: Place) -> dict[str, Any]:
    parent = registry.by_key.get(place.parent)

    def linked(keys: Sequence[str]) -> list[dict[str, str | None]]:
        places = [registry.by_key[k] for k in keys if k in registry.by_key]
        return [{"code": p.code or None, "name": p.name, "path": registry.path(p)} for p in places]

    return {
        "code": place.code or None,
        "name": place.name,
        "type": place.kind,
        "level": place.level.value,
        "parent": parent.name if parent else None,
        "parent_code": parent.code or None if parent else None,
        "path": registry.path(place),
        "valid_from": place.valid_from.isoformat() if place.valid_from else None,
        "valid_to": place.valid_to.isoformat() if place.valid_to else None,
        "predecessors": linked(registry.predecessors.get(place.key, [])),
        "successors": linked(place.successors),
        "aliases": list(place.aliases),
        "overlay": place.overlay or None,
        "note": place.note or None,
    }


def render_json(registry: Registry, places: Sequence[Place]) -> str:
    return json.dumps([as_dict(registry, p) for p in places], ensure_ascii=False, indent=2) + "\n"


def render_table(registry: Registry, places: Sequence[Place], *, width: int = 100) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False, highlight=False)
    table = Table(box=None, show_edge=False, pad_edge=False, header_style="bold")
    for column in ("code", "path", "type", "level", "valid", "links"):
        table.add_column(text(f"regions-col-{column}"), overflow="fold")
    for place in places:
        before = "、".join(registry.label(k) for k in registry.predecessors.get(place.key, []))
        after = "、".join(registry.label(k) for k in place.successors)
        links = f"{before} → {after}" if before or after else ""
        code = place.code or text("regions-overlay", overlay=place.overlay)
        table.add_row(code, registry.path(place), place.kind, text(f"level-{place.level.value}"),
                      place.validity() or text("regions-always"), links)  # fmt: skip
    console.print(table)
    console.print(text("regions-count", count=len(places)))
    return buffer.getvalue()
