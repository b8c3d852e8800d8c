"""The lines of a valid log that explain a report's findings: where an activity starts, where `region:` is.

Reports (SARIF, GitHub annotations) place a gap on the activity that fell short, or on the log's `region:` line for
a period with no activity. The lines come from a cheap text scan of a file the strict parser already accepted,
never from a second parse. When the loader provides them (`LoadedLog.activity_lines` and `header_lines`, from
load/line_index.py), those are used; otherwise this module scans the text itself, for the few activities asked
for: an activity is a block-sequence item, and its line is the line of the `- ` that opens the item holding its
`id:`. An id that the scan cannot place (flow style, an id written over several lines) falls back to `region:`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

_ID = re.compile(r"^(?P<indent>[ ]*)(?P<dash>-[ ]+)?id[ ]*:[ ]*(?P<value>[^#\n]*?)[ ]*(?:#[^\n]*)?$", re.MULTILINE)
_ITEM = re.compile(r"^(?P<indent>[ ]*)-(?:[ ]|$)", re.MULTILINE)
_REGION = re.compile(r"^[\"']?region[\"']?[ ]*:", re.MULTILINE)


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        inner = value[1:-1]
        return inner.replace("''", "'") if value[0] == "'" else inner.replace('\\"', '"').replace("\\\\", "\\")
    return value


def scan_activity_lines(text: str, wanted: Collection[str]) -> dict[str, int]:
    """Activity id → the 1-based line of its item's `- `, for the ids wanted (a text scan)."""
    found: dict[str, int] = {}
    if not wanted:
        return found
    items = [(m.start(), len(m.group("indent"))) for m in _ITEM.finditer(text)]
    for match in _ID.finditer(text):
        ident = _unquote(match.group("value"))
        if ident not in wanted or ident in found:
            continue
        offset = match.start()
        if match.group("dash") is None:  # `id:` is not the item's first key: the nearest `- ` above, less indented
            column = len(match.group("indent"))
            offset = next((start for start, indent in reversed(items) if start < offset and indent < column), offset)
        found[ident] = text.count("\n", 0, offset) + 1
    return found


def scan_region_line(text: str) -> int:
    match = _REGION.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def log_lines(log: Any, wanted: Collection[str], text: str | None = None) -> tuple[dict[str, int], int]:
    """(activity id → line for the ids wanted, the `region:` line) of a loaded log: from the loader's index when it
    has one, else from a scan of its text (read again only when lines are wanted)."""
    activities: Mapping[str, int] | None = getattr(log, "activity_lines", None)
    headers: Mapping[str, int] | None = getattr(log, "header_lines", None)
    if activities is not None and headers is not None and (activities or headers):
        return {i: activities[i] for i in wanted if i in activities}, headers.get("region", 1)
    if text is None:
        from ecoplan_cli.load.yaml_source import decode, read_bytes

        text = decode(read_bytes(log.path), log.path)
    return scan_activity_lines(text, wanted), scan_region_line(text)
