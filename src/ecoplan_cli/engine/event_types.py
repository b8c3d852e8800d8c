"""The small records of engine/events.py: an activity's timing, a rule's window for one event, a refused link.

Kept apart so that evaluate.py (Finding, Unit) and load/units.py can name them without importing the event logic.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ecoplan_cli.model import Direction
from ecoplan_cli.model.unit import Timing as Timing  # re-exported: defined with the Unit that carries it


class EventWindow(NamedTuple):
    """The window one rule opens for one event, and how the follow-ups stand against it (for reporters)."""

    event: str  # the event activity's id
    event_day: dt.date
    direction: Direction
    offset: int  # days or hours, as the rule states
    unit: str  # "days" | "hours"
    due: str  # ISO date, or date-time (Beijing time) for a rule in hours
    done: str | None = None  # the first follow-up's date (or date-time)
    delta: float | None = None  # before: days before the event it was done; after: days (hours, to 0.1) after it
    late_by: float | None = None  # done late by this many days (hours); or, not done, days overdue as of the as-of date
    untimed: bool = False  # an hours rule where the event or the follow-up has no time


class LinkIssue(NamedTuple):
    """Why a follow-up cannot be counted: the activity, the field at fault, a message code and its parameters."""

    activity: str
    field: str  # "event" or "requirements"
    code: str  # event-missing | event-unknown | event-wrong-requirement | event-ambiguous | event-order
    params: tuple[tuple[str, str], ...]
