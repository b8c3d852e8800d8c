"""plan-check: a reading (`readings:`) and the obligations it is about must agree.

- A reading that states a number ("at least one opening in every two-month period") about words of a quote: every
  periodic obligation of that requirement must count (min_count or count_param), else the number is never checked.
- A reading that fixes a deadline for a row ("2022年6月前 (row 40)" → 2022-06-30): that row's one-off obligations are
  due on that day.
"""

from __future__ import annotations

import re

from ecoplan_cli.load.problems import Problem
from ecoplan_cli.load.yaml_source import Document
from ecoplan_cli.messages import text
from ecoplan_cli.model import Plan, Recurrence
from ecoplan_cli.model.plan import DEADLINE_RECURRENCES

_STATES_A_NUMBER = re.compile(r"\bat least (?:one|\d+)\b|至少|不少于", re.IGNORECASE)
_ROW = re.compile(r"\(row (\d+)\)")
_DEADLINE = re.compile(r"deadline (\d{4}-\d{2}-\d{2})")


def _key(words: str) -> str:
    """The quoted words of a reading, without its (row N) note and spaces."""
    return re.sub(r"\s+", "", _ROW.sub("", words))


def reading_problems(plan: Plan, document: Document) -> list[Problem]:
    problems: list[Problem] = []
    for number, reading in enumerate(plan.readings):
        row = _ROW.search(reading.text)
        key = _key(reading.text)
        for index, requirement in enumerate(plan.requirements):
            about = (row is not None and f"第{row.group(1)}行" in requirement.section) or (
                key and key in re.sub(r"\s+", "", requirement.quote)
            )
            if not about:
                continue
            for position, obligation in enumerate(requirement.obligations):
                at = ("requirements", index, "obligations", position)
                periodic = obligation.recurrence not in DEADLINE_RECURRENCES and obligation.recurrence is not Recurrence.ONGOING
                counts = obligation.min_count is not None or obligation.count_param is not None
                if _STATES_A_NUMBER.search(reading.choice) and periodic and not counts:
                    line, column = document.position((*at, "recurrence"))
                    reading_line = document.position(("readings", number))[0]
                    message = text("reading-unmeasured", reading=reading.text, line=reading_line,
                                   obligation=f"{requirement.id}/{obligation.key}")  # fmt: skip
                    problems.append(Problem(document.file, line, column, "reading-unmeasured", message))
                deadline = _DEADLINE.search(reading.choice)
                if deadline and obligation.recurrence in DEADLINE_RECURRENCES and str(obligation.deadline) != deadline.group(1):
                    line, column = document.position((*at, "deadline"))
                    message = text("reading-deadline", reading=reading.text, date=deadline.group(1),
                                   obligation=f"{requirement.id}/{obligation.key}", found=str(obligation.deadline))  # fmt: skip
                    problems.append(Problem(document.file, line, column, "reading-deadline", message))
    return problems
