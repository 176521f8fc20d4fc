"""The draft of Phần 1 as Markdown, in the structure of the real bulletin (seed ``003_…``):
an intro, ``### 1. …`` for the national part and ``### 2. …`` for the local part, each a series
of bold-lead theme paragraphs, and an italic closing paragraph for the editor to write.

Only the theme paragraphs quote the items; the intro and the closing are the tool's own words,
and say so plainly. Every quoted sentence is escaped so it renders as exactly its text.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..collect.clean import md_text
from ..items import DRAFT_MARKER as MARKER
from ..text import day_label
from .subjects import Change, figure
from .themes import Theme

DIGEST_NOTE = "<!-- bulletin: xu-huong={digest} -->"
"""Records what the tool wrote, so a later run can tell an untouched draft from an edited one."""
DIGEST_RE = re.compile(r"^<!-- bulletin: xu-huong=([0-9a-f]{16}) -->\n?", re.M)


@dataclass(frozen=True, slots=True)
class PartDraft:
    """One part's section of the draft."""

    heading: str
    """``Xu hướng chung của cả nước`` or ``Điểm sáng tại Hải Phòng``."""
    title: str
    """The part's title in the bulletin, e.g. "Tin trong nước"."""
    count: int
    """How many of the week's items the part has."""
    themes: tuple[Theme, ...]
    """Its themes, largest first."""


def title(start: date, end: date) -> str:
    """``Tổng kết xu hướng khoa học, công nghệ tuần từ 04/5 đến 10/5/2026``."""
    return f"Tổng kết xu hướng khoa học, công nghệ tuần từ {day_label(start)} đến {day_label(end)}/{end.year}"


def intro(week: tuple[date, date], parts: Sequence[PartDraft], up: Sequence[Change], down: Sequence[Change]) -> str:
    """The draft intro: the week and its items per part, each part's themes, then the subjects that
    rose and faded against the previous issues."""
    start, end = week
    counted = [f"{p.count} tin phần “{p.title}”" for p in parts]
    counts = ", ".join(counted[:-1]) + f" và {counted[-1]}" if len(counted) > 1 else "".join(counted)
    sentences = [f"Tuần từ {day_label(start)} đến {day_label(end)}/{end.year}, bản tin có {counts}."]
    for part in parts:
        if part.themes:
            names = [t.phrase for t in part.themes]
            listed = ", ".join(names[:-1]) + f" và {names[-1]}" if len(names) > 1 else names[0]
            sentences.append(f"{part.title}: các chủ đề chính là {listed}.")
    if up:
        sentences.append(f"Chủ đề tăng so với các số trước: {'; '.join(figure(c) for c in up)}.")
    if down:
        sentences.append(f"Chủ đề giảm: {'; '.join(figure(c) for c in down)}.")
    return md_text(" ".join(sentences))


CLOSING = ("*(Đoạn kết do biên tập viên viết: điểm nổi bật nhất của tuần và điều cần theo dõi trong "
           "tuần tới.)*")
"""The placeholder closing paragraph, italic like the real one."""


def theme_paragraph(theme: Theme) -> str:
    """``**Công nghệ chiến lược:** sentence (27/4). sentence (28/4).``"""
    return f"**{md_text(theme.lead)}:** " + " ".join(md_text(line.dated) for line in theme.lines)


def body(week: tuple[date, date], parts: Sequence[PartDraft], up: Sequence[Change], down: Sequence[Change]) -> str:
    """The draft item without its digest note (what the digest covers), ending with a newline."""
    blocks = [f"## {md_text(title(*week))}\n{MARKER}\n- tag:", intro(week, parts, up, down)]
    for number, part in enumerate(parts, 1):
        blocks.append(f"### {number}. {md_text(part.heading)}")
        blocks += [theme_paragraph(t) for t in part.themes] or ["*(Tuần này phần này chưa có tin.)*"]
    blocks.append(CLOSING)
    return "\n\n".join(blocks) + "\n"


def digest(text: str) -> str:
    """Digest of a draft's text, its digest note left out and line endings ignored."""
    normal = DIGEST_RE.sub("", text.replace("\r\n", "\n"))
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


def with_digest(text: str) -> str:
    """The draft with its digest note under the marker."""
    note = DIGEST_NOTE.format(digest=digest(text))
    return text.replace(f"{MARKER}\n", f"{MARKER}\n{note}\n", 1)
