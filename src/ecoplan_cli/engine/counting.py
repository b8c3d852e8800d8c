"""What counts toward an obligation, found in time linear in activities (issue 12: nothing walks periods × activities).

A unit's activities are sorted once by day and filed once under each reference they make (`Filed`). An obligation
takes the lists of the references that name it, keeps the activities that bring something in its counting word
(`counted`), and each of its periods takes the slice of those whose day it bisects, its amount a difference of
running sums (`Counted.take`). tests/engine/oracle_engine.py keeps the walk over periods × activities this replaced;
tests/engine/test_fast_engine.py proves the two equal on generated units.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from itertools import accumulate, pairwise
from operator import itemgetter

from ecoplan_cli.engine.credit import Credit, credits_for
from ecoplan_cli.model import Obligation, Plan, Requirement
from ecoplan_cli.model.common import OCCURRENCE_MEASURES
from ecoplan_cli.model.references import Target
from ecoplan_cli.model.unit import CountedActivity

DAY_ID = itemgetter(1, 0)  # CountedActivity (id, day, …) → (day, id)

Entry = tuple[CountedActivity, Target, Credit | None]  # an activity, the reference it makes, and the credit it brings


class Filed:
    """A unit's activities up to the as-of date, sorted by (day, id), filed under each reference they make."""

    def __init__(self, activities: Sequence[CountedActivity], plans: Mapping[str, Plan], as_of: date, credit: bool) -> None:
        self.plans, self.credit = plans, credit
        done = sorted(activities, key=DAY_ID)
        cut = bisect_right([activity.day for activity in done], as_of)
        self.activities = done[:cut] if cut < len(done) else done  # dated after `as_of`: not happened yet
        # with two activities under one id (the loaders refuse that) every obligation takes the general way
        self.unique = len({activity.id for activity in activities}) == len(activities)
        self.by_target: dict[Target, list[CountedActivity]] = {}
        self.targets: dict[tuple[str, str], list[Target]] = {}  # the references made to each (plan, requirement)
        self.credited: set[tuple[str, str]] = set()  # the requirements some reference brings credit to
        self._named: dict[tuple[str, str], list[Entry]] | None = None
        if not self.unique:
            return
        by_target = self.by_target
        for activity in self.activities:
            for target in activity.targets:
                listed = by_target.get(target)
                if listed is None:
                    by_target[target] = [activity]
                elif listed[-1] is not activity:  # a reference written twice in one activity counts once
                    listed.append(activity)
        for target in by_target:
            self.targets.setdefault((target.plan, target.requirement), []).append(target)
            if credit:
                self.credited.update((given.target.plan, given.target.requirement) for given in credits_for(plans, target))

    def named(self, plan: str, requirement: str) -> list[Entry]:
        """Every (activity, reference, credit) naming the requirement, directly or through credit, in activity order:
        the general filing, made at the first need (a unit with credit or with two activities under one id)."""
        if self._named is None:
            self._named = {}
            cache: dict[Target, tuple[Credit, ...]] = {}
            for activity in self.activities:
                for target in activity.targets:
                    self._named.setdefault((target.plan, target.requirement), []).append((activity, target, None))
                    if not self.credit:
                        continue
                    credits = cache.get(target)
                    if credits is None:
                        credits = cache[target] = credits_for(self.plans, target)
                    for given in credits:
                        key = (given.target.plan, given.target.requirement)
                        self._named.setdefault(key, []).append((activity, given.target, given))
        return self._named.get((plan, requirement), [])


class Counted:
    """The activities counted toward one obligation (in one sub-unit), by day: ids, amounts as running sums, and the
    requirement any credit came through (None: no credit at all)."""

    __slots__ = ("days", "ids", "kept", "ordered", "sums", "vias")

    def __init__(self, kept: Sequence[CountedActivity], amounts: Iterable[int], vias: Sequence[str | None] | None) -> None:
        self.kept = kept
        self.days = [activity.day for activity in kept]
        self.ids = [activity.id for activity in kept]
        self.sums = list(accumulate(amounts, initial=0))
        self.vias = vias if vias is not None and any(via is not None for via in vias) else None
        # sorted by day unless two activities share an id (the loaders refuse that): then each period walks them all
        self.ordered = all(earlier <= later for earlier, later in pairwise(self.days))

    def take(self, start: date, end: date) -> tuple[tuple[str, ...], int, tuple[str, ...]]:
        """The ids counted in [start, end], in order, their amount, and the requirements credit came through."""
        if self.ordered:
            low, high = bisect_left(self.days, start), bisect_right(self.days, end)
            vias = () if self.vias is None else _via(self.vias[low:high])
            return tuple(self.ids[low:high]), self.sums[high] - self.sums[low], vias
        inside = [i for i, day in enumerate(self.days) if start <= day <= end]
        amount = sum(self.sums[i + 1] - self.sums[i] for i in inside)
        vias = () if self.vias is None else _via([self.vias[i] for i in inside])
        return tuple(self.ids[i] for i in inside), amount, vias

    def scoped(self, scopes: Iterable[str | None]) -> dict[str | None, Counted]:
        """The activities of each sub-unit named in `scopes`, each in order."""
        split: dict[str | None, list[int]] = {}
        for index, activity in enumerate(self.kept):
            split.setdefault(activity.subunit, []).append(index)
        out: dict[str | None, Counted] = {}
        for scope in scopes:
            picked = split.get(scope, [])
            part = Counted.__new__(Counted)
            part.kept = [self.kept[i] for i in picked]
            part.days = [self.days[i] for i in picked]
            part.ids = [self.ids[i] for i in picked]
            part.sums = list(accumulate((self.sums[i + 1] - self.sums[i] for i in picked), initial=0))
            part.vias = None if self.vias is None else [self.vias[i] for i in picked]
            part.ordered = self.ordered or all(earlier <= later for earlier, later in pairwise(part.days))
            out[scope] = part
        return out


def counted(filed: Filed, plan: Plan, requirement: Requirement, obligation: Obligation) -> Counted:
    """The activities that count toward `obligation` (across its sub-units), each once, in (day, id) order."""
    if not filed.unique or (plan.id, requirement.id) in filed.credited:
        relevant = _relevant(filed.named(plan.id, requirement.id), plan, requirement, obligation)
        kept = [activity for activity, _ in relevant]
        return Counted(kept, (activity.amount(obligation.measure) for activity in kept), [via for _, via in relevant])
    key, explicit_only = obligation.key, obligation.explicit_only
    lists = [
        filed.by_target[target]
        for target in filed.targets.get((plan.id, requirement.id), ())
        if (target.obligation == key if target.obligation is not None else not explicit_only)
    ]
    if len(lists) == 1:
        activities = lists[0]
    else:  # REQ and REQ/key both written: an activity naming both counts once
        activities = sorted({activity.id: activity for listed in lists for activity in listed}.values(), key=DAY_ID)
    measure = obligation.measure
    if obligation.required is None:  # unmeasured: every activity is listed, its amount summed
        return Counted(activities, (activity.amount(measure) for activity in activities), None)
    if measure in OCCURRENCE_MEASURES:  # a record without amounts is one 次 (场)
        kept = [a for a in activities if not a.amounts or a.amounts.get(measure, 0) > 0]
        return Counted(kept, (a.amounts.get(measure, 0) if a.amounts else 1 for a in kept), None)
    kept = [a for a in activities if a.amounts and a.amounts.get(measure, 0) > 0]
    return Counted(kept, (a.amounts[measure] for a in kept), None)


def _relevant(
    named: Sequence[Entry], plan: Plan, requirement: Requirement, obligation: Obligation
) -> list[tuple[CountedActivity, str | None]]:
    """The activities that count toward `obligation`, each once, with the requirement any credit came through."""
    measured = obligation.required is not None
    measure = obligation.measure
    occurrence = measure in OCCURRENCE_MEASURES  # a record without amounts is one 次 (场)
    relevant: dict[str, tuple[CountedActivity, str | None]] = {}
    for activity, target, given in named:
        if given is None:
            if not counts_toward(target, plan, requirement, obligation):
                continue
        elif obligation.explicit_only or not measured or measure not in given.measures:
            continue
        if measured and (activity.amounts.get(measure, 0) <= 0 if activity.amounts else not occurrence):
            continue
        if given is None or activity.id not in relevant:
            relevant[activity.id] = (activity, None if given is None else given.via)
    return list(relevant.values())


def counts_toward(target: Target, plan: Plan, requirement: Requirement, obligation: Obligation) -> bool:
    """Whether an activity naming `target` counts toward this obligation."""
    if target.plan != plan.id or target.requirement != requirement.id:
        return False
    if target.obligation is not None:
        return target.obligation == obligation.key
    return not obligation.explicit_only


def _via(vias: Iterable[str | None]) -> tuple[str, ...]:
    names = {via for via in vias if via is not None}
    return tuple(sorted(names)) if names else ()
