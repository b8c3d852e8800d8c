"""Checks on a plan's relative deadlines (rules that run from an event), each located: the event requirement is one
of the plan's, the parameter exists, the words are the quote's and state the number of days or hours."""

from __future__ import annotations

import re

from ecoplan_cli.load.problems import Problem
from ecoplan_cli.load.yaml_source import Document, Path
from ecoplan_cli.messages import text
from ecoplan_cli.model import Plan

_NUMERALS = {1: "一", 2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十", 12: "十二",
             15: "十五", 20: "二十", 24: "二十四", 30: "三十"}  # fmt: skip


def _at(document: Document, path: Path, code: str, **params: object) -> Problem:
    line, column = document.position(path)
    return Problem(document.file, line, column, code, text(code, **params))


def relative_problems(plan: Plan, document: Document) -> list[Problem]:
    problems: list[Problem] = []
    by_id = {r.id: r for r in reversed(plan.requirements)}  # not plan.requirement(): that caches, and the plan is copied
    for index, requirement in enumerate(plan.requirements):
        for number, rule in enumerate(requirement.relative_deadlines):
            at: Path = ("requirements", index, "relative_deadlines", number)
            event_id, _, key = rule.event.partition("/")
            event_requirement = by_id.get(event_id)
            if event_requirement is None or (
                key and event_requirement.obligation(key) is None and event_requirement.relative(key) is None
            ):
                problems.append(_at(document, (*at, "event"), "rule-unknown-event", event=rule.event, plan=plan.id))
            elif event_id == requirement.id and key == rule.key:
                problems.append(_at(document, (*at, "event"), "rule-own-event", event=rule.event))
            if rule.offset_param is not None and rule.offset_param not in plan.params:
                known = ", ".join(sorted(plan.params)) or "—"
                problems.append(_at(document, (*at, "offset_param"), "unknown-param", name=rule.offset_param, known=known))
            if _squash(rule.text) not in _squash(requirement.quote):
                problems.append(_at(document, (*at, "text"), "basis-not-in-quote", requirement=requirement.id))
            else:
                offset = rule.days if rule.days is not None else rule.hours
                if offset is not None and str(offset) not in rule.text and _NUMERALS.get(offset, "?") not in rule.text:
                    field = "days" if rule.days is not None else "hours"
                    problems.append(_at(document, (*at, field), "offset-not-in-text", offset=offset))
    return problems


def _squash(value: str) -> str:
    return re.sub(r"\s+", "", value)
