"""The pieces of LineIndex that read characters, not lines: a located node, flow collections ([ ], { }) read by a
small tokenizer that respects quoted scalars and comments, and quoted scalars (enough to name a key)."""

from __future__ import annotations

_FLOW_END = ",[]{}"
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\", '"': '"', "/": "/", " ": " ", "\t": "\t",
            "a": "\a", "b": "\b", "e": "\x1b", "f": "\f", "v": "\v", "N": "\x85", "_": "\xa0", "L": "\u2028",
            "P": "\u2029"}  # fmt: skip


class Node:
    """A located node: where its value starts (an offset), or where an empty value is placed; children on demand."""

    __slots__ = ("children", "column", "keys", "kind", "offset", "parent_indent")

    def __init__(self, offset: int, kind: str, column: int = -1, parent_indent: int = -1) -> None:
        self.offset = offset  # the node's start (ruamel's start_mark)
        self.kind = kind  # "map", "seq", "flow" (children known), "leaf", "empty"
        self.column = column  # the column of a block collection
        self.parent_indent = parent_indent
        self.children: dict[str | int, Node] | None = None
        self.keys: dict[str | int, int] = {}  # child key -> offset of the key


class FlowReader:
    """Records the positions inside one flow collection ([ ] or { }), nested ones included."""

    def __init__(self, text: str, node: Node) -> None:
        self.text = text
        self.node = node

    def skip(self, offset: int) -> int:
        text = self.text
        size = len(text)
        while offset < size:
            char = text[offset]
            if char in " \t\r\n":
                offset += 1
            elif char == "#" and (offset == 0 or text[offset - 1] in " \t\r\n"):
                newline = text.find("\n", offset)
                offset = size if newline < 0 else newline
            else:
                return offset
        return size

    def scalar_end(self, offset: int) -> int:
        """The end of the scalar starting at offset (quoted or plain, in flow context)."""
        text = self.text
        size = len(text)
        if text[offset] in "\"'":
            end = quoted_end(text, offset)
            return size if end < 0 else end
        at = offset
        while at < size:
            char = text[at]
            if char in _FLOW_END:
                break
            if char == ":" and (at + 1 == size or text[at + 1] in " \t\r\n,[]{}"):
                break
            if char == "#" and text[at - 1] in " \t\r\n":
                break
            at += 1
        while at > offset and text[at - 1] in " \t\r\n":
            at -= 1
        return at

    def read(self, offset: int) -> int:
        """Read the collection opening at offset into self.node's tables; return the offset past its end."""
        return self.collection(offset, self.node)

    def collection(self, offset: int, node: Node) -> int:
        text = self.text
        closing = "]" if text[offset] == "[" else "}"
        mapping = closing == "}"
        assert node.children is not None
        index = 0
        at = self.skip(offset + 1)
        while at < len(text) and text[at] != closing:
            if text[at] == ",":
                at = self.skip(at + 1)
                continue
            entry = at
            child, at = self.entry(at)
            at = self.skip(at)
            if text[at : at + 1] == ":":
                colon = at + 1
                value_start = self.skip(colon)
                key = self.key_text(entry, child)
                if text[value_start : value_start + 1] in (",", closing, "]", "}", ""):
                    value = Node(colon, "empty")
                    at = value_start
                else:
                    value, at = self.entry(value_start)
                    at = self.skip(at)
                if mapping:
                    target = node
                else:  # a single pair in a sequence is a one-entry mapping at its key
                    target = Node(entry, "flow")
                    target.children = {}
                    node.children[index] = target
                    index += 1
                if key is not None and key not in target.keys:
                    assert target.children is not None
                    target.keys[key] = entry
                    target.children[key] = value
            elif mapping:
                key = self.key_text(entry, child)
                if key is not None and key not in node.keys:
                    node.keys[key] = entry
                    node.children[key] = Node(at, "empty")
            else:
                node.children[index] = child
                index += 1
        return at + 1

    def entry(self, offset: int) -> tuple[Node, int]:
        """A node at offset and the offset past it."""
        text = self.text
        if text[offset] in "[{":
            child = Node(offset, "flow")
            child.children = {}
            return child, self.collection(offset, child)
        end = self.scalar_end(offset)
        node = Node(offset, "leaf")
        node.children = {}
        return node, end

    def key_text(self, offset: int, node: Node) -> str | None:
        if node.kind != "leaf":
            return None
        raw = self.text[offset : self.scalar_end(offset)]
        if raw[:1] in "\"'":
            return unquote(raw)
        return " ".join(raw.split())


def quoted_end(text: str, offset: int) -> int:
    """The offset just past the closing quote of the quoted scalar opening at offset (-1 if unclosed)."""
    quote = text[offset]
    at = offset + 1
    size = len(text)
    while at < size:
        char = text[at]
        if quote == '"' and char == "\\":
            at += 2
            continue
        if char == quote:
            if quote == "'" and text[at + 1 : at + 2] == "'":
                at += 2
                continue
            return at + 1
        at += 1
    return -1


def unquote(raw: str) -> str:
    """The value of a one-line quoted scalar (enough for keys)."""
    if raw[:1] == "'":
        return raw[1:-1].replace("''", "'")
    body = raw[1:-1]
    if "\\" not in body:
        return body
    out: list[str] = []
    at = 0
    while at < len(body):
        char = body[at]
        if char == "\\" and at + 1 < len(body):
            code = body[at + 1]
            width = {"x": 2, "u": 4, "U": 8}.get(code)
            if width is not None:
                try:
                    out.append(chr(int(body[at + 2 : at + 2 + width], 16)))
                except ValueError:
                    out.append(body[at : at + 2 + width])
                at += 2 + width
                continue
            out.append(_ESCAPES.get(code, "\\" + code))
            at += 2
            continue
        out.append(char)
        at += 1
    return "".join(out)
