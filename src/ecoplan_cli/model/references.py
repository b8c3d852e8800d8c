"""Resolve an activity's reference ([plan:]REQ[/obligation]) against the plans a log answers to."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from ecoplan_cli.model import Plan


class Target(NamedTuple):
    """What a reference names: a requirement of a plan, and perhaps one of its obligations (hashed in C: many)."""

    plan: str
    requirement: str
    obligation: str | None = None  # None: the requirement as a whole


@dataclass(frozen=True)
class ReferenceError_:
    """Why an activity's reference names no obligation, as a message code and its parameters."""

    code: str  # unknown-requirement | ambiguous-requirement | unknown-obligation | unknown-plan
    params: tuple[tuple[str, str], ...]


def parse_reference(reference: str) -> tuple[str | None, str, str | None]:
    plan_id, _, rest = reference.rpartition(":")
    requirement_id, _, key = rest.partition("/")
    return (plan_id or None, requirement_id, key or None)


def resolve(reference: str, plans: Mapping[str, Plan]) -> Target | ReferenceError_:
    """The requirement (and obligation) a reference names among `plans`, or why it names none."""
    plan_id, requirement_id, key = parse_reference(reference)
    if plan_id is not None:
        if plan_id not in plans:
            return ReferenceError_("unknown-plan", (("plan", plan_id), ("known", ", ".join(sorted(plans)))))
        candidates = [plans[plan_id]]
    else:
        candidates = list(plans.values())
    found = [(plan, req) for plan in candidates if (req := plan.requirement(requirement_id)) is not None]
    if not found:
        return ReferenceError_(
            "unknown-requirement",
            (("ref", reference), ("plans", ", ".join(p.id for p in candidates)), ("requirement", requirement_id)),
        )
    if len(found) > 1:
        names = ", ".join(plan.id for plan, _ in found)
        return ReferenceError_(
            "ambiguous-requirement",
            (("ref", reference), ("plans", names), ("example", f"{found[0][0].id}:{requirement_id}")),
        )
    plan, requirement = found[0]
    if key is not None and requirement.obligation(key) is None and requirement.relative(key) is None:
        keys = [o.key for o in requirement.obligations] + [r.key for r in requirement.relative_deadlines]
        known = ", ".join(f"{requirement.id}/{k}" for k in keys)
        return ReferenceError_("unknown-obligation", (("requirement", requirement.id), ("key", key), ("known", known)))
    return Target(plan.id, requirement.id, key)
