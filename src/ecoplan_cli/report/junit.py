"""--format junit: one test case per obligation-period; mandatory gaps are failures.

The output validates against the strict Apache Ant JUnit schema, which GitLab and Jenkins both read. That schema
allows no `file` attribute on a test case, so the log file is given as the suite's `log_file` property and in
each failure message.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time
from itertools import groupby
from xml.etree import ElementTree as ET

from ecoplan_cli.engine.evaluate import Finding, Status
from ecoplan_cli.report.base import CheckReport, required_text


def _case(report: CheckReport, finding: Finding) -> ET.Element:
    case = ET.Element(
        "testcase",
        {
            "name": f"{finding.requirement}/{finding.obligation} {finding.period_label}",
            "classname": f"{finding.plan}.{finding.requirement}",
            "time": "0",
        },
    )
    where = report.log_file(finding)
    if finding.status is Status.GAP and finding.mandatory:
        failure = ET.SubElement(
            case,
            "failure",
            {
                "message": f"{finding.requirement} {finding.title}: {required_text(finding)} in "
                f"{finding.period_label} (due {finding.due.isoformat()}) — {where}",
                "type": "gap",
            },
        )
        failure.text = report.requirement(finding).quote
    elif finding.status is Status.UNMEASURED:
        ET.SubElement(case, "skipped", {"message": "unmeasured: the plan states no number"})
    elif finding.status is Status.GAP:
        ET.SubElement(case, "skipped", {"message": f"advisory (encouraged): {required_text(finding)}"})
    return case


def _suites(report: CheckReport) -> Iterator[tuple[tuple[str, str], list[Finding]]]:
    """The findings unit by unit (the report keeps a unit's findings together)."""
    for key, findings in groupby(report.findings, key=lambda finding: (finding.region, finding.unit)):
        yield key, list(findings)


def render(report: CheckReport) -> str:
    root = ET.Element("testsuites")
    stamp = datetime.combine(report.as_of, time()).strftime("%Y-%m-%dT%H:%M:%S")
    for index, ((region, unit), findings) in enumerate(_suites(report)):
        cases = [_case(report, f) for f in findings]
        suite = ET.SubElement(
            root,
            "testsuite",
            {
                "name": f"{region} {unit}",
                "package": "ecoplan",
                "id": str(index),
                "timestamp": stamp,
                "hostname": "localhost",
                "tests": str(len(cases)),
                "failures": str(sum(1 for f in findings if f.status is Status.GAP and f.mandatory)),
                "errors": "0",
                "skipped": str(sum(1 for c in cases if c.find("skipped") is not None)),
                "time": "0",
            },
        )
        properties = ET.SubElement(suite, "properties")
        log_file = report.unit_files.get((unit, region), ("",))
        for name, value in (
            ("as_of", report.as_of.isoformat()),
            ("log_file", ";".join(log_file)),
            ("region", region),
            ("unit", unit),
        ):
            ET.SubElement(properties, "property", {"name": name, "value": value})
        suite.extend(cases)
        ET.SubElement(suite, "system-out").text = ""
        ET.SubElement(suite, "system-err").text = ""
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
