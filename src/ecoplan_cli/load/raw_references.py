"""References of a log that fails its schema, checked anyway: one run reports a file's schema errors and its
reference errors together, instead of one layer at a time."""

from __future__ import annotations

import re
from typing import Any

from ecoplan_cli.load.catalogue import Catalogue
from ecoplan_cli.load.problems import Problem
from ecoplan_cli.load.validation import dotted
from ecoplan_cli.load.yaml_source import Document, Path
from ecoplan_cli.messages import did_you_mean, text
from ecoplan_cli.model import Plan
from ecoplan_cli.model.log import REFERENCE_PATTERN
from ecoplan_cli.model.references import ReferenceError_, resolve

_REFERENCE = re.compile(REFERENCE_PATTERN)


def _problem(document: Document, path: Path, code: str, **params: object) -> Problem:
    line, column = document.position(path)
    message = text(code, **params)
    if not document.located:
        message += " " + text("at-path", path=dotted(path))
    return Problem(document.file, line, column, code, message)


def reference_problems(document: Document, catalogue: Catalogue) -> list[Problem]:
    """Unknown plans, regions and requirement references in whatever parts of the data have the right shape."""
    data: Any = document.data
    if not isinstance(data, dict):
        return []
    problems: list[Problem] = []
    plans: dict[str, Plan] = {}
    entries = data.get("plans")
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(entry, str) or entry.endswith((".yaml", ".yml")):
            continue  # a plan file is read (and its problems told) once the log's shape is right
        if entry in catalogue.plans:
            plans[entry] = catalogue.plan(entry)
        else:
            known = ", ".join(sorted(catalogue.plans))
            problems.append(_problem(document, ("plans", index), "unknown-plan", plan=entry, known=known))
    region = data.get("region")
    listed = [entry for entry in entries if isinstance(entry, str)] if isinstance(entries, list) else []
    if isinstance(region, str) and region and catalogue.region(region, listed) is None:
        from ecoplan_cli.load.region_names import unresolved

        names = [n for r in catalogue.regions for n in (r.name, *r.aliases)]
        code, params = unresolved(region, listed, names)
        problems.append(_problem(document, ("region",), code, **dict(params)))
    activities = data.get("activities")
    if not plans or not isinstance(activities, list):
        return problems
    ids = [r.id for plan in plans.values() for r in plan.requirements]
    others = {key: catalogue.plan(key) for key in catalogue.plans if key not in plans}
    for index, activity in enumerate(activities):
        references = activity.get("requirements") if isinstance(activity, dict) else None
        for ref_index, reference in enumerate(references if isinstance(references, list) else []):
            if not isinstance(reference, str) or not _REFERENCE.match(reference):
                continue  # the schema says what is wrong with it
            outcome = resolve(reference, plans)
            if not isinstance(outcome, ReferenceError_):
                continue
            if outcome.code == "unknown-requirement" and others and not isinstance(resolve(reference, others), ReferenceError_):
                continue  # a plan the log does not list: told as not counted once the log reads
            found: dict[str, object] = dict(outcome.params)
            if outcome.code == "unknown-requirement":
                found["hint"] = did_you_mean(str(found.pop("requirement")), ids)
            problems.append(_problem(document, ("activities", index, "requirements", ref_index), outcome.code, **found))
    return problems
