"""JSON Schema for activity logs and plans, generated from the models, with the real ids as exact enums.

Editors (yaml-language-server, VS Code) complete requirement references, obligation references and regions from
the enums, showing each one's title (`enumDescriptions`, `markdownEnumDescriptions`), and refuse a typo (`CQ-170`,
`CQ-16/press-centre`, `region: 城口`) at its place. `errorMessage`/`patternErrorMessage` replace the validator's
raw "not one of [hundreds of ids]" or regular expression with a sentence. Logs that answer a user's plan file get
their own schema: `ecoplan schema --plan-file PLAN.yaml` (the catalogue passed in then includes that plan).
"""

from __future__ import annotations

from typing import Any

from ecoplan_cli.load.catalogue import Catalogue
from ecoplan_cli.model import ActivityLog, Plan

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

REFERENCE_ERROR = (
    "Not a requirement of the plans: write an id such as CQ-17, an obligation such as CQ-16/press-center, or "
    "plan-id:CQ-17 (ecoplan plans lists them). 不是计划中的任务编号：请写 CQ-17、CQ-16/press-center 或 计划编号:CQ-17。"
)
REGION_ERROR = (
    "Not a region of the registry: write its full name (城口县), its path (重庆市/城口县) or its six-digit code "
    "(500229). 不是登记的地区：请写全称（城口县）、路径（重庆市/城口县）或六位行政区划代码（500229）。"
)
PATH_PATTERN = r"^[^/\s]+(/[^/\s]+)+$"


def _enum(entries: dict[str, tuple[str, str]]) -> dict[str, Any]:
    """An exact enum with a plain and a Markdown description per value (what editors show while completing)."""
    values = sorted(entries)
    return {
        "enum": values,
        "enumDescriptions": [entries[v][0] for v in values],
        "markdownEnumDescriptions": [entries[v][1] for v in values],
    }


def reference_entries(catalogue: Catalogue) -> dict[str, tuple[str, str]]:
    """Every reference an activity may make: CQ-17, CQ-16/press-center, chongqing-impl:CQ-17, …:CQ-16/press-center."""
    entries: dict[str, tuple[str, str]] = {}
    for plan_id, source in sorted(catalogue.plans.items()):
        for requirement in source.plan.requirements:
            plain = f"{requirement.title} ({plan_id})"
            for prefix in ("", f"{plan_id}:"):
                reference = f"{prefix}{requirement.id}"
                quote = "" if prefix else f"\n\n> {requirement.quote}"  # the quote once, on the bare id
                markdown = f"**{requirement.id}** {requirement.title} — `{plan_id}`{quote}"
                if reference in entries and not prefix:  # the same bare id in two plans: say both
                    entries[reference] = (entries[reference][0] + "; " + plain, entries[reference][1] + "\n\n" + markdown)
                else:
                    entries[reference] = (plain, markdown)
                for obligation in requirement.obligations:
                    how = obligation.recurrence.value + (
                        f", ≥{obligation.min_count} {obligation.measure.value}" if obligation.min_count else ""
                    )
                    levels = ", ".join(level.value for level in obligation.levels)
                    entries[f"{reference}/{obligation.key}"] = (
                        f"{requirement.title}: {obligation.key} ({how}; {levels}) ({plan_id})",
                        f"**{requirement.id}/{obligation.key}** {requirement.title} — {how}; {levels} — `{plan_id}`",
                    )
                for rule in requirement.relative_deadlines:  # a follow-up names its rule: CQ-A2-6/notice
                    how = f"{rule.direction.value} {rule.event}: {rule.text}"
                    entries[f"{reference}/{rule.key}"] = (
                        f"{requirement.title}: {rule.key} ({how}) ({plan_id})",
                        f"**{requirement.id}/{rule.key}** {requirement.title} — {how} — `{plan_id}`",
                    )
    return entries


def region_entries(catalogue: Catalogue) -> dict[str, tuple[str, str]]:
    """Every region name a log may write: the national registry's names (a name several places share says so: such
    a region needs its path or code) and the regions plans declare; each with its kind, level and path."""
    from ecoplan_cli.load.registry import national

    registry = national()
    entries: dict[str, tuple[str, str]] = {}
    for name in registry.by_name:
        places = registry.by_name[name]
        shown = "; ".join(f"{p.kind} ({p.level.value}) {registry.path(p)}" for p in places[:3])
        if len(places) > 1:
            shown = f"{len(places)} places share this name, write its path or code: {shown}" + (" …" if len(places) > 3 else "")
        entries[name] = (shown, shown)
    for region in catalogue.regions:
        within = f", {region.parent}" if region.parent else ""
        plain = f"{region.kind} ({region.level.value}{within})"
        entries.setdefault(region.name, (plain, plain))
        for alias in region.aliases:
            entries.setdefault(alias, (f"= {region.name}: {plain}", f"= {region.name}: {plain}"))
    return entries


def log_schema(catalogue: Catalogue) -> dict[str, Any]:
    schema = ActivityLog.model_json_schema()
    schema["$schema"] = SCHEMA_DIALECT
    schema["title"] = "ecoplan activity log（活动台账）"
    schema["description"] = (
        "A unit's ledger of what it did toward the plans. 单位生态文明宣传教育工作台账：日期、活动、对应任务、数量。"
    )
    properties = schema["properties"]
    names = _enum(region_entries(catalogue))
    names.pop("markdownEnumDescriptions")  # thousands of names: the plain descriptions are enough
    properties["region"].pop("type", None)
    properties["region"]["anyOf"] = [
        {"type": "string", **names, "errorMessage": REGION_ERROR},
        {
            "type": "string",
            "pattern": PATH_PATTERN,
            "description": "路径 a path from the top: 辽宁省/沈阳市/铁西区, or 沈阳市/铁西区",
            "patternErrorMessage": REGION_ERROR,
        },
        {"type": "string", "pattern": r"^\d{6}$", "description": "六位行政区划代码 national code, e.g. 500229"},
        {"type": "integer", "minimum": 110000, "maximum": 829999, "description": "六位行政区划代码 national code"},
    ]
    properties["region"]["errorMessage"] = REGION_ERROR
    plan_ids = sorted(catalogue.plans)
    properties["plans"]["items"]["examples"] = plan_ids
    items = schema["$defs"]["Activity"]["properties"]["requirements"]["items"]
    items.pop("pattern", None)  # the enum is exact; a pattern would only repeat it with a worse message
    items.update(_enum(reference_entries(catalogue)), errorMessage=REFERENCE_ERROR)
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
