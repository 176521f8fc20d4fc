"""Sharing an issue: a 1200×630 share card (the issue page's ``og:image``) and a ready-to-paste
post for the department's Facebook or Zalo page (``chia-se.txt``).

The card is drawn with Pillow in the bulletin's sans face (shipped as a Python package, so every
Vietnamese letter has its glyph) and carries its text as PNG metadata: what it says can be read
back without OCR.
"""
from __future__ import annotations

import io
import logging
from functools import lru_cache
from dataclasses import dataclass
from itertools import chain, zip_longest

from PIL import Image, ImageColor, ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo

from .fonts import faces
from .links import CARD, POST
from .markdown import plain
from .model import Issue
from .text import day_label, week_label

log = logging.getLogger(__name__)

SIZE = (1200, 630)
"""Open Graph's recommended picture size (1.91:1)."""
HEADLINES = 5
"""How many headlines the post lists."""
_WHITE, _PALE = (255, 255, 255), (190, 210, 230)
_MARGIN = 96


@dataclass(frozen=True, slots=True)
class Card:
    """The share card's text, as drawn, and the PNG bytes."""

    masthead: str
    """The bulletin's name, upper case."""
    number: str
    """``SỐ 17/2026``."""
    week: str
    """``TUẦN TỪ 04/5-10/5/2026``."""
    theme: tuple[str, ...]
    """The theme as wrapped onto the card, line by line."""
    png: bytes
    """The picture."""


@lru_cache(maxsize=16)
def _font(weight: int, size: int) -> ImageFont.FreeTypeFont:
    face = min(faces(), key=lambda f: (f.style != "normal", abs(f.weight - weight)))
    return ImageFont.truetype(str(face.path), size)


def _background(masthead) -> Image.Image:
    """The masthead's two colours as a top-to-bottom gradient, as on the web edition's cover."""
    top, bottom = (ImageColor.getrgb(c) for c in (masthead.background, masthead.background_end))
    mask = Image.linear_gradient("L").resize(SIZE)
    return Image.composite(Image.new("RGB", SIZE, bottom), Image.new("RGB", SIZE, top), mask)


def _fit_line(draw: ImageDraw.ImageDraw, text: str, weight: int, size: int) -> ImageFont.FreeTypeFont:
    """The font of ``weight`` at ``size`` px, smaller when ``text`` would not fit on the card."""
    while size > 20 and draw.textlength(text, font=_font(weight, size)) > SIZE[0] - 2 * _MARGIN:
        size -= 4
    return _font(weight, size)


def _fit(draw: ImageDraw.ImageDraw, text: str, width: int) -> tuple[tuple[str, ...], ImageFont.FreeTypeFont]:
    """The largest theme font (52 px down to 28 px) that fits in three lines, or five lines at
    28 px; a theme longer still is cut with "…" and the editor is told. Words never split."""
    for size, most in [(size, 3) for size in range(52, 27, -4)] + [(28, 5)]:
        font = _font(700, size)
        lines = _wrap(draw, text, font, width)
        if len(lines) <= most:
            return tuple(lines), font
    log.warning("Chủ đề số này quá dài để in hết lên ảnh chia sẻ; ảnh chỉ có %d dòng đầu", most)
    return tuple(lines[:most - 1]) + (lines[most - 1] + " …",), font


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines = [""]
    for word in text.split():
        joined = f"{lines[-1]} {word}".strip()
        if draw.textlength(joined, font=font) <= width or not lines[-1]:
            lines[-1] = joined
        else:
            lines.append(word)
    return lines


def share_card(issue: Issue) -> Card:
    """Draw the issue's share card."""
    pub = issue.publication
    card = Card(masthead=pub.title.upper(), number=(issue.number_line or issue.label).upper(),
                week=issue.week_line.upper(), theme=(), png=b"")
    picture = _background(pub.masthead)
    draw = ImageDraw.Draw(picture)
    accent = ImageColor.getrgb(pub.masthead.accent)
    draw.rectangle((_MARGIN - 36, 64, _MARGIN - 26, 566), fill=accent)
    big, rest = (line.upper() for line in pub.title_lines())
    draw.text((_MARGIN, 56), big, font=_fit_line(draw, big, 800, 88), fill=_WHITE)
    draw.text((_MARGIN, 160), rest, font=_fit_line(draw, rest, 700, 38), fill=_WHITE)
    draw.text((_MARGIN, 236), card.number, font=_font(800, 44), fill=accent)
    number_width = draw.textlength(card.number, font=_font(800, 44))
    draw.text((_MARGIN + number_width + 28, 248), card.week, font=_font(600, 30), fill=_PALE)
    theme, font = _fit(draw, issue.theme.upper(), SIZE[0] - 2 * _MARGIN)
    for n, line in enumerate(theme):
        draw.text((_MARGIN, 322 + n * font.size * 1.25), line, font=font, fill=_WHITE)
    draw.text((_MARGIN, 540), f"{pub.parent} {pub.province}".upper(), font=_font(600, 24), fill=_PALE)
    out = io.BytesIO()
    picture.save(out, "PNG", optimize=True, pnginfo=_metadata(issue, card))
    return Card(card.masthead, card.number, card.week, theme, out.getvalue())


def _metadata(issue: Issue, card: Card) -> PngInfo:
    info = PngInfo()
    for key, value in (("Title", issue.name), ("Description", issue.theme),
                       ("Author", issue.publication.department), ("Masthead", card.masthead),
                       ("Number", issue.label), ("Week", week_label(issue.week_start, issue.week_end)),
                       ("Theme", issue.theme)):
        info.add_itxt(key, value, lang="vi")
    return info


def headlines(issue: Issue, count: int = HEADLINES) -> list[str]:
    """``count`` headlines taken in turn from each news part (not the trend summary), so that every
    part is represented before any part gives a second one."""
    pub = issue.publication
    parts = [part.items for part in issue.parts if part.items and pub.role_of(part.tag) != "trend"]
    turns = chain.from_iterable(zip_longest(*parts))
    return [plain(item.title) for item in turns if item is not None][:count]


def share_post(issue: Issue, page_url: str) -> str:
    """The ready-to-paste post: the theme, five headlines and the issue's link."""
    pub = issue.publication
    week = f"{day_label(issue.week_start)}–{day_label(issue.week_end)}/{issue.week_end.year}"
    lines = [f"{pub.title.upper()} SỐ {issue.label} (TUẦN {week})", "", f"Chủ đề: {issue.theme}", "",
             "Trong số này:"]
    lines += [f"▪ {title}" for title in headlines(issue)]
    if page_url:
        lines += ["", f"Đọc toàn bộ bản tin (web, PDF, Word): {page_url}"]
    lines += ["", f"{pub.department} – {pub.parent}"]
    return "\n".join(lines) + "\n"


def share_files(issue: Issue) -> dict[str, bytes]:
    """The files to write beside the editions: the card and the post."""
    base = issue.publication.base_url.rstrip("/")
    page = f"{base}/{issue.year}/{issue.number}/" if base else ""
    return {CARD: share_card(issue).png, POST: share_post(issue, page).encode("utf-8")}
