"""A plan: its requirements, their obligations, and the readings chosen for ambiguous text."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Self

from pydantic import Field, Strict, StringConstraints, model_validator

from ecoplan_cli.model.common import (
    Flag,
    IsoDate,
    Level,
    Measure,
    PositiveCount,
    Recurrence,
    StrictModel,
    Text,
    new_dict,
    new_list,
)
from ecoplan_cli.model.region import Region

PLAN_ID_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
REQUIREMENT_ID_PATTERN = r"^[A-Z][A-Z0-9]*(-[A-Za-z0-9]+)+$"
OBLIGATION_KEY_PATTERN = r"^[a-z0-9][a-z0-9-]*$"

PlanId = Annotated[str, Strict(), StringConstraints(pattern=PLAN_ID_PATTERN)]
RequirementId = Annotated[str, Strict(), StringConstraints(pattern=REQUIREMENT_ID_PATTERN)]
ObligationKey = Annotated[str, Strict(), StringConstraints(pattern=OBLIGATION_KEY_PATTERN)]
ParamName = Annotated[str, Strict(), StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_-]*$")]

# Recurrences whose single period ends at the obligation's deadline.
DEADLINE_RECURRENCES = frozenset({Recurrence.ONCE, Recurrence.PLAN_PERIOD})


class Obligation(StrictModel):
    """One checkable duty inside a requirement: who, how often, how many, by when."""

    key: ObligationKey = Field(description="Unique within the requirement; an activity may name it as CQ-16/press-center.")
    levels: list[Level] = Field(min_length=1, description="The levels this obligation binds.")
    recurrence: Recurrence
    min_count: PositiveCount | None = Field(
        default=None,
        description="At least this many per period. None: no number is stated (unmeasured), "
        "or, for once/plan_period, one recorded completion.",
    )
    count_param: ParamName | None = Field(
        default=None,
        description="Instead of min_count: the name of a plan parameter (params:) the user fills in once, for "
        "placeholders such as 每周撰写x篇.",
    )
    per: Text | None = Field(
        default=None,
        description="One obligation per sub-unit of this kind (街道, 社区 …), listed under the plan's subunits:.",
    )
    measure: Measure = Field(default=Measure.TIMES, description="The counting word of min_count.")
    deadline: IsoDate | None = Field(
        default=None,
        description="Due date of a once/plan_period obligation; for periodic ones, the last day it applies.",
    )
    mandatory: Flag = Field(default=True, description="False for 鼓励/有条件的/探索/积极争取/可: unmet is advice.")
    explicit_only: Flag = Field(
        default=False,
        description="Only activities naming this obligation (REQ/key) count; a bare REQ reference does not.",
    )
    basis: Text | None = Field(default=None, description="The words of the quote that state this obligation's number or date.")
    note: Text | None = Field(default=None, description="How ambiguous text was read.")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.recurrence in DEADLINE_RECURRENCES and self.deadline is None:
            raise ValueError(f"a {self.recurrence.value} obligation needs a deadline")
        if self.recurrence is Recurrence.EVENT:
            raise ValueError("recurrence event is for relative_deadlines; an obligation has a calendar recurrence")
        if self.recurrence is Recurrence.ONGOING and self.min_count is not None:
            raise ValueError("an ongoing obligation has no count; give it a recurrence")
        if self.min_count is not None and self.count_param is not None:
            raise ValueError("give min_count or count_param, not both")
        if (self.min_count is not None or self.count_param is not None) and self.basis is None:
            raise ValueError("a count needs its basis: the words of the quote that state it")
        return self

    @property
    def measured(self) -> bool:
        """True when the obligation can be met or missed by counting activities."""
        return self.min_count is not None or self.recurrence in DEADLINE_RECURRENCES

    @property
    def required(self) -> int | None:
        """The count needed per period, or None when unmeasured."""
        if self.min_count is not None:
            return self.min_count
        return 1 if self.recurrence in DEADLINE_RECURRENCES else None


class Direction(StrEnum):
    BEFORE = "before"  # done no later than N days before the event (会议召开前十五日)
    AFTER = "after"  # done within N days or hours after the event (会议完毕七日内, x小时内)


EVENT_PATTERN = r"^[A-Z][A-Z0-9]*(-[A-Za-z0-9]+)+(/[a-z0-9][a-z0-9-]*)?$"


class RelativeDeadline(StrictModel):
    """A duty whose deadline runs from an event, not from the calendar (附件2: notice 15 days before each meeting,
    minutes within 7 days after it; a district's press conference within xx hours of an incident).

    A log records the event as an activity of `event` and each follow-up as an activity naming REQ/key with
    `event: <id of the event activity>`; every event is checked against every rule that runs from it.
    """

    key: ObligationKey = Field(description="Unique among the requirement's obligations and rules; a follow-up names REQ/key.")
    event: Annotated[str, Strict(), StringConstraints(pattern=EVENT_PATTERN)] = Field(
        description="The requirement (of this plan) whose activities are the events: CQ-A2-5, or REQ/key for one "
        "obligation or rule (CQ-A2-6/notice: topics are due 5 days after the notice)."
    )
    direction: Direction
    days: PositiveCount | None = Field(default=None, description="Calendar days before or after the event.")
    hours: PositiveCount | None = Field(default=None, description="Hours after the event's date-time.")
    offset_param: ParamName | None = Field(
        default=None, description="Instead of days/hours: a plan parameter (x, xx of a template) giving the number."
    )
    unit: Annotated[str, Strict(), StringConstraints(pattern=r"^(days|hours)$")] | None = Field(
        default=None, description="With offset_param: whether the parameter counts days or hours."
    )
    levels: list[Level] = Field(min_length=1, description="The levels this rule binds.")
    lead: list[Text] = Field(default_factory=new_list, description="Who acts, where not the requirement's lead.")
    measure: Measure = Field(default=Measure.TIMES, description="The counting word of one follow-up.")
    mandatory: Flag = True
    text: Text = Field(description="The source words that state the rule (inside the quote).")
    note: Text | None = None

    @model_validator(mode="after")
    def _one_offset(self) -> Self:
        given = [name for name in ("days", "hours", "offset_param") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of days, hours or offset_param")
        if (self.offset_param is None) != (self.unit is None):
            raise ValueError("offset_param needs unit: days or hours (and unit goes only with offset_param)")
        if self.direction is Direction.BEFORE and (self.hours is not None or self.unit == "hours"):
            raise ValueError("a rule before the event counts days (it is checked against the event's date)")
        return self

    @property
    def in_hours(self) -> bool:
        return self.hours is not None or self.unit == "hours"


class Requirement(StrictModel):
    """One numbered item of the source (a 专栏 item, a row of 附件1, an article of 附件2)."""

    id: RequirementId
    title: Text
    section: Text = Field(description="Where the item stands in the source document.")
    quote: Text = Field(description="The exact source sentence(s), verbatim.")
    lead: list[Text] = Field(default_factory=new_list, description="牵头单位")
    supporting: list[Text] = Field(default_factory=new_list, description="配合单位 / 参与单位")
    time_limit: Text | None = Field(default=None, description="任务时限 as written; None where the source cell is blank.")
    deadline: IsoDate | None = Field(default=None, description="The time limit as a date, where it is one.")
    implements: list[Text] = Field(default_factory=new_list, description="Ids of the parent plan's requirements.")
    relative_deadlines: list[RelativeDeadline] = Field(
        default_factory=new_list, description="Duties whose deadline runs from an event (see RelativeDeadline)."
    )
    obligations: list[Obligation] = Field(default_factory=new_list)
    note: Text | None = None

    @model_validator(mode="after")
    def _unique_obligation_keys(self) -> Self:
        if not self.obligations and not self.relative_deadlines:
            raise ValueError("a requirement needs at least one obligation or relative deadline")
        keys = [obligation.key for obligation in self.obligations] + [rule.key for rule in self.relative_deadlines]
        duplicates = sorted({key for key in keys if keys.count(key) > 1})
        if duplicates:
            raise ValueError(f"obligation keys repeated: {', '.join(duplicates)}")
        return self

    def obligation(self, key: str) -> Obligation | None:
        return next((o for o in self.obligations if o.key == key), None)

    def relative(self, key: str) -> RelativeDeadline | None:
        return next((rule for rule in self.relative_deadlines if rule.key == key), None)


class PlanPeriod(StrictModel):
    start: IsoDate
    end: IsoDate

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end < self.start:
            raise ValueError("the plan period ends before it starts")
        return self


class SourceDocument(StrictModel):
    title: Text
    file: Text | None = Field(default=None, description="The seed text this plan was encoded from.")
    document_number: Text | None = None
    note: Text | None = None


class Reading(StrictModel):
    """A choice made once for ambiguous wording, written down where the plan is."""

    text: Text = Field(description="The ambiguous words, as in the source.")
    choice: Text = Field(description="How ecoplan reads them, and why.")


class Observance(StrictModel):
    """A dated 重要节点 the plan names. Fixed ones give month and day; others give dates per year, or none."""

    name: Text
    month: Annotated[int, Strict(), Field(ge=1, le=12)] | None = None
    day: Annotated[int, Strict(), Field(ge=1, le=31)] | None = None
    dates: list[IsoDate] = Field(default_factory=new_list, description="Known dates of an observance with no fixed day.")
    note: Text | None = None

    @model_validator(mode="after")
    def _fixed_or_listed(self) -> Self:
        if (self.month is None) != (self.day is None):
            raise ValueError("give both month and day, or neither")
        if self.month is not None and self.day is not None:
            date(2024, self.month, self.day)  # raises for 2-30 and the like
        return self

    def on(self, year: int) -> date | None:
        if self.month is not None and self.day is not None:
            return date(year, self.month, self.day)
        return next((d for d in self.dates if d.year == year), None)


class Parameter(StrictModel):
    """A placeholder of the source text (x, xx) that the plan's user fills in once."""

    text: Text = Field(description="The source words with the placeholder, e.g. 每周撰写x篇原创文章.")
    value: PositiveCount | None = Field(default=None, description="The number filled in; None until decided.")
    description: Text | None = None


class Plan(StrictModel):
    id: PlanId
    title: Text
    issuing_bodies: list[Text] = Field(min_length=1)
    issue_date: IsoDate | None = None
    effective_date: IsoDate = Field(description="Periods that begin before this date are not required.")
    period: PlanPeriod
    source: SourceDocument
    implements: PlanId | None = Field(default=None, description="The parent plan this one implements.")
    readings: list[Reading] = Field(default_factory=new_list)
    observances: list[Observance] = Field(default_factory=new_list)
    params: dict[ParamName, Parameter] = Field(default_factory=new_dict, description="Placeholders filled in once.")
    subunits: dict[Text, list[Text]] = Field(
        default_factory=new_dict, description="Sub-units by kind (街道: [...], 社区: [...]) for obligations with per:."
    )
    regions: list[Region] = Field(default_factory=new_list, description="Regions this plan adds to the registry.")
    requirements: list[Requirement] = Field(min_length=1)

    @cached_property
    def _requirements_by_id(self) -> dict[str, Requirement]:
        return {requirement.id: requirement for requirement in reversed(self.requirements)}

    def requirement(self, requirement_id: str) -> Requirement | None:
        return self._requirements_by_id.get(requirement_id)

    @cached_property
    def has_relative_deadlines(self) -> bool:
        return any(requirement.relative_deadlines for requirement in self.requirements)

    def with_parameters(self) -> Plan:
        """This plan with every count_param replaced by its value (an unset one leaves the obligation unmeasured)."""
        if not any(o.count_param for r in self.requirements for o in r.obligations):
            return self
        requirements = []
        for requirement in self.requirements:
            obligations = [
                o.model_copy(update={"min_count": self.params[o.count_param].value}) if o.count_param else o
                for o in requirement.obligations
            ]
            requirements.append(requirement.model_copy(update={"obligations": obligations}))
        return self.model_copy(update={"requirements": requirements})
