"""`trace`: the traceability matrix of a plan against the parent plan it implements."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table

from ecoplan_cli.messages import text
from ecoplan_cli.model import Plan


@dataclass(frozen=True)
class TraceRow:
    parent_id: str
    title: str
    children: tuple[str, ...]


@dataclass(frozen=True)
class Trace:
    plan: str
    parent: str
    rows: tuple[TraceRow, ...]
    unlinked: tuple[str, ...]  # child requirements naming no parent item

    @property
    def uncovered(self) -> tuple[str, ...]:
        return tuple(row.parent_id for row in self.rows if not row.children)


def trace(child: Plan, parent: Plan) -> Trace:
    """For each parent item, the child requirements that implement it (in the child's order)."""
    rows = tuple(
        TraceRow(item.id, item.title, tuple(r.id for r in child.requirements if item.id in r.implements))
        for item in parent.requirements
    )
    unlinked = tuple(r.id for r in child.requirements if not r.implements)
    return Trace(child.id, parent.id, rows, unlinked)


def render_json(result: Trace, *, uncovered_only: bool = False) -> str:
    """The matrix as JSON; with uncovered_only, `items` holds only the parent items no requirement covers."""
    rows = [row for row in result.rows if not (uncovered_only and row.children)]
    document = {
        "plan": result.plan,
        "parent": result.parent,
        "coverage": {"covered": len(result.rows) - len(result.uncovered), "total": len(result.rows)},
        "items": [{"id": row.parent_id, "title": row.title, "implemented_by": list(row.children)} for row in rows],
        "uncovered": list(result.uncovered),
        "unlinked": list(result.unlinked),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render_table(result: Trace, *, width: int = 80, uncovered_only: bool = False) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, no_color=True, highlight=False, color_system=None)
    covered = len(result.rows) - len(result.uncovered)
    console.rule(text("trace-heading", plan=result.plan, parent=result.parent))
    table = Table(box=None, show_edge=False, pad_edge=False, header_style="bold")
    table.add_column(result.parent, no_wrap=True)
    table.add_column(text("col-title"))
    table.add_column(text("trace-implemented-by"))
    for row in result.rows:
        if uncovered_only and row.children:
            continue
        table.add_row(row.parent_id, row.title, ", ".join(row.children) or text("trace-uncovered-mark"))
    console.print(table)
    console.print()
    console.print(text("trace-summary", covered=covered, total=len(result.rows), uncovered=len(result.uncovered)))
    if result.uncovered:
        console.print(text("trace-uncovered", ids=", ".join(result.uncovered)))
    if result.unlinked:
        console.print(text("trace-unlinked", ids=", ".join(result.unlinked)))
    return buffer.getvalue()
