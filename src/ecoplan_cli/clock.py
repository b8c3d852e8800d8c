"""The one place that asks the system for today's date: the day in China Standard Time (Asia/Shanghai, UTC+8, no
daylight saving), so a CI runner on UTC and a bureau's PC agree on what "today" and "expires on" mean."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

CHINA_STANDARD_TIME = timezone(timedelta(hours=8), "CST")


def today() -> date:
    return datetime.now(CHINA_STANDARD_TIME).date()
