"""Vocabulary shared by plans and logs: levels, recurrences, counting words."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, StringConstraints


class StrictModel(BaseModel):
    """Base for every model: unknown keys are errors, instances are frozen.

    Scalars are not coerced (see the types below): "1" is not a count, 1.5 is not a count, yes is not a date.
    Enumerations accept their values as written in YAML.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def new_list() -> list[Any]:
    """An empty list for a field's default_factory. A Python function, not `list`: pydantic reads a factory's
    signature when it builds a validator, and a builtin's signature costs a run of the tokenizer (milliseconds of every
    run's start-up over the fields of the log models)."""
    return []


def new_dict() -> dict[Any, Any]:
    """An empty dict for a field's default_factory (see new_list)."""
    return {}


def _iso_date(value: object) -> object:
    """Accept a quoted ISO date ("2024-03-10") as well as YAML's own date; anything else goes to the strict check."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


Text = Annotated[str, Strict(), StringConstraints(min_length=1)]
Count = Annotated[int, Strict(), Field(ge=0)]
PositiveCount = Annotated[int, Strict(), Field(ge=1)]
Flag = Annotated[bool, Strict()]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date), Strict()]


class Level(StrEnum):
    """Who an obligation binds. Chongqing's city bodies are province-level (a 直辖市)."""

    NATIONAL = "national"  # 部委
    PROVINCE = "province"  # 省、自治区、直辖市 (Chongqing's 市级)
    PREFECTURE = "prefecture"  # 地级市
    DISTRICT = "district"  # 区 (县级)
    COUNTY = "county"  # 县、自治县 (县级)
    SCHOOL = "school"  # 中小学校
    ENTERPRISE = "enterprise"  # 企业
    ORGANIZATION = "organization"  # 社会组织、群团组织
    ANY = "any"  # 各地、各级: every level above


class Recurrence(StrEnum):
    """How often an obligation falls due."""

    WEEKLY = "weekly"  # ISO week, Monday to Sunday
    MONTHLY = "monthly"
    BIMONTHLY = "bimonthly"  # Jan–Feb, Mar–Apr, …, Nov–Dec
    QUARTERLY = "quarterly"
    SEMIANNUAL = "semiannual"  # Jan–Jun, Jul–Dec
    ANNUAL = "annual"
    SCHOOL_YEAR = "school_year"  # 1 Sep – 31 Aug
    PLAN_PERIOD = "plan_period"  # once over the whole plan period, by its deadline
    ONCE = "once"  # a one-off task, by its deadline
    ONGOING = "ongoing"  # 长期坚持: no period, no number; reported per year as unmeasured
    EVENT = "event"  # relative_deadlines only: a window that runs from each triggering event (附件2, incidents)


class Measure(StrEnum):
    """Counting words (量词) a quantity is stated in."""

    TIMES = "次"
    SESSIONS = "场"
    ARTICLES = "篇"
    PRODUCTS = "件"
    ITEMS = "个"
    CLASS_HOURS = "课时"
    ISSUES = "期"
    BOARDS = "块"


# The counting words of an occurrence: a record without amounts is one 次 (one 场).
OCCURRENCE_MEASURES = frozenset({Measure.TIMES, Measure.SESSIONS})
