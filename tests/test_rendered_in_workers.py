"""Reports rendered where the findings are made (in the workers) are the very bytes rendered from kept findings."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from conftest import with_exceptions, write
from ecoplan_cli.run import RENDERED_IN_WORKERS, CheckOptions, Filters, render, run_check

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


def table_pair(options: CheckOptions, width: int, color: bool) -> tuple[str, str, int]:
    """The table rendered from the kept findings, and from its units' sections rendered in the workers."""
    kept = run_check(options)
    ahead = run_check(CheckOptions(**{**options.__dict__, "formats": ("table",), "table_style": (width, color)}))
    assert kept.report is not None and ahead.report is not None
    assert ahead.failed == kept.failed and ahead.report.totals().summary() == kept.report.totals().summary()
    blocks = len(ahead.report.rendered.get("table", ()))
    return render(ahead.report, "table", width=width, color=color), render(kept.report, "table", width=width, color=color), blocks


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize(("width", "color", "lang"), [(80, False, "en"), (46, True, "zh"), (160, True, "en")])
def test_the_table_rendered_unit_by_unit_in_the_workers_is_the_same_table(
    tmp_path: Path, jobs: int, width: int, color: bool, lang: str
) -> None:
    from ecoplan_cli.messages import set_language

    set_language(lang)
    try:
        files = logs(tmp_path)
        options = CheckOptions(files=files, as_of=AS_OF, jobs=jobs, plan_files=("examples/plans/municipal_example.yaml",))
        ahead, kept, blocks = table_pair(options, width, color)
        assert blocks > 5 and ahead == kept
        assert ("\x1b[" in ahead) is color
        filtered = CheckOptions(**{**options.__dict__, "filters": Filters(statuses=frozenset({"gap", "open"}))})
        ahead, kept, _ = table_pair(filtered, width, color)
        assert ahead == kept
        other = run_check(CheckOptions(**{**options.__dict__, "formats": ("table",), "table_style": (width, color)}))
        assert other.report is not None  # another width (an --output table:FILE) is rendered from the findings
        plain = run_check(options)
        assert plain.report is not None
        assert render(other.report, "table", width=100) == render(plain.report, "table", width=100)
    finally:
        set_language("en")


def test_units_told_apart_only_by_level_make_one_table_section_as_before(tmp_path: Path) -> None:
    head = "plans: [chongqing-impl]\nunit: 城口县生态环境局\nregion: 城口县\n{level}activities:\n"
    entry = "  - {{id: {id}, date: 2024-03-01, title: 宣传, requirements: [CQ-17]}}\n"
    write(tmp_path, "a.yaml", head.format(level="") + entry.format(id="a1"))
    write(tmp_path, "b.yaml", head.format(level="level: school\n") + entry.format(id="b1"))
    options = CheckOptions(files=(str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")), as_of=AS_OF, jobs=1)
    ahead, kept, blocks = table_pair(options, 80, False)
    assert ahead == kept and blocks == 0  # the run renders this table itself
