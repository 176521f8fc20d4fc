"""The typed model every renderer consumes. Frozen, slotted, no I/O.

``read_issue`` builds an :class:`Issue` once; the HTML, PDF and DOCX renderers only read it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .text import number_joiner, week_label

TAGS = ("trend", "national", "spotlight", "local")
"""The tags of the shipped configuration (Hải Phòng). Another configuration may use any tags."""

LOGO_REF = "\0logo"
"""The reference of the logo among an issue's pictures (no issue file can write it)."""

ROLES = ("trend", "national", "local")
"""What a part may stand for beyond its title: ``trend`` is the summary (its items need no date or
source), ``national`` and ``local`` feed the trend draft and the collector's tag suggestion."""

KEYWORDS = ("khoa học công nghệ", "đổi mới sáng tạo", "chuyển đổi số")
"""Keywords every issue carries in its editions' properties; the province and the issue are added."""


@dataclass(frozen=True, slots=True)
class PartSpec:
    """One part of the bulletin as the publication settings define it."""

    tag: str
    """Which item tag feeds this part, e.g. ``national`` or ``chinh-sach``."""
    title: str
    """The part's title, e.g. "Tin trong nước" or "Tin Hải Phòng"."""
    role: str | None = None
    """One of :data:`ROLES`, or None for a part with no special role."""


@dataclass(frozen=True, slots=True)
class Labels:
    """The words and formats printed around the content; the defaults are the Hải Phòng bulletin's.

    Formats use ``str.format`` placeholders; which ones each allows is listed in ``config.PLACEHOLDERS``."""

    source: str = "Chi tiết:"
    """Printed before an item's sources."""
    part: str = "Phần {n}: {title}"
    """A part's heading in the MỤC LỤC, the outline and the Word edition."""
    number: str = "{number:02d}/{year}"
    """The issue's label: "16/2026"."""
    number_line: str = "Số {label}"
    """The cover line under the masthead ('' for none)."""
    week_line: str = "Tuần từ {week}"
    """The cover's week line."""
    toc_line: str = "{title} số {number} tuần từ {week}"
    """The line under the MỤC LỤC heading."""
    file_stem: str = "diem-tin-{year}-{number:02d}"
    """Base name of the edition files."""


@dataclass(frozen=True, slots=True)
class Masthead:
    """How the cover's masthead looks."""

    title_split: int = 2
    """How many words of the title go on the big first line (0: the whole title on one line)."""
    background: str = "#0b4f8a"
    """Masthead colour (CSS hex)."""
    background_end: str = "#06325a"
    """Second colour of the web edition's gradient."""
    accent: str = "#ffd34d"
    """Colour of the issue number on the cover."""


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
    labels: Labels = field(default_factory=Labels)
    """Printed words and formats."""
    masthead: Masthead = field(default_factory=Masthead)
    """Cover masthead look."""
    subscribe: str = ""
    """Where readers subscribe to the email edition (``https:`` or ``mailto:`` URL), or ''."""

    def part_with_role(self, role: str) -> PartSpec | None:
        """The part that plays ``role`` (one of :data:`ROLES`), or None when no part does."""
        return next((part for part in self.parts if part.role == role), None)

    @property
    def tags(self) -> tuple[str, ...]:
        """The configured tags, in part order."""
        return tuple(part.tag for part in self.parts)

    def role_of(self, tag: str) -> str | None:
        """The role of the part ``tag`` feeds, or None."""
        return next((part.role for part in self.parts if part.tag == tag), None)

    def title_lines(self) -> tuple[str, str]:
        """The masthead's big first line and the rest of the title."""
        words = self.title.split(" ")
        split = self.masthead.title_split or len(words)
        return " ".join(words[:split]), " ".join(words[split:])


@dataclass(frozen=True, slots=True)
class Source:
    """Where an item came from: "Chi tiết: <name>" links to ``url`` when there is one."""

    name: str
    """The outlet's display name, e.g. "Báo Chính phủ"."""
    url: str
    """Link to the original article (http or https), or '' for a source named without a link."""


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
    role: str | None
    """The part's role (:data:`ROLES`), or None."""
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
    draft: tuple[str, ...] = ()
    """Why the issue is a draft (Vietnamese, one reason each): the placeholder theme, no published
    item, or ``nháp: có``. Empty for an issue ready to publish; the archive leaves drafts out."""

    @property
    def slug(self) -> str:
        """Base name of the editions: ``diem-tin-2026-16`` by default."""
        return self.publication.labels.file_stem.format(number=self.number, year=self.year)

    @property
    def label(self) -> str:
        """"16/2026" by default."""
        return self.publication.labels.number.format(number=self.number, year=self.year)

    @property
    def name(self) -> str:
        """The bulletin's name and this issue's number: "Điểm tin khoa học công nghệ số 16/2026"
        (joined by :func:`~bulletin.text.number_joiner`)."""
        return f"{self.publication.title}{number_joiner(self.publication.title)}{self.label}"

    @property
    def keywords(self) -> tuple[str, ...]:
        """The keywords of the PDF and Word editions' properties: the shared ones, the province, the issue."""
        return (*KEYWORDS, self.publication.province, self.name)

    @property
    def description(self) -> str:
        """One-sentence summary for meta tags, feeds and the PDF's metadata."""
        counts = ", ".join(f"{part.title} ({len(part.items)} tin)" for part in self.parts
                           if part.items and part.role != "trend")
        return f"{self.name}, tuần từ {week_label(self.week_start, self.week_end)}: {self.theme}. {counts}."

    def line(self, fmt: str) -> str:
        """A cover or MỤC LỤC line of this issue: ``fmt`` with the issue's placeholders filled in.

        ``{title} số`` in a format is joined as :attr:`name` is, so no format doubles the word "số"."""
        fmt = fmt.replace("{title} số ", "{title}" + number_joiner(self.publication.title))
        return fmt.format(number=self.number, year=self.year, label=self.label, title=self.publication.title,
                          week=week_label(self.week_start, self.week_end), start=self.week_start,
                          end=self.week_end, province=self.publication.province)

    @property
    def number_line(self) -> str:
        """"Số 16/2026" on the cover (configurable)."""
        return self.line(self.publication.labels.number_line)

    @property
    def week_line(self) -> str:
        """"Tuần từ 27/4-03/5/2026" on the cover (configurable)."""
        return self.line(self.publication.labels.week_line)

    @property
    def toc_line(self) -> str:
        """The line under the MỤC LỤC heading (configurable)."""
        return self.line(self.publication.labels.toc_line)

    def part_label(self, part: Part) -> str:
        """"Phần 1: Tổng kết xu hướng" (configurable)."""
        return self.publication.labels.part.format(n=part.number, title=part.title)

    def part_prefix(self, part: Part) -> str:
        """What the part label prints before the title, without its colon: "Phần 1" (or '')."""
        fmt = self.publication.labels.part
        before = fmt.split("{title}", 1)[0] if "{title}" in fmt else ""
        return before.format(n=part.number).rstrip(" :–-")

    @property
    def items(self) -> tuple[Item, ...]:
        """Every published item, part by part."""
        return tuple(item for part in self.parts for item in part.items)

    @property
    def logo(self) -> Image | None:
        """The publication's logo as a picture of the editions, or None."""
        logo = self.publication.logo
        return Image(path=logo, ref=LOGO_REF, caption=self.publication.parent, credit="", line=0) if logo else None

    @property
    def images(self) -> tuple[Image, ...]:
        """Every image the editions need, cover (and logo) first."""
        cover = tuple(img for img in (self.cover, self.logo) if img)
        return cover + tuple(img for item in self.items for img in item.images)
