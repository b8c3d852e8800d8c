"""--format sarif: SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer). Gaps are results; rules are the plans'
requirements.

- Each result sits on the line that explains it: the activity that fell short (the last one counted), or the log's
  `region:` line for a period with no activity (report/positions.py; lines from a text scan, never a re-parse). The
  plan requirement is a related location.
- Fingerprints are unique per finding (plan, requirement, obligation, unit, sub-unit, period) and stable across runs,
  as-of dates and edits that move lines: `ecoplanFinding/v1`, and `primaryLocationLineHash` set from the same
  identity, so that GitHub never merges two gaps that happen to share a line.
- URIs are relative to the working directory (the checkout), percent-encoded, with `uriBaseId` %SRCROOT%, which
  `originalUriBaseIds` and `invocations[0].workingDirectory` resolve; a file outside it is an absolute file: URI.
  Plan files of the user's repository are repository artifacts like the logs; bundled plans are based on ECOPLAN,
  described, not linked (they live inside the installed package).
- `automationDetails.id` is `ecoplan/<as-of>`; rules carry `defaultConfiguration.level` (error for a mandatory
  obligation, note for an encouraged one). No `helpUri`: ecoplan has no public page to point at, and a dead link is
  worse than none; the help text carries the quote, lead units and time limit.
- Activities the run did not count are warnings on their own line, one rule per reason (`uncounted-<reason>`).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ecoplan_cli import __version__
from ecoplan_cli.engine.accounting import NotCounted
from ecoplan_cli.engine.evaluate import Finding, Status
from ecoplan_cli.report import facts
from ecoplan_cli.report.base import CheckReport, finding_id
from ecoplan_cli.report.positions import finding_location, uncounted_location

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
BUNDLED = "ECOPLAN"


def artifact_location(path: str) -> dict[str, str]:
    """A file as a percent-encoded URI relative to %SRCROOT% (the working directory), or an absolute file: URI."""
    shown = facts.repo_path(path)
    if Path(shown).is_absolute():
        return {"uri": Path(shown).as_uri()}
    return {"uri": quote(shown, safe="/"), "uriBaseId": SRCROOT}


def _pascal(*parts: str) -> str:
    """A PascalCase rule name from plan and requirement ids: chongqing-impl, CQ-17 → ChongqingImplCq17."""
    words = [w for part in parts for w in part.replace(":", "-").replace("/", "-").split("-") if w]
    return "".join(w[:1].upper() + w[1:].lower() for w in words)


def _fingerprint(finding: Finding) -> str:
    return hashlib.sha256(finding_id(finding).encode("utf-8")).hexdigest()


class _Run:
    """A run's rules, artifacts and results, gathered finding by finding."""

    def __init__(self, report: CheckReport) -> None:
        self.report = report
        self.rules: dict[tuple[str, str], dict[str, Any]] = {}
        self.artifacts: dict[str, dict[str, Any]] = {}
        self.results: list[dict[str, Any]] = []
        self.uncounted_rules: list[str] = []

    def rule_index(self, finding: Finding) -> int:
        key = (finding.plan, finding.requirement)
        if key not in self.rules:
            self.rules[key] = self._rule(finding)
        return list(self.rules).index(key)

    def _plan_location(self, finding: Finding) -> tuple[dict[str, str], int]:
        location = self.report.plan_locations.get(finding.plan)
        _, line = self.report.plan_line(finding)
        if location is None:
            return {"uri": "plans", "uriBaseId": BUNDLED}, 1
        if location.bundled:
            return {"uri": quote(location.path, safe="/"), "uriBaseId": BUNDLED}, line
        where = artifact_location(location.file or location.path)
        self.artifact(location.file or location.path, "userSpecifiedConfiguration")
        return where, line

    def artifact(self, path: str, role: str) -> None:
        location = artifact_location(path)
        key = location["uri"]
        if key not in self.artifacts:
            self.artifacts[key] = {"location": location, "roles": [role], "mimeType": "application/yaml"}

    def _rule(self, finding: Finding) -> dict[str, Any]:
        requirement = self.report.requirement(finding)
        plan_path, line = self.report.plan_line(finding)
        lead = "、".join(requirement.lead) or "—"
        mandatory = any(o.mandatory for o in requirement.obligations)
        return {
            "id": finding.requirement,
            "name": _pascal(finding.plan, finding.requirement),
            "shortDescription": {"text": f"{finding.requirement} {requirement.title}"},
            "fullDescription": {"text": requirement.quote},
            "help": {
                "text": f"{requirement.quote}\n牵头单位: {lead}\n任务时限: {requirement.time_limit or '—'}\n{plan_path}:{line}",
                "markdown": f"> {requirement.quote}\n\n**牵头单位** {lead}  \n"
                f"**任务时限** {requirement.time_limit or '—'}  \n`{plan_path}:{line}`",
            },
            "defaultConfiguration": {"level": "error" if mandatory else "note"},
            "properties": {"plan": finding.plan, "tags": ["compliance", finding.plan]},
        }

    def add(self, finding: Finding) -> None:
        index = self.rule_index(finding)
        file, line = finding_location(self.report, finding)
        self.artifact(file, "analysisTarget")
        plan_uri, plan_line = self._plan_location(finding)
        fingerprint = _fingerprint(finding)
        self.results.append(
            {
                "ruleId": "",  # set once every rule is known (an id two plans share is qualified by its plan)
                "ruleIndex": index,
                "level": "error" if finding.mandatory else "note",
                "message": {"text": facts.summary_line(finding) + "."},
                "locations": [{"physicalLocation": {"artifactLocation": artifact_location(file), "region": {"startLine": line}}}],
                "relatedLocations": [
                    {
                        "id": 1,
                        "physicalLocation": {"artifactLocation": plan_uri, "region": {"startLine": plan_line}},
                        "message": {"text": f"{finding.plan} {finding.requirement}: {finding.title}"},
                    }
                ],
                "partialFingerprints": {"ecoplanFinding/v1": fingerprint, "primaryLocationLineHash": f"{fingerprint[:16]}:1"},
                "properties": {
                    "unit": finding.unit,
                    "region": finding.region,
                    "subunit": finding.subunit,
                    "period": finding.period_label,
                    "due": finding.due.isoformat(),
                    "required": finding.required,
                    "actual": finding.actual,
                    "measure": finding.measure.value,
                    "activities": list(finding.activities),
                    **(
                        {"expiredException": finding.exception.id, "expiredOn": finding.exception.expires}
                        if finding.exception is not None and not finding.exception.live
                        else {}
                    ),
                },
                **_exception_and_baseline(finding),
            }
        )

    def rules_list_id(self, index: int) -> str:
        """The rule's id: the requirement id, qualified by its plan when another plan of the run has the same id."""
        key = list(self.rules)[index]
        clash = any(plan != key[0] and req == key[1] for plan, req in self.rules)
        return f"{key[0]}:{key[1]}" if clash else key[1]

    def add_uncounted(self, entry: NotCounted) -> None:
        """An activity counted toward nothing: a warning on its line, one rule per reason (uncounted-<reason>)."""
        rule_id = f"uncounted-{entry.reason}"
        if rule_id not in self.uncounted_rules:
            self.uncounted_rules.append(rule_id)
        file, line = uncounted_location(self.report, entry)
        self.artifact(file, "analysisTarget")
        identity = f"{entry.region}/{entry.unit}/{entry.activity}/{entry.requirement}/{entry.reason}"
        fingerprint = hashlib.sha256(identity.encode("utf-8")).hexdigest()
        self.results.append(
            {
                "ruleId": rule_id,
                "ruleIndex": len(self.rules) + self.uncounted_rules.index(rule_id),
                "level": "warning",
                "message": {"text": f"{entry.activity}: {entry.message}"},
                "locations": [{"physicalLocation": {"artifactLocation": artifact_location(file), "region": {"startLine": line}}}],
                "partialFingerprints": {"ecoplanUncounted/v1": fingerprint, "primaryLocationLineHash": f"{fingerprint[:16]}:1"},
                "properties": {"activity": entry.activity, "requirement": entry.requirement, "region": entry.region},
            }
        )


def _uncounted_rule(rule_id: str, reason: str) -> dict[str, Any]:
    words = f"Activity counted toward nothing: {reason}"
    return {
        "id": rule_id,
        "name": _pascal(rule_id),
        "shortDescription": {"text": words},
        "help": {"text": f"{words}. See README: Not counted.", "markdown": f"{words}. See README, *Not counted*."},
        "defaultConfiguration": {"level": "warning"},
        "properties": {"tags": ["not-counted"]},
    }


# a waived result that was a gap is "fixed" for ecoplan; for SARIF the result is still there, suppressed: "updated"
_BASELINE_STATES = {"new": "new", "unchanged": "unchanged", "updated": "updated", "fixed": "updated"}


def _exception_and_baseline(finding: Finding) -> dict[str, Any]:
    """A waived finding is a result with an accepted external suppression (its justification, approver and document
    number); with --baseline, each result has its baselineState."""
    extra: dict[str, Any] = {}
    waiver = finding.exception
    if finding.status is Status.WAIVED and waiver is not None:
        justification = (
            f"{waiver.justification} ({waiver.kind}, {waiver.approved_by} {waiver.document}, expires {waiver.expires})"
        )
        extra["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": justification, "properties": {"exception": waiver.id}}
        ]
    if finding.baseline in _BASELINE_STATES:
        extra["baselineState"] = _BASELINE_STATES[finding.baseline]
    return extra


def _finish_rules(run: _Run) -> list[dict[str, Any]]:
    rules = [{**rule, "id": run.rules_list_id(index)} for index, rule in enumerate(run.rules.values())]
    rules += [_uncounted_rule(rule_id, rule_id.removeprefix("uncounted-")) for rule_id in run.uncounted_rules]
    return rules


def render(report: CheckReport) -> str:
    run = _Run(report)
    for finding in report.findings:
        if finding.status in (Status.GAP, Status.WAIVED):
            run.add(finding)
    for result in run.results:
        result["ruleId"] = run.rules_list_id(result["ruleIndex"])
    for entry in report.uncounted:
        run.add_uncounted(entry)
    working = Path(os.getcwd()).as_uri().rstrip("/") + "/"
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ecoplan",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": _finish_rules(run),
                    }
                },
                "automationDetails": {"id": f"ecoplan/{report.as_of.isoformat()}"},
                "invocations": [{"executionSuccessful": True, "workingDirectory": {"uri": working}}],
                "originalUriBaseIds": {
                    SRCROOT: {
                        "uri": working,
                        "description": {"text": "The working directory of the run: the checkout of the log repository."},
                    },
                    BUNDLED: {
                        "description": {
                            "text": f"The plan files bundled with ecoplan {__version__} (ecoplan_cli/plans/ inside the "
                            "installed package), not files of this repository."
                        }
                    },
                },
                "artifacts": list(run.artifacts.values()),
                "columnKind": "unicodeCodePoints",
                "properties": {"as_of": report.as_of.isoformat()},
                "results": run.results,
            }
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
