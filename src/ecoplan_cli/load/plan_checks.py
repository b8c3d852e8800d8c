"""Checks on a plan file beyond its schema, each located: ids, parameters, sub-units, bases, implements-links."""

from __future__ import annotations

import re

from ecoplan_cli.load.catalogue import Catalogue
from ecoplan_cli.load.problems import Problem, Severity
from ecoplan_cli.load.yaml_source import Document, Path
from ecoplan_cli.messages import text
from ecoplan_cli.model import Plan

CHINESE_NUMERALS = {1: "一", 2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十", 12: "十二"}


def _at(document: Document, path: Path, code: str, severity: Severity = Severity.ERROR, **params: object) -> Problem:
    line, column = document.position(path)
    return Problem(document.file, line, column, code, text(code, **params), severity)


def structural_problems(plan: Plan, document: Document) -> list[Problem]:
    """What makes a plan unusable: repeated ids, unknown parameters or sub-unit kinds, bases outside their quote."""
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for index, requirement in enumerate(plan.requirements):
        here: Path = ("requirements", index)
        if requirement.id in first:
            line = document.position(("requirements", first[requirement.id], "id"))[0]
            problems.append(_at(document, (*here, "id"), "duplicate-requirement", id=requirement.id, line=line))
        first.setdefault(requirement.id, index)
        for number, obligation in enumerate(requirement.obligations):
            at: Path = (*here, "obligations", number)
            if obligation.count_param is not None and obligation.count_param not in plan.params:
                problems.append(
                    _at(
                        document,
                        (*at, "count_param"),
                        "unknown-param",
                        name=obligation.count_param,
                        known=", ".join(sorted(plan.params)) or "—",
                    )
                )
            if obligation.per is not None and obligation.per not in plan.subunits:
                problems.append(
                    _at(
                        document,
                        (*at, "per"),
                        "unknown-subunit-kind",
                        kind=obligation.per,
                        known="、".join(sorted(plan.subunits)) or "—",
                    )
                )
            if obligation.basis is not None and _squash(obligation.basis) not in _squash(requirement.quote):
                problems.append(_at(document, (*at, "basis"), "basis-not-in-quote", requirement=requirement.id))
            elif obligation.min_count is not None and obligation.basis is not None and obligation.count_param is None:
                numeral = CHINESE_NUMERALS.get(obligation.min_count, "")
                stated = str(obligation.min_count) in obligation.basis or (numeral and numeral in obligation.basis)
                if not stated and not read_as_one(plan, obligation.min_count, obligation.basis):
                    problems.append(_at(document, (*at, "min_count"), "count-not-in-basis", count=obligation.min_count))
    if plan.has_relative_deadlines:
        from ecoplan_cli.load.plan_events import relative_problems

        problems.extend(relative_problems(plan, document))
    return problems


def link_problems(plan: Plan, document: Document, catalogue: Catalogue) -> list[Problem]:
    """Implements-links: the parent plan is known, and every linked id is one of its requirements."""
    if plan.implements is None:
        return []
    if plan.implements not in catalogue.plans:
        return [_at(document, ("implements",), "unknown-plan", plan=plan.implements, known=", ".join(sorted(catalogue.plans)))]
    parent = catalogue.plan(plan.implements)
    problems = []
    for index, requirement in enumerate(plan.requirements):
        for link_index, link in enumerate(requirement.implements):
            if parent.requirement(link) is None:
                problems.append(
                    _at(document, ("requirements", index, "implements", link_index), "unknown-link", link=link, parent=parent.id)
                )
    return problems


def advice(plan: Plan, document: Document) -> list[Problem]:
    """Warnings: parameters not filled in yet (their obligations stay unmeasured)."""
    return [
        _at(document, ("params", name), "param-unset", Severity.WARNING, name=name, text=parameter.text)
        for name, parameter in plan.params.items()
        if parameter.value is None
    ]


def read_as_one(plan: Plan, count: int, basis: str) -> bool:
    """A count of 1 the text implies and a reading of the plan states ("at least one opening in every two-month
    period" for 双月开放): the reading is where the number is written down."""
    return count == 1 and any(
        _squash(basis) in _squash(r.text) and re.search(r"at least one|至少一", r.choice) for r in plan.readings
    )


def _squash(value: str) -> str:
    return re.sub(r"\s+", "", value)
