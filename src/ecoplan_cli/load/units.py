"""From loaded logs to the engine's units: one unit per (unit, region, level), its files merged."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ecoplan_cli.load.logs import LoadedLog
from ecoplan_cli.load.problems import Problem
from ecoplan_cli.load.region_names import display_name, identifying_names
from ecoplan_cli.messages import text
from ecoplan_cli.model.unit import CountedActivity, Timing, Unit, timing_of


@dataclass(frozen=True)
class UnitSource:
    """A unit with every activity of its log files, merged."""

    unit: Unit
    files: tuple[str, ...]
    activity_files: dict[str, str] | None = None  # activity id → its file, when the unit has several files


def merge(logs: Sequence[LoadedLog]) -> tuple[list[UnitSource], list[Problem]]:
    """Group logs by unit; an activity id used in two files of the same unit is an error."""
    groups: dict[tuple[str, str, str], list[LoadedLog]] = {}
    for log in logs:
        groups.setdefault((log.log.unit, display_name(log.region), log.level.value), []).append(log)
    sources: list[UnitSource] = []
    problems: list[Problem] = []
    for (name, region, _), members in sorted(groups.items()):
        activities: list[CountedActivity] = []
        where: dict[str, tuple[str, LoadedLog]] = {}
        plans = {}
        lead_as: set[str] = set()
        timing: dict[str, Timing] = {}
        add = activities.append
        for log in members:
            plans.update(log.plans)
            lead_as.update(log.log.lead_as)
            targets = log.targets
            foreign = log.foreign
            placed = (log.path, log)
            for activity in log.log.activities:  # the hot loop: one tuple per activity, names bound outside it
                identifier = activity.id
                if identifier in where:
                    first_file, first_log = where[identifier]
                    line, first_line = log.activity_line(identifier), first_log.activity_line(identifier)
                    first_log_location = Problem(first_file, first_line, 1, "", "", sheet=first_log.sheet).location
                    problems.append(
                        Problem(
                            log.path,
                            line,
                            1,
                            "duplicate-activity",
                            text("duplicate-activity", id=identifier, first=first_log_location),
                            sheet=log.sheet,
                        )
                    )
                    continue
                where[identifier] = placed
                if activity.event is not None or activity.time is not None or activity.start is not None:
                    timing[identifier] = timing_of(activity)
                add(
                    CountedActivity(
                        identifier,
                        activity.counted_on,
                        targets[identifier],
                        activity.amounts,
                        activity.subunit,
                        foreign.get(identifier, ()) if foreign else (),
                    )
                )
        unit = Unit(
            name=name,
            region=region,
            level=members[0].level,
            plans=tuple(plans[key] for key in sorted(plans)),
            activities=tuple(activities),
            lead_as=frozenset(lead_as),
            timing=timing,
            region_names=identifying_names(members[0].region),
        )
        files = {identifier: path for identifier, (path, _) in where.items()} if len(members) > 1 else None
        sources.append(UnitSource(unit, tuple(log.path for log in members), files))
    return sources, problems
