"""A run compared with an earlier one (its JSON report): which findings are new, unchanged, updated, fixed or absent.

A finding's identity is its obligation, period, unit, region and sub-unit — the same run after run, whatever the
as-of date. Against the baseline's finding of the same identity:

- new: not in the baseline, or in it with another status and now a gap (a gap the baseline did not have);
- unchanged: the same status and the same count;
- updated: the same status with another count (a gap that is still a gap, with more or less done);
- fixed: a gap in the baseline that is not a gap now (met, waived, or no longer required);
- any other change of status is `updated`.

Baseline findings this run does not make at all (a filtered or removed unit, a plan no longer answered) are `absent`.
`--fail-on new` fails a run only on mandatory gaps that are new.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from enum import StrEnum
from typing import NamedTuple

from ecoplan_cli.engine.evaluate import Finding, Status
from ecoplan_cli.model.ids import finding_key


class BaselineState(StrEnum):
    NEW = "new"
    UNCHANGED = "unchanged"
    UPDATED = "updated"
    FIXED = "fixed"
    ABSENT = "absent"


class Previous(NamedTuple):
    """What a baseline report says of one finding."""

    status: str
    actual: int | None


def finding_identity(finding: Finding) -> str:
    return finding_key(
        finding.plan, finding.requirement, finding.obligation, finding.region, finding.unit, finding.subunit, finding.period_label
    )


def state_of(finding: Finding, previous: Previous | None) -> BaselineState:
    gap = finding.status is Status.GAP
    if previous is None:
        return BaselineState.NEW
    if previous.status == finding.status.value:
        return BaselineState.UNCHANGED if previous.actual == finding.actual else BaselineState.UPDATED
    if gap:
        return BaselineState.NEW
    if previous.status == Status.GAP.value:
        return BaselineState.FIXED
    return BaselineState.UPDATED


def compare(findings: Iterable[Finding], baseline: Mapping[str, Previous]) -> list[Finding]:
    """The findings, each with its baseline state."""
    return [replace(f, baseline=state_of(f, baseline.get(finding_identity(f))).value) for f in findings]


def absent(seen: Iterable[str], baseline: Mapping[str, Previous]) -> list[str]:
    """Identities in the baseline that this run did not produce, in a stable order."""
    return sorted(set(baseline) - set(seen))
