"""`init`: a starter activity log for a unit and a year, with a commented to-do entry per obligation due."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ecoplan_cli.engine.calendar import CalendarItem
from ecoplan_cli.messages import text

SCHEMA_LINE = "# yaml-language-server: $schema=activity-log.schema.json"


def _yaml_text(value: str) -> str:
    """A YAML scalar for a name (quoted when plain style would be misread)."""
    if re.search(r"[:#\[\]{},&*!|>'\"%@`]", value) or value[:1] in "-? " or value != value.strip():
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


def render(
    *, plans: Sequence[str], unit: str, region: str, year: int, items: Sequence[CalendarItem], level: str | None = None
) -> str:
    lines = [
        SCHEMA_LINE + "   " + text("init-schema-note"),
        "# " + text("init-title", unit=unit, year=year),
        "# " + text("init-how"),
        f"plans: [{', '.join(_yaml_text(p) for p in plans)}]",
        f"unit: {_yaml_text(unit)}",
        f"region: {_yaml_text(region)}",
    ]
    if level:
        lines.append(f"level: {level}")
    lines.append("activities:")
    due = [item for item in items if item.kind == "due" and item.date is not None]
    if not due:
        lines.append("# " + text("init-nothing-due", year=year))
    else:
        lines.append("# " + text("init-to-do", year=year))
    for item in due:
        assert item.date is not None
        count = f"≥{item.required} {item.measure.value}" if item.required and item.measure else text("init-done")
        kind = "" if item.mandatory else " " + text("init-encouraged")
        lines.append(f"# {item.date.isoformat()}  {item.ident} {item.title} — {count}, {item.period_label}{kind}")
        ident = re.sub(r"[^A-Za-z0-9]+", "-", f"{item.period_label}-{item.requirement}-{item.obligation}").strip("-").lower()
        lines.append(f"#  - id: {ident}")
        lines.append(f"#    date: {year}-MM-DD")
        lines.append(f"#    title: {item.title}")
        lines.append(f"#    requirements: [{item.requirement}/{item.obligation}]")
        if item.measure is not None and item.required and item.measure.value not in ("次", "场"):
            lines.append(f"#    amounts: {{{item.measure.value}: {item.required}}}")
    return "\n".join(lines) + "\n"
