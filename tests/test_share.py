"""The share card (1200×630 PNG, the issue page's og:image) and the ready-to-paste post.

What the card says is checked from its PNG text metadata and from the drawing's inputs, never by
OCR; that every letter has a glyph is checked against the font's character map."""
from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from bulletin.config import load_settings
from bulletin.fonts import faces
from bulletin.markdown import plain
from bulletin.reader import read_issue
from bulletin.share import share_card, share_post

from .helpers import FIXTURES, ROOT, make_photo, read_tsv

ROWS = read_tsv(FIXTURES / "share" / "cards.tsv", columns=4)


def _issue(where: str, settings, tmp_path: Path | None = None):
    if where.startswith("issues/"):
        return read_issue(ROOT / where, settings.publication)
    assert tmp_path is not None
    shutil.copy(FIXTURES / where, tmp_path / "17.md")
    make_photo(tmp_path / "17" / "du-lieu.jpg", size=(160, 90))
    return read_issue(tmp_path / "17.md", settings.publication)


@pytest.fixture(scope="module")
def settings():
    return load_settings(ROOT / "sources.yaml")


@pytest.mark.parametrize("where, number, week, theme", ROWS)
def test_card_is_1200_by_630_and_says_number_week_and_theme(settings, tmp_path, where, number, week, theme):
    issue = _issue(where, settings, tmp_path)
    card = share_card(issue)
    with Image.open(io.BytesIO(card.png)) as picture:
        assert picture.format == "PNG" and picture.size == (1200, 630)
        meta = picture.text
    assert (card.number, card.week, " ".join(card.theme)) == (number, week, theme.upper())
    assert meta["Number"] == number.removeprefix("SỐ ") and meta["Theme"] == theme
    assert meta["Masthead"] == "ĐIỂM TIN KHOA HỌC CÔNG NGHỆ" and meta["Week"] == week.removeprefix("TUẦN TỪ ")
    drawn = set(card.masthead + card.number + card.week + "".join(card.theme)) - {" "}
    for face in {f.path for f in faces() if f.style == "normal"}:
        cmap = TTFont(face).getBestCmap()
        assert [ch for ch in drawn if ord(ch) not in cmap] == [], face.name
    assert share_card(issue).png == card.png  # the same issue always gives the same picture


@pytest.mark.expect_log_warnings  # the editor is told the theme was cut
def test_a_theme_too_long_for_the_card_is_cut_visibly_and_reported(settings, caplog):
    from dataclasses import replace

    issue = replace(_issue("issues/2026/16.md", settings), theme="Chuyển đổi số toàn diện " * 20)
    card = share_card(issue)
    assert len(card.theme) == 5 and card.theme[-1].endswith("…")
    assert "quá dài" in caplog.text


def test_post_has_theme_five_headlines_across_parts_and_the_link(settings):
    issue = _issue("issues/2026/16.md", settings)
    post = share_post(issue, "https://sokhcn.haiphong.gov.vn/diem-tin/2026/16/")
    assert issue.theme in post and "https://sokhcn.haiphong.gov.vn/diem-tin/2026/16/" in post
    headlines = [line.removeprefix("▪ ") for line in post.splitlines() if line.startswith("▪ ")]
    assert len(headlines) == 5
    part_of = {plain(item.title): part.tag for part in issue.parts for item in part.items}
    parts = [part_of[h] for h in headlines]
    assert "trend" not in parts
    assert set(parts) == {p.tag for p in issue.parts if p.items and p.tag != "trend"}
