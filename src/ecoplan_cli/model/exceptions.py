"""Approved exceptions (延期, 销号, waivers): what they cover, why, who approved them, and until when."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Self

from pydantic import Field, Strict, StringConstraints, model_validator

from ecoplan_cli.model.common import IsoDate, StrictModel, Text, new_list
from ecoplan_cli.model.log import REFERENCE_PATTERN

# Expiry dates are days in China Standard Time (UTC+8, no daylight saving): an exception that expires on
# 2025-12-31 covers every run whose as-of date, in Asia/Shanghai, is 2025-12-31 or earlier.
EXPIRY_ZONE = "Asia/Shanghai"


class ExceptionKind(StrEnum):
    WAIVE = "waive"  # not required for the periods it covers (e.g. an event cancelled for epidemic control)
    EXTEND = "extend"  # 延期: a new due date; activities up to that date count toward the period
    CLOSE = "close"  # 销号: closed from a date; periods ending on or after it are no longer required


ExceptionId = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=200)]
Reference = Annotated[str, Strict(), StringConstraints(pattern=REFERENCE_PATTERN)]


class ApprovedException(StrictModel):
    id: ExceptionId = Field(title="编号 id", description="例外事项编号，在文件中唯一。Unique within the file.")
    requirement: Reference = Field(
        title="任务 requirement",
        description="所涉任务或要求编号，如 CQ-17、CQ-16/press-center。The requirement (or obligation) it covers.",
    )
    region: Text | None = Field(default=None, title="地区 region", description="所涉地区；不填即所有地区。Region covered.")
    unit: Text | None = Field(default=None, title="单位 unit", description="所涉填报单位；不填即所有单位。Unit covered.")
    periods: tuple[Text, ...] | None = Field(
        default=None,
        title="期间 periods",
        description="所涉期间，如 [2022-H1, 2022]；不填即全部期间。Period labels covered (as reports print them); "
        "omit for all periods, or give from/to.",
    )
    from_: IsoDate | None = Field(default=None, alias="from", title="起 from", description="Periods ending on or after this day.")
    to: IsoDate | None = Field(default=None, title="止 to", description="Periods ending on or before this day.")
    kind: ExceptionKind = Field(title="类型 kind", description="waive 免于考核 · extend 延期 · close 销号")
    due: IsoDate | None = Field(default=None, title="新截止日期 due", description="extend: the new due date.")
    closed_from: IsoDate | None = Field(
        default=None, title="销号日期 closed_from", description="close: periods ending on or after this day are closed."
    )
    justification: Text = Field(title="理由 justification", description="为何批准。Why it was approved.")
    approved_by: Text = Field(title="批准单位 approved_by", description="批准单位或负责人。Who approved it.")
    document: Text = Field(title="批准文号 document", description="批准文件文号，如 渝环办〔2022〕12号。")
    expires: IsoDate | Text = Field(
        title="有效期至 expires",
        description="有效期最后一日（含当日，北京时间 Asia/Shanghai）；格式不对视为已过期。"
        "Last day it applies, inclusive, in Asia/Shanghai; an expiry that is not a date counts as expired.",
    )

    model_config = StrictModel.model_config | {"populate_by_name": True}

    @model_validator(mode="after")
    def _kind_fields(self) -> Self:
        if self.kind is ExceptionKind.EXTEND and self.due is None:
            raise ValueError("an extension (kind: extend) needs the new due date: due: 2023-06-30")
        if self.kind is not ExceptionKind.EXTEND and self.due is not None:
            raise ValueError("due: belongs to kind: extend only")
        if self.kind is ExceptionKind.CLOSE and self.closed_from is None:
            raise ValueError("a closure (kind: close, 销号) needs the day it takes effect: closed_from: 2024-01-01")
        if self.kind is not ExceptionKind.CLOSE and self.closed_from is not None:
            raise ValueError("closed_from: belongs to kind: close only")
        if self.periods is not None and (self.from_ is not None or self.to is not None):
            raise ValueError("give either periods, or from/to, not both")
        return self

    @property
    def expiry(self) -> dt.date | None:
        """The last day it applies; None when `expires` is not a date (such an exception counts as expired)."""
        return self.expires if isinstance(self.expires, dt.date) else None

    def live_on(self, day: dt.date) -> bool:
        expiry = self.expiry
        return expiry is not None and day <= expiry


class ExceptionsFile(StrictModel):
    exceptions: list[ApprovedException] = Field(default_factory=new_list, title="例外事项 exceptions")
