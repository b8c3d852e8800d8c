"""The fast path: parse a log with yaml-rs (Rust) when the text uses nothing the positioned reader treats specially.

The positioned reader (yaml_source) is the reference: it refuses anchors, aliases, tags and merge keys and keeps every
position. yaml-rs is about twenty times faster and agrees with it on everything else a log contains (a differential
property test holds them to that). A file is sent down the fast path only when a cheap scan finds none of the
constructs where the two could differ; anything the fast path cannot fully accept (a parse error, a schema error, a
wrong reference) is read again by the positioned reader, so every message still carries its line and column.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

# Indicators the positioned reader refuses or reads differently: anchors (&a), aliases (*a), tags (!x), directives
# (%YAML), merge keys (<<), document markers, numbers that start with an underscore (_1: YAML 1.2 reads a
# string, yaml-rs an int), and indicators that cannot start a plain scalar in a
# flow collection (ruamel refuses `[a, |]`, yaml-rs reads a string), colons or question marks that open or close
# an entry (`[:]`, `[?]`), a block scalar header followed by a blank line (yaml-rs keeps a line break where an
# empty scalar has none), and tabs anywhere but in comments and in quoted scalars that open and close on one line
# (elsewhere the positioned reader refuses what yaml-rs reads: a tab in a plain scalar, before a comment, as indentation).
#
# Every pattern starts with one literal character, so `re` finds its candidates with a tight loop over the text
# instead of testing a character class at every position (four times slower), and a pattern whose character is
# absent costs one substring test. The scan before this one is kept in tests/prescan_oracle.py; a property test holds
# the two to the same verdict on every text.


def _token_start(char: str, then: str) -> re.Pattern[str]:
    """`char` at the start of a token (the start of the text, or after a separator), followed by `then`."""
    return re.compile(re.escape(char) + r"(?<![^\s\[\]{},:?-]" + re.escape(char) + ")" + then)


# After a flow indicator ([ { ,) and any spaces: an indicator that cannot open a plain scalar, or a colon. (Spaces
# aligned by hand, `{篇: 4,    次: 1}`, read alike in both: the old scan refused four or more, its look-back being
# three.)
_AFTER_FLOW = r" *[|>@`%?:]"
_FLOW_OPENING = tuple(re.compile(re.escape(char) + _AFTER_FLOW) for char in "[{,")
# A colon closing an entry (`[a:]`), or one before two digits: a time, to be looked at closer (_DATETIME_UNSAFE).
_COLON = re.compile(r":(?:[,\]}]|(\d\d))")
_COLON_CLOSING = re.compile(r":[,\]}]")
_DOCUMENT_MARKER = re.compile(r"\n(?:%|---|\.\.\.)")  # a directive or a document marker at the start of a line
_UNDERSCORE_NUMBER = _token_start("_", r"\d")  # _1: a string in YAML 1.2, an int to yaml-rs
_QUOTED_DATE = {quote: re.compile(quote + r"\d{4}-\d\d?-\d\d?") for quote in "\"'"}  # a string to ruamel, a date to yaml-rs
# Patterns for characters a log rarely holds: each runs only when one of its characters is in the text (with the
# kind of construct it finds, for obstacle()).
_RARE: tuple[tuple[str, re.Pattern[str], str], ...] = (
    *((char, _token_start(char, ""), "anchor-alias-tag") for char in "&*!"),  # anchors, aliases, tags
    ("<", _token_start("<", "<"), "merge-key"),  # merge keys
    ("?", re.compile(r"\?(?<![^\s\[{,]\?)"), "question-mark"),  # complex keys, and a ? opening a scalar (`{a: ?0}`)
    ("'", _QUOTED_DATE["'"], "quoted-date"),
    ("|>", re.compile(r"[\[{][^\n\]}]*:\s+[|>]"), "block-in-flow"),  # a block indicator inside a flow collection
    ("|>", re.compile(r"[|>][0-9+-]*[ ]*(?:#[^\n]*)?\n[ ]*(?:\n|\Z)"), "block-blank-line"),  # a header before a blank line
)
# A date-time in any but the forms both read alike (2024-06-20T14:30[:00[.f]][Z|+08:00], T or one space). It has
# minutes, so only a text with a colon before two digits is searched for one.
_DATETIME_UNSAFE = re.compile(
    r"(?<![\w-])\d{4}-(?!\d\d-\d\d[Tt ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,6})?)?"
    r"(?:Z|[+-]\d\d:\d\d)?[ \t]*(?:[#,\]}]|$))"
    r"\d\d?-\d\d?(?:[Tt]|[ \t]+)\d",
    re.MULTILINE,
)
_COMMENT = re.compile(r"(?:^|[ \t])#")

_yaml_rs: Any = None


def _parser() -> Any:
    global _yaml_rs
    if _yaml_rs is None:
        try:
            import yaml_rs
        except ImportError:  # pragma: no cover - a platform without its wheel keeps the positioned reader
            _yaml_rs = False
        else:
            _yaml_rs = yaml_rs
    return _yaml_rs


def eligible(content: str) -> bool:
    """Whether the fast parser may read this text (nothing in it that the two readers treat differently)."""
    return obstacle(content) is None


def obstacle(content: str) -> tuple[int, str] | None:
    """The first construct that keeps the text off the fast path: (its offset, its kind), or None when the text is
    eligible. On a text with none, every pattern runs once, as a yes-or-no scan would; on one too large for the
    positioned reader, the refusal points at the construct."""
    found: list[tuple[int, str]] = []
    if content.startswith(("%", "---", "...")):
        found.append((0, "document-marker"))
    if (marker := _DOCUMENT_MARKER.search(content)) is not None:
        found.append((marker.start() + 1, "document-marker"))
    if "\t" in content and (tab := first_unsafe_tab(content)) is not None:
        found.append((tab, "tab"))
    found += [(match.start(), "flow-indicator") for p in _FLOW_OPENING if (match := p.search(content)) is not None]
    if _COLON.search(content) is not None:
        if (closing := _COLON_CLOSING.search(content)) is not None:
            found.append((closing.start(), "flow-colon"))
        if (stamp := _DATETIME_UNSAFE.search(content)) is not None:
            found.append((stamp.start(), "datetime"))
    for kind, pattern in (("underscore-number", _UNDERSCORE_NUMBER), ("quoted-date", _QUOTED_DATE['"'])):
        if (match := pattern.search(content)) is not None:
            found.append((match.start(), kind))
    for chars, pattern, kind in _RARE:
        if any(char in content for char in chars) and (match := pattern.search(content)) is not None:
            found.append((match.start(), kind))
    return min(found) if found else None


_BLOCK_SCALAR = re.compile(r"(?:^|[:\-?][ ]+)[|>][0-9+-]*[ ]*(?:#[^\n]*)?$", re.MULTILINE)


def unsafe_tab(content: str) -> bool:
    """A tab the two readers may read differently: any tab but one in a comment or inside a quoted scalar that opens
    and closes on its line ("活动\t说明", pasted from a spreadsheet: both read it alike). With a block scalar in the
    text (| or >, whose lines are not scanned as YAML), any tab outside a comment."""
    return first_unsafe_tab(content) is not None


_OUTSIDE_QUOTES = re.compile(r"[\t#\"']")  # what matters between quoted scalars
_INSIDE_QUOTES = {'"': re.compile(r'[\t\n"\\]'), "'": re.compile(r"[\t\n']")}  # and inside one


def first_unsafe_tab(content: str) -> int | None:
    """Where the first tab unsafe_tab objects to is (an offset into the text), or None. The scan jumps from one
    character that matters to the next (a tab, a comment's #, a quote mark; inside quotes also escapes and ends of
    lines)."""
    if _BLOCK_SCALAR.search(content):
        return _tab_outside_comment(content)
    index = 0
    while (found := _OUTSIDE_QUOTES.search(content, index)) is not None:
        index, char = found.start(), found.group()
        if char == "\t":
            return index
        if char == "#":
            if index == 0 or content[index - 1] in " \n":  # a comment: skip to the end of its line
                end = content.find("\n", index)
                if end < 0:
                    return None
                index = end
            index += 1
            continue
        if not _opens_scalar(content, index):
            index += 1  # a quote mark inside a plain scalar (it's)
            continue
        closed = _quoted_end(content, index)
        if isinstance(closed, tuple):
            return closed[0]  # a tab in a quoted scalar that spans lines
        if closed is None:
            return None  # never closed: the readers will say so
        index = closed
    return None


def _quoted_end(content: str, opening: int) -> int | tuple[int] | None:
    """Past the quoted scalar that opens at `opening`: the offset after its closing quote, (the offset of a tab) when
    it holds a tab and spans lines, or None when it never closes."""
    quote = content[opening]
    inside = _INSIDE_QUOTES[quote]
    index, first_tab, spans_lines = opening + 1, -1, False
    while (found := inside.search(content, index)) is not None:
        index, char = found.start(), found.group()
        if char == "\\":
            index += 2  # an escape: the next character is the scalar's
            continue
        if char == "\t":
            if spans_lines:
                return (index,)
            first_tab = index if first_tab < 0 else first_tab
        elif char == "\n":
            if first_tab >= 0:
                return (first_tab,)
            spans_lines = True
        elif quote == "'" and content.startswith("'", index + 1):
            index += 2  # '' stands for one quote mark
            continue
        else:
            return index + 1
        index += 1
    return None


# What may stand before a quoted value on its line, in block style: indentation, sequence dashes, and a plain key.
_VALUE_PREFIX = re.compile(r"[ ]*(?:-[ ]+)*(?:[^\s'\"#:\[\]{},&*!|>%@`?-][^'\"#:\[\]{},]*:[ ]+)?")


def _opens_scalar(content: str, index: int) -> bool:
    """Whether the quote mark at `index` surely opens a quoted scalar: the value of a block mapping or sequence entry
    (`title: "…"`, `- "…"`). Elsewhere — inside a plain scalar (it's), or in a flow collection — it is taken for a
    plain character, so a tab after it counts as outside a quoted scalar (the safe side)."""
    line_start = content.rfind("\n", 0, index) + 1
    return _VALUE_PREFIX.fullmatch(content, line_start, index) is not None


def _tab_outside_comment(content: str) -> int | None:
    """Where the first tab outside a comment is (there the two readers agree), or None.

    A `#` after a quote mark may sit inside a quoted string, so only a comment with no quote before it counts.
    """
    offset = 0
    for line in content.split("\n"):
        tab = line.find("\t")
        if tab >= 0:
            comment = _COMMENT.search(line)
            if comment is None or tab < comment.end() - 1 or "'" in line[: comment.start()] or '"' in line[: comment.start()]:
                return offset + tab
        offset += len(line) + 1
    return None


def parse(content: str) -> Any | None:
    """The plain data of the document, or None when the fast path does not apply or fails (use the reader)."""
    parser = _parser()
    if not parser or not eligible(content):
        return None
    try:
        return parser.loads(content, parse_datetime=True)
    except Exception:  # any refusal: the positioned reader will explain it with a position
        return None


class StrictData(NamedTuple):
    data: Any


class StrictError(NamedTuple):
    line: int
    column: int
    detail: str


def strict(content: str) -> StrictData | StrictError:
    """The strict YAML 1.2 reader's verdict on the text: its data, or where and why it refuses it."""
    parser = _parser()
    if not parser:  # pragma: no cover - without yaml-rs the positioned reader decides
        return StrictData(None)
    try:
        data = parser.loads(content, parse_datetime=True)
    except Exception as error:  # any refusal, whatever its type
        return _strict_error(error)
    return StrictData(data)  # several documents come back as a list: the pre-scan sends them to be refused


def _strict_error(error: Exception) -> StrictError:
    message = str(error).splitlines()[0] if str(error) else type(error).__name__
    found = re.search(r"line (\d+), column (\d+)", message)
    line, column = (int(found.group(1)), int(found.group(2))) if found else (1, 1)
    detail = str(error).splitlines()[-1].strip() if "\n" in str(error) else message
    return StrictError(line, column, detail)


def syntax_error(content: str) -> tuple[int, int, str] | None:
    """Where yaml-rs finds this text not to be YAML (line, column, first line of its message); None if it parses."""
    parser = _parser()
    if not parser:
        return None
    try:
        parser.loads(content)
    except Exception as error:  # yaml-rs reports "… at line L, column C" on its first line
        return tuple(_strict_error(error))  # type: ignore[return-value]
    return None
