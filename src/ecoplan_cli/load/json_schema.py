"""JSON Schema for activity logs and plans, generated from the models, with the real ids as enums."""

from __future__ import annotations

from typing import Any

from ecoplan_cli.load.catalogue import Catalogue
from ecoplan_cli.model import ActivityLog, Plan

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def log_schema(catalogue: Catalogue) -> dict[str, Any]:
    schema = ActivityLog.model_json_schema()
    schema["$schema"] = SCHEMA_DIALECT
    schema["title"] = "ecoplan activity log（活动台账）"
    schema["description"] = (
        "A unit's ledger of what it did toward the plans. 单位生态文明宣传教育工作台账：日期、活动、对应任务、数量。"
    )
    from ecoplan_cli.load.registry import national

    names = {name for r in catalogue.regions for name in (r.name, *r.aliases)}
    names |= national().by_name.keys()  # every name (a shared one still needs its code or path: validate says so)
    regions = sorted(names)
    plan_ids = sorted(catalogue.plans)
    requirement_ids = sorted({r.id for s in catalogue.plans.values() for r in s.plan.requirements})
    properties = schema["properties"]
    code = {"type": "integer", "minimum": 110000, "maximum": 829999, "description": "六位行政区划代码 national code"}
    properties["region"]["anyOf"] = [{"enum": regions}, {"type": "string"}, code]
    properties["region"].pop("type", None)
    properties["plans"]["items"]["examples"] = plan_ids
    activity = schema["$defs"]["Activity"]["properties"]["requirements"]["items"]
    activity["examples"] = requirement_ids
    activity["anyOf"] = [{"enum": requirement_ids}, {"type": "string"}]
    return schema


def plan_schema() -> dict[str, Any]:
    schema = Plan.model_json_schema()
    schema["$schema"] = SCHEMA_DIALECT
    schema["title"] = "ecoplan plan（行动计划）"
    return schema


def exceptions_schema() -> dict[str, Any]:
    from ecoplan_cli.model.exceptions import ExceptionsFile

    schema = ExceptionsFile.model_json_schema(by_alias=True)
    schema["$schema"] = SCHEMA_DIALECT
    schema["title"] = "ecoplan approved exceptions（已批准例外事项：延期、销号、免于考核）"
    schema["description"] = (
        "Approved exceptions, each with its justification, approver, document number and expiry (a day, inclusive, "
        "in Asia/Shanghai). 每项须写明理由、批准单位、文号与有效期（含当日，北京时间）。"
    )
    return schema
