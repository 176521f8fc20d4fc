"""The side panel: what an editor needs at a glance while writing an issue.

- how many items each part holds, and the candidates still waiting;
- about how many pages the PDF will have (:func:`estimate_pages`: a model of ``print.css`` good to a
  page or two on the sample, computed in a millisecond instead of a layout's seconds);
- what to look at again: every warning ``make check`` gives (the automatic draft marker, a draft issue,
  characters the print fonts lack…),
  pictures too small to print well, and titles too long for one line of the MỤC LỤC.

A published item without a date or a source, or dated outside the week, is an error, not a warning: it
shows in the banner, as ``make check`` says it.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageFont

from ..errors import Problem
from ..fonts import faces
from ..markdown import plain
from ..model import Issue, Item
from ..text import day_label

PAGE_MM = 297 - 22 - 20
"""Height of a page's text area (A4 less the margins of ``print.css``)."""
LINE_MM = 10.5 * 1.45 * 25.4 / 72
"""One line of body text: 10.5 pt at line-height 1.45."""
CHARS_PER_LINE = 95
"""Characters of body text on one line of the 172 mm column (IBM Plex Serif, 10.5 pt)."""
ITEM_MM = 24.0
"""An item's heading, source line and the space between items."""
PICTURE_MM = 92.0
"""A figure: the picture (at most 85 mm high) and its caption."""
MIN_PICTURE_PX = 900
"""A picture narrower than this prints small or blurred in the 170 mm column (the print variant is 1339 px)."""
TOC_LINE_MM = 172 - 16
"""The column less the dot leader and ``P. 24`` at the end of a MỤC LỤC line."""
TOC_PT = 9.0
"""Font size of the MỤC LỤC (``print.css``)."""


@dataclass(frozen=True, slots=True)
class PartCount:
    """One row of the counts."""

    label: str
    """``Phần 2: Tin trong nước``."""
    items: int
    """Items published in the part."""


@dataclass(frozen=True, slots=True)
class Panel:
    """What the side panel shows."""

    parts: tuple[PartCount, ...]
    """Every configured part, in order, with its count."""
    candidates: int
    """Items without a tag, waiting to be chosen."""
    pages: int
    """Estimated pages of the PDF."""
    warnings: tuple[Problem, ...]
    """What to look at again, in line order."""
    anchors: tuple[str, ...]
    """For each warning, the id of the printed item it falls in ('' when none): the panel links there."""


def panel(issue: Issue, warnings: tuple[Problem, ...], shown: Path) -> Panel:
    """The panel of ``issue``; ``warnings`` are those reading it gave, ``shown`` the file as messages name it."""
    found = sorted(list(warnings) + small_pictures(issue, shown) + long_titles(issue, shown), key=lambda p: p.line)
    return Panel(parts=tuple(PartCount(issue.part_label(p), len(p.items)) for p in issue.parts),
                 candidates=issue.candidates, pages=estimate_pages(issue), warnings=tuple(found),
                 anchors=tuple(_anchor(issue, problem.line) for problem in found))


def _anchor(issue: Issue, line: int) -> str:
    """The id of the printed item whose lines hold ``line``, or ''."""
    before = [item for item in sorted(issue.items, key=lambda i: i.line) if item.line <= line]
    return before[-1].anchor if line and before else ""


def estimate_pages(issue: Issue) -> int:
    """About how many pages the PDF will have: the cover, the MỤC LỤC, then each part from a new page."""
    entries = sum(len(i.sections) if p.role == "trend" else 1 for p in issue.parts for i in p.items)
    toc_mm = 30 + 12 * sum(1 for p in issue.parts if p.items) + 4.6 * entries
    parts = sum(math.ceil((15 + sum(_item_mm(i) for i in p.items)) / PAGE_MM) for p in issue.parts if p.items)
    return 1 + math.ceil(toc_mm / PAGE_MM) + parts


def _item_mm(item: Item) -> float:
    paragraphs = [p for p in f"{item.lead}\n\n{item.body}".split("\n\n") if p.strip() and not p.lstrip().startswith("![")]
    lines = sum(math.ceil(len(_MARKUP.sub("", " ".join(p.split()))) / CHARS_PER_LINE) for p in paragraphs)
    return ITEM_MM + lines * LINE_MM + len(paragraphs) * 2.4 + len(item.images) * PICTURE_MM


_MARKUP = re.compile(r"\]\([^)]*\)|[*_`#>\[]")
"""What a paragraph's Markdown has that is not printed: link targets and emphasis marks (close enough
for counting lines, and far cheaper than parsing)."""


def small_pictures(issue: Issue, shown: Path) -> list[Problem]:
    """A warning for each picture narrower than :data:`MIN_PICTURE_PX`."""
    found = []
    for image in issue.images:
        width = _width(image.path, image.path.stat().st_mtime_ns)
        if width < MIN_PICTURE_PX:
            found.append(Problem(shown, image.line, f'ảnh "{image.ref}" chỉ rộng {width} điểm ảnh: bản in sẽ nhỏ hoặc mờ; '
                                                    f"nên dùng ảnh rộng từ {MIN_PICTURE_PX} điểm ảnh trở lên"))
    return found


@lru_cache(maxsize=256)
def _width(path: Path, _mtime_ns: int) -> int:
    with PILImage.open(path) as picture:  # reads the header only
        return picture.width


def long_titles(issue: Issue, shown: Path) -> list[Problem]:
    """A warning for each item whose MỤC LỤC line (``27/4: Title``) does not fit on one line."""
    found = []
    for part in issue.parts:
        for item in part.items if part.role != "trend" else ():
            entry = f"{day_label(item.day)}: {plain(item.title)}" if item.day else plain(item.title)
            width = _toc_font().getlength(entry) * TOC_PT / 100 * 25.4 / 72
            if width > TOC_LINE_MM:
                lines = f"{width / TOC_LINE_MM:.1f}".replace(".", ",")
                found.append(Problem(shown, item.line, f"tiêu đề dài hơn một dòng MỤC LỤC (khoảng {lines} dòng); nên rút gọn"))
    return found


@lru_cache(maxsize=1)
def _toc_font() -> ImageFont.FreeTypeFont:
    """The MỤC LỤC's face (Be Vietnam Pro, regular) at 100 units, to measure titles."""
    regular = min(faces(), key=lambda f: (f.style != "normal", abs(f.weight - 400)))
    return ImageFont.truetype(str(regular.path), 100)
