"""The final evaluation (终期评估), shown when the as-of date is after the plan period: per requirement, how many
units met it in every period, in most, in some, never; the rows nobody did; and how far the city's rows carry out
the national plan (the implements links of `trace`, and whether anyone did the rows that carry each item out)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ecoplan_cli.model.ids import natural_key
from ecoplan_cli.report.base import CheckReport
from ecoplan_cli.report.html_tally import Counts, ReqKey
from ecoplan_cli.report.trace_report import trace


@dataclass(frozen=True)
class FinalRow:
    ident: str
    title: str
    every: int  # units that met it in every ended period
    most: int  # in more than half
    some: int  # in half or fewer, but at least one
    never: int  # in none
    units: int  # units it was asked of (with at least one ended mandatory period)


@dataclass(frozen=True)
class CoverageRow:
    ident: str
    title: str
    children: tuple[str, ...]  # the child plan's rows that implement it
    done: tuple[str, ...]  # … of which some unit recorded an activity toward


@dataclass(frozen=True)
class Coverage:
    plan: str
    parent: str
    parent_title: str
    rows: tuple[CoverageRow, ...]

    @property
    def covered(self) -> int:
        return sum(1 for row in self.rows if row.children)

    @property
    def carried_out(self) -> int:
        return sum(1 for row in self.rows if row.done)


@dataclass(frozen=True)
class FinalView:
    rows: tuple[FinalRow, ...]
    nobody: tuple[tuple[str, str], ...]  # (id, title) of rows asked of some unit that no unit did anything toward
    coverage: tuple[Coverage, ...]


def final_view(report: CheckReport, counts: Counts, columns: Sequence[ReqKey]) -> FinalView:
    rows = []
    for req in columns:
        every = most = some = never = 0
        for cells in counts.cells.values():
            cell = cells.get(req)
            if cell is None or not cell.mandatory.ended:
                continue
            met, ended = cell.mandatory.met, cell.mandatory.ended
            if met == ended:
                every += 1
            elif 2 * met > ended:
                most += 1
            elif met:
                some += 1
            else:
                never += 1
        if every + most + some + never:
            title = counts.requirements[req].title
            rows.append(FinalRow(req[1], title, every, most, some, never, every + most + some + never))
    idle = [req for req, use in counts.requirements.items() if use.activities == 0]
    idle.sort(key=lambda r: (r[0], natural_key(r[1])))
    nobody = tuple((req[1], counts.requirements[req].title) for req in idle)
    done = {req for req, use in counts.requirements.items() if use.activities}
    coverage = []
    used_plans = sorted({plan for plan, _ in counts.requirements})
    for key in used_plans:
        child = report.plans.get(key)
        if child is None or child.implements is None or child.implements not in report.plans:
            continue
        parent = report.plans[child.implements]
        result = trace(child, parent)
        coverage.append(
            Coverage(
                child.id,
                parent.id,
                parent.title,
                tuple(
                    CoverageRow(row.parent_id, row.title, row.children, tuple(c for c in row.children if (child.id, c) in done))
                    for row in result.rows
                ),
            )
        )
    return FinalView(tuple(rows), nobody, tuple(coverage))
