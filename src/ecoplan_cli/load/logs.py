"""Activity logs: read, validate against the schema, then check every reference against the catalogue."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path as FsPath

from ecoplan_cli.engine.references import ReferenceError_, Target, resolve
from ecoplan_cli.load.catalogue import Catalogue, load_plan_file
from ecoplan_cli.load.problems import InputError, Problem, Severity
from ecoplan_cli.load.validation import validate
from ecoplan_cli.load.yaml_source import Path, read_file
from ecoplan_cli.messages import text
from ecoplan_cli.model import ActivityLog, Level, Measure, Plan, Region
from ecoplan_cli.model.log import OCCURRENCE_MEASURES


@dataclass(frozen=True)
class LoadedLog:
    """A valid log, its region and level, and what each activity's references resolved to."""

    path: str
    log: ActivityLog
    region: Region
    level: Level
    plans: dict[str, Plan]
    targets: dict[str, tuple[Target, ...]]
    activity_lines: dict[str, int] = field(default_factory=dict)
    warnings: tuple[Problem, ...] = ()


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    return text("did-you-mean", suggestion=close[0]) if close else ""


def load_log(path: str, catalogue: Catalogue) -> tuple[LoadedLog, Catalogue]:
    """Read one log. Returns it with the catalogue extended by any plan file it names; raises InputError."""
    document = read_file(path)
    if not isinstance(document.data, dict):
        found = "a list" if isinstance(document.data, list) else "a single value"
        raise InputError([Problem(path, 1, 1, "not-a-mapping", text("not-a-mapping", what="an activity log", found=found))])
    log = validate(ActivityLog, document)
    problems: list[Problem] = []
    warnings: list[Problem] = []

    def at(location: Path, code: str, *, on_key: bool = False, severity: Severity = Severity.ERROR, **params: object) -> Problem:
        line, column = document.position(location, key=on_key)
        return Problem(path, line, column, code, text(code, **params), severity)

    plans: dict[str, Plan] = {}
    for index, entry in enumerate(log.plans):
        if entry.endswith((".yaml", ".yml")):
            plan_path = FsPath(path).parent / entry
            try:
                source = load_plan_file(str(plan_path), entry)
            except InputError as error:
                problems.extend(error.problems)
                continue
            catalogue = catalogue.with_plan(source)
            plans[source.plan.id] = source.plan
        elif entry in catalogue.plans:
            plans[entry] = catalogue.plan(entry)
        else:
            problems.append(at(("plans", index), "unknown-plan", plan=entry, known=", ".join(sorted(catalogue.plans))))

    region = catalogue.region(log.region)
    if region is None:
        names = [n for r in catalogue.regions for n in (r.name, *r.aliases)]
        problems.append(at(("region",), "unknown-region", region=log.region, hint=_suggest(log.region, names)))

    targets: dict[str, tuple[Target, ...]] = {}
    first_seen: dict[str, Path] = {}
    lines: dict[str, int] = {}
    for index, activity in enumerate(log.activities):
        here: Path = ("activities", index)
        if activity.id in first_seen:
            line, column = document.position((*first_seen[activity.id], "id"))
            problems.append(at((*here, "id"), "duplicate-activity", id=activity.id, first=f"{path}:{line}:{column}"))
            continue
        first_seen[activity.id] = here
        lines[activity.id] = document.position(here)[0]
        if not plans:
            continue
        if activity.subunit is not None:
            known = sorted({name for plan in plans.values() for names in plan.subunits.values() for name in names})
            if activity.subunit not in known:
                problems.append(
                    at((*here, "subunit"), "unknown-subunit", subunit=activity.subunit, known="、".join(known) or "—")
                )
        resolved: list[Target] = []
        for ref_index, reference in enumerate(activity.requirements):
            outcome = resolve(reference, plans)
            if isinstance(outcome, ReferenceError_):
                params: dict[str, object] = dict(outcome.params)
                if outcome.code == "unknown-requirement":
                    ids = [r.id for p in plans.values() for r in p.requirements]
                    params["hint"] = _suggest(str(params.pop("requirement")), ids)
                line, column = document.position((*here, "requirements", ref_index))
                problems.append(Problem(path, line, column, outcome.code, text(outcome.code, **params)))
                continue
            resolved.append(outcome)
            plan = plans[outcome.plan]
            day_field = "date" if activity.date is not None else "end"
            if not plan.period.start <= activity.counted_on <= plan.period.end:
                problems.append(
                    at(
                        (*here, day_field),
                        "date-out-of-period",
                        date=activity.counted_on.isoformat(),
                        plan=plan.id,
                        start=plan.period.start.isoformat(),
                        end=plan.period.end.isoformat(),
                    )
                )
            unstated = unstated_measure(activity.amounts, outcome, plan)
            if unstated is not None:
                warnings.append(
                    at(
                        (*here, "requirements", ref_index),
                        "measure-not-stated",
                        severity=Severity.WARNING,
                        requirement=outcome.requirement,
                        measure=unstated.value,
                    )
                )
        targets[activity.id] = tuple(dict.fromkeys(resolved))
    if problems:
        raise InputError(sorted(set(problems)))
    assert region is not None
    level = log.level or region.level
    return LoadedLog(path, log, region, level, plans, targets, lines, tuple(sorted(set(warnings)))), catalogue


def unstated_measure(amounts: dict[Measure, int], target: Target, plan: Plan) -> Measure | None:
    """The counting word of a named obligation that the activity does not state (it would count 0), if any."""
    requirement = plan.requirement(target.requirement)
    assert requirement is not None
    measures = {o.measure for o in requirement.obligations if target.obligation in (None, o.key) and o.min_count is not None}
    stated = set(amounts) if amounts else set(OCCURRENCE_MEASURES)
    if not measures or measures & stated:
        return None
    return sorted(measures)[0]


def load_logs(paths: Sequence[str], catalogue: Catalogue) -> tuple[list[LoadedLog], list[Problem]]:
    """Load several logs; returns the valid ones and every problem found in the others."""
    logs: list[LoadedLog] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            log, catalogue = load_log(path, catalogue)
        except InputError as error:
            problems.extend(error.problems)
            continue
        logs.append(log)
    return logs, problems
