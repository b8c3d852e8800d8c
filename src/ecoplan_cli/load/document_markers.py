"""A single document written with its markers (`%YAML 1.2`, `---`, a closing `...`), read on the fast path.

Tools that write YAML often open a file with `---`, sometimes with a `%YAML 1.2` directive, and close it with `...`.
Those lines change nothing in the data of a one-document file, but they are no part of what the text scan that
places messages (line_index) reads, so such files used to go to the positioned reader, at a fiftieth of the speed.
`masked` turns the opening marker lines into comments of the same length and ends the text where `...` stands: every
other character keeps its line and column, so the scan of the masked text gives the positions ruamel.yaml gives for
the original.

Only the plain forms are taken: a `%YAML 1.2` directive (never 1.1, whose booleans and dates differ, nor %TAG, which
changes what tags mean), a `---` alone on its line (a comment after it allowed), a last `...`. A second document, a
`---` with content after it, any other directive: the text is left to the positioned reader, which refuses or reads
it exactly as before.
"""

from __future__ import annotations

import re

_REST = r"[ \t]*(?:#[^\r\n]*)?\r?"  # the rest of a marker's line: blanks, a comment
_HEADER = re.compile(
    rf"\A(?:{_REST}\n)*"  # comment and blank lines
    rf"(?:(?P<directive>%YAML[ \t]+1\.2){_REST}\n(?:{_REST}\n)*)?"
    rf"(?P<start>---){_REST}(?:\n|\Z)"
)
_END = re.compile(rf"^(?P<end>\.\.\.){_REST}(?:\n{_REST})*\n?\Z", re.MULTILINE)


def masked(text: str) -> str | None:
    """The text with its opening markers commented out (same length, same lines) and cut before a closing `...`
    (ruamel.yaml places an empty last value at that marker, the scan at the end of the text), or None when it has no
    markers that can be taken (see the module's docstring)."""
    header = _HEADER.match(text)
    if header is None:
        return None
    end = _END.search(text, header.end())
    out = text[: end.start()] if end is not None else text
    for name in ("directive", "start"):
        start = header.start(name)
        if start >= 0:
            out = out[:start] + "#" + out[start + 1 :]
    return out
