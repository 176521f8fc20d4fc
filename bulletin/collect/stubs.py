"""Items an editor started by hand: a ``##`` title and a ``- nguồn:`` link, nothing else.

::

    ## Hải Phòng khánh thành trung tâm dữ liệu
    - nguồn: [Báo Hải Phòng](https://baohaiphong.vn/…)

``make collect`` reads the page behind the link and fills the item in: lines are *inserted* after
the editor's field lines (a ``- ngày:`` line when there is none, then the drafted text with its
marker). Not one byte the editor wrote changes. Once filled, the item has a text and is no longer a
stub, so it is filled once.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..markdown import plain
from ..text import fold
from .issuefile import Contents, IssueFile

_STUB = re.compile(rb"^##[ \t]+(?P<title>[^\r\n]+)(?:\r?\n|\Z)(?P<fields>(?:[ \t]*[-*+][ \t]+[^\r\n]*(?:\r?\n|\Z)){1,4})"
                   rb"(?=(?:[ \t]*\r?\n)*(?:#|\Z))", re.M)
_FIELD = re.compile(r"^\s*[-*+]\s+([^:]+):\s*(.*?)\s*$")
_LINK = re.compile(r"\]\(\s*<?(https?://[^\s)>]+)|<(https?://[^\s>]+)>|(https?://[^\s)\]>]+)", re.I)
_KNOWN = frozenset({"tag", "ngay", "nguon"})


@dataclass(frozen=True, slots=True)
class Stub:
    """One hand-written item waiting for its text."""

    title: str
    """The editor's title, as plain text."""
    line: int
    """1-based line of its ``##`` heading."""
    url: str
    """The address in its ``- nguồn:`` line."""
    dated: bool
    """True when the editor wrote a ``- ngày:`` line."""
    end: int
    """Byte offset just past its last field line: where the filling goes."""
    newline: bool
    """True when the last field line ends with a line break (else the filling starts with one)."""


def find_stubs(issue: IssueFile) -> list[Stub]:
    """Every hand-written stub of the file, in file order."""
    stubs = []
    for match in _STUB.finditer(issue.raw):
        fields = {}
        for raw in match.group("fields").decode("utf-8", "replace").splitlines():
            found = _FIELD.match(raw)
            if not found or fold(found.group(1)).strip() not in _KNOWN:
                break
            fields[fold(found.group(1)).strip()] = found.group(2)
        else:
            url = _address(fields.get("nguon", ""))
            if url:
                title = plain(match.group("title").decode("utf-8", "replace")).strip()
                stubs.append(Stub(title, issue.raw.count(b"\n", 0, match.start()) + 1, url, bool(fields.get("ngay")),
                                  match.end(), match.group(0).endswith(b"\n")))
    return stubs


def _address(value: str) -> str:
    found = _LINK.search(value)
    return next((g for g in found.groups() if g), "").rstrip(".,;:") if found else ""


def fill(issue: IssueFile, contents: Contents, fills: Sequence[tuple[Stub, str]]) -> tuple[IssueFile, Contents]:
    """The file with each stub's ``text`` (Markdown lines ending with a newline) inserted after its
    field lines, in the file's own line endings, and ``contents`` with the candidate area's end moved
    accordingly. Every byte that was in the file stays, in order."""
    raw, shift = issue.raw, 0
    crlf = b"\r\n" in issue.raw
    for stub, text in sorted(fills, key=lambda pair: pair[0].end, reverse=True):
        data = (text if stub.newline else "\n" + text).encode("utf-8")
        data = data.replace(b"\n", b"\r\n") if crlf else data
        raw = raw[: stub.end] + data + raw[stub.end:]
        shift += len(data) if stub.end <= contents.insert_at else 0
    return dataclasses.replace(issue, raw=raw), dataclasses.replace(contents, insert_at=contents.insert_at + shift)
