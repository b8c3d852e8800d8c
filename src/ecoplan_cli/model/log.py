"""The activity log: a unit's 台账 as YAML — what it did, when, toward which requirements, how much."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Self

from pydantic import BeforeValidator, Field, Strict, StringConstraints, field_validator, model_validator

from ecoplan_cli.model.common import Count, IsoDate, Level, Measure, StrictModel, Text

# [plan-id:]REQUIREMENT-ID[/obligation-key], e.g. CQ-17, chongqing-impl:CQ-16/press-center
REFERENCE_PATTERN = r"^([a-z][a-z0-9]*(-[a-z0-9]+)*:)?[A-Z][A-Z0-9]*(-[A-Za-z0-9]+)+(/[a-z0-9][a-z0-9-]*)?$"
Reference = Annotated[str, Strict(), StringConstraints(pattern=REFERENCE_PATTERN)]


ActivityId = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=200)]


def _code_as_text(value: object) -> object:
    """`region: 130102` is read by YAML as a number: a six-digit national code (no code starts with 0)."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) and 10 <= value <= 999999 else value


RegionName = Annotated[str, BeforeValidator(_code_as_text), Strict(), StringConstraints(min_length=1)]


class Activity(StrictModel):
    id: ActivityId = Field(title="活动编号 id", description="活动编号，在本单位各台账文件中唯一。Unique within the unit's logs.")
    date: IsoDate | None = Field(
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
        default_factory=dict,
        title="数量 amounts",
        description="按量词计的数量，如 {篇: 10, 件: 1}；不填即计 1 次。How much, by counting word; default one 次.",
    )
    subunit: Text | None = Field(
        default=None, description="The sub-unit it was done in (a 街道 or 社区), for per-sub-unit rules."
    )
    evidence: list[Text] = Field(default_factory=list)
    note: Text | None = None

    @model_validator(mode="after")
    def _dated(self) -> Self:
        if self.date is not None:
            if self.start is not None or self.end is not None:
                raise ValueError("give either date, or start and end, not both")
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
        default_factory=list,
        description="Lead-unit names (as the plan writes them, e.g. 市生态环境局) this unit answers for. When given, "
        "only requirements led by one of them apply; when empty, every requirement binding the level applies.",
    )
    exceptions: list[Text] = Field(
        default_factory=list,
        title="例外事项文件 exceptions",
        description="已批准例外事项（延期、销号、免于考核）文件的路径，相对于本台账。"
        "Files of approved exceptions, relative to this log.",
    )
    activities: list[Activity] = Field(default_factory=list)

    @field_validator("activities", mode="before")
    @classmethod
    def _none_is_empty(cls, value: object) -> object:
        """`activities:` with nothing under it (a new log) is an empty list."""
        return [] if value is None else value
