"""Quoted dates are read on the fast path, with the data and positions the positioned reader gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecoplan_cli.load import fast_yaml, strict_yaml, yaml_source
from ecoplan_cli.load.problems import InputError
from test_document_markers import read_by_the_positioned_reader, readers_agree, walk
from test_line_index import logs

DATE = re.compile(r"(?<=: )(\d{4}-\d\d-\d\d)(?=[ \n#,}]|$)", re.MULTILINE)


def assert_as_the_positioned_reader_reads_it(text: str) -> None:
    fast = strict_yaml.read(text, "log.yaml")
    assert fast.index is not None, "quoted dates alone keep a text on the fast path"
    slow = yaml_source.parse(text, "log.yaml")
    assert fast.data == slow.data
    for path in walk(fast.data):
        assert fast.position(path) == slow.position(path), (path, text)
        if path:
            assert fast.position(path, key=True) == slow.position(path, key=True), (path, text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(logs(), st.lists(st.sampled_from(['"', "'", ""]), min_size=8, max_size=8))
def test_generated_logs_with_quoted_dates(body: str, quotes: list[str]) -> None:
    if not fast_yaml.eligible(body) or not readers_agree(body):
        return  # where the readers disagree without any quote (#11: yaml-rs decides), positions are not comparable
    marks = iter(quotes * 4)
    text = DATE.sub(lambda found: (q := next(marks, "")) + found.group(1) + q, body)
    if fast_yaml.syntax_error(text) is not None:
        return
    try:
        slow = yaml_source.parse(text, "log.yaml")
    except InputError:
        return
    if isinstance(slow.data, dict):
        assert_as_the_positioned_reader_reads_it(text)


@pytest.mark.parametrize("quote", ['"', "'"])
def test_an_example_log_with_quoted_dates_and_a_date_for_a_title(quote: str) -> None:
    text = Path("examples/chengkou-county.yaml").read_text(encoding="utf-8")
    text = DATE.sub(lambda found: quote + found.group(1) + quote, text)
    text = re.sub(r"^    title: .*$", f"    title: {quote}2024-01-01{quote}", text, count=1, flags=re.MULTILINE)
    assert_as_the_positioned_reader_reads_it(text)
    assert_as_the_positioned_reader_reads_it("%YAML 1.2\n---\n" + text + "...\n")


@pytest.mark.parametrize(
    "text",
    [
        'a:\n  "2024-01-01": 1\n',  # a quoted date as a key
        "a: '5\"7 and ''2024-01-01'''\nb: \"x \\\"2024-01-01\\\" y\"\nc: 5\"7\n",  # quotes and digits in other scalars
        "a: |\n  '2024-01-01'\n  \"09:30:00\"\nb: [\"2024-01-01\", '09:30:00', 2024-01-02]\n",  # block and flow
        'a: "2024-06-20 14:30"\nb: "2024-06-20T14:30:00+08:00"\n',  # quoted date-times
    ],
)
def test_quoted_scalars_are_the_strings_they_quote(text: str) -> None:
    assert_as_the_positioned_reader_reads_it(text)


def test_what_the_scan_does_not_take_goes_to_the_positioned_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    assert read_by_the_positioned_reader('a: "2024-01-01"\nb: &x 1\n', monkeypatch)  # an anchor as well
    assert read_by_the_positioned_reader('a: "2024-01-01 \ue000"\n', monkeypatch)  # the marker character itself


def test_a_quoted_time_is_the_text_it_quotes(catalogue, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ecoplan_cli.load import logs

    text = Path("examples/chengkou-county.yaml").read_text(encoding="utf-8")
    text = re.sub(r"^(    date: .*)$", r'\1\n    time: "09:30:00"', text, count=1, flags=re.MULTILINE)
    assert_as_the_positioned_reader_reads_it(text)  # yaml-rs alone would make it a time, which `time:` refuses
    path = tmp_path / "log.yaml"
    path.write_text(text, encoding="utf-8")
    loaded, _ = logs.load_log(str(path), catalogue)
    assert "09:30:00" in {activity.time for activity in loaded.log.activities}
