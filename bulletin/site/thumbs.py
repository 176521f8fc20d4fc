"""Cover thumbnails for the archive's index, made with Pillow.

An issue with a cover picture gets that picture's ``thumb`` variant (:func:`bulletin.images.prepare`,
cached by content hash). An issue without one gets a small drawn cover card: the masthead, the
number and the theme, in the bulletin's colours and font.
"""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ..atomic import atomic_path
from ..fonts import faces
from ..images import VARIANTS, Prepared, prepare
from ..model import Issue

CARD_SIZE = (360, 480)
"""Width and height of a drawn card (portrait, like the printed cover)."""
_NAVY, _DEEP, _GOLD, _WHITE = (11, 79, 138), (6, 50, 90), (255, 211, 77), (255, 255, 255)
_CARD_VERSION = "1"


def thumbnail(issue: Issue, cache: Path) -> Prepared:
    """The issue's cover thumbnail (a file in ``cache``)."""
    if issue.cover:
        return prepare(issue.cover, "thumb", cache)
    return _card(issue, cache)


def favicon() -> bytes:
    """``favicon.ico``: a gold "Đ" on the bulletin's blue (16, 32 and 48 px)."""
    icon = Image.new("RGB", (48, 48), _NAVY)
    ImageDraw.Draw(icon).text((24, 25), "Đ", font=_font(800, 36), fill=_GOLD, anchor="mm")
    out = io.BytesIO()
    icon.save(out, "ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    return out.getvalue()


def _font(weight: int, size: int) -> ImageFont.FreeTypeFont:
    face = min(faces(), key=lambda f: (f.style != "normal", abs(f.weight - weight)))
    return ImageFont.truetype(str(face.path), size)


def _card(issue: Issue, cache: Path) -> Prepared:
    title = issue.publication.title
    key = hashlib.sha256(f"{_CARD_VERSION}\0{title}\0{issue.label}\0{issue.theme}".encode()).hexdigest()[:24]
    target = cache / f"{key}-card.jpg"
    if not target.exists():
        with atomic_path(target) as tmp:
            _draw_card(title, issue.label, issue.theme).save(tmp, "JPEG", quality=VARIANTS["thumb"][1], optimize=True)
    return Prepared(target, *CARD_SIZE)


def _draw_card(title: str, label: str, theme: str) -> Image.Image:
    width, height = CARD_SIZE
    card = Image.new("RGB", CARD_SIZE, _NAVY)
    draw = ImageDraw.Draw(card)
    for y in range(height):  # a vertical gradient, as on the web cover
        t = y / height
        draw.line([(0, y), (width, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(_NAVY, _DEEP)))
    words = title.upper().split()
    y = _centred(draw, " ".join(words[:2]), _font(800, 46), 48, _WHITE)
    y = _centred(draw, " ".join(words[2:]), _font(700, 22), y, _WHITE)
    y = _centred(draw, f"SỐ {label}", _font(800, 30), y + 30, _GOLD) + 20
    font = _font(700, 22)
    for line in _wrap(draw, theme.upper(), font, width - 48)[:6]:
        y = _centred(draw, line, font, y, _WHITE)
    return card


def _centred(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, y: float, fill) -> float:
    """Draw ``text`` centred with its ascender line at ``y``; return where the next line starts."""
    draw.text((CARD_SIZE[0] / 2, y), text, font=font, fill=fill, anchor="ma")
    return y + font.size * 1.3


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines
