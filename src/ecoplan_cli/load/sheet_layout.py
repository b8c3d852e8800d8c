"""The 台账 as a table: the header block and the column names a spreadsheet or CSV log may use (Chinese or English).

Shared by the readers (load/sheet_log.py) and the writers (report/ledger_xlsx.py, report/ledger_csv.py), so that what
is written is what is read.
"""

from __future__ import annotations

import re
import unicodedata

from ecoplan_cli.model.common import Level, Measure

# Header block (rows above the table): label → ActivityLog field. The first label of each is what the writers use.
HEADER_KEYS: dict[str, tuple[str, ...]] = {
    "plans": ("计划", "所落实的计划", "plans", "plan"),
    "unit": ("单位", "填报单位", "unit"),
    "region": ("地区", "所属地区", "region"),
    "level": ("层级", "level"),
    "lead_as": ("牵头身份", "牵头单位身份", "lead_as", "lead as"),
    "exceptions": ("例外事项文件", "例外事项", "exceptions"),
}

# Table columns: label → Activity field ("quantity" and "measure" together give one amount; a counting word is a column).
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("编号", "活动编号", "id"),
    "date": ("日期", "活动日期", "date"),
    "start": ("开始日期", "开始", "起始日期", "start"),
    "end": ("结束日期", "结束", "截止日期", "end"),
    "title": ("活动名称", "名称", "活动内容", "title"),
    "requirements": ("对应要求", "对应任务", "要求编号", "任务编号", "requirements", "requirement"),
    "quantity": ("数量", "quantity", "amount"),
    "measure": ("量词", "单位", "measure"),
    "evidence": ("佐证材料", "佐证", "证明材料", "evidence"),
    "subunit": ("街道/社区", "街道", "社区", "街镇", "subunit"),
    "note": ("备注", "说明", "note", "notes"),
    "todo": ("待办", "to-do", "todo"),  # the to-do hints `init` writes: read past without a note
}

# Levels as a person may write them in Chinese (the English values are accepted as they are).
LEVEL_NAMES: dict[str, Level] = {
    "国家": Level.NATIONAL,
    "部委": Level.NATIONAL,
    "省级": Level.PROVINCE,
    "省": Level.PROVINCE,
    "地级市": Level.PREFECTURE,
    "区": Level.DISTRICT,
    "县": Level.COUNTY,
    "学校": Level.SCHOOL,
    "企业": Level.ENTERPRISE,
    "社会组织": Level.ORGANIZATION,
    "各级": Level.ANY,
}

MEASURES = tuple(Measure)  # the counting-word columns, in the writers' order
SHEET_NAMES = ("台账", "log", "activities")  # the sheet read first when present; else the first sheet


def normalise_label(value: object) -> str:
    """A header cell as a comparable label: full-width folded, spaces and a trailing colon or * dropped, lower case;
    a bracketed hint such as 日期（yyyy-mm-dd） is dropped, but 数量（篇） names the counting word 篇."""
    label = unicodedata.normalize("NFKC", str(value)).strip().lower()
    label = re.sub(r"\s+", " ", label).rstrip(":*").strip()
    bracket = re.fullmatch(r"(.*?)\s*[(\[](.*)[)\]]", label)
    if bracket:
        inner = bracket.group(2).strip()
        if bracket.group(1) in COLUMNS["quantity"] and inner in MEASURE_VALUES:
            return inner
        label = bracket.group(1)
    return label


MEASURE_VALUES = frozenset(m.value for m in Measure)
_LABELS: dict[str, str] = {normalise_label(label): key for key, labels in COLUMNS.items() for label in labels}
_LABELS.update({m.value: f"amount:{m.value}" for m in Measure})
_HEADER_LABELS: dict[str, str] = {normalise_label(label): key for key, labels in HEADER_KEYS.items() for label in labels}


def column_key(value: object) -> str | None:
    """The field a table header cell names (`amount:篇` for a counting word), or None."""
    return _LABELS.get(normalise_label(value)) if value not in (None, "") else None


def header_key(value: object) -> str | None:
    """The log field a header-block label names, or None."""
    return _HEADER_LABELS.get(normalise_label(value)) if value not in (None, "") else None
