"""`check`'s filters, checked against the plans of the run: an unknown value is a usage error with "did you mean",
never a silent PASS over nothing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ecoplan_cli.messages import did_you_mean, text
from ecoplan_cli.model import Plan


def _hint(value: str, known: Iterable[str]) -> str:
    choices = sorted(set(known))
    folded = [c for c in choices if c.casefold() == value.casefold()]
    return text("did-you-mean", suggestion=folded[0]) if folded else did_you_mean(value, choices)


def filter_errors(
    plans: Mapping[str, Plan],
    *,
    requirements: Iterable[str] = (),
    plan_ids: Iterable[str] = (),
    leads: Iterable[str] = (),
    years: Iterable[int] = (),
) -> list[tuple[str, str]]:
    """(option, message) for each filter value that names nothing in `plans`."""
    errors: list[tuple[str, str]] = []
    ids = {r.id for plan in plans.values() for r in plan.requirements}
    qualified = {f"{plan.id}:{r.id}" for plan in plans.values() for r in plan.requirements}
    for value in sorted(requirements):
        if value not in ids and value not in qualified:
            what = text("what-requirement")
            errors.append(("--requirement", text("filter-unknown", what=what, value=value, hint=_hint(value, ids))))
    for value in sorted(plan_ids):
        if value not in plans:
            message = text("filter-unknown", what=text("what-plan"), value=value, hint=_hint(value, plans))
            errors.append(("--plan", message))
    known_leads = {lead for plan in plans.values() for r in plan.requirements for lead in r.lead}
    for value in sorted(leads):
        if value not in known_leads:
            what = text("what-lead")
            message = text("filter-unknown", what=what, value=value, hint=_hint(value, known_leads))
            errors.append(("--lead", message))
    if plans:
        first = min(plan.period.start.year for plan in plans.values())
        last = max(plan.period.end.year for plan in plans.values())
        for year in sorted(years):
            if not first <= year <= last:
                errors.append(("--year", text("filter-year-outside", year=year, first=first, last=last)))
    return errors


def described(requirements: Iterable[str], plan_ids: Iterable[str], leads: Iterable[str], years: Iterable[int],
              statuses: Iterable[str]) -> str:  # fmt: skip
    """The filters of a run, as the user wrote them."""
    parts = [f"--requirement {v}" for v in sorted(requirements)] + [f"--plan {v}" for v in sorted(plan_ids)]
    parts += [f"--lead {v}" for v in sorted(leads)] + [f"--year {v}" for v in sorted(years)]
    parts += [f"--status {v}" for v in sorted(statuses)]
    return ", ".join(parts)
