"""The typed model every renderer consumes. Frozen, slotted, no I/O.

``read_issue`` builds an :class:`Issue` once; the HTML, PDF and DOCX renderers only read it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

TAGS = ("trend", "national", "spotlight", "local")
"""The tags an editor may give an item. An item with no tag is a candidate."""


@dataclass(frozen=True, slots=True)
class PartSpec:
    """One part of the bulletin as the publication settings define it."""

    tag: str
    """Which item tag feeds this part (one of :data:`TAGS`)."""
    title: str
    """The part's title, e.g. "Tin trong nước" or "Tin Hải Phòng"."""


@dataclass(frozen=True, slots=True)
class Publication:
    """Who publishes the bulletin and how it looks: the settings' ``publication`` block."""

    title: str
    """The bulletin's name, e.g. "Điểm tin khoa học công nghệ"."""
    department: str
    """The unit that publishes it, e.g. "Trung tâm Công nghệ thông tin và Truyền thông Hải Phòng"."""
    parent: str
    """Its parent body, e.g. "Sở Khoa học và Công nghệ"."""
    province: str
    """The province or city, e.g. "Hải Phòng"; names the local part."""
    website: str
    """The department's website (http or https)."""
    social: str
    """The social page (Facebook) URL, or ''."""
    logo: Path | None
    """Absolute path of the logo image, or None."""
    parts: tuple[PartSpec, ...]
    """The parts in the order they are printed."""
    docx_font: str
    """Body font of the Word edition (Times New Roman by default)."""
    base_url: str
    """Public URL of the archive, e.g. "https://sokhcn.haiphong.gov.vn/diem-tin/", or ''."""


@dataclass(frozen=True, slots=True)
class Source:
    """Where an item came from: "Chi tiết: <name>" links to ``url``."""

    name: str
    """The outlet's display name, e.g. "Báo Chính phủ"."""
    url: str
    """Link to the original article (http or https)."""


@dataclass(frozen=True, slots=True)
class Image:
    """A picture in an item body or on the cover."""

    path: Path
    """Absolute path of the original file (inside the issue's year folder)."""
    ref: str
    """The path exactly as the editor wrote it in the Markdown."""
    caption: str
    """Caption (the Markdown image's alt text); also the ``alt`` of the web edition."""
    credit: str
    """Credit, e.g. "Ảnh: TTXVN" (the Markdown image's title), or ''."""
    line: int
    """Line in the issue file, for messages."""


@dataclass(frozen=True, slots=True)
class Section:
    """A numbered sub-heading of the trend summary ("1. Xu hướng chung của cả nước")."""

    title: str
    """Heading text as written, without the number."""
    anchor: str
    """Element id in the HTML and bookmark target in PDF/DOCX."""
    line: int
    """Line in the issue file."""


@dataclass(frozen=True, slots=True)
class Item:
    """One news item (or the trend summary) as the editor wrote it."""

    title: str
    """Title as written, NFC. Printed in capitals in the editions."""
    tag: str
    """One of :data:`TAGS`; '' for an untagged candidate."""
    day: date | None
    """The item's day inside the issue's week; None only for trend items."""
    sources: tuple[Source, ...]
    """"Chi tiết" links; empty only for trend items."""
    lead: str
    """The lead paragraph, Markdown."""
    body: str
    """Everything after the lead, Markdown (images included as Markdown images)."""
    images: tuple[Image, ...]
    """The images the lead and body use, in order."""
    sections: tuple[Section, ...]
    """The ``###`` sub-headings of the body (used by the trend summary's MỤC LỤC)."""
    anchor: str
    """Element id of the item's heading; unique within the issue."""
    line: int
    """Line of the item's ``##`` heading in the issue file."""


@dataclass(frozen=True, slots=True)
class Part:
    """One part of the issue with its published items."""

    number: int
    """1-based position: "Phần 1"."""
    tag: str
    """The tag that feeds it."""
    title: str
    """Title from the settings."""
    anchor: str
    """Element id of the part heading."""
    items: tuple[Item, ...]
    """Published items, by date then by order in the file."""


@dataclass(frozen=True, slots=True)
class Issue:
    """One numbered issue, checked and ready to render."""

    number: int
    """Issue number within the year: "Số 16"."""
    year: int
    """The year of the number: "16/2026"."""
    week_start: date
    """First day of the week covered."""
    week_end: date
    """Last day of the week covered."""
    theme: str
    """The cover headline."""
    cover: Image | None
    """Optional cover picture."""
    parts: tuple[Part, ...]
    """Parts in the settings' order (empty parts included, so numbering stays stable)."""
    candidates: int
    """How many untagged candidates the file still holds (not published)."""
    path: Path
    """The issue file."""
    source: str
    """The issue file's text, NFC; attached to the PDF."""
    publication: Publication
    """Publication settings the renderers need."""

    @property
    def slug(self) -> str:
        """Base name of the editions: ``diem-tin-2026-16``."""
        return f"diem-tin-{self.year}-{self.number:02d}"

    @property
    def label(self) -> str:
        """"16/2026"."""
        return f"{self.number:02d}/{self.year}" if self.number < 10 else f"{self.number}/{self.year}"

    @property
    def items(self) -> tuple[Item, ...]:
        """Every published item, part by part."""
        return tuple(item for part in self.parts for item in part.items)

    @property
    def images(self) -> tuple[Image, ...]:
        """Every image the editions need, cover first."""
        cover = (self.cover,) if self.cover else ()
        return cover + tuple(img for item in self.items for img in item.images)
