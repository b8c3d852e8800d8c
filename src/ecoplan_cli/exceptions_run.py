"""Exceptions files linted against the plans, with every problem located: for `exceptions lint` and `validate`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from ecoplan_cli.engine.exceptions_lint import lint
from ecoplan_cli.load.catalogue import Catalogue
from ecoplan_cli.load.exceptions import load_exceptions
from ecoplan_cli.load.problems import InputError, Problem, Severity
from ecoplan_cli.messages import did_you_mean, text


@dataclass
class LintOutcome:
    """What `exceptions lint` found across its files."""

    unreadable: list[Problem] = field(default_factory=list)  # files that cannot be used at all
    found: list[Problem] = field(default_factory=list)  # errors and warnings of readable files
    clean: list[str] = field(default_factory=list)  # one line per file without errors

    @property
    def errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.found)


def lint_files(files: Sequence[str], catalogue: Catalogue, as_of: date) -> LintOutcome:
    plans = {key: source.plan for key, source in catalogue.plans.items()}
    ids = [r.id for p in plans.values() for r in p.requirements]
    regions = [n for r in catalogue.regions for n in (r.name, *r.aliases)]

    def region_key(name: str) -> str | None:
        region = catalogue.region(name)
        return None if region is None else region.code or region.path or region.name

    outcome = LintOutcome()
    for file in files:
        try:
            loaded = load_exceptions(file)
        except InputError as error:
            outcome.unreadable.extend(error.problems)
            continue
        problems = []
        for issue in lint(loaded.entries, plans, region_key, as_of):
            params = dict(issue.params)
            if issue.code == "exception-unknown-requirement":
                params["hint"] = did_you_mean(loaded.entries[issue.index].requirement.upper(), ids)
            if issue.code == "exception-unknown-region":  # unknown, or a name the country has more than once
                from ecoplan_cli.load.region_names import unresolved

                why, found = unresolved(str(params["region"]), plans, regions)
                params["hint"] = str(found[1][1]) if why == "unknown-region" else f": {found[1][1]}"
            if issue.other is not None:
                params["line"] = str(loaded.lines[issue.other])
            line, column = loaded.position(issue.index, issue.key)
            severity = Severity.WARNING if issue.warning else Severity.ERROR
            problems.append(Problem(loaded.path, line, column, issue.code, text(issue.code, **params), severity))
        outcome.found.extend(problems)
        if not any(p.severity is Severity.ERROR for p in problems):
            live = sum(1 for entry in loaded.entries if entry.live_on(as_of))
            outcome.clean.append(
                text("exceptions-clean", file=loaded.path, count=len(loaded.entries), live=live, as_of=as_of.isoformat())
            )
    return outcome
