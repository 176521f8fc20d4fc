"""The issue file as the desk sees it: every ``##`` item with its byte range, its tag line, and what
the table shows (source, date, the collector's suggestion, whether it looks like another item).

Reading never fails on an item the editions would refuse (a mistyped tag, a bad date): the desk
shows the value as written, so that the editor can fix it with a button.
"""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

from ..collect.dedupe import TitleIndex, title_key
from ..collect.issuefile import ID_NOTE, IssueFile, Span, item_spans, line_starts
from ..collect.urls import canonical
from ..items import DRAFT_MARKER, Block, is_field_list, read_day, top_blocks
from ..markdown import parser
from ..model import Source
from ..sourceline import read_sources
from ..text import fold

SAME_STORY = 0.5
"""Jaccard similarity of title word pairs from which the desk shows two items as maybe one story
(looser than the collector's merge threshold: the editor decides)."""
RELATED = 5
"""At most this many look-alikes are shown per candidate."""
_HINT = re.compile(r"<!--\s*bulletin:[^>]*?gợi ý:\s*([a-z0-9-]+)")


@dataclass(frozen=True, slots=True)
class TagLine:
    """Where an item's tag is written, or where a ``- tag:`` line would go."""

    start: int
    """Byte offset of the ``- tag:`` line, or of the line before which a new one is inserted."""
    end: int
    """Byte offset just past the tag line (its line ending included); ``start`` when there is none."""
    prefix: str
    """What a new tag line starts with: the field list's own bullet and indentation (``- ``)."""
    needs_blank: bool
    """True when a new tag line must be followed by a blank line (no field list follows it)."""


@dataclass(frozen=True, slots=True)
class Row:
    """One ``##`` item of the file."""

    title: str
    """The heading as plain text."""
    line: int
    """1-based line of the heading: how the page names the item."""
    start: int
    """Byte offset of the heading line."""
    end: int
    """Byte offset just past the item (the next ``#``/``##`` heading, or the end of the file)."""
    tag: str
    """The tag as written (lower case), '' for a candidate."""
    tag_line: TagLine
    """Where the tag is, or goes."""
    day_text: str
    """The ``- ngày:`` value as written."""
    day: date | None
    """That date, when it is one."""
    sources: tuple[Source, ...]
    """The ``- nguồn:`` links (or a name without a link)."""
    candidate: str
    """The collector's id from ``<!-- bulletin: id=… -->``, or ''."""
    hint: str
    """The tag the collector suggested, or ''."""
    draft: bool
    """True when the item still carries the automatic draft marker."""


@dataclass(frozen=True, slots=True)
class Sheet:
    """One reading of the issue file."""

    issue: IssueFile
    """The file and the exact bytes the rows describe."""
    digest: str
    """SHA-256 of those bytes: an edit is applied only to a file that still has it."""
    rows: tuple[Row, ...]
    """Every item, in file order."""

    def row(self, line: int) -> Row | None:
        """The item whose heading is on 1-based ``line``."""
        return next((r for r in self.rows if r.line == line), None)


def digest(raw: bytes) -> str:
    """The hash the desk compares: SHA-256 of the file's bytes."""
    return hashlib.sha256(raw).hexdigest()


def read_sheet(issue: IssueFile) -> Sheet:
    """Every item of ``issue`` with what the desk needs to show and edit it."""
    lines = line_starts(issue.raw)
    rows = tuple(_row(issue, span, lines[span.line - 1:bisect_left(lines, span.end)] + [span.end])
                 for span in item_spans(issue))
    return Sheet(issue=issue, digest=digest(issue.raw), rows=rows)


def _row(issue: IssueFile, span: Span, starts: list[int]) -> Row:
    """The item ``span``, whose lines start at ``starts`` (then its end)."""
    blocks = top_blocks(parser().parse(span.text))[1:]  # [0] is the heading
    fields, tag_line = _fields(blocks, starts, issue.raw)
    day_text = fields.get("ngay", ("",))[0].strip()
    note, hint = ID_NOTE.search(span.text), _HINT.search(span.text)
    return Row(title=span.title, line=span.line, start=span.start, end=span.end,
               tag=fields.get("tag", ("",))[0].strip().lower(), tag_line=tag_line, day_text=day_text,
               day=_day(day_text, issue.week), sources=read_sources(fields, span.line, _Quiet(), required=False),
               candidate=note.group(1) if note else "", hint=hint.group(1) if hint else "",
               draft=DRAFT_MARKER in span.text)


def _day(text: str, week: tuple[date, date]) -> date | None:
    try:
        return read_day(text, week) if text else None
    except ValueError:
        return None


def _fields(blocks: list[Block], starts: list[int], raw: bytes) -> tuple[dict, TagLine]:
    """The item's ``name: value`` lines by folded name (value, inline token), and its tag line."""
    content = [b for b in blocks if not b.is_comment]
    if not content or not is_field_list(content[0]):
        notes = blocks[: blocks.index(content[0])] if content else blocks
        line = max((b.end for b in notes), default=1)  # after the heading and the notes under it
        at = starts[min(line, len(starts) - 1)]
        return {}, TagLine(at, at, "- ", bool(content) and content[0].start == line)
    found: dict = {}
    tag_line = None
    for tok in content[0].tokens:
        if tok.type == "inline" and tok.map:
            name, _, value = tok.content.partition(":")
            found.setdefault(fold(name), (value, tok.map[0] + 1, tok))
            if fold(name) == "tag" and tag_line is None:
                tag_line = TagLine(starts[tok.map[0]], starts[tok.map[0] + 1], "", False)
    first = starts[content[0].start]
    bullet = re.match(rb"[ \t]*[-*+][ \t]+", raw[first:starts[content[0].start + 1]])
    return found, tag_line or TagLine(first, first, bullet.group(0).decode() if bullet else "- ", False)


class _Quiet:
    """Problems of the ``- nguồn:`` line are ``make check``'s business, not the desk's."""

    def error(self, line: int, message: str) -> None:
        pass


def same_story(rows: tuple[Row, ...]) -> dict[int, tuple[int, ...]]:
    """For each candidate (by heading line), up to :data:`RELATED` other items that look like the same
    story: a shared link first, then titles at least :data:`SAME_STORY` alike, most alike first."""
    keys = [title_key(r.title) for r in rows]
    index = TitleIndex(keys, SAME_STORY)
    for n, key in enumerate(keys):
        index.add(key, n)
    links = [{canonical(s.url) for s in r.sources if s.url} - {""} for r in rows]
    by_link: dict[str, list[int]] = {}
    for n, found in enumerate(links):
        for link in found:
            by_link.setdefault(link, []).append(n)
    related = {}
    for n, row in enumerate(rows):
        if not row.tag:
            others = dict.fromkeys([m for link in links[n] for m in by_link[link]] + index.similar(keys[n]))
            related[row.line] = tuple(rows[m].line for m in others if m != n)[:RELATED]
    return related
