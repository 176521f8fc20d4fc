"""Write new candidates into the editor's file, which is sacred.

New text is only ever inserted at the end of the candidate area; every byte already in the file
stays as it is (line endings and byte-order mark included). The new file is written next to the
old one and swapped in with ``os.replace``; if the file changed on disk since the run read it, the
write is refused and nothing is lost.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ..atomic import atomic_write
from ..errors import FileChanged
from ..project import shown
from ..text import day_label
from .clean import md_text, md_url
from .issuefile import CANDIDATE_HEADING, Contents, IssueFile
from .model import Candidate


def render_candidate(c: Candidate) -> str:
    """One candidate in the issue-file format, untagged, with the collector's comment."""
    notes = "".join(f"; lưu ý: {note}" for note in c.notes)
    sources = ", ".join(f"[{md_text(s.name)}]({md_url(s.url)})" for s in c.sources)
    lines = [
        f"## {md_text(c.title)}",
        f"<!-- bulletin: id={c.id} gợi ý: {c.hint}{notes} -->",
        "- tag:",
        f"- ngày: {day_label(c.day)}" if c.day else "- ngày:",
        f"- nguồn: {sources}",
    ]
    if c.summary:
        lines += ["", md_text(c.summary)]
    return "\n".join(lines) + "\n"


def insert_text(issue: IssueFile, contents: Contents, text: str) -> bytes:
    """The whole file after inserting Markdown ``text`` (blocks ending with a newline) at the end of
    the candidate area, in the file's own line endings; every other byte stays as it is."""
    before, after = issue.raw[: contents.insert_at], issue.raw[contents.insert_at:]
    lead = b"" if not before or before.endswith(b"\n") else b"\n"
    if before and not (before + lead).endswith(b"\n\n"):
        lead += b"\n"
    text = (f"# {CANDIDATE_HEADING}\n\n" if contents.needs_heading else "") + text
    if after:
        text += "\n"
    if b"\r\n" in issue.raw:
        text, lead = text.replace("\n", "\r\n"), lead.replace(b"\n", b"\r\n")
    return before + lead + text.encode("utf-8") + after


def replace_span(issue: IssueFile, start: int, end: int, text: str) -> bytes:
    """The whole file with bytes ``start:end`` (one item the tool wrote) replaced by ``text``.

    The blank lines that separated the item from what follows are kept."""
    old = issue.raw[start:end]
    trailing = old[len(old.rstrip(b"\r\n")):]
    body = text.rstrip("\n") + "\n"
    if b"\r\n" in issue.raw:
        body = body.replace("\n", "\r\n")
    data = body.encode("utf-8")
    data = data + trailing[len(b"\r\n" if trailing.startswith(b"\r\n") else b"\n"):] if trailing else data
    return issue.raw[:start] + data + issue.raw[end:]


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


CHANGED_DURING_RUN = ("{path} {what} trong lúc thu thập tin; để không mất gì, chưa ghi tin mới nào. "
                      "Hãy lưu tệp rồi chạy lại lệnh thu thập.")
"""The collector's refusal; ``{path}`` is the file and ``{what}`` says whether it was edited or created."""


def _refuse_if_changed(issue: IssueFile, message: str) -> None:
    if _current(issue.path) != (issue.raw if issue.exists else None):
        what = "đã được sửa" if issue.exists else "đã được tạo"
        raise FileChanged(message.format(path=shown(issue.path), what=what))


def write_atomically(issue: IssueFile, data: bytes, changed: str = CHANGED_DURING_RUN) -> None:
    """Replace (or create) the issue file with ``data``; raise :class:`FileChanged` (message
    ``changed``, see :data:`CHANGED_DURING_RUN`) if the file is no longer ``issue.raw``."""
    _refuse_if_changed(issue, changed)
    atomic_write(issue.path, data, durable=True, replace=lambda tmp, _path: _swap(tmp, issue, changed))


def _swap(tmp: Path, issue: IssueFile, changed: str) -> None:
    _refuse_if_changed(issue, changed)
    if issue.exists:
        os.replace(tmp, issue.path)
        return
    try:
        os.link(tmp, issue.path)  # fails if an editor created the file meanwhile: never clobber it
    except FileExistsError:
        _refuse_if_changed(issue, changed)
        raise
    except OSError:  # a file system without hard links
        _refuse_if_changed(issue, changed)
        os.replace(tmp, issue.path)
