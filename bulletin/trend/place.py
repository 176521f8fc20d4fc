"""Put the draft into the issue file, through the collector's machinery: insert at the end of the
candidate area, or replace the tool's own earlier draft when nobody edited it; every other byte
stays as it is, and the write is refused if the file changed during the run.

An edited draft (its text no longer matches the digest recorded with it) and an item already
tagged ``trend`` are never touched.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..collect.append import insert_text, replace_span, write_atomically
from ..collect.issuefile import IssueFile, Span, item_spans, scan
from .draft import DIGEST_RE, digest


class Action(Enum):
    """What happened to the issue file."""

    INSERTED = "inserted"
    """A new draft was added as a candidate."""
    REPLACED = "replaced"
    """The earlier, unedited draft was replaced."""
    UNCHANGED = "unchanged"
    """The earlier draft already says exactly this."""
    KEPT_EDITED = "kept-edited"
    """An edited draft is in the file: nothing written."""
    KEPT_TREND = "kept-trend"
    """An item tagged ``trend`` is in the file: nothing written."""
    PREVIEW = "preview"
    """Dry run: nothing written."""


@dataclass(frozen=True, slots=True)
class Placement:
    """Where the draft is (or would be) and what was done."""

    action: Action
    """What happened."""
    line: int
    """1-based line of the draft's (or the trend item's) heading; 0 when not in the file."""


def existing_draft(issue: IssueFile) -> Span | None:
    """The first item carrying the tool's digest note, or None."""
    return next((s for s in item_spans(issue) if DIGEST_RE.search(s.text.replace("\r\n", "\n"))), None)


def edited(span: Span) -> bool:
    """True when the draft's text no longer matches the digest written with it."""
    recorded = DIGEST_RE.search(span.text.replace("\r\n", "\n"))
    return recorded is None or recorded.group(1) != digest(span.text.rstrip("\r\n") + "\n")


def place(issue: IssueFile, text: str, trend_line: int, write: bool) -> Placement:
    """Insert or replace the draft ``text`` (with its digest note) unless something forbids it."""
    if trend_line:
        return Placement(Action.KEPT_TREND, trend_line)
    old = existing_draft(issue)
    if old is not None and edited(old):
        return Placement(Action.KEPT_EDITED, old.line)
    if old is not None and old.text.replace("\r\n", "\n").rstrip("\n") == text.rstrip("\n"):
        return Placement(Action.UNCHANGED, old.line)
    if not write:
        return Placement(Action.PREVIEW, old.line if old else 0)
    if old is not None:
        write_atomically(issue, replace_span(issue, old.start, old.end, text))
        return Placement(Action.REPLACED, old.line)
    contents = scan(issue)
    data = insert_text(issue, contents, text)
    write_atomically(issue, data)
    heading = data.find(text.split("\n", 1)[0].encode("utf-8"), contents.insert_at)
    return Placement(Action.INSERTED, data[:heading].count(b"\n") + 1)
