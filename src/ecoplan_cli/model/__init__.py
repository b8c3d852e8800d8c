"""Pydantic models: plans, requirements, obligations, regions and activity logs."""

from ecoplan_cli.model.common import Level, Measure, Recurrence
from ecoplan_cli.model.log import Activity, ActivityLog
from ecoplan_cli.model.plan import (
    Direction,
    Obligation,
    Observance,
    Plan,
    PlanPeriod,
    Reading,
    RelativeDeadline,
    Requirement,
    SourceDocument,
)
from ecoplan_cli.model.region import Region, RegionRegistry

__all__ = [
    "Activity",
    "ActivityLog",
    "Direction",
    "Level",
    "Measure",
    "Obligation",
    "Observance",
    "Parameter",
    "Plan",
    "PlanPeriod",
    "Reading",
    "Recurrence",
    "Region",
    "RegionRegistry",
    "RelativeDeadline",
    "Requirement",
    "SourceDocument",
]
