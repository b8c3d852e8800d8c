"""The activity log: a unit's 台账 as YAML — what it did, when, toward which requirements, how much."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Self

from pydantic import BeforeValidator, Field, Strict, StringConstraints, WithJsonSchema, field_validator, model_validator

from ecoplan_cli.model.common import Count, IsoDate, Level, Measure, StrictModel, Text, new_dict, new_list

# [plan-id:]REQUIREMENT-ID[/obligation-key], e.g. CQ-17, chongqing-impl:CQ-16/press-center
REFERENCE_PATTERN = r"^([a-z][a-z0-9]*(-[a-z0-9]+)*:)?[A-Z][A-Z0-9]*(-[A-Za-z0-9]+)+(/[a-z0-9][a-z0-9-]*)?$"
Reference = Annotated[str, Strict(), StringConstraints(pattern=REFERENCE_PATTERN)]


ActivityId = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=200)]
TIME_PATTERN = r"^([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"
LocalTime = Annotated[str, Strict(), StringConstraints(pattern=TIME_PATTERN)]
# Logs are kept in China: a time without an offset is Beijing time (Asia/Shanghai, UTC+8 all year since 1991).
SHANGHAI = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")


def _split_datetime(data: object) -> object:
    """`date: 2024-06-20T14:30` (or with an offset: converted to Beijing time) is a date and a time."""
    if not isinstance(data, dict):
        return data
    value = data.get("date")
    if isinstance(value, str) and ("T" in value or "t" in value or " " in value.strip()):
        try:
            value = dt.datetime.fromisoformat(value.strip().replace("t", "T"))
        except ValueError:
            return data
    if not isinstance(value, dt.datetime):
        return data
    if "time" in data:
        raise ValueError("give the time once: in date (2024-06-20T14:30) or in time, not both")
    if value.tzinfo is not None:
        value = value.astimezone(SHANGHAI)
    clock = f"{value.hour:02d}:{value.minute:02d}" + (f":{value.second:02d}" if value.second else "")
    return {**data, "date": value.date(), "time": clock}


def _code_as_text(value: object) -> object:
    """`region: 130102` is read by YAML as a number: a six-digit national code (no code starts with 0)."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) and 10 <= value <= 999999 else value


RegionName = Annotated[str, BeforeValidator(_code_as_text), Strict(), StringConstraints(min_length=1)]


_DATE_OR_DATETIME = {
    "anyOf": [
        {"type": "string", "format": "date"},
        {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}[Tt ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:\d{2})?)?$"},
        {"type": "null"},
    ]
}


class Activity(StrictModel):
    id: ActivityId = Field(title="活动编号 id", description="活动编号，在本单位各台账文件中唯一。Unique within the unit's logs.")
    date: Annotated[IsoDate | None, WithJsonSchema(_DATE_OR_DATETIME)] = Field(
        default=None,
        title="日期 date",
        description="活动日期（多日活动改填 start 与 end）。The day it happened (or give start and end).",
    )
    start: IsoDate | None = None
    end: IsoDate | None = None
    title: Text
    requirements: list[Reference] = Field(
        min_length=1,
        title="对应任务 requirements",
        description="所对应的任务编号，如 CQ-17、CQ-16/press-center。Requirement ids it counts toward.",
    )
    amounts: dict[Measure, Count] = Field(
        default_factory=new_dict,
        title="数量 amounts",
        description="按量词计的数量，如 {篇: 10, 件: 1}；不填即计 1 次。How much, by counting word; default one 次.",
    )
    subunit: Text | None = Field(
        default=None, description="The sub-unit it was done in (a 街道 or 社区), for per-sub-unit rules."
    )
    time: LocalTime | None = Field(
        default=None,
        title="时间 time",
        description='时刻（北京时间），如 "14:30"；按小时计的时限需要。The time of day, Beijing time, for rules in hours; '
        "or write date: 2024-06-20T14:30.",
    )
    event: ActivityId | None = Field(
        default=None,
        title="所跟进事件 event",
        description="本活动所跟进的事件（会议、突发事件）的活动编号。The id of the activity (a meeting, an incident) "
        "this one follows up, for rules whose deadline runs from an event.",
    )
    evidence: list[Text] = Field(default_factory=new_list)
    note: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _date_time(cls, data: object) -> object:
        if type(data) is dict and type(data.get("date")) is dt.date:
            return data  # the common case, a plain date: nothing to split (one call less per activity)
        return _split_datetime(data)

    @model_validator(mode="after")
    def _dated(self) -> Self:
        if self.date is not None:
            if self.start is not None or self.end is not None:
                raise ValueError("give either date, or start and end, not both")
        elif self.time is not None:
            raise ValueError("a time goes with a date; a multi-day activity (start, end) has none")
        elif self.start is None or self.end is None:
            raise ValueError("an activity needs a date, or a start and an end")
        elif self.end < self.start:
            raise ValueError("end is before start")
        return self

    @property
    def counted_on(self) -> dt.date:
        """The day it counts on: its date, or the end of a multi-day activity."""
        day = self.date if self.date is not None else self.end
        assert day is not None  # guaranteed by _dated
        return day


class ActivityLog(StrictModel):
    plans: list[Text] = Field(
        min_length=1,
        title="所落实的计划 plans",
        description="本单位落实的计划（编号或计划文件路径）。The plans this unit answers to (ids, or paths of plan files).",
    )
    unit: Text = Field(title="填报单位 unit", description="填报单位，如 城口县生态环境局。The reporting unit.")
    region: RegionName = Field(
        title="地区 region",
        description="所属地区：代码（130102）、名称（城口县）或路径（辽宁省/沈阳市/铁西区），其层级决定适用哪些要求。"
        "A region of the registry by code, unique name or path; its level decides which obligations apply.",
    )
    level: Level | None = Field(
        default=None,
        title="层级 level",
        description="覆盖地区层级，如学校台账填 school。Override the region's level, e.g. school for a school's log.",
    )
    lead_as: list[Text] = Field(
        default_factory=new_list,
        description="Lead-unit names (as the plan writes them, e.g. 市生态环境局) this unit answers for. When given, "
        "only requirements led by one of them apply; when empty, every requirement binding the level applies.",
    )
    exceptions: list[Text] = Field(
        default_factory=new_list,
        title="例外事项文件 exceptions",
        description="已批准例外事项（延期、销号、免于考核）文件的路径，相对于本台账。"
        "Files of approved exceptions, relative to this log.",
    )
    activities: list[Activity] = Field(default_factory=new_list)

    @field_validator("activities", mode="before")
    @classmethod
    def _none_is_empty(cls, value: object) -> object:
        """`activities:` with nothing under it (a new log) is an empty list."""
        return [] if value is None else value
