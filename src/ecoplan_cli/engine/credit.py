"""Credit through `implements`: work logged toward a plan's item counts toward the parent plan's items it carries out.

An activity toward CQ-79 (which implements ZL10-1) counts toward ZL10-1 too when the unit answers both plans, in the
counting words the named obligations of CQ-79 state: its 篇 count toward ZL10-1's 篇, its 次 toward ZL10-1's 次.
Credit only adds: a finding counted directly is never changed by it (a property in tests/engine/test_accounting.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from ecoplan_cli.model import Measure, Plan
from ecoplan_cli.model.references import Target


class Credit(NamedTuple):
    target: Target  # the parent plan's item, as a whole
    via: str  # the requirement the activity named (CQ-79)
    measures: frozenset[Measure]  # the counting words it brings credit in


def credits_for(plans: Mapping[str, Plan], target: Target) -> tuple[Credit, ...]:
    """The parent items a reference also counts toward, among the plans the unit answers to."""
    child = plans.get(target.plan)
    if child is None or child.implements is None or child.implements not in plans:
        return ()
    parent = plans[child.implements]
    requirement = child.requirement(target.requirement)
    if requirement is None or not requirement.implements:
        return ()
    named = [
        o
        for o in requirement.obligations
        if (o.key == target.obligation if target.obligation is not None else not o.explicit_only) and o.min_count is not None
    ]
    measures = frozenset(o.measure for o in named)
    if not measures:
        return ()
    return tuple(
        Credit(Target(parent.id, item), requirement.id, measures)
        for item in requirement.implements
        if parent.requirement(item) is not None
    )
