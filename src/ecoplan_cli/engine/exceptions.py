"""Approved exceptions applied to findings: pure functions, no I/O.

An exception covers a finding when its requirement (or obligation), its region or unit (when given) and its periods
(a list of labels, a from/to range of period ends, or all) match. A live exception — its expiry, a day in
Asia/Shanghai, on or after the as-of date — changes what it covers:

- waive: a gap or an open period becomes `waived` (counted apart, never a failure);
- extend (延期): the due date moves; activities dated up to the new due date count toward the period;
- close (销号): periods ending on or after `closed_from` become `waived`.

A met or unmeasured finding is left as it is. An expired exception changes nothing but is named on the finding, so a
gap it once covered says "exception … expired on …". Findings no exception covers are returned unchanged.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cached_property
from typing import NamedTuple

from ecoplan_cli.engine.accounting import NotCounted
from ecoplan_cli.engine.evaluate import CountedActivity, Finding, Status, Unit, counts_toward, status_of
from ecoplan_cli.engine.references import parse_reference
from ecoplan_cli.model.exceptions import ApprovedException, ExceptionKind


class Waiver(NamedTuple):
    """What a finding carries of the exception that covers it (small: findings are many)."""

    id: str
    kind: str
    live: bool
    expires: str  # the expiry as written (a malformed one is kept as text: it counts as expired)
    justification: str
    approved_by: str
    document: str
    source: str  # the exceptions file


@dataclass(frozen=True)
class SourcedException:
    """An exception with the file it came from (for messages and reports)."""

    entry: ApprovedException
    source: str

    @cached_property
    def target(self) -> tuple[str | None, str, str | None]:
        """(plan, requirement, obligation) the entry names, parsed once (covers() runs for every finding)."""
        return parse_reference(self.entry.requirement)

    def covers(self, finding: Finding, region_names: frozenset[str] = frozenset()) -> bool:
        """Whether the entry takes in the finding; `region_names`: the other names of the finding's region (its code,
        its path …: Unit.region_names), any of which the entry may use."""
        entry = self.entry
        plan, requirement, obligation = self.target
        if requirement != finding.requirement or (plan is not None and plan != finding.plan):
            return False
        if obligation is not None and obligation != finding.obligation:
            return False
        if entry.region is not None and entry.region != finding.region and entry.region not in region_names:
            return False
        if entry.unit is not None and entry.unit != finding.unit:
            return False
        return covers_period(entry, finding.period_label, finding.period_end)

    def waiver(self, as_of: date) -> Waiver:
        entry = self.entry
        return Waiver(
            entry.id,
            entry.kind.value,
            entry.live_on(as_of),
            entry.expires.isoformat() if isinstance(entry.expires, date) else str(entry.expires),
            entry.justification,
            entry.approved_by,
            entry.document,
            self.source,
        )


def covers_period(entry: ApprovedException, label: str, end: date) -> bool:
    """Whether an exception's periods (labels, a from/to range of period ends, or all; for a closure, the periods
    ending on or after its day) take in the period with this label and last day."""
    if entry.periods is not None and label not in entry.periods:
        return False
    if entry.from_ is not None and end < entry.from_:
        return False
    if entry.to is not None and end > entry.to:
        return False
    closed_from = entry.closed_from
    return not (entry.kind is ExceptionKind.CLOSE and closed_from is not None and end < closed_from)


def covering(
    finding: Finding, exceptions: Sequence[SourcedException], region_names: frozenset[str] = frozenset()
) -> SourcedException | None:
    """The first exception (in file order) that covers the finding; overlaps are reported by `exceptions lint`."""
    return next((e for e in exceptions if e.covers(finding, region_names)), None)


def apply_exceptions(
    findings: Iterable[Finding], unit: Unit, exceptions: Sequence[SourcedException], as_of: date
) -> list[Finding]:
    """The findings with every covering exception applied (see the module's docstring)."""
    if not exceptions:
        return list(findings)
    by_requirement: dict[str, list[SourcedException]] = {}  # an exception covers only findings of its requirement
    for exception in exceptions:
        by_requirement.setdefault(exception.target[1], []).append(exception)
    late: _Late | None = None
    result = []
    for finding in findings:
        found = covering(finding, by_requirement.get(finding.requirement, ()), unit.region_names)
        if found is None or finding.status in (Status.MET, Status.UNMEASURED):
            result.append(finding)
            continue
        waiver = found.waiver(as_of)
        if not waiver.live:
            result.append(replace(finding, exception=waiver))
        elif found.entry.kind is ExceptionKind.EXTEND:
            assert found.entry.due is not None
            late = late or _Late(unit)
            result.append(_extended(finding, late, found.entry.due, as_of, waiver))
        else:
            result.append(replace(finding, status=Status.WAIVED, exception=waiver))
    return result


def _extended(finding: Finding, late: _Late, due: date, as_of: date, waiver: Waiver) -> Finding:
    """The finding with its due date moved: activities up to the new due date count toward it."""
    end = max(due, finding.period_end)
    extra = late.activities(finding, min(end, as_of))
    actual = finding.actual + sum(a.amount(finding.measure) for a in extra)
    status = status_of(finding.required, actual, end, as_of)
    listed = set(finding.activities)
    activities = finding.activities + tuple(a.id for a in extra if a.id not in listed)
    return replace(finding, due=end, actual=actual, status=status, activities=activities, exception=waiver)


class _Late:
    """A unit's activities filed by the requirements they name, each list by day, and by id: an extended finding
    takes those dated inside its extension by bisecting, never walking every activity (issue 12)."""

    def __init__(self, unit: Unit) -> None:
        self.unit = unit
        by_requirement: dict[tuple[str, str], list[tuple[date, int]]] = {}
        self.by_id: dict[str, list[int]] = {}
        for index, activity in enumerate(unit.activities):
            self.by_id.setdefault(activity.id, []).append(index)
            for key in dict.fromkeys((target.plan, target.requirement) for target in activity.targets):
                by_requirement.setdefault(key, []).append((activity.day, index))
        self.filed: dict[tuple[str, str], tuple[list[date], list[int]]] = {}
        for key, entries in by_requirement.items():
            entries.sort()  # by day; the same day in the unit's order
            self.filed[key] = ([day for day, _ in entries], [index for _, index in entries])

    def activities(self, finding: Finding, last: date) -> list[CountedActivity]:
        """The activities toward the finding's obligation dated after its period and by `last`, in the unit's order."""
        unit, after = self.unit, finding.period_end
        if finding.event is not None:  # a deadline that runs from an event: its late follow-ups are already listed
            indices = sorted({i for ident in finding.activities for i in self.by_id.get(ident, ())})
            return [a for a in (unit.activities[i] for i in indices) if after < a.day <= last]
        plan = next((p for p in unit.plans if p.id == finding.plan), None)
        requirement = plan.requirement(finding.requirement) if plan is not None else None
        obligation = requirement.obligation(finding.obligation) if requirement is not None else None
        if plan is None or requirement is None or obligation is None:
            return []
        days, indices = self.filed.get((plan.id, requirement.id), ([], []))
        inside = sorted(indices[bisect_right(days, after) : bisect_right(days, last)])
        return [
            activity
            for activity in (unit.activities[i] for i in inside)
            if (finding.subunit is None or activity.subunit == finding.subunit)
            and any(counts_toward(t, plan, requirement, obligation) for t in activity.targets)
        ]


def expiring(exceptions: Iterable[SourcedException], as_of: date, within: timedelta) -> list[SourcedException]:
    """Live exceptions whose expiry falls within the window, soonest first (the planner's reminder)."""
    horizon = as_of + within
    soon = [e for e in exceptions if (day := e.entry.expiry) is not None and as_of <= day <= horizon]
    return sorted(soon, key=lambda e: (e.entry.expiry or as_of, e.source, e.entry.id))


def counted_by_extensions(uncounted: Iterable[NotCounted], findings: Iterable[Finding]) -> list[NotCounted]:
    """The not-counted references that a live extension (延期) did not take in: a late activity that now counts toward
    its extended period is counted, so the accounting law (counted, or listed as not counted) still holds."""
    extended = {
        (activity, finding.requirement)
        for finding in findings
        if finding.exception is not None and finding.exception.live and finding.exception.kind == ExceptionKind.EXTEND.value
        for activity in finding.activities
    }
    if not extended:
        return list(uncounted)
    return [entry for entry in uncounted if (entry.activity, entry.requirement.split("/", 1)[0]) not in extended]
