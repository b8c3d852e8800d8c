"""Plain-words help for the usual slips of a hand-typed log.

Logs are typed by people whose keyboard is often in Chinese mode: a full-width colon after a key (`date：2024-03-10`),
a full-width space in the indentation, `CQ17` for `CQ-17`. The parser's own messages (`could not find expected ':'`,
on the next line) do not say that; the functions here do, at the character that is wrong. Nothing here decides
validity: they only explain what the strict reader and the schema refused.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from typing import Any

from ecoplan_cli.load.problems import Problem
from ecoplan_cli.messages import text

FULL_WIDTH_SPACE = "\u3000"
# Full-width characters typed where YAML syntax expects their ASCII twins (Chinese input mode).
FULL_WIDTH = {"：": ":", "，": ",", "－": "-", FULL_WIDTH_SPACE: " ", "［": "[", "］": "]", "｛": "{", "｝": "}", "＃": "#"}

_KEY = r"[A-Za-z_][A-Za-z0-9_-]*"
_LINE_START = rf"^(?P<indent>[ {FULL_WIDTH_SPACE}]*)(?P<dash>[-－][ {FULL_WIDTH_SPACE}]+)?"
_KEY_FULL_WIDTH_COLON = re.compile(rf"{_LINE_START}(?P<key>{_KEY})[ {FULL_WIDTH_SPACE}]*(?P<mark>：)")
_KEY_COLON_NO_SPACE = re.compile(rf"{_LINE_START}(?P<key>{_KEY})(?P<mark>:)(?![ \t/\n]|$)")
_KEY_COLON_FULL_WIDTH_SPACE = re.compile(rf"{_LINE_START}(?P<key>{_KEY}):(?P<mark>{FULL_WIDTH_SPACE})")
_FULL_WIDTH_DASH = re.compile(rf"^[ {FULL_WIDTH_SPACE}]*(?P<mark>－)[ {FULL_WIDTH_SPACE}]")
_FULL_WIDTH_FLOW = re.compile(r"(?P<mark>[［］｛｝])")


def syntax_hints(content: str, file: str, error_line: int | None = None) -> list[Problem]:
    """Full-width punctuation or spaces where YAML syntax is expected, each at its line and column.

    Called only for text the YAML reader refused (at error_line, 1-based). An empty list means no typing slip explains
    the error: none within the few lines up to where the parser stopped (it stops a line or two after a slip), so
    the parser's own message, with its position, is the better one.
    """
    if not any(char in content for char in FULL_WIDTH) and ":" not in content:
        return []
    problems: list[Problem] = []
    for number, line in enumerate(content.split("\n"), start=1):
        code = line.split(" #", 1)[0] if not line.lstrip().startswith("#") else ""
        if not code.strip():
            continue
        for found in _line_hints(code):
            column, message_code, params = found
            problems.append(Problem(file, number, column, message_code, text(message_code, **params)))
    if error_line is not None and not any(error_line - 3 <= p.line <= error_line for p in problems):
        return []
    return sorted(problems)


def _line_hints(line: str) -> list[tuple[int, str, dict[str, str]]]:
    hints: list[tuple[int, str, dict[str, str]]] = []
    indent = len(line) - len(line.lstrip(" " + FULL_WIDTH_SPACE))
    if FULL_WIDTH_SPACE in line[:indent]:
        hints.append((line.index(FULL_WIDTH_SPACE) + 1, "typo-full-width-indent", {}))
    if (match := _FULL_WIDTH_DASH.match(line)) is not None:
        hints.append((match.start("mark") + 1, "typo-full-width-dash", {}))
    elif line[indent:].startswith("-" + FULL_WIDTH_SPACE):
        hints.append((indent + 2, "typo-full-width-space", {"after": "-"}))
    if (match := _KEY_FULL_WIDTH_COLON.match(line)) is not None:
        key = match.group("key")
        hints.append((match.start("mark") + 1, "typo-full-width-colon", {"key": key, "fixed": _fixed_key_line(line, match)}))
    elif (match := _KEY_COLON_FULL_WIDTH_SPACE.match(line)) is not None:
        hints.append((match.start("mark") + 1, "typo-full-width-space", {"after": f"{match.group('key')}:"}))
    elif (match := _KEY_COLON_NO_SPACE.match(line)) is not None:
        rest = line[match.end("mark") :].strip()
        hints.append((match.start("mark") + 1, "typo-colon-no-space", {"key": match.group("key"), "value": rest}))
    for match in _FULL_WIDTH_FLOW.finditer(line):
        mark = match.group("mark")
        hints.append((match.start("mark") + 1, "typo-full-width-bracket", {"mark": mark, "ascii": FULL_WIDTH[mark]}))
    return hints


def _fixed_key_line(line: str, match: re.Match[str]) -> str:
    value = line[match.end("mark") :].strip(" " + FULL_WIDTH_SPACE)
    return f"{match.group('key')}: {value}" if value else f"{match.group('key')}:"


# ── requirement ids ────────────────────────────────────────────────────────────────────────────────────────────


def looks_like_reference_pattern(pattern: object) -> bool:
    """Whether a pattern Pydantic reports is the requirement-reference pattern (its message is replaced)."""
    from ecoplan_cli.model.log import REFERENCE_PATTERN

    return pattern == REFERENCE_PATTERN


def suggest_references(raw: str) -> list[str]:
    """The ids a mistyped reference most likely meant (`CQ17` → CQ-17, `cq-17` → CQ-17, `CQ-17，CQ-79` → two ids)."""
    from ecoplan_cli.model.log import REFERENCE_PATTERN

    normal = unicodedata.normalize("NFKC", raw)  # full-width ，：－／ and spaces become their ASCII twins
    normal = re.sub(r"\s*([/:-])\s*", r"\1", normal)  # `CQ - 17 / articles`: spaces around a separator are a slip
    parts = [part for part in re.split(r"[,、;\s]+", normal.strip()) if part]
    out: list[str] = []
    for part in parts:
        plan, _, rest = part.rpartition(":")
        identifier, slash, key = rest.partition("/")
        identifier = identifier.upper().replace("_", "-")
        if "-" not in identifier:
            identifier = re.sub(r"^([A-Z]+)(\d)", r"\1-\2", identifier)
        candidate = (f"{plan.lower()}:" if plan else "") + identifier + (f"/{key.lower()}" if slash else "")
        if not re.match(REFERENCE_PATTERN, candidate):
            return []
        out.append(candidate)
    return out


def reference_message(raw: str) -> tuple[str, str]:
    """The message code and text for a string that is not a requirement reference."""
    suggestions = suggest_references(raw)
    full_width = sorted({char for char in raw if char in FULL_WIDTH})
    if len(suggestions) > 1:
        written = "[" + ", ".join(suggestions) + "]"
        return "typo-reference-several", text("typo-reference-several", value=raw, fixed=written)
    hint = text("typo-reference-suggest", suggestion=suggestions[0]) if suggestions and suggestions[0] != raw else ""
    if full_width:
        hint += text("typo-reference-full-width", chars=" ".join(full_width))
    return "typo-reference", text("typo-reference", value=raw, hint=hint)


# ── values of the wrong kind ───────────────────────────────────────────────────────────────────────────────────


def scalar_text(value: object) -> str:
    """A value as the person typed it (YAML reads `1` as a number, `2024-03-10` as a date)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def impossible_date(value: str) -> str | None:
    """For a date like 2024-02-30 or 2024-13-01: what is wrong with it, naming the month's last day; else None."""
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", value)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return text("typo-date-month", value=value.strip(), month=month)
    last = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if not 1 <= day <= last:
        return text("typo-date-day", value=value.strip(), day=day, last=f"{year:04d}-{month:02d}-{last:02d}", days=last)
    return None


_LOOSE_DATE = re.compile(
    r"\s*(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?"  # 2024-6-1, 2024/06/01, 2024年6月1日
    r"(?:(?:[Tt]|\s+)(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*(\d{2}))?)?\s*"  # and a time, 9:30 or 9：30
)


def unpadded_date(value: str) -> str | None:
    """For a real date, or date and time, typed another way than ISO's (2024-6-1, 2024/06/01, 2024年6月1日,
    2024-06-20 9:30): the form to write instead; else None."""
    match = _LOOSE_DATE.fullmatch(value)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups()[:3])
    hour, minute, second = match.groups()[3:]
    try:
        date(year, month, day)
    except ValueError:
        return None
    fixed = f"{year:04d}-{month:02d}-{day:02d}"
    if hour is not None:
        if not (0 <= int(hour) <= 23 and 0 <= int(minute) <= 59 and 0 <= int(second or 0) <= 59):
            return None
        separator = "T" if "T" in value.upper() else " "  # as typed: both are read alike
        fixed += f"{separator}{int(hour):02d}:{minute}" + (f":{second}" if second else "")
    if fixed == value.strip():
        return None
    return text("typo-date-form", value=value.strip(), fixed=fixed)


# ── unknown keys ───────────────────────────────────────────────────────────────────────────────────────────────


def allowed_keys(model: Any, loc: tuple[str | int, ...]) -> list[str]:
    """The keys the model accepts in the mapping at loc (the path of the unknown key's parent); [] if unknown."""
    from pydantic import BaseModel

    current: Any = model
    for part in loc:
        current = _model_inside(current)
        if current is None:
            return []
        if isinstance(part, str):
            field = current.model_fields.get(part)
            if field is None:
                return []
            current = field.annotation
        # an index: the element type is found by _model_inside on the next step
    found = _model_inside(current)
    if found is None or not (isinstance(found, type) and issubclass(found, BaseModel)):
        return []
    return [name for name, field in found.model_fields.items() if not field.exclude]


def _model_inside(annotation: Any) -> Any:
    """The Pydantic model an annotation holds (through list[...], X | None, Annotated[...]), or None."""
    import typing

    from pydantic import BaseModel

    seen = 0
    while seen < 8:
        seen += 1
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return annotation
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        origin = typing.get_origin(annotation)
        if origin is dict or origin is Mapping:
            annotation = args[-1] if args else None
            continue
        models = [a for a in args if _model_inside_shallow(a)]
        if models:
            annotation = models[0]
            continue
        return None
    return None


def _model_inside_shallow(annotation: Any) -> bool:
    import typing

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_model_inside_shallow(a) for a in typing.get_args(annotation))


def unknown_key_message(key: str, allowed: list[str]) -> str:
    """'unknown key' with the nearest allowed key and the whole allowed list."""
    import difflib

    if not allowed:
        return text("unknown-key", key=key, hint="")
    normal = unicodedata.normalize("NFKC", key).strip().lower()
    close = difflib.get_close_matches(normal, allowed, n=1, cutoff=0.5)
    synonyms = {
        "remark": "note",
        "remarks": "note",
        "notes": "note",
        "comment": "note",
        "requirement": "requirements",
        "amount": "amounts",
        "plan": "plans",
        "day": "date",
        "name": "title",
    }
    suggestion = close[0] if close else synonyms.get(normal, "")
    hint = text("typo-did-you-mean", suggestion=suggestion) if suggestion in allowed else text("typo-full-stop")
    return text("typo-unknown-key", key=key, hint=hint, allowed=", ".join(allowed))


def kind_message(kind: str, loc: tuple[str | int, ...], value: object) -> str | None:
    """What to write instead when a value is of the wrong kind (a number for text, one value for a list)."""
    field = next((str(part) for part in reversed(loc) if isinstance(part, str)), "")
    if kind == "string_type" and (isinstance(value, int | float | bool) or _is_date(value)):
        kind_of = "kind-bool" if isinstance(value, bool) else "kind-date" if _is_date(value) else "kind-number"
        return text("typo-not-text", field=field, value=scalar_text(value), kind=text(kind_of))
    if kind == "list_type" and isinstance(value, str | int | float) and not isinstance(value, bool):
        shown = scalar_text(value)
        items = ", ".join(suggest_references(shown)) if field == "requirements" and suggest_references(shown) else shown
        return text("typo-not-a-list", field=field, fixed=f"{field}: [{items}]")
    if kind == "date_type" and isinstance(value, str):
        return impossible_date(value)
    return None


def _is_date(value: object) -> bool:
    import datetime as dt

    return isinstance(value, dt.date)


__all__ = [
    "FULL_WIDTH",
    "allowed_keys",
    "impossible_date",
    "kind_message",
    "reference_message",
    "suggest_references",
    "syntax_hints",
    "unknown_key_message",
    "unpadded_date",
]


# ── the YAML parser's own words ─────────────────────────────────────────────────────────────────────────────────

# The parser's commonest messages, each with a plain hint; in Chinese the parser's words are replaced by the hint's.
_PARSER_TEXTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), code)
    for pattern, code in (
        (r"^could not find expected ':'", "parser-no-colon"),
        (r"^mapping values are not allowed here", "parser-mapping-values"),
        (r"^expected <block end>, but found", "parser-indentation"),
        (r"^did not find expected key", "parser-indentation"),
        (r"^did not find expected '-' indicator", "parser-indentation"),
        (r"^found unexpected end of stream", "parser-unclosed-quote"),
        (r"^expected ',' or '\]', but got", "parser-unclosed-bracket"),
        (r"^expected ',' or '\}', but got", "parser-unclosed-brace"),
        (r"^found character '(.)' that cannot start any token", "parser-bad-start"),
        (r"^found unknown escape character '(.*)'", "parser-escape"),
        (r"^expected '<document start>', but found", "parser-extra"),
    )
)


# yaml_source._plain_syntax appends these to the parser's message for a tab; parser_text says them in Chinese.
TAB_NOTE = " (YAML indents with spaces; this line has a tab)"
TAB_IN_VALUE_NOTE = " (a tab in an unquoted value: replace it with spaces, or put the value in quotes)"


def parser_text(detail: str) -> str:
    """The parser's message with a plain hint (in Chinese: the hint alone, the parser speaking only English)."""
    from ecoplan_cli.messages import language

    if detail.endswith(TAB_NOTE):  # the reader's own hint for a tab (yaml_source._plain_syntax)
        return text("parser-tab") if language() == "zh" else detail
    if detail.endswith(TAB_IN_VALUE_NOTE):  # and for one typed into a value
        return text("parser-tab-value") if language() == "zh" else detail
    for pattern, code in _PARSER_TEXTS:
        match = pattern.match(detail)
        if match is not None:
            hint = text(code, char=match.group(1) if match.groups() else "")
            return hint if language() == "zh" else f"{detail} ({hint})"
    return detail
