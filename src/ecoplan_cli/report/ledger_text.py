"""The 台账 as CSV (the workbook's layout, UTF-8 with BOM so that Excel reads Chinese right) and as YAML (for
`convert` from a spreadsheet)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from ecoplan_cli.model import ActivityLog
from ecoplan_cli.report.ledger_table import Table


def write_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for label, value in table.header:
        writer.writerow([label, value])
    writer.writerow([])
    writer.writerow(table.labels)
    for row in table.rows:
        writer.writerow(["" if v is None else v.isoformat() if isinstance(v, dt.date) else v for v in row])
    return "\ufeff" + out.getvalue()


def write_yaml(log: ActivityLog, source: str = "") -> str:
    """The log as YAML, fields in the schema's order, defaults left out."""
    from ruamel.yaml import YAML

    data: dict[str, Any] = log.model_dump(mode="python", exclude_defaults=True)
    if "level" in data:
        data["level"] = data["level"].value
    for activity in data.get("activities", []):
        if "amounts" in activity:
            activity["amounts"] = {measure.value: count for measure, count in activity["amounts"].items()}
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096
    yaml.representer.sort_base_mapping_type_on_output = False
    out = io.StringIO()
    if source:
        out.write(f"# Converted by `ecoplan convert` from {source}.\n")
    yaml.dump(data, out)
    return out.getvalue()
