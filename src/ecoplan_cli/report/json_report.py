"""--format json: {as_of, summary, regions, findings}. Field names are an interface: add, never rename."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from ecoplan_cli.engine.evaluate import Finding
from ecoplan_cli.report.base import CheckReport, summary


def finding_record(report: CheckReport, finding: Finding) -> dict[str, Any]:
    return {
        "plan": finding.plan,
        "requirement": finding.requirement,
        "obligation": finding.obligation,
        "title": finding.title,
        "unit": finding.unit,
        "region": finding.region,
        "level": finding.level.value,
        "recurrence": finding.recurrence.value,
        "period": finding.period_label,
        "period_start": finding.period_start.isoformat(),
        "period_end": finding.period_end.isoformat(),
        "due": finding.due.isoformat(),
        "measure": finding.measure.value,
        "required": finding.required,
        "actual": finding.actual,
        "missing": finding.missing,
        "status": finding.status.value,
        "mandatory": finding.mandatory,
        "activities": list(finding.activities),
        "lead": list(finding.lead),
        "subunit": finding.subunit,
        "log_file": report.log_file(finding),
    }


def region_matrix(report: CheckReport) -> dict[str, dict[str, str]]:
    """Region × requirement: the worst status of each requirement in each region (gap > open > met > unmeasured)."""
    return report.totals().matrix()


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def _member(name: str, items: Iterable[str], opening: str, closing: str, *, last: bool = False) -> Iterator[str]:
    """A top-level member with one item per line: readable, diffable, C-fast to encode, and written as it goes."""
    yield f'  "{name}": {opening}'
    separator = "\n"
    empty = True
    for item in items:
        yield f"{separator}    {item}"
        separator, empty = ",\n", False
    yield ("" if empty else "\n  ") + closing + ("" if last else ",") + "\n"


def chunks(report: CheckReport) -> Iterator[str]:
    """The report piece by piece (a finding per line), so that a national-scale report is never held whole."""
    yield "{\n"
    yield f'  "as_of": {_compact(report.as_of.isoformat())},\n'
    yield f'  "summary": {_compact(summary(report))},\n'
    regions = region_matrix(report)
    yield from _member("regions", (f"{_compact(k)}: {_compact(v)}" for k, v in regions.items()), "{", "}")
    yield from _member("coming_due", (_compact(finding_record(report, f)) for f in report.coming_due), "[", "]")
    yield from _member("findings", (_compact(finding_record(report, f)) for f in report.findings), "[", "]", last=True)
    yield "}\n"


def render(report: CheckReport) -> str:
    """One finding per line; the whole is one JSON document (the field names are the interface)."""
    return "".join(chunks(report))
