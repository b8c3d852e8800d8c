"""`plans` and `show`: the plans and their requirements, as tables or JSON."""

from __future__ import annotations

import io
import json
from collections import Counter
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ecoplan_cli.load.catalogue import Catalogue, PlanSource
from ecoplan_cli.messages import language, text
from ecoplan_cli.model import Obligation, Requirement


def _console(buffer: io.StringIO, width: int = 100) -> Console:
    return Console(file=buffer, width=width, no_color=True, highlight=False, color_system=None)


def render_json(sources: list[PlanSource]) -> str:
    document = [
        {
            "id": s.plan.id,
            "title": s.plan.title,
            "implements": s.plan.implements,
            "period": {"start": s.plan.period.start.isoformat(), "end": s.plan.period.end.isoformat()},
            "effective_date": s.plan.effective_date.isoformat(),
            "file": s.display_path,
            "requirements": [r.id for r in s.plan.requirements],
        }
        for s in sources
    ]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render_table(sources: list[PlanSource], width: int = 100) -> str:
    buffer = io.StringIO()
    console = _console(buffer, width)
    for source in sources:
        plan = source.plan
        obligations = [o for r in plan.requirements for o in r.obligations]
        console.rule(f"{plan.id} — {plan.title}")
        console.print(
            text(
                "plan-facts",
                start=plan.period.start,
                end=plan.period.end,
                effective=plan.effective_date,
                requirements=len(plan.requirements),
                obligations=len(obligations),
                file=source.display_path,
            )
        )
        if plan.implements:
            console.print(text("plan-implements", parent=plan.implements))
        recurrence = Counter(text(f"recurrence-{o.recurrence.value}") for o in obligations)
        rules = [rule for r in plan.requirements for rule in r.relative_deadlines]  # deadlines from an event
        if rules:
            recurrence[text("recurrence-event")] = len(rules)
        levels = Counter(text(f"level-{level.value}") for o in obligations for level in o.levels)
        table = Table(box=None, show_edge=False, pad_edge=False, header_style="bold")
        table.add_column(text("col-recurrence"))
        table.add_column(text("col-obligations"), justify="right")
        table.add_column(text("col-level"))
        table.add_column(text("col-obligations"), justify="right")
        rec_rows, lev_rows = sorted(recurrence.items()), sorted(levels.items())
        for index in range(max(len(rec_rows), len(lev_rows))):
            r = rec_rows[index] if index < len(rec_rows) else ("", "")
            lv = lev_rows[index] if index < len(lev_rows) else ("", "")
            table.add_row(r[0], str(r[1]), lv[0], str(lv[1]))
        console.print(table)
        console.print()
    return buffer.getvalue()


def _obligation_record(obligation: Obligation) -> dict[str, Any]:
    return {
        "key": obligation.key,
        "levels": [level.value for level in obligation.levels],
        "recurrence": obligation.recurrence.value,
        "min_count": obligation.min_count,
        "count_param": obligation.count_param,
        "per": obligation.per,
        "measure": obligation.measure.value,
        "deadline": obligation.deadline.isoformat() if obligation.deadline else None,
        "mandatory": obligation.mandatory,
        "explicit_only": obligation.explicit_only,
        "basis": obligation.basis,
        "note": obligation.note,
    }


def implemented_by(catalogue: Catalogue, plan_id: str, requirement_id: str) -> list[str]:
    """Child requirements (in plans implementing `plan_id`) that name `requirement_id`."""
    return [
        f"{source.plan.id}:{r.id}"
        for source in catalogue.plans.values()
        if source.plan.implements == plan_id
        for r in source.plan.requirements
        if requirement_id in r.implements
    ]


def requirement_record(catalogue: Catalogue, source: PlanSource, requirement: Requirement) -> dict[str, Any]:
    return {
        "plan": source.plan.id,
        "id": requirement.id,
        "title": requirement.title,
        "section": requirement.section,
        "quote": requirement.quote,
        "lead": requirement.lead,
        "supporting": requirement.supporting,
        "time_limit": requirement.time_limit,
        "deadline": requirement.deadline.isoformat() if requirement.deadline else None,
        "implements": [f"{source.plan.implements}:{i}" if source.plan.implements else i for i in requirement.implements],
        "implemented_by": implemented_by(catalogue, source.plan.id, requirement.id),
        "credits": credit_records(catalogue, source, requirement),
        "relative_deadlines": [d.model_dump() for d in requirement.relative_deadlines],
        "note": requirement.note,
        "obligations": [_obligation_record(o) for o in requirement.obligations],
        "file": source.display_path,
        "line": source.requirement_lines.get(requirement.id, 1),
    }


def credit_records(catalogue: Catalogue, source: PlanSource, requirement: Requirement) -> list[dict[str, Any]]:
    """The parent items an activity toward this requirement also counts toward (when a log answers both plans)."""
    from ecoplan_cli.engine.credit import credits_for
    from ecoplan_cli.model.references import Target

    parent = source.plan.implements
    if parent is None or parent not in catalogue.plans:
        return []
    plans = {source.plan.id: source.plan, parent: catalogue.plan(parent)}
    return [
        {"to": f"{c.target.plan}:{c.target.requirement}", "measures": sorted(m.value for m in c.measures)}
        for c in credits_for(plans, Target(source.plan.id, requirement.id))
    ]


def render_requirement_json(catalogue: Catalogue, source: PlanSource, requirement_id: str) -> str:
    requirement = source.plan.requirement(requirement_id)
    assert requirement is not None
    return json.dumps(requirement_record(catalogue, source, requirement), ensure_ascii=False, indent=2) + "\n"


def _word(kind: str, value: str) -> str:
    """A level or recurrence in a `show` table: in Chinese its word, in English the value a plan file writes."""
    return text(f"{kind}-{value}") if language() == "zh" else value


def render_requirement_table(catalogue: Catalogue, source: PlanSource, requirement_id: str, width: int = 100) -> str:
    requirement = source.plan.requirement(requirement_id)
    assert requirement is not None
    record = requirement_record(catalogue, source, requirement)
    buffer = io.StringIO()
    console = _console(buffer, width)
    console.rule(f"{record['id']} {record['title']}")
    console.print(f"{source.plan.id} · {record['section']} · {record['file']}:{record['line']}")
    console.print()
    console.print(Text("“" + requirement.quote + "”"))
    console.print()
    rows = [
        (text("show-lead"), "、".join(requirement.lead) or "—"),
        (text("show-supporting"), "、".join(requirement.supporting) or "—"),
        (text("show-time-limit"), requirement.time_limit or "—"),
        (text("show-implements"), ", ".join(record["implements"]) or "—"),
        (text("show-implemented-by"), ", ".join(record["implemented_by"]) or "—"),
    ]
    for credit in record["credits"]:
        rows.append(("credit", text("show-credit", to=credit["to"], measures="、".join(credit["measures"]))))
    facts = Table(box=None, show_header=False, show_edge=False, pad_edge=False)
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    for label, value in rows:
        facts.add_row(label, value)
    console.print(facts)
    for rule in requirement.relative_deadlines:
        offset: object = rule.days or rule.hours
        if rule.offset_param is not None:
            parameter = source.plan.params.get(rule.offset_param)
            offset = f"{rule.offset_param}={parameter.value if parameter and parameter.value else '?'}"
        unit = rule.unit or ("hours" if rule.hours else "days")
        console.print(f"  {requirement.id}/{rule.key}: {offset} {unit} {rule.direction.value} {rule.event} — «{rule.text}»")
    console.print()
    table = Table(box=None, show_edge=False, pad_edge=False, header_style="bold")
    for column in ("obligation", "levels", "recurrence", "count", "deadline", "kind"):
        table.add_column(text(f"show-col-{column}"))
    for o in requirement.obligations:
        count = f"≥{o.min_count} {o.measure.value}" if o.min_count else "—"
        if o.count_param:
            count += f" ({o.count_param})"
        if o.per:
            count += f" / {o.per}"
        kind = text("show-mandatory") if o.mandatory else text("show-encouraged")
        table.add_row(
            o.key,
            ", ".join(_word("level", level.value) for level in o.levels),
            _word("recurrence", o.recurrence.value),
            count,
            o.deadline.isoformat() if o.deadline else "—",
            kind,
        )
    console.print(table)
    for o in requirement.obligations:
        if o.basis or o.note:
            console.print(f"  {o.key}: {('«' + o.basis + '» ') if o.basis else ''}{o.note or ''}")
    if requirement.note:
        console.print(f"  {text('show-note')}: {requirement.note}")
    return buffer.getvalue()
