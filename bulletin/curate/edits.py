"""The desk's edits as pure functions from the file's bytes to the new bytes.

Each changes exactly what it must and keeps every other byte (line endings and byte-order mark
included): setting a tag rewrites the ``- tag:`` line (or inserts one), rejecting removes the
item's lines, moving takes the item's lines to another place between two items.
"""
from __future__ import annotations

from .sheet import Row


def line_ending(raw: bytes) -> bytes:
    """The file's line ending: CRLF when it has one, else LF (as the collector writes)."""
    return b"\r\n" if b"\r\n" in raw else b"\n"


def set_tag(raw: bytes, row: Row, tag: str) -> bytes:
    """The file with ``row``'s tag set to ``tag`` ('' clears it): only the ``- tag:`` line changes,
    or one is inserted where the item has none."""
    at = row.tag_line
    if at.end > at.start:
        line = raw[at.start:at.end]
        body = line.rstrip(b"\r\n")
        name = body[: body.index(b":") + 1]
        return raw[:at.start] + name + (b" " + tag.encode("utf-8") if tag else b"") + line[len(body):] + raw[at.end:]
    if not tag:
        return raw
    eol = line_ending(raw)
    lead = eol if at.start and raw[at.start - 1:at.start] != b"\n" else b""
    new = lead + f"{at.prefix}tag: {tag}".encode("utf-8") + eol + (eol if at.needs_blank else b"")
    return raw[:at.start] + new + raw[at.start:]


def remove(raw: bytes, row: Row) -> bytes:
    """The file without ``row``'s lines (its heading to the next heading)."""
    return raw[:row.start] + raw[row.end:]


def insert_at(raw: bytes, offset: int, data: bytes) -> bytes:
    """The file with ``data`` (lines taken out by :func:`remove`) put back at ``offset``."""
    return raw[:offset] + data + raw[offset:]


def move(raw: bytes, row: Row, target: Row, after: bool) -> bytes:
    """The file with ``row``'s lines taken out and put back just before (or after) ``target``'s.

    A block that ended the file without a line ending, or without a blank line, gets them, so that
    it stays a separate item wherever it goes."""
    eol = line_ending(raw)
    block = raw[row.start:row.end]
    if not block.endswith(b"\n"):
        block += eol
    if not block.endswith(eol + eol):
        block += eol
    rest = raw[:row.start] + raw[row.end:]
    at = target.end if after else target.start
    if at > row.start:
        at -= row.end - row.start
    before = rest[:at]
    if before and not before.endswith(b"\n"):
        before += eol + eol
    return before + block + rest[at:]
