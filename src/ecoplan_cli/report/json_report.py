"""--format json: {as_of, summary, regions, coming_due, expiring_exceptions, [baseline, absent,] uncounted, findings}.

Field names are an interface: add, never rename."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from ecoplan_cli.engine.accounting import NotCounted, is_idle
from ecoplan_cli.engine.evaluate import Finding
from ecoplan_cli.engine.exceptions import SourcedException, Waiver
from ecoplan_cli.report.base import CheckReport, summary
from ecoplan_cli.report.event_text import event_detail


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
        "via": list(finding.via),
        "idle": is_idle(finding, report.as_of),
        "log_file": report.log_file(finding),
        "exception": exception_record(finding.exception) if finding.exception is not None else None,
        "baseline": finding.baseline,
        "event": finding.event,
        "window": _window(finding),
    }


def _window(finding: Finding) -> dict[str, Any] | None:
    """A relative rule's window: the event, the rule, when it was due and done, and in words."""
    window = finding.window
    if window is None:
        return None
    return {
        "event": window.event,
        "event_date": window.event_day.isoformat(),
        "direction": window.direction.value,
        "offset": window.offset,
        "unit": window.unit,
        "due": window.due,
        "done": window.done,
        "delta": window.delta,
        "late_by": window.late_by,
        "untimed": window.untimed,
        "message": event_detail(finding),
    }


def exception_record(waiver: Waiver) -> dict[str, Any]:
    """The approved exception that covers a finding: `state` is live or expired (expiry: a day in Asia/Shanghai)."""
    return {
        "id": waiver.id,
        "kind": waiver.kind,
        "state": "live" if waiver.live else "expired",
        "expires": waiver.expires,
        "justification": waiver.justification,
        "approved_by": waiver.approved_by,
        "document": waiver.document,
        "file": waiver.source,
    }


def expiring_record(item: SourcedException) -> dict[str, Any]:
    entry = item.entry
    return {"id": entry.id, "requirement": entry.requirement, "expires": str(entry.expires), "file": item.source}


def uncounted_record(entry: NotCounted) -> dict[str, Any]:
    return {
        "activity": entry.activity,
        "log_file": entry.log_file,
        "unit": entry.unit,
        "region": entry.region,
        "requirement": entry.requirement,
        "reason": entry.reason,
        "message": entry.message,
    }


def region_matrix(report: CheckReport) -> dict[str, dict[str, str]]:
    """Region × requirement: the worst status of each requirement in each region (gap > open > met > unmeasured)."""
    return report.totals().matrix()


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))  # made once: json.dumps makes one per call


def _compact(value: object) -> str:
    return _ENCODER.encode(value)


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
    yield f'  "summary": {_compact({**summary(report), "uncounted": len(report.uncounted)})},\n'
    regions = region_matrix(report)
    yield from _member("regions", (f"{_compact(k)}: {_compact(v)}" for k, v in regions.items()), "{", "}")
    yield from _member("coming_due", (_compact(finding_record(report, f)) for f in report.coming_due), "[", "]")
    yield from _member("expiring_exceptions", (_compact(expiring_record(e)) for e in report.expiring), "[", "]")
    if report.baseline:
        yield f'  "baseline": {_compact(dict(sorted(report.totals().baseline.items())))},\n'
        yield from _member("absent", (_compact(key) for key in report.absent), "[", "]")
    yield from _member("uncounted", (_compact(uncounted_record(e)) for e in report.uncounted), "[", "]")
    blocks = report.rendered.get("json")
    items = blocks if blocks is not None else (_compact(finding_record(report, f)) for f in report.findings)
    yield from _member("findings", items, "[", "]", last=True)
    yield "}\n"


def finding_block(report: CheckReport) -> str:
    """A unit's findings as they stand in the findings member (rendered in the worker that made them)."""
    return ",\n    ".join(_compact(finding_record(report, finding)) for finding in report.findings)


def render(report: CheckReport) -> str:
    """One finding per line; the whole is one JSON document (the field names are the interface)."""
    return "".join(chunks(report))
