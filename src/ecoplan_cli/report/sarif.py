"""--format sarif: SARIF 2.1.0 for GitHub code scanning. Gaps are results (rule ids are requirement ids), and so is
each activity reference counted toward nothing (a warning; rule ids uncounted-<reason>)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ecoplan_cli import __version__
from ecoplan_cli.engine.accounting import NotCounted
from ecoplan_cli.engine.evaluate import Finding, Status
from ecoplan_cli.report.base import CheckReport, finding_id, required_text

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def _rule(report: CheckReport, finding: Finding) -> dict[str, Any]:
    requirement = report.requirement(finding)
    plan_path, line = report.plan_line(finding)
    return {
        "id": finding.requirement,
        "name": finding.requirement.replace("-", ""),
        "shortDescription": {"text": f"{finding.requirement} {requirement.title}"},
        "fullDescription": {"text": requirement.quote},
        "help": {
            "text": f"{requirement.quote}\n牵头单位: {'、'.join(requirement.lead)}\n"
            f"任务时限: {requirement.time_limit or '—'}\n{plan_path}:{line}",
            "markdown": f"> {requirement.quote}\n\n**牵头单位** {'、'.join(requirement.lead)}  \n"
            f"**任务时限** {requirement.time_limit or '—'}  \n`{plan_path}:{line}`",
        },
        "properties": {"plan": finding.plan, "tags": ["compliance", finding.plan]},
    }


def _result(report: CheckReport, finding: Finding, rule_index: int) -> dict[str, Any]:
    plan_path, line = report.plan_line(finding)
    message = (
        f"{finding.region} {finding.unit}: {finding.requirement}/{finding.obligation} {finding.title} — "
        f"{required_text(finding)} in {finding.period_label}, due {finding.due.isoformat()}"
    )
    return {
        "ruleId": finding.requirement,
        "ruleIndex": rule_index,
        "level": "error" if finding.mandatory else "note",
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": report.log_file(finding) or "."},
                    "region": {"startLine": 1, "startColumn": 1},
                }
            }
        ],
        "relatedLocations": [
            {
                "id": 0,
                "physicalLocation": {
                    "artifactLocation": {"uri": plan_path, "uriBaseId": "ECOPLAN"},
                    "region": {"startLine": line, "startColumn": 1},
                },
                "message": {"text": f"{finding.requirement} in the plan file"},
            }
        ],
        "partialFingerprints": {"ecoplanFinding/v1": hashlib.sha256(finding_id(finding).encode("utf-8")).hexdigest()},
        "properties": {
            "period": finding.period_label,
            "due": finding.due.isoformat(),
            "required": finding.required,
            "actual": finding.actual,
            "region": finding.region,
        },
    }


def _uncounted_rule(rule_id: str, reason: str) -> dict[str, Any]:
    words = f"Activity counted toward nothing: {reason}"
    return {
        "id": rule_id,
        "name": "".join(part.title() for part in rule_id.split("-")),
        "shortDescription": {"text": words},
        "help": {"text": f"{words}. See README: Not counted.", "markdown": f"{words}. See README, *Not counted*."},
        "properties": {"tags": ["not-counted"]},
    }


def _uncounted_result(entry: NotCounted, rule_index: int) -> dict[str, Any]:
    identity = f"{entry.region}/{entry.unit}/{entry.activity}/{entry.requirement}/{entry.reason}"
    return {
        "ruleId": f"uncounted-{entry.reason}",
        "ruleIndex": rule_index,
        "level": "warning",
        "message": {"text": f"{entry.activity}: {entry.message}"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": entry.log_file or "."},
                    "region": {"startLine": 1, "startColumn": 1},
                }
            }
        ],
        "partialFingerprints": {"ecoplanUncounted/v1": hashlib.sha256(identity.encode("utf-8")).hexdigest()},
        "properties": {"activity": entry.activity, "requirement": entry.requirement, "region": entry.region},
    }


def render(report: CheckReport) -> str:
    gaps = [f for f in report.findings if f.status is Status.GAP]
    rule_ids: list[str] = []
    rules: list[dict[str, Any]] = []
    results: list[dict[str, Any]] = []
    for finding in gaps:
        if finding.requirement not in rule_ids:
            rule_ids.append(finding.requirement)
            rules.append(_rule(report, finding))
        results.append(_result(report, finding, rule_ids.index(finding.requirement)))
    for entry in report.uncounted:  # not counted: a warning on the log, one rule per reason
        rule_id = f"uncounted-{entry.reason}"
        if rule_id not in rule_ids:
            rule_ids.append(rule_id)
            rules.append(_uncounted_rule(rule_id, entry.reason))
        results.append(_uncounted_result(entry, rule_ids.index(rule_id)))
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ecoplan",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/ecoplan/",
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {
                    "ECOPLAN": {
                        "uri": "https://pypi.org/project/ecoplan/",
                        "description": {"text": "The plan files ship inside the ecoplan package, not in this repository."},
                    }
                },
                "properties": {"as_of": report.as_of.isoformat()},
                "results": results,
            }
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
