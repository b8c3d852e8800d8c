"""Date-times in logs (an event's time, for rules counted in hours): both YAML readers give the same value, and the
model reads every form as a Beijing-time date and time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import write
from ecoplan_cli.load import fast_yaml
from ecoplan_cli.load.yaml_source import parse
from ecoplan_cli.model import Activity

FORMS = [
    "2024-06-20T14:30",
    "2024-06-20 14:30",
    "2024-06-20t14:30",
    "2024-06-20T14:30:00",
    "2024-06-20 14:30:05",
    "2024-06-20T14:30:00.5",
    "2024-06-20T14:30Z",
    "2024-06-20T14:30:00+08:00",
    "2024-06-20T14:30:00-05:30",
    "2024-06-20T14:30  # a comment",
    # forms the two read differently: these must leave the fast path
    "2024-06-20T4:30",
    "2024-6-2T14:30:00",
    "2024-06-20T14:30:00+8",
    "2024-06-20T14:30:00 +08:00",
    "2024-06-20T14:30:00+0800",
    "2024-06-20T14:30:00.123456789",
    "2024-06-20T25:30:00",
    "2024-06-20\t14:30:00",
    "2024-06-20  14:30:00",
    "2024-06-20 14:30:00 Z",
    "2024-06-20 14:30 会议",
]


def _both(content: str) -> tuple[object, object]:
    fast = fast_yaml.parse(content)
    try:
        positioned = parse(content, "x.yaml").data
    except Exception as error:  # an input error is an answer too
        positioned = type(error).__name__
    return fast, positioned


@pytest.mark.parametrize("form", FORMS)
def test_the_fast_path_reads_a_date_time_as_the_positioned_reader_does_or_leaves_it(form: str) -> None:
    content = f"date: {form}\nitems: [{form.split('#')[0].strip()}, x]\n"
    fast, positioned = _both(content)
    if fast_yaml.eligible(content):
        assert fast == positioned, form
    else:
        assert fast is None


@pytest.mark.parametrize("form", FORMS[:10])
def test_the_common_forms_keep_the_fast_path(form: str) -> None:
    assert fast_yaml.eligible(f"date: {form}\n")
    assert isinstance(fast_yaml.parse(f"date: {form}\n")["date"], dt.datetime)


zones = st.sampled_from(["", "Z", "+08:00", "-05:30", "+00:00"])


@settings(max_examples=200, deadline=None)
@given(
    st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2030, 12, 31)),
    st.sampled_from(["T", " ", "t"]),
    st.sampled_from(["minutes", "seconds", "microseconds"]),
    zones,
)
def test_both_readers_agree_on_every_date_time_in_the_common_forms(
    moment: dt.datetime, separator: str, precision: str, zone: str
) -> None:
    form = moment.isoformat(separator, timespec=precision) + zone
    content = f"- date: {form}\n- [{form}]\n"
    assert fast_yaml.eligible(content), form
    fast, positioned = _both(content)
    assert fast == positioned, form


def _activity(**fields: object) -> Activity:
    return Activity.model_validate({"id": "a", "title": "t", "requirements": ["CQ-17"], **fields})


def test_a_date_time_is_a_beijing_date_and_time() -> None:
    assert (_activity(date=dt.datetime(2024, 6, 20, 14, 30)).date, _activity(date=dt.datetime(2024, 6, 20, 14, 30)).time) == (
        dt.date(2024, 6, 20),
        "14:30",
    )
    utc = _activity(date=dt.datetime(2024, 6, 20, 22, 30, tzinfo=dt.UTC))  # 06:30 the next morning in Beijing
    assert (utc.date, utc.time) == (dt.date(2024, 6, 21), "06:30")
    quoted = _activity(date="2024-06-20T09:05:30")
    assert (quoted.date, quoted.time) == (dt.date(2024, 6, 20), "09:05:30")
    assert _activity(date="2024-06-20", time="9:05").time == "9:05"


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"date": dt.datetime(2024, 6, 20, 14, 30), "time": "15:00"}, "give the time once"),
        ({"start": "2024-06-20", "end": "2024-06-21", "time": "15:00"}, "a time goes with a date"),
        ({"date": "2024-06-20", "time": "25:00"}, "String should match pattern"),
    ],
)
def test_a_time_twice_on_a_multi_day_activity_or_out_of_range_is_refused(fields: dict[str, object], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        _activity(**fields)


def test_validate_places_a_bad_time_at_its_line_and_column(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log = write(
        tmp_path,
        "log.yaml",
        "plans: [chongqing-impl]\nunit: 城口县生态环境局\nregion: 城口县\nactivities:\n"
        '  - id: a\n    date: 2024-06-20\n    time: "25:61"\n    title: 发布会\n    requirements: [CQ-17]\n',
    )
    code, _, err = run("validate", log)
    assert code == 1 and "log.yaml:7:11" in err
