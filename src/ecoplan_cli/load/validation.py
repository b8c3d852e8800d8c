"""Turn Pydantic validation errors into located, plain-words Problems."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ecoplan_cli.load.problems import InputError, Problem
from ecoplan_cli.load.yaml_source import Document, Path
from ecoplan_cli.messages import language, text

Model = TypeVar("Model", bound=BaseModel)

# Chinese renderings of Pydantic's commonest error types; others fall back to Pydantic's English message.
_ZH: dict[str, str] = {
    "date_type": "应为日期，如 2024-03-10",
    "date_from_datetime_inexact": "应为日期（不含时间），如 2024-03-10",
    "int_type": "应为整数",
    "int_from_float": "应为整数，不能有小数",
    "string_type": "应为文本",
    "bool_type": "应为 true 或 false",
    "list_type": "应为列表",
    "dict_type": "应为“键: 值”映射",
    "model_type": "应为“键: 值”映射",
    "greater_than_equal": "不能小于 {ge}",
    "string_pattern_mismatch": "格式不对（应符合 {pattern}）",
    "enum": "应为以下之一：{expected}",
    "too_short": "不能为空",
    "string_too_short": "不能为空",
    "string_too_long": "过长",
    "literal_error": "应为以下之一：{expected}",
}

_HINTS: dict[str, str] = {
    "date_type": " (write an ISO date such as 2024-03-10)",
    "int_from_float": " (counts are whole numbers)",
}


def validate_fast(content: str, model: type[Model]) -> tuple[Model, dict[str, Any]] | None:
    """The model and its data when the fast path reads the text and the data is valid; None: read it with positions."""
    from ecoplan_cli.load import fast_yaml

    data = fast_yaml.parse(content)
    if not isinstance(data, dict):
        return None
    try:
        return model.model_validate(data), data
    except ValidationError:
        return None


def validate(model: type[Model], document: Document) -> Model:
    """Validate a document's data into `model`, or raise InputError with every problem located."""
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        problems = sorted({problem_from_error(document, detail, model) for detail in error.errors(include_url=False)})
        raise InputError(problems) from None


def dotted(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(document)"


def problem_from_error(document: Document, detail: Any, model: type[BaseModel] | None = None) -> Problem:
    problem = _problem_from_error(document, detail, model)
    if document.located:
        return problem
    where = dotted(tuple(part for part in detail["loc"] if part != "[key]"))
    return Problem(problem.file, 1, 1, problem.code, f"{problem.message} {text('at-path', path=where)}", problem.severity)


def _problem_from_error(document: Document, detail: Any, model: type[BaseModel] | None = None) -> Problem:
    from ecoplan_cli.load import typing_hints

    loc: Path = tuple(part for part in detail["loc"] if part != "[key]")
    kind: str = detail["type"]
    ctx: dict[str, Any] = detail.get("ctx") or {}
    if kind == "extra_forbidden":
        line, column = document.position(loc, key=True)
        allowed = typing_hints.allowed_keys(model, loc[:-1]) if model is not None else []
        return Problem(document.file, line, column, "unknown-key", typing_hints.unknown_key_message(str(loc[-1]), allowed))
    if kind == "missing":
        line, column = document.position(loc[:-1])
        return Problem(document.file, line, column, "missing-key", text("missing-key", key=loc[-1]))
    on_key = "[key]" in detail["loc"]
    line, column = document.position(loc, key=on_key)
    value = detail.get("input")
    impossible = None
    if kind.startswith("date") and isinstance(value, str):  # a date's shape typed loosely (yaml-rs keeps it as text)
        impossible = typing_hints.impossible_date(value) or typing_hints.unpadded_date(value)
    if impossible is not None:  # 2024-02-30: a date's shape, not a date (yaml-rs keeps it as text); name the last day
        return Problem(document.file, line, column, "bad-scalar", text("bad-scalar", value=detail["input"], detail=impossible))
    if kind == "string_pattern_mismatch" and typing_hints.looks_like_reference_pattern(ctx.get("pattern")):
        code, message = typing_hints.reference_message(str(detail.get("input")))
        return Problem(document.file, line, column, code, text("schema", field=dotted(loc), detail=message))
    plain = typing_hints.kind_message(kind, loc, detail.get("input"))
    if plain is not None:
        return Problem(document.file, line, column, "schema", text("schema", field=dotted(loc), detail=plain))
    message = detail["msg"].removeprefix("Value error, ")
    if language() == "zh" and kind in _ZH:
        message = _ZH[kind].format(**{k: str(v) for k, v in ctx.items()})
    else:
        message += _HINTS.get(kind, "")
    if kind == "model_type" and isinstance(detail.get("input"), list | str | int | float):
        found = type(detail["input"]).__name__
        return Problem(document.file, line, column, "not-a-mapping", text("not-a-mapping", what=dotted(loc), found=found))
    return Problem(document.file, line, column, "schema", text("schema", field=dotted(loc), detail=message))
