"""`ecoplan convert`: YAML ↔ XLSX ↔ CSV without loss, and a spreadsheet checks exactly like its YAML conversion."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, with_exceptions, write
from ecoplan_cli.load import csv_log, xlsx_log
from ecoplan_cli.load.any_log import read_activity_log
from ecoplan_cli.load.validation import validate, validate_fast
from ecoplan_cli.model import Activity, ActivityLog, Measure
from ecoplan_cli.report.ledger_table import table
from ecoplan_cli.report.ledger_text import write_csv, write_yaml
from ecoplan_cli.report.ledger_xlsx import write as write_xlsx

_TEXT = (
    st.text(st.sampled_from("生态环境宣传教育发布会abcXYZ0123 -_:#'\"“”（）《》、,.@/"), min_size=1, max_size=12)
    .map(str.strip)
    .filter(bool)
)
_IDS = st.text(st.sampled_from("abc019-_生态"), min_size=1, max_size=8)
_REFS = st.sampled_from(["CQ-17", "CQ-5", "chongqing-impl:CQ-16/press-center", "N-1-2", "CQ-79/articles"])
_DAYS = st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31))


@st.composite
def activities(draw: st.DrawFn, identifier: str) -> Activity:
    start = draw(_DAYS)
    multi = draw(st.booleans())
    days = {"start": start, "end": start + dt.timedelta(days=draw(st.integers(0, 40)))} if multi else {"date": start}
    return Activity(
        id=identifier,
        **days,
        title=draw(_TEXT),
        requirements=draw(st.lists(_REFS, min_size=1, max_size=3)),
        amounts=draw(st.dictionaries(st.sampled_from(list(Measure)), st.integers(0, 10_000), max_size=3)),
        subunit=draw(st.none() | _TEXT),
        evidence=draw(st.lists(_TEXT, max_size=3)),
        note=draw(st.none() | _TEXT | st.lists(_TEXT, min_size=2, max_size=3).map("\n".join)),
    )


@st.composite
def logs(draw: st.DrawFn) -> ActivityLog:
    ids = draw(st.lists(_IDS, max_size=6, unique=True))
    return ActivityLog(
        plans=draw(
            st.lists(
                st.sampled_from(["chongqing-impl", "national-2021-2025", "plans/my plan.yaml"]),
                min_size=1,
                max_size=2,
                unique=True,
            )
        ),
        unit=draw(_TEXT),
        region=draw(_TEXT),
        level=draw(st.none() | st.sampled_from(["county", "school"])),
        lead_as=draw(st.lists(st.sampled_from(["市生态环境局", "各区县"]), max_size=2, unique=True)),
        exceptions=draw(st.lists(st.sampled_from(["exceptions.yaml", "批准/2024 例外.yaml"]), max_size=2, unique=True)),
        activities=[draw(activities(identifier)) for identifier in ids],
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(log=logs())
def test_yaml_to_xlsx_to_yaml_is_the_same_log(log: ActivityLog, tmp_path: Path) -> None:
    source = write(tmp_path, "log.yaml", write_yaml(log, "source.yaml"))
    assert read_activity_log(str(source))[0] == log
    book = write(tmp_path, "log.xlsx", write_xlsx(table(log)))
    document, _ = xlsx_log.read_document(str(book))
    back = validate(ActivityLog, document)
    assert back == log
    sheet = write(tmp_path, "log.csv", write_csv(table(log)))
    document, _ = csv_log.read_document(str(sheet))
    assert validate(ActivityLog, document) == log
    again = write(tmp_path, "again.yaml", write_yaml(back))
    assert read_activity_log(str(again))[0] == log


def _findings(stdout: str) -> dict[str, object]:
    report = json.loads(stdout)
    for finding in [*report["findings"], *report.get("coming_due", []), *report.get("uncounted", [])]:
        finding.pop("log_file")
        if finding.get("exception"):  # the same approved exception, read from beside each copy
            finding["exception"]["file"] = Path(finding["exception"]["file"]).name
    return report  # type: ignore[no-any-return]


def test_a_workbook_and_its_yaml_conversion_check_identically(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book, csv_file, yaml_file = tmp_path / "台账.xlsx", tmp_path / "台账.csv", tmp_path / "back.yaml"
    with_exceptions(tmp_path)  # the log names its approved 延期, relative to itself
    assert run("convert", EXAMPLES / "chengkou-county.yaml", book)[0] == 0
    assert run("convert", book, yaml_file)[0] == 0
    assert run("convert", yaml_file, csv_file)[0] == 0
    outcomes = [run("check", "--as-of", "2024-12-31", "-f", "json", path) for path in (book, yaml_file, csv_file)]
    assert {code for code, _, _ in outcomes} == {1}
    reports = [_findings(stdout) for _, stdout, _ in outcomes]
    assert all(outcome[2] == "" for outcome in outcomes), outcomes
    assert reports[0] == reports[1] == reports[2]
    assert reports[0] == _findings(run("check", "--as-of", "2024-12-31", "-f", "json", EXAMPLES / "chengkou-county.yaml")[1])


def test_the_same_log_gives_the_same_workbook_bytes(tmp_path: Path) -> None:
    log = validate_fast((EXAMPLES / "chengkou-county.yaml").read_text(encoding="utf-8"), ActivityLog)
    assert log is not None
    assert write_xlsx(table(log[0])) == write_xlsx(table(log[0]))


def test_a_value_a_cell_cannot_hold_is_refused_not_altered(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = write(
        tmp_path,
        "log.yaml",
        "plans: [chongqing-impl]\nunit: u\nregion: 城口县\nactivities:\n"
        "  - {id: a, date: 2024-03-10, title: 't ', requirements: [CQ-17]}\n",
    )
    code, _, err = run("convert", "--lang", "en", source, tmp_path / "log.xlsx")
    assert code == 2
    assert "activity a: title cannot be written to a spreadsheet cell without loss (spaces or line breaks at either end)" in err
    assert not (tmp_path / "log.xlsx").exists()


def test_convert_refuses_to_overwrite_or_to_write_its_input(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = write(tmp_path, "mine.xlsx", b"mine")
    code, _, _ = run("convert", EXAMPLES / "chengkou-county.yaml", target)
    assert code == 2 and target.read_bytes() == b"mine"
    code, _, err = run("convert", EXAMPLES / "chengkou-county.yaml", EXAMPLES / "chengkou-county.yaml")
    assert code == 2 and "never written" in err
    code, _, err = run("convert", "--lang", "en", EXAMPLES / "chengkou-county.yaml", tmp_path / "x.txt")
    assert code == 2 and ".xlsx" in err


def test_a_schema_problem_in_a_workbook_is_named_by_cell_when_converting(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = write(
        tmp_path, "log.csv", "计划,chongqing-impl\n单位,u\n地区,城口县\n\n编号,日期,活动名称,对应要求\na,2024-03-10,t,cq17\n"
    )
    code, _, err = run("convert", "--lang", "en", source, tmp_path / "log.yaml")
    assert code == 2
    assert err.startswith(f"{source}:D6: error: activities[0].requirements[0]")
