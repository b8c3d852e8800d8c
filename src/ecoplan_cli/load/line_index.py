"""Positions from a cheap scan of text the strict parser (yaml-rs) already accepted — never a second parse.

A message about a valid file (a schema error, a wrong reference, a warning, a report location) needs the line and
column of one value. The text has already been read by yaml-rs, so its structure is known to be well formed, and
block structure is fixed by indentation: the lines of a block collection at column c are the non-comment lines
indented at most c, because everything nested inside it (plain, quoted and block scalars, flow collections that
span lines) must be indented further. So a path is found by descending level by level, each level a C-speed regular
expression over the parent's lines; flow collections ([ ], { }) are read by a small tokenizer that respects quoted
scalars and comments. Nothing is scanned until a position is asked for, and each collection's children are found
once. The positions are those ruamel.yaml's composer gives (start of the node; an empty value where ruamel puts
it), which a differential property test holds it to.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import chain

from ecoplan_cli.load.flow_scan import FlowReader, Node, quoted_end, unquote

Path = tuple[str | int, ...]
Position = tuple[int, int]  # 1-based line, column

_PLAIN_KEY = re.compile(r"[^\n]*?:(?=[ \t\r\n]|\Z)")


@lru_cache(maxsize=64)
def _structural(column: int) -> re.Pattern[str]:
    """Lines indented at most column spaces whose content is not a comment (nor blank)."""
    return re.compile(rf"^ {{0,{column}}}(?! )(?![ \t]*(?:#|\r?$))", re.MULTILINE)


class LineIndex:
    """Line and column of any value (or key) of a YAML text, found by scanning the text, not by parsing it again."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None
        self._root: Node | None = None

    @classmethod
    def scan(cls, text: str) -> LineIndex:
        """An index over text the strict parser accepted (the scan itself is lazy: nothing is read until asked)."""
        return cls(text)

    # -- public ---------------------------------------------------------------------------------------------------

    def position(self, path: Sequence[str | int]) -> Position:
        """The 1-based line and column of the value at path, or of its nearest ancestor found."""
        node, _ = self._find(tuple(path))
        return self._pos(node.offset)

    def key_position(self, path: Sequence[str | int]) -> Position:
        """The position of the mapping key at path, else of the nearest ancestor's key, else of the document."""
        probe = tuple(path)
        while probe:
            parent, depth = self._find(probe[:-1])
            if depth == len(probe) - 1:
                self._children(parent)
                if probe[-1] in parent.keys:
                    return self._pos(parent.keys[probe[-1]])
            probe = probe[:-1]
        return self._pos(self._document().offset)

    def item_lines(self, path: Sequence[str | int]) -> list[int]:
        """The line each item of the sequence at path starts on (empty when path is not a sequence)."""
        node, depth = self._find(tuple(path))
        if depth != len(path):
            return []
        children = self._children(node)
        if node.kind not in ("seq", "flow") or not all(isinstance(key, int) for key in children):
            return []
        return [self._pos(child.offset)[0] for child in children.values()]

    def key_lines(self) -> dict[str, int]:
        """Each top-level key and the line it is on."""
        root = self._document()
        self._children(root)
        return {str(key): self._pos(offset)[0] for key, offset in root.keys.items()}

    # -- positions ------------------------------------------------------------------------------------------------

    def _pos(self, offset: int) -> Position:
        if self._starts is None:
            starts = [0]
            find = self.text.find
            at = find("\n")
            while at >= 0:
                starts.append(at + 1)
                at = find("\n", at + 1)
            self._starts = starts
        line = bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def _line_start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def _column(self, offset: int) -> int:
        return offset - self._line_start(offset)

    # -- descent --------------------------------------------------------------------------------------------------

    def _document(self) -> Node:
        if self._root is None:
            start = self._next_content(0)
            self._root = self._node_at(start, -1, same_line=False) if start < len(self.text) else Node(0, "empty")
        return self._root

    def _find(self, path: Path) -> tuple[Node, int]:
        """The deepest node along path, and how many steps of path it reached."""
        node = self._document()
        for depth, step in enumerate(path):
            children = self._children(node)
            child = children.get(step)
            if child is None:
                return node, depth
            node = child
        return node, len(path)

    def _children(self, node: Node) -> dict[str | int, Node]:
        if node.children is None:
            node.children = {}
            if node.kind == "map":
                self._block_mapping(node)
            elif node.kind == "seq":
                self._block_sequence(node)
        return node.children

    def _node_at(self, offset: int, parent_indent: int, *, same_line: bool) -> Node:
        """The node whose first character is at offset (a block collection only where one may start)."""
        text = self.text
        char = text[offset]
        if char in "[{":
            node = Node(offset, "flow")
            node.children = {}
            FlowReader(text, node).read(offset)
            return node
        if char in "|>":
            return Node(offset, "leaf")
        if char == "-" and (offset + 1 == len(text) or text[offset + 1] in " \t\r\n") and not same_line:
            return Node(offset, "seq", self._column(offset), parent_indent)
        if not same_line and self._key_end(offset) is not None:
            return Node(offset, "map", self._column(offset), parent_indent)
        return Node(offset, "leaf")

    def _key_end(self, offset: int) -> int | None:
        """The offset just past the `:` of an implicit key starting at offset, or None if no key starts there."""
        text = self.text
        char = text[offset]
        if char in "\"'":
            end = quoted_end(text, offset)
            if end < 0 or "\n" in text[offset:end]:
                return None
            while end < len(text) and text[end] in " \t":
                end += 1
            if end < len(text) and text[end] == ":" and (end + 1 == len(text) or text[end + 1] in " \t\r\n"):
                return end + 1
            return None
        if char in "#[{":
            return None
        match = _PLAIN_KEY.match(text, offset)
        if match is None or " #" in match.group() or "\t#" in match.group():
            return None
        return match.end()

    def _key_text(self, offset: int, colon: int) -> str:
        raw = self.text[offset:colon].rstrip(" \t\r")
        return unquote(raw) if raw[:1] in "\"'" else raw

    def _next_content(self, offset: int) -> int:
        """The next offset holding content: past spaces, line breaks and comments (len(text) at the end)."""
        text = self.text
        size = len(text)
        while offset < size:
            char = text[offset]
            if char in " \t\r\n":
                offset += 1
            elif char == "#":
                newline = text.find("\n", offset)
                offset = size if newline < 0 else newline + 1
            else:
                return offset
        return size

    def _rest_of_line(self, offset: int) -> tuple[int, bool]:
        """Past spaces on this line: the offset of the first content there, or of the line break; and whether a
        comment was passed."""
        text = self.text
        size = len(text)
        while offset < size and text[offset] in " \t\r":
            offset += 1
        if offset < size and text[offset] == "#":
            newline = text.find("\n", offset)
            return (size if newline < 0 else newline), True
        return offset, False

    def _value(self, after: int, column: int, *, in_mapping: bool) -> Node:
        """The value after a `key:` (or a `-`) ending at offset after, in a block collection at column."""
        text = self.text
        start, commented = self._rest_of_line(after)
        if start < len(text) and text[start] != "\n":
            return self._node_at(start, column, same_line=in_mapping)
        following = self._next_content(start)
        if following < len(text):
            indent = self._column(following)
            if indent > column or (
                in_mapping
                and indent == column
                and text[following] == "-"
                and text[following + 1 : following + 2] in (" ", "\n", "\r", "")
            ):
                return self._node_at(following, column, same_line=False)
        if not in_mapping:
            return Node(after, "empty")
        if commented and following < len(text) and self._column(following) == column:
            return Node(after, "empty")  # ruamel places it after the `:` when a comment follows and the mapping goes on
        return Node(following, "empty")

    def _structural_lines(self, node: Node) -> Iterator[int]:
        """Offsets of the first content of each line after the node's first, indented at most its column, up to (and
        including) the first line that ends the collection."""
        pattern = _structural(node.column)
        first_line_end = self.text.find("\n", node.offset)
        if first_line_end < 0:
            return
        for match in pattern.finditer(self.text, first_line_end + 1):
            yield match.end()
            if match.end() - match.start() < node.column:
                return

    def _block_mapping(self, node: Node) -> None:
        assert node.children is not None
        text = self.text
        column = node.column
        starts = [node.offset]
        for offset in self._structural_lines(node):
            if self._column(offset) < column:
                break
            if text[offset] == "-" and text[offset + 1 : offset + 2] in (" ", "\n", "\r", "\t", ""):
                continue  # an item of an indentless sequence: the value of the key before it
            starts.append(offset)
        for offset in starts:
            colon = self._key_end(offset)
            if colon is None:
                continue
            key = self._key_text(offset, colon - 1)
            if key in node.children:
                continue
            node.keys[key] = offset
            node.children[key] = self._value(colon, column, in_mapping=True)

    def _block_sequence(self, node: Node) -> None:
        assert node.children is not None
        text = self.text
        column = node.column
        for offset in chain((node.offset,), self._structural_lines(node)):
            if self._column(offset) != column or text[offset] != "-":
                break
            if text[offset + 1 : offset + 2] not in (" ", "\n", "\r", "\t", ""):
                break
            node.children[len(node.children)] = self._value(offset + 1, column, in_mapping=False)


class LazyLines(Mapping[str, int]):
    """A mapping computed on first use (the lines of activities or header keys of a log): valid files never pay."""

    def __init__(self, compute: object) -> None:
        self._compute = compute
        self._table: dict[str, int] | None = None

    def _data(self) -> dict[str, int]:
        if self._table is None:
            assert callable(self._compute)
            self._table = self._compute()
            self._compute = None
        return self._table

    def __getitem__(self, key: str) -> int:
        return self._data()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data())

    def __len__(self) -> int:
        return len(self._data())


def activity_lines(index: LineIndex, ids: Sequence[str]) -> LazyLines:
    """Activity id -> the line its item starts on (first use of an id wins), computed when first read."""

    def compute() -> dict[str, int]:
        lines = index.item_lines(("activities",))
        table: dict[str, int] = {}
        for identifier, line in zip(ids, lines, strict=False):
            table.setdefault(identifier, line)
        return table

    return LazyLines(compute)


def header_lines(index: LineIndex) -> LazyLines:
    """Top-level key -> its line, computed when first read."""
    return LazyLines(index.key_lines)
