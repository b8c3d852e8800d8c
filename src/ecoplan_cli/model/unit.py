"""What the engine is given: a reporting unit and its activities, references already resolved (load → model → engine)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from datetime import time as TimeOfDay
from types import MappingProxyType
from typing import NamedTuple

from ecoplan_cli.model.common import OCCURRENCE_MEASURES, Level, Measure
from ecoplan_cli.model.log import Activity
from ecoplan_cli.model.plan import Plan, Requirement
from ecoplan_cli.model.references import Target


class CountedActivity(NamedTuple):
    """What the engine needs of an activity: when it counts, how much, toward what (a light tuple: there are many)."""

    id: str
    day: date
    targets: tuple[Target, ...]
    amounts: Mapping[Measure, int] = MappingProxyType({})
    subunit: str | None = None
    # references to a plan the log does not list: (the reference as written, the plan that has it)
    foreign: tuple[tuple[str, str], ...] = ()

    def amount(self, measure: Measure) -> int:
        if not self.amounts:
            return 1 if measure in OCCURRENCE_MEASURES else 0
        return self.amounts.get(measure, 0)


class Timing(NamedTuple):
    """What deadlines that run from an event need of an activity beyond its counting day: its first day, its time
    of day (Beijing time), the event it follows (engine/events.py)."""

    first: date
    time: TimeOfDay | None = None
    event: str | None = None


def timing_of(activity: Activity) -> Timing:
    """An activity's first day, time of day (Beijing time) and the event it follows."""
    time = None
    if activity.time is not None:
        parts = [int(part) for part in activity.time.split(":")]
        time = TimeOfDay(parts[0], parts[1], parts[2] if len(parts) > 2 else 0)
    return Timing(activity.start or activity.counted_on, time, activity.event)


@dataclass(frozen=True)
class Unit:
    """A reporting unit: who it is, its region and level, the plans it answers to, and what it did."""

    name: str
    region: str
    level: Level
    plans: tuple[Plan, ...]
    activities: tuple[CountedActivity, ...]
    lead_as: frozenset[str] = frozenset()
    timing: Mapping[str, Timing] = field(default_factory=dict)  # activity id → Timing, for activities that have one
    # every name that identifies the unit's region, as an exceptions file may write it: the name reports use, its
    # national code, its path, and its name and aliases when no other unit of the country has them
    region_names: frozenset[str] = frozenset()

    def answers_for(self, requirement: Requirement) -> bool:
        """With lead_as, only requirements led by one of those units; otherwise every requirement."""
        return not self.lead_as or bool(self.lead_as.intersection(requirement.lead))
