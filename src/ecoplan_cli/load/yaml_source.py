"""Safe YAML reading with positions.

The document is composed into ruamel.yaml's node graph (no Python object is ever constructed from a tag) and then
built into plain data here: mappings, lists, strings, ints, floats, bools, None and dates. Everything else is refused
with a position: custom tags (``!!python/object``), anchors and aliases (no "billion laughs"), merge keys, duplicate
keys, non-string keys, documents nested deeper than a limit. Every value's position is kept, so that a schema error
later can point at its line and column.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import warnings
from dataclasses import dataclass, field
from typing import Any

from ecoplan_cli.load.problems import InputError, Problem
from ecoplan_cli.messages import text

Path = tuple[str | int, ...]
Position = tuple[int, int]  # 1-based line, column

# Limits for hostile input, configurable by environment for the rare legitimate giant.
MAX_DEPTH = int(os.environ.get("ECOPLAN_MAX_DEPTH", "64"))  # nesting levels
MAX_BYTES = int(os.environ.get("ECOPLAN_MAX_BYTES", str(64 * 1024 * 1024)))  # bytes per file
# Above this size a file with a problem is not read again with positions (ruamel.yaml reads about 0.3 MiB a second): its
# problems name the place by path (activities[123].date), and YAML errors by the line and column yaml-rs reports.
MAX_POSITIONED_BYTES = int(os.environ.get("ECOPLAN_MAX_POSITIONED_BYTES", str(1024 * 1024)))

_TAG = "tag:yaml.org,2002:"
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATETIME = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?[ \t]*(Z|[-+]\d{1,2}(?::?\d{2})?)?$"
)
# A date-time without seconds: a string to ruamel.yaml's resolver, a timestamp to yaml-rs; read as yaml-rs does.
_SHORT_DATETIME = re.compile(r"^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d(?:Z|[-+]\d\d:\d\d)?$")


@dataclass
class Document:
    """Plain data read from a YAML file, with the position of every value and of every mapping key."""

    file: str
    data: Any
    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)
    text: str | None = None  # the source text, when it was read here
    index: Any = None  # a LineIndex over text the strict reader accepted: positions by scanning, not parsing

    @property
    def located(self) -> bool:
        """False for data read without positions (a file too large for the positioned reader)."""
        return bool(self.values or self.keys) or self.index is not None

    def position(self, path: Path, *, key: bool = False) -> Position:
        """The position of the value (or key) at path, or of its nearest located ancestor."""
        if self.index is not None:
            position: Position = self.index.key_position(path) if key else self.index.position(path)
            return position
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if not key and probe in self.keys:
                return self.keys[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))


def _problem(file: str, mark: Any, code: str, **params: object) -> Problem:
    line = getattr(mark, "line", 0) + 1
    column = getattr(mark, "column", 0) + 1
    return Problem(file, line, column, code, text(code, **params))


def decode(raw: bytes, file: str, max_bytes: int | None = MAX_BYTES) -> str:
    """Decode UTF-8 (a leading BOM is accepted and dropped); anything else is a located problem."""
    if max_bytes is not None and len(raw) > max_bytes:
        raise InputError([Problem(file, 1, 1, "file-too-large", text("file-too-large", limit=max_bytes))])
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise InputError([Problem(file, line, column, "not-utf8", text("not-utf8", byte=f"0x{raw[error.start]:02x}"))]) from None
    return content.removeprefix("\ufeff")


def parse(content: str, file: str) -> Document:
    """Parse one YAML document safely into plain data with positions."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt")
    try:
        with warnings.catch_warnings():  # e.g. ReusedAnchorWarning: the anchor is refused below, with a position
            warnings.simplefilter("ignore")
            root = yaml.compose(content)
    except MarkedYAMLError as error:
        from ecoplan_cli.load.typing_hints import parser_text, syntax_hints  # typing slips, plain words

        mark = error.problem_mark or error.context_mark
        if hints := syntax_hints(content, file, getattr(mark, "line", 0) + 1):  # a slip explains it at its own place
            raise InputError(hints) from None
        detail = parser_text(_plain_syntax((error.problem or error.context or "").strip(), content, mark))
        raise InputError([_problem(file, mark, "yaml-syntax", detail=detail)]) from None
    except YAMLError as error:
        raise InputError([Problem(file, 1, 1, "yaml-syntax", text("yaml-syntax", detail=str(error).strip()))]) from None
    except RecursionError:
        raise InputError([Problem(file, 1, 1, "too-deep", text("too-deep", limit=MAX_DEPTH))]) from None
    except Exception as error:  # a crash inside the library (e.g. P94K's comments, BEC7's %YAML 1.3): still located
        detail = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
        raise InputError([Problem(file, 1, 1, "yaml-unreadable", text("yaml-unreadable", detail=detail))]) from None
    document = Document(file=file, data=None, text=content)
    if root is None:
        raise InputError([Problem(file, 1, 1, "empty-file", text("empty-file"))])
    builder = _Builder(document)
    document.data = builder.build(root, (), 0)
    if builder.problems:
        raise InputError(sorted(builder.problems))
    return document


def _plain_syntax(detail: str, content: str, mark: Any) -> str:
    """Add a plain-words hint to the commonest YAML slips."""
    from ecoplan_cli.load.typing_hints import TAB_IN_VALUE_NOTE, TAB_NOTE

    line_no = getattr(mark, "line", 0)
    lines = content.splitlines()
    line = lines[line_no] if 0 <= line_no < len(lines) else ""
    if "\t" in line[: len(line) - len(line.lstrip())] or "tab" in detail:
        return f"{detail}{TAB_NOTE}"
    if "\t" in line[getattr(mark, "column", 0) : getattr(mark, "column", 0) + 1] or "'\\t'" in detail:
        return f"{detail}{TAB_IN_VALUE_NOTE}"
    return detail


class _Builder:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.problems: list[Problem] = []
        self.seen: set[int] = set()

    def fail(self, node: Any, code: str, **params: object) -> None:
        if "tag" in params:
            params["tag"] = str(params["tag"]).replace(_TAG, "!!")
        self.problems.append(_problem(self.document.file, node.start_mark, code, **params))

    def build(self, node: Any, path: Path, depth: int) -> Any:
        from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

        if id(node) in self.seen:  # an alias: already refused at its anchor
            return None
        self.seen.add(id(node))
        if getattr(node, "anchor", None):
            self.fail(node, "alias")
        if depth > MAX_DEPTH:
            self.fail(node, "too-deep", limit=MAX_DEPTH)
            return None
        mark = node.start_mark
        self.document.values[path] = (mark.line + 1, mark.column + 1)
        tag = str(getattr(node.tag, "value", node.tag) or "")
        if isinstance(node, MappingNode):
            if tag != _TAG + "map":
                self.fail(node, "custom-tag", tag=tag)
            return self.build_mapping(node, path, depth)
        if isinstance(node, SequenceNode):
            if tag != _TAG + "seq":
                self.fail(node, "custom-tag", tag=tag)
            return [self.build(item, (*path, index), depth + 1) for index, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return self.build_scalar(node, tag)

    def build_mapping(self, node: Any, path: Path, depth: int) -> dict[str, Any]:
        from ruamel.yaml.nodes import ScalarNode

        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_tag = str(getattr(key_node.tag, "value", key_node.tag) or "")
            if key_tag == _TAG + "merge":
                self.fail(key_node, "merge-key")
                continue
            if not isinstance(key_node, ScalarNode):
                self.fail(key_node, "complex-key")
                continue
            key = self.build_scalar(key_node, key_tag)
            if isinstance(key, bool | int | float | dt.date) or key is None:
                key = key_node.value  # keys are names: read `2024:` or `yes:` as written
            if key in result:
                self.fail(key_node, "duplicate-key", key=key)
                continue
            mark = key_node.start_mark
            self.document.keys[(*path, key)] = (mark.line + 1, mark.column + 1)
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result

    def build_scalar(self, node: Any, tag: str) -> Any:
        value: str = node.value
        if node.style == ">":  # ruamel's composer marks the fold points of a folded scalar with \a
            value = value.replace("\a", "")
        kind = tag.removeprefix(_TAG) if tag.startswith(_TAG) else None
        try:
            match kind:
                case "str" | "value":  # "=" is YAML 1.1's value key; YAML 1.2 (and every other reader) sees a string
                    return _to_timestamp(value) if node.style is None and _SHORT_DATETIME.match(value) else value
                case "null":
                    return None
                case "bool":  # YAML 1.2 has true/false; a %YAML 1.1 document may also say yes/no/on/off/y/n
                    return value.lower() in ("true", "yes", "on", "y")
                case "int":
                    return _to_int(value)
                case "float":
                    return _to_float(value)
                case "timestamp":
                    return _to_timestamp(value)
                case _:
                    self.fail(node, "custom-tag", tag=tag)
                    return None
        except ValueError as error:
            self.fail(node, "bad-scalar", value=value, detail=str(error))
            return None


def _to_int(value: str) -> int:
    cleaned = value.replace("_", "")
    sign = -1 if cleaned.startswith("-") else 1
    digits = cleaned.lstrip("+-")
    if digits.startswith(("0x", "0X")):
        return sign * int(digits[2:], 16)
    if digits.startswith(("0o", "0O")):
        return sign * int(digits[2:], 8)
    if digits.startswith(("0b", "0B")):
        return sign * int(digits[2:], 2)
    return sign * int(digits, 10)


def _to_float(value: str) -> float:
    lowered = value.lower().replace("_", "")
    if lowered in (".inf", "+.inf"):
        return float("inf")
    if lowered == "-.inf":
        return float("-inf")
    if lowered == ".nan":
        return float("nan")
    return float(lowered)


def _to_timestamp(value: str) -> dt.date | dt.datetime:
    match = _DATE.match(value)
    if match:
        year, month, day = (int(part) for part in match.groups())
        if not 1 <= month <= 12 or not 1 <= day <= 28:
            from ecoplan_cli.load.typing_hints import impossible_date  # 2024-02-30: name the month's last day

            if impossible := impossible_date(value):
                raise ValueError(impossible)
        return dt.date(year, month, day)
    match = _DATETIME.match(value)
    if match:
        year, month, day, hour, minute = (int(part) for part in match.groups()[:5])
        second, fraction, zone = match.groups()[5:]
        micro = int((fraction[1:] + "000000")[:6]) if fraction else 0
        return dt.datetime(year, month, day, hour, minute, int(second or 0), micro, _zone(zone))
    raise ValueError("not a date")


def _zone(zone: str | None) -> dt.tzinfo | None:
    """Z, +8, +08:00, -0530: an offset kept with the time (dropping it would move the moment)."""
    if zone is None:
        return None
    if zone == "Z":
        return dt.UTC
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    hours, minutes = (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def read_bytes(path: str, display: str | None = None, *, max_bytes: int | None = MAX_BYTES) -> bytes:
    """The file's bytes (at most max_bytes + 1 of them); an unreadable file is a located problem."""
    name = display or path
    try:
        with open(path, "rb") as handle:
            if max_bytes is None:
                return handle.read()
            # Asking for max_bytes + 1 at once allocates that much for every file (a tenth of a millisecond each):
            # read what the file says it holds, then the rest up to the limit if it held more (or said nothing).
            size = min(os.fstat(handle.fileno()).st_size, max_bytes)
            data = handle.read(size + 1)
            return data if len(data) <= size else data + handle.read(max_bytes + 1 - len(data))
    except OSError as error:
        raise InputError([Problem(name, 1, 1, "unreadable", text("unreadable", reason=error.strerror or str(error)))]) from None


def read_file(path: str, display: str | None = None, *, max_bytes: int | None = MAX_BYTES) -> Document:
    """Read and parse a YAML file; problems name the file as `display` (default: the path).

    max_bytes bounds what is read from untrusted input; None for the bundled plan files.
    """
    name = display or path
    return parse(decode(read_bytes(path, display, max_bytes=max_bytes), name, max_bytes), name)
