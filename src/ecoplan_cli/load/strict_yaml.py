"""One rule for what YAML a log may be: the strict YAML 1.2 reader (yaml-rs) decides; ruamel.yaml only locates.

- yaml-rs refuses the text: it is not valid YAML. ruamel.yaml (with positions) is asked where the problem is; if
  it refuses too, its line, column and words are used, and if it would accept the text (it is more lenient in
  places) the strict reader's own line and column are given, saying so. Never accepted.
- yaml-rs accepts and the pre-scan finds nothing the project refuses or the readers read differently: yaml-rs's
  data is used, and positions for any message come from a text scan (LineIndex), never from a second parse. One
  document behind `%YAML 1.2` / `---` (and before a last `...`) is such a text once its markers are commented out
  (document_markers). So is a text with quoted dates or times, read so that every quoted scalar is the string it
  quotes (quoted_dates).
- yaml-rs accepts but the pre-scan sees something that needs a closer look (anchors, tags, merge keys, `?` keys,
  several documents, `%YAML 1.1`, tabs …): ruamel.yaml reads it with positions, refuses what the project refuses
  (each with its own message), and its data must equal the strict reader's — where the two readers read the same
  text differently the file is refused at the first place they differ, rather than read one way or the other.

Every exception from either reader becomes a located problem; library warnings never reach the user.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from ecoplan_cli.load import document_markers, fast_yaml, quoted_dates
from ecoplan_cli.load.line_index import LineIndex
from ecoplan_cli.load.problems import InputError, Problem
from ecoplan_cli.load.yaml_source import MAX_DEPTH, MAX_POSITIONED_BYTES, Document, Path, parse
from ecoplan_cli.messages import text

_MISSING = object()


def read(content: str, file: str) -> Document:
    """The document of a log's text, or InputError with located problems. Its positions come from the text scan
    (yaml-rs read it) or from ruamel.yaml (it needed a closer look)."""
    strict = fast_yaml.strict(content)
    if isinstance(strict, fast_yaml.StrictError):
        raise InputError([locate_refusal(content, file, strict)])
    data = strict.data
    plain = document_markers.masked(content)  # `%YAML 1.2`, `---`, `...` around one document, commented out
    fast = _fast_path(content, plain, file, data)
    if fast is not None:
        return fast
    if len(content.encode("utf-8")) > MAX_POSITIONED_BYTES:
        raise InputError([_too_large(content, plain, file)])
    document = parse(content, file)
    if plain is not None:  # line scans (activity lines, `region:`, bare URLs) read past the markers, as on the fast path
        document.text = plain
    where = first_difference(data, document.data)
    if where is not None:
        line, column = document.position(where)
        raise InputError([Problem(file, line, column, "read-differently", text("read-differently", path=_dotted(where)))])
    return document


def _too_large(content: str, plain: str | None, file: str) -> Problem:
    """Why a file too large for the positioned reader is not read: the first construct that sent it there, at its
    place (a tab typed into a value, a date and time typed as 2024-06-20 9:30 …), found in the text the fast path
    looked at (markers commented out, quoted dates masked: every character where it was)."""
    found = fast_yaml.obstacle(quoted_dates.digits_masked(plain or content))
    if found is None:  # refused for another reason: a document that is not a mapping, a text holding U+E000
        what = "anchors, aliases, tags, merge keys, tabs or flow indicators"
        return Problem(file, 1, 1, "too-large", text("too-large-to-read-exactly", limit=MAX_POSITIONED_BYTES, what=what))
    offset, kind = found
    line = content.count("\n", 0, offset) + 1
    column = offset - (content.rfind("\n", 0, offset) + 1) + 1
    if kind == "tab":
        return Problem(file, line, column, "too-large", text("too-large-tab", limit=MAX_POSITIONED_BYTES))
    what = text(f"construct-{kind}")
    return Problem(file, line, column, "too-large", text("too-large-construct", what=what, limit=MAX_POSITIONED_BYTES))


def _fast_path(content: str, plain: str | None, file: str, data: Any) -> Document | None:
    """The document read by yaml-rs alone, positions by scanning, when nothing in the text keeps it from that: the
    text is eligible as it stands, or once the markers of its one document are commented out (`plain`, from
    document_markers) and its quoted dates and times are taken for what they are (quoted_dates); else None."""
    scanned = content
    if not fast_yaml.eligible(content):
        if not isinstance(data, dict):
            return None
        scanned = plain or content
        if not quoted_dates.eligible(scanned):
            return None
    if isinstance(data, dict) and quoted_dates.may_hold(scanned):
        data = quoted_dates.as_written(scanned)  # `date: "2024-03-10"`, `time: "09:30:00"`: the strings they are
        if data is None:
            return None
    return Document(file, data, text=scanned, index=LineIndex.scan(scanned))


def check_depth(document: Document) -> None:
    """Raise too-deep when the data nests deeper than MAX_DEPTH (checked only for a file already found wrong)."""
    level = [document.data]
    for _ in range(MAX_DEPTH + 1):
        level = [
            child
            for value in level
            if isinstance(value, dict | list)
            for child in (value.values() if isinstance(value, dict) else value)
        ]
        if not level:
            return
    raise InputError([Problem(document.file, 1, 1, "too-deep", text("too-deep", limit=MAX_DEPTH))])


def locate_refusal(content: str, file: str, error: fast_yaml.StrictError) -> Problem:
    """Where and why text the strict reader refused is not valid YAML: ruamel's account if it agrees, else yaml-rs's."""
    if len(content.encode("utf-8")) <= MAX_POSITIONED_BYTES:
        try:
            parse(content, file)
        except InputError as refused:
            return sorted(refused.problems)[0]
    from ecoplan_cli.load.typing_hints import syntax_hints  # a typing slip near where yaml-rs stopped, at its own place

    hints = syntax_hints(content, file, error.line)
    if hints:
        return hints[0]
    return Problem(file, error.line, error.column, "yaml-syntax", text("yaml-syntax-strict", detail=error.detail))


def first_difference(strict: Any, other: Any, path: Path = ()) -> Path | None:
    """The first path where two readers' data differ (None when equal). A quoted date is a string to ruamel.yaml
    and a date to yaml-rs: that one difference is yaml-rs's, and the string is kept."""
    if isinstance(strict, dict) and isinstance(other, dict):
        if list(map(_key, strict)) != list(map(_key, other)):
            for key in other:
                if not any(_key(k) == _key(key) for k in strict):
                    return (*path, key)
            return path
        for (key, value), other_value in zip(strict.items(), other.values(), strict=True):
            found = first_difference(value, other_value, (*path, key))
            if found is not None:
                return found
        return None
    if isinstance(strict, list) and isinstance(other, list):
        if len(strict) != len(other):
            return path
        for index, (value, other_value) in enumerate(zip(strict, other, strict=True)):
            found = first_difference(value, other_value, (*path, index))
            if found is not None:
                return found
        return None
    if isinstance(strict, dt.date) and isinstance(other, str) and strict.isoformat() == other:
        return None  # a quoted date: a string in YAML 1.2 (yaml-rs reads a date)
    if type(strict) is not type(other):
        return path
    if isinstance(strict, float) and math.isnan(strict) and math.isnan(other):
        return None
    return None if strict == other else path


def _key(key: object) -> object:
    return (type(key).__name__, key)


def _dotted(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(document)"
