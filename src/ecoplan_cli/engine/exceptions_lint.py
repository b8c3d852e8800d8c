"""`ecoplan exceptions lint`: an exceptions file checked against the plans (pure: no I/O).

Errors: a requirement or obligation no plan has, a region the registry does not know, a period label the requirement
does not have, an exception that covers no period, two exceptions covering the same finding (only the first would
apply), an expiry that is not a date. Warnings: an exception already expired on the as-of date.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ecoplan_cli.engine.applicability import required_periods
from ecoplan_cli.engine.exceptions import covers_period
from ecoplan_cli.engine.periods import Period
from ecoplan_cli.engine.references import ReferenceError_, Target, resolve
from ecoplan_cli.model import Plan
from ecoplan_cli.model.exceptions import ApprovedException


@dataclass(frozen=True)
class LintIssue:
    """A problem of one entry of an exceptions file, as a message code and its parameters."""

    index: int  # the entry
    key: str | None  # the key it is about (None: the entry as a whole)
    code: str
    params: tuple[tuple[str, str], ...]
    warning: bool = False
    other: int | None = None  # for an overlap: the earlier entry


def lint(
    entries: Sequence[ApprovedException],
    plans: Mapping[str, Plan],
    region_key: Callable[[str], str | None],
    as_of: date,
) -> list[LintIssue]:
    """The problems of an exceptions file's entries. `region_key` tells which region a name identifies (one key for
    all of its names: 城口县, 500229, 重庆市/城口县), None when it identifies none."""
    issues: list[LintIssue] = []
    covered: list[tuple[int, Target, frozenset[str]]] = []  # entry, target, period labels it covers
    params: tuple[tuple[str, str], ...]
    for index, entry in enumerate(entries):
        resolved = resolve(entry.requirement, plans)
        target = None if isinstance(resolved, ReferenceError_) else resolved
        if target is None:
            names = ", ".join(sorted(plans))
            issues.append(
                LintIssue(
                    index,
                    "requirement",
                    "exception-unknown-requirement",
                    (("ref", entry.requirement), ("plans", names), ("hint", "")),
                )
            )
        if entry.region is not None and region_key(entry.region) is None:
            issues.append(LintIssue(index, "region", "exception-unknown-region", (("region", entry.region), ("hint", ""))))
        if entry.expiry is None:
            issues.append(LintIssue(index, "expires", "exception-bad-expiry", (("expires", str(entry.expires)),)))
        elif not entry.live_on(as_of):
            issues.append(
                LintIssue(
                    index, "expires", "exception-expired", (("id", entry.id), ("expires", str(entry.expires))), warning=True
                )
            )
        if target is None:
            continue
        periods = _periods(plans[target.plan], target)
        if not periods:
            continue
        labels = {p.label for p in periods}
        for label in entry.periods or ():
            if label not in labels:
                ordered = sorted(periods)
                params = (
                    ("requirement", entry.requirement),
                    ("period", label),
                    ("first", ordered[0].label),
                    ("last", ordered[-1].label),
                )
                issues.append(LintIssue(index, "periods", "exception-unknown-period", params))
        hit = frozenset(p.label for p in periods if covers_period(entry, p.label, p.end))
        if not hit and not any(i.index == index and i.code == "exception-unknown-period" for i in issues):
            ordered = sorted(periods, key=lambda p: p.end)
            params = (
                ("requirement", entry.requirement),
                ("first", ordered[0].end.isoformat()),
                ("last", ordered[-1].end.isoformat()),
            )
            issues.append(LintIssue(index, None, "exception-covers-nothing", params))
        for other, other_target, other_hit in covered:
            if _same_scope(entries[other], entry, region_key) and _targets_overlap(other_target, target) and hit & other_hit:
                params = (("other", entries[other].id), ("requirement", entry.requirement))
                issues.append(LintIssue(index, None, "exception-overlap", params, other=other))
        covered.append((index, target, hit))
    return issues


def _periods(plan: Plan, target: Target) -> list[Period]:
    requirement = plan.requirement(target.requirement)
    assert requirement is not None
    found: dict[str, Period] = {}
    for obligation in requirement.obligations:
        if target.obligation in (None, obligation.key):
            found.update((p.label, p) for p in required_periods(plan, obligation))
    return list(found.values())


def _same_scope(a: ApprovedException, b: ApprovedException, region_key: Callable[[str], str | None]) -> bool:
    """Whether two entries can cover the same unit: the same, or one of them unrestricted, in region (however each
    names it) and in unit."""
    regions = (region_key(a.region) or a.region if a.region else None, region_key(b.region) or b.region if b.region else None)
    return all(x is None or y is None or x == y for x, y in (regions, (a.unit, b.unit)))


def _targets_overlap(a: Target, b: Target) -> bool:
    if (a.plan, a.requirement) != (b.plan, b.requirement):
        return False
    return a.obligation is None or b.obligation is None or a.obligation == b.obligation
