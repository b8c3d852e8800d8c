"""ICS as calendars read it: DTSTAMP from the as-of instant, LAST-MODIFIED/SEQUENCE that move on when the text may
have changed, the same bytes for the same as-of, and a valid calendar (≥1 component, RFC 5545) for an empty window.
Read back with icalendar and with `ical` (a strict RFC 5545 parser)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from icalendar import Calendar

from conftest import EXAMPLES

COUNTY = EXAMPLES / "chengkou-county.yaml"


def ics(run, *args: str) -> str:  # type: ignore[no-untyped-def]
    code, out, err = run("calendar", "--format", "ics", *args)
    assert code == 0, err
    return str(out)


def strict_parse(text: str):  # type: ignore[no-untyped-def]
    stream = pytest.importorskip("ical.calendar_stream")
    return stream.IcsCalendarStream.calendar_from_ics(text)


def test_an_empty_window_is_still_a_valid_calendar(run) -> None:  # type: ignore[no-untyped-def]
    text = ics(run, "--year", "2031", "--region", "城口县", "--as-of", "2031-01-01")
    calendar = Calendar.from_ical(text)
    assert not list(calendar.walk("VEVENT"))
    assert [component.name for component in calendar.subcomponents] == ["VTIMEZONE"], "RFC 5545: at least one component"
    parsed = strict_parse(text)
    assert [zone.tz_id for zone in parsed.timezones] == ["Asia/Shanghai"] and parsed.events == []


def test_dtstamp_last_modified_and_sequence_come_from_the_as_of_instant(run) -> None:  # type: ignore[no-untyped-def]
    text = ics(run, "--year", "2024", "--region", "城口县", "--as-of", "2024-03-01")
    events = list(Calendar.from_ical(text).walk("VEVENT"))
    assert events
    stamp = datetime(2024, 3, 1, tzinfo=UTC)
    for event in events:
        assert event.decoded("DTSTAMP") == stamp and event.decoded("LAST-MODIFIED") == stamp
        assert int(event["SEQUENCE"]) == (stamp.date() - datetime(2020, 1, 1).date()).days
    assert ics(run, "--year", "2024", "--region", "城口县", "--as-of", "2024-03-01") == text, "same as-of, same bytes"
    assert len(strict_parse(text).events) == len(events)


def test_an_event_whose_text_changed_gets_a_higher_sequence(run) -> None:  # type: ignore[no-untyped-def]
    def cq17(as_of: str) -> dict[str, object]:
        text = ics(run, "--year", "2024", "--log", str(COUNTY), "--as-of", as_of)
        event = next(e for e in Calendar.from_ical(text).walk("VEVENT") if "CQ-17/county" in str(e["SUMMARY"]))
        return {"uid": str(event["UID"]), "sequence": int(event["SEQUENCE"]), "text": str(event["DESCRIPTION"])}

    early, late = cq17("2024-03-01"), cq17("2025-01-15")
    assert early["uid"] == late["uid"], "the same event"
    assert early["text"] != late["text"], "its progress line changed"
    assert int(str(late["sequence"])) > int(str(early["sequence"]))
