"""Items an editor started by hand: a ``##`` title and a ``- nguồn:`` link, nothing else.

::

    ## Hải Phòng khánh thành trung tâm dữ liệu
    - nguồn: [Báo Hải Phòng](https://baohaiphong.vn/…)

``make collect`` reads the page behind the link and fills the item in: lines are *inserted* after
the editor's field lines (a ``- ngày:`` line when there is none, then the drafted text with its
marker). Not one byte the editor wrote changes. Once filled, the item has a text and is no longer a
stub, so it is filled once.

A page that cannot be read is not asked for again at every run: the state remembers the failure, and
a note under the item says why and from when it will be tried again (the collector's own line, which
it replaces at the next try and takes out once the item is filled)::

    <!-- bulletin: chưa đọc được trang (HTTP 403); đã thử 2 lần, sẽ thử lại từ 06:50 ngày 04/12/2026 -->
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..config import FeedSource
from ..items import DRAFT_MARKER
from ..markdown import plain
from ..model import Source
from ..text import day_label, fold
from .draft import draft_body, picture_files
from .issuefile import Contents, IssueFile
from .model import Article, Candidate
from .store import Store, Unread
from .urls import site_name

NOTE_START = "<!-- bulletin: chưa đọc được trang"
"""How the collector's note under a stub whose page could not be read begins."""
_STUB = re.compile(rb"^##[ \t]+(?P<title>[^\r\n]+)(?:\r?\n|\Z)(?P<fields>(?:[ \t]*[-*+][ \t]+[^\r\n]*(?:\r?\n|\Z)){1,4})"
                   rb"(?:(?:[ \t]*\r?\n)*(?P<note>" + re.escape(NOTE_START.encode()) + rb"[^\r\n]*-->[ \t]*(?:\r?\n|\Z)))?"
                   rb"(?=(?:[ \t]*\r?\n)*(?:#|\Z))", re.M)
_FIELD = re.compile(r"^\s*[-*+]\s+([^:]+):\s*(.*?)\s*$")
_LINK = re.compile(r"\]\(\s*<?(https?://[^\s)>]+)|<(https?://[^\s>]+)>|(https?://[^\s)\]>]+)", re.I)
_NAME = re.compile(r"\[([^\]]+)\]\(")
_KNOWN = frozenset({"tag", "ngay", "nguon"})


@dataclass(frozen=True, slots=True)
class Stub:
    """One hand-written item waiting for its text."""

    title: str
    """The editor's title, as plain text."""
    source: str
    """The source's name the editor gave (``[Báo Hải Phòng](…)``), or '' for a bare address."""
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
    note: tuple[int, int] | None = None
    """Byte span of the collector's note under it (:data:`NOTE_START`), or None."""


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
                name = _NAME.search(fields["nguon"])
                stubs.append(Stub(title, plain(name.group(1)).strip() if name else "",
                                  issue.raw.count(b"\n", 0, match.start()) + 1, url, bool(fields.get("ngay")),
                                  match.end("fields"), match.group("fields").endswith(b"\n"),
                                  match.span("note") if match.group("note") else None))
    return stubs


def _address(value: str) -> str:
    found = _LINK.search(value)
    return next((g for g in found.groups() if g), "").rstrip(".,;:") if found else ""


def fill(issue: IssueFile, contents: Contents, fills: Sequence[tuple[Stub, str]],
         notes: Sequence[tuple[Stub, str]] = ()) -> tuple[IssueFile, Contents]:
    """The file with each stub's ``text`` (Markdown lines ending with a newline) inserted after its
    field lines and its earlier note taken out, and each stub of ``notes`` with its new note line (in
    place of the earlier one), in the file's own line endings; ``contents`` with the candidate area's
    end moved accordingly. Every byte the editor wrote stays, in order."""
    edits = []
    for stub, text in fills:
        edits.append((stub.end, stub.end, text if stub.newline else "\n" + text))
        if stub.note:
            edits.append((*stub.note, ""))
    for stub, line in notes:
        start, end = stub.note or (stub.end, stub.end)
        edits.append((start, end, line + "\n" if stub.note else ("\n" if stub.newline else "\n\n") + line + "\n"))
    raw, shift = issue.raw, 0
    crlf = b"\r\n" in issue.raw
    for start, end, text in sorted(edits, reverse=True):
        data = text.encode("utf-8").replace(b"\n", b"\r\n") if crlf else text.encode("utf-8")
        raw = raw[:start] + data + raw[end:]
        shift += len(data) - (end - start) if end <= contents.insert_at else 0
    return dataclasses.replace(issue, raw=raw), dataclasses.replace(contents, insert_at=contents.insert_at + shift)


def unread_notes(stubs: Sequence[Stub], pages: Mapping[str, Article], store: Store,
                 now: datetime) -> list[tuple[Stub, str]]:
    """Remember in ``store`` each stub page that was just tried and could not be read (and forget those
    read); the note to write under each stub whose page could not be read."""
    store.forget_unread([url for url, page in pages.items() if page.readable])
    tried = {url: store.record_unread(url, page.failure or "trang không có nội dung", now)
             for url, page in pages.items() if not page.readable}
    return [(stub, _note(tried[stub.url])) for stub in stubs if stub.url in tried]


def _note(page: Unread) -> str:
    reason = page.failure.replace("--", "–")
    return (f"{NOTE_START} ({reason}); đã thử {page.tries} lần, sẽ thử lại từ "
            f"{page.retry:%H:%M} ngày {page.retry:%d/%m/%Y} -->")


def drafted_stubs(stubs: Sequence[Stub], articles: Mapping[str, Article], issue_path: Path, sources: Sequence[FeedSource],
                  reserved: Collection[str] = ()) -> tuple[list[tuple[Stub, str]], tuple[tuple[Path, bytes], ...]]:
    """The filling of every stub whose page was read, and the pictures it refers to (file names not
    among ``reserved``, the names the run's new candidates took)."""
    folder = issue_path.parent / issue_path.stem
    readable = [(s, articles[s.url]) for s in stubs if s.url in articles and articles[s.url].readable]
    named = [(stub, article, stub.source or site_name(stub.url, sources, article.site)) for stub, article in readable]
    names = picture_files([_as_candidate(stub, name) for stub, _article, name in named], articles, folder, reserved)
    fills, pictures = [], []
    for stub, article, name in named:
        file = names.get(_key(stub), "")
        if file and article.picture is not None:
            pictures.append((folder / file, article.picture.data))
        fills.append((stub, _filling(stub, article, f"{issue_path.stem}/{file}" if file else "", name)))
    return fills, tuple(pictures)


def _key(stub: Stub) -> str:
    return f"stub-{stub.line}"


def _as_candidate(stub: Stub, name: str) -> Candidate:
    return Candidate(id=_key(stub), title=stub.title, day=None, sources=(Source(name, stub.url),), summary="",
                     hint="", notes=(), members=((_key(stub), stub.url),))


def _filling(stub: Stub, article: Article, picture: str, source: str) -> str:
    """The lines inserted under a stub: its date when the editor gave none, the marker, the draft."""
    date = f"- ngày: {day_label(article.date)}\n" if article.date and not stub.dated else ""
    body = "\n\n".join(block for block in draft_body(article, picture, source) if block)
    return f"{date}\n{DRAFT_MARKER}\n\n{body}\n"
