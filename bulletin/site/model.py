"""What the archive knows about each published issue: enough to write every page without
reading the issue file again, and a JSON form so unchanged issues cost nothing on the next build."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class EditionFile:
    """One edition of an issue as the archive offers it."""

    kind: str
    """``HTML``, ``PDF`` or ``DOCX``."""
    href: str
    """Path relative to the site root, e.g. ``2026/16/diem-tin-2026-16.pdf``."""
    size: int
    """Size in bytes."""


@dataclass(frozen=True, slots=True)
class PartSummary:
    """One non-empty part of an issue, for the feed's summary."""

    title: str
    """Part title, e.g. "Tin trong nước"."""
    items: tuple[str, ...]
    """Plain-text titles of its items (trend: its section titles)."""
    count: int
    """How many news items the part has."""


@dataclass(frozen=True, slots=True)
class SearchEntry:
    """One item as the offline search sees it."""

    title: str
    """Plain-text title."""
    lead: str
    """Plain-text lead (sapo)."""
    anchor: str
    """Element id of the item in the issue's HTML edition."""


@dataclass(frozen=True, slots=True)
class ArchiveIssue:
    """One issue in the archive."""

    number: int
    """Issue number within its year."""
    year: int
    """Year of the number."""
    label: str
    """``16/2026``."""
    week: str
    """The cover's number and week lines: ``Số 16/2026 — Tuần từ 27/4-03/5/2026``."""
    theme: str
    """The cover headline, exactly as the editor wrote it (NFC)."""
    folder: str
    """The issue's folder relative to the site root, with a trailing slash: ``2026/16/``."""
    files: tuple[EditionFile, ...]
    """HTML, PDF and DOCX editions, in that order."""
    thumb: str
    """Cover thumbnail relative to the site root."""
    thumb_size: tuple[int, int]
    """Thumbnail width and height in pixels."""
    parts: tuple[PartSummary, ...]
    """Non-empty parts, in print order."""
    entries: tuple[SearchEntry, ...]
    """Every published item, for the search index."""
    published: str
    """ISO 8601 date-time of the week's last day (Asia/Ho_Chi_Minh)."""
    updated: str
    """ISO 8601 date-time when the editions were last (re)built."""

    @property
    def page(self) -> str:
        """The HTML edition relative to the site root (explicit ``index.html``: works from file://)."""
        return f"{self.folder}index.html"

    @property
    def key(self) -> tuple[int, int]:
        """Sort key: (year, number)."""
        return (self.year, self.number)


def to_json(issue: ArchiveIssue) -> dict[str, Any]:
    """A JSON-ready form of ``issue`` (for the build cache)."""
    return asdict(issue)


def from_json(data: dict[str, Any]) -> ArchiveIssue:
    """The inverse of :func:`to_json`; raises ``KeyError``/``TypeError`` on a foreign shape."""
    fields = dict(data)
    fields["files"] = tuple(EditionFile(**f) for f in data["files"])
    fields["parts"] = tuple(PartSummary(p["title"], tuple(p["items"]), p["count"]) for p in data["parts"])
    fields["entries"] = tuple(SearchEntry(**e) for e in data["entries"])
    fields["thumb_size"] = tuple(data["thumb_size"])
    return ArchiveIssue(**fields)
