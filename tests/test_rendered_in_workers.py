"""Reports rendered where the findings are made (in the workers) are the very bytes rendered from kept findings."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from conftest import with_exceptions, write
from ecoplan_cli.run import RENDERED_IN_WORKERS, CheckOptions, render, run_check

AS_OF = date(2026, 1, 15)


def logs(tmp_path: Path) -> tuple[str, ...]:
    """The examples twice over, one unit split over two files, and a unit named by two example logs."""
    for index in range(2):
        for log in sorted(Path("examples").glob("*.yaml")):
            text = re.sub(r"^unit: (.*)$", rf"unit: \g<1>{index}", log.read_text(encoding="utf-8"), count=1, flags=re.M)
            (tmp_path / f"{index}-{log.name}").write_text(text, encoding="utf-8")
    with_exceptions(tmp_path)
    head = "plans: [chongqing-impl]\nunit: 城口县生态环境局0\nregion: 城口县\nactivities:\n"
    write(tmp_path, "zz-more.yaml", head + "  - {id: extra, date: 2023-09-01, title: '=发布会', requirements: [CQ-17]}\n")
    return tuple(sorted(str(p) for p in tmp_path.glob("*.yaml")))


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("kind", sorted(RENDERED_IN_WORKERS))
def test_rendered_in_the_workers_equals_rendered_from_the_findings(tmp_path: Path, kind: str, jobs: int) -> None:
    files = logs(tmp_path)
    options = CheckOptions(files=files, as_of=AS_OF, jobs=jobs, plan_files=("examples/plans/municipal_example.yaml",))
    kept = run_check(options)
    assert kept.report is not None and not kept.report.rendered  # no format named: findings kept, nothing rendered
    ahead = run_check(CheckOptions(**{**options.__dict__, "formats": (kind,)}))
    assert ahead.report is not None and set(ahead.report.rendered) == {kind}
    units = {(finding.unit, finding.region) for finding in kept.report.findings}
    assert len(ahead.report.rendered[kind]) == len(units) > 5  # a block per unit with findings
    assert render(ahead.report, kind) == render(kept.report, kind)
    assert ahead.failed == kept.failed and ahead.report.totals() == kept.report.totals()
    with pytest.raises(RuntimeError, match="not kept"):  # nothing else may read findings that were not kept
        list(ahead.report.findings)


def test_findings_are_kept_when_another_report_or_a_baseline_needs_them(tmp_path: Path) -> None:
    files = logs(tmp_path)
    both = run_check(CheckOptions(files=files, as_of=AS_OF, formats=("json", "sarif"),
                                  plan_files=("examples/plans/municipal_example.yaml",)))  # fmt: skip
    assert both.report is not None and set(both.report.rendered) == {"json"}
    assert len(list(both.report.findings)) == both.report.totals().counts.total()
    assert render(both.report, "sarif").startswith("{")
