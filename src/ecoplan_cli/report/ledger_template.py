"""`init --out FILE.xlsx`: the ledger template for a unit's year — the header filled in, a frozen header row, a
drop-down of the requirement ids that bind the unit (with their titles), a column for each counting word the year asks
for, the year's to-dos as rows to fill, and a help sheet."""

from __future__ import annotations

from collections.abc import Sequence

from ecoplan_cli.engine.applicability import binds
from ecoplan_cli.engine.calendar import CalendarItem
from ecoplan_cli.model import ActivityLog, Level, Measure, Plan
from ecoplan_cli.model.ids import natural_key
from ecoplan_cli.report import ledger_xlsx
from ecoplan_cli.report.ledger_table import Table, table

HELP = (
    "台账填写说明 · How to fill in this ledger",
    "",
    "每行一项活动。编号：本单位内唯一（如 2024-fbh-05）。日期：单日活动填“日期”；多日活动填“开始日期”和“结束日期”，不填“日期”。",
    "One row per activity. 编号 (id): unique within the unit. 日期 (date), or 开始日期 + 结束日期 (start + end) for"
    " several days.",
    "日期可用日期单元格，或写作 2024-03-10、2024/3/10、2024.3.10、2024年3月10日；3/10/2024 之类有歧义，不予读取。",
    "Dates: a date cell, or 2024-03-10, 2024/3/10, 2024.3.10, 2024年3月10日. 3/10/2024 is ambiguous and refused.",
    "对应要求：从下拉列表选择（“要求”工作表列出适用于本单位的全部要求）；多项用、分隔，如 CQ-44、CQ-47。",
    "对应要求 (requirements): pick from the drop-down (sheet 要求 lists every requirement that binds the unit);"
    " several: CQ-44、CQ-47.",
    "数量：在相应量词列（篇、次、件、场、课时、个……）填整数；不填即计 1 次。",
    "Amounts: a whole number under the counting word (篇, 次, 件, 场, 课时, 个 …); none at all counts as one 次.",
    "佐证材料：每行一项（单元格内换行：Alt+Enter）。街道/社区：按街道、社区计数的要求填写。备注：任意说明。",
    "佐证材料 (evidence): one item per line in the cell. 街道/社区 (sub-unit): for per-sub-unit rules. 备注 (note): free text.",
    "“待办”列列出本年度到期事项，仅作提示，检查时不读取；可保留或删除。表头区（计划、单位、地区）请勿改动格式。",
    "The 待办 column lists what falls due this year; it is a hint and is not read. Keep the header block's layout.",
    "",
    "检查 Check:   ecoplan validate 台账.xlsx    ecoplan check 台账.xlsx    ecoplan check 台账.xlsx --output xlsx:督办.xlsx",
    "转换 Convert: ecoplan convert 台账.xlsx 台账.yaml",
)


def render(
    *,
    plans: Sequence[Plan],
    unit: str,
    region: str,
    year: int,
    items: Sequence[CalendarItem],
    level: Level,
    level_override: str | None = None,
) -> bytes:
    log = ActivityLog(
        plans=[p.id for p in plans], unit=unit, region=region, level=Level(level_override) if level_override else None
    )
    base = table(log)
    due = [item for item in items if item.kind == "due" and item.date is not None]
    measures = sorted({item.measure for item in due if item.measure is not None and item.required}, key=list(Measure).index)
    columns = [
        "id",
        "date",
        "start",
        "end",
        "title",
        "requirements",
        *(f"amount:{m.value}" for m in measures),
        "evidence",
        "subunit",
        "note",
    ]
    labels = [ledger_xlsx_label(key) for key in columns]
    todos = []
    for item in due:
        assert item.date is not None
        count = f"≥{item.required} {item.measure.value}" if item.required and item.measure else "完成"
        kind = "" if item.mandatory else "（鼓励）"
        todos.append(
            f"{item.date.isoformat()} {item.requirement}/{item.obligation} {item.title} {count} {item.period_label}{kind}"
        )
    choices = []
    for plan in plans:
        for requirement in sorted(plan.requirements, key=lambda r: natural_key(r.id)):
            if any(binds(o, level) for o in requirement.obligations):
                reference = requirement.id if len(plans) == 1 else f"{plan.id}:{requirement.id}"
                choices.append((reference, requirement.title, "、".join(requirement.lead)))
    template = ledger_xlsx.Template(tuple(choices), tuple(todos), HELP, year)
    return ledger_xlsx.write(Table(base.header, tuple(columns), tuple(labels), ()), template)


def ledger_xlsx_label(key: str) -> str:
    from ecoplan_cli.load.sheet_layout import COLUMNS

    return key.removeprefix("amount:") if key.startswith("amount:") else COLUMNS[key][0]
