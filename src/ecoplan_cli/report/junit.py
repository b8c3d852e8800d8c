"""--format junit: one test case per obligation-period, shaped for what GitLab, Jenkins and Azure DevOps show.

- A test suite per unit (`region unit`); every test case's `classname` is `plan · region/unit · requirement`, since
  GitLab shows the classname and never the suite name, and Jenkins splits a classname at its last dot (there is none).
- Test-case names are unique per finding: `requirement/obligation period`, with the 街道/社区 of a per-sub-unit
  finding. GitLab keys cases by suite, classname and name and keeps one per key.
- A mandatory gap is a `failure` whose text (all GitLab shows) states unit, region, period, done/required with its
  counting word, due date, log file, the activities counted and the plan's quote; `message` is the one-line summary.
- Open periods, encouraged gaps, waived findings (an approved exception) and unmeasured duties are `skipped` with
  the reason (all but unmeasured ones with the facts as text); met periods pass.
- Each test case has a `file` attribute (the unit's log file), which GitLab reads for "copy failed tests" and Jenkins
  and Azure ignore. The strict Ant schema has no `file` attribute: the report validates against it once `file`
  attributes are taken out (tests do exactly that), and nothing else differs.
- Property names are unique across suites (xunitparser merges all suites into one and refuses a repeated name).
- Activities the run did not count are listed in each suite's `system-out`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time
from itertools import groupby
from xml.etree import ElementTree as ET

from ecoplan_cli import __version__
from ecoplan_cli.engine.evaluate import Finding, Status
from ecoplan_cli.messages import text
from ecoplan_cli.report import facts
from ecoplan_cli.report.base import CheckReport

SEPARATOR = " · "


def classname(finding: Finding) -> str:
    return SEPARATOR.join((finding.plan, f"{finding.region}/{finding.unit}", finding.requirement))


def case_name(finding: Finding) -> str:
    name = f"{finding.requirement}/{finding.obligation} {finding.period_label}"
    return f"{name} {finding.subunit}" if finding.subunit else name


def _token(value: str) -> str:
    """xs:token: no line breaks or tabs, no leading, trailing or doubled spaces."""
    return " ".join(value.split())


def _skip_reason(finding: Finding) -> str | None:
    params = {
        "period": finding.period_label,
        "end": finding.period_end.isoformat(),
        "due": finding.due.isoformat(),
        "done": facts.done_text(finding),
    }
    if finding.status is Status.OPEN:
        return text("junit-skipped-open", **params)
    if finding.status is Status.UNMEASURED:
        return text("junit-skipped-unmeasured", **params)
    if finding.status is Status.GAP and not finding.mandatory:
        return text("junit-skipped-advisory", **params)
    if finding.status is Status.WAIVED and finding.exception is not None:
        waiver = finding.exception
        return text("junit-skipped-waived", id=waiver.id, kind=waiver.kind, document=waiver.document, expires=waiver.expires)
    return None


def _case(report: CheckReport, finding: Finding) -> ET.Element:
    case = ET.Element(
        "testcase",
        {
            "name": _token(case_name(finding)),
            "classname": _token(classname(finding)),
            "time": "0",
            "file": facts.repo_path(report.log_file(finding)),
        },
    )
    if finding.status is Status.GAP and finding.mandatory:
        failure = ET.SubElement(case, "failure", {"message": facts.summary_line(finding), "type": "gap"})
        failure.text = facts.details(report, finding)
        return case
    reason = _skip_reason(finding)
    if reason is not None:
        skipped = ET.SubElement(case, "skipped", {"message": reason})
        if finding.status is not Status.UNMEASURED:  # open and advisory: the facts (unmeasured ones are many)
            skipped.text = facts.details(report, finding)
    return case


def _suites(report: CheckReport) -> Iterator[tuple[tuple[str, str], list[Finding]]]:
    """The findings unit by unit (the report keeps a unit's findings together)."""
    for key, findings in groupby(report.findings, key=lambda finding: (finding.region, finding.unit)):
        yield key, list(findings)


def render(report: CheckReport) -> str:
    root = ET.Element("testsuites")
    stamp = datetime.combine(report.as_of, time()).strftime("%Y-%m-%dT%H:%M:%S")
    not_counted = facts.uncounted(report)
    for index, ((region, unit), findings) in enumerate(_suites(report)):
        cases = [_case(report, f) for f in findings]
        suite = ET.SubElement(
            root,
            "testsuite",
            {
                "name": _token(f"{region} {unit}"),
                "package": "ecoplan",
                "id": str(index),
                "timestamp": stamp,
                "hostname": "localhost",
                "tests": str(len(cases)),
                "failures": str(sum(1 for c in cases if c.find("failure") is not None)),
                "errors": "0",
                "skipped": str(sum(1 for c in cases if c.find("skipped") is not None)),
                "time": "0",
            },
        )
        properties = ET.SubElement(suite, "properties")
        run_wide = (("as_of", report.as_of.isoformat()), ("generator", f"ecoplan {__version__}")) if index == 0 else ()
        for name, value in (
            *run_wide,
            (f"log_file[{index}]", ";".join(report.unit_files.get((unit, region), ()))),
            (f"region[{index}]", region),
            (f"unit[{index}]", unit),
        ):
            ET.SubElement(properties, "property", {"name": name, "value": value})
        suite.extend(cases)
        mine = [item for item in not_counted if (item.unit, item.region) == (unit, region)]
        out = [text("junit-uncounted-heading", count=len(mine)), *map(facts.uncounted_line, mine)] if mine else []
        ET.SubElement(suite, "system-out").text = "\n".join(out)
        ET.SubElement(suite, "system-err").text = ""
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
