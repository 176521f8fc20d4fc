"""Before rendering, characters the print fonts cannot show are reported with file:line."""
from __future__ import annotations

import html
import re

import pytest

from bulletin.cli import main
from bulletin.config import load_settings
from bulletin.editions import print_html
from bulletin.fonts import print_faces
from bulletin.glyphs import missing_glyphs, missing_in_settings, uncovered
from bulletin.reader import read_issue
from bulletin.render.html import TEMPLATES

from .helpers import FIXTURES, read_tsv, scratch_project


def _lines(name: str) -> list[str]:
    text = (FIXTURES / "pdf" / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("letters", _lines("vietnamese.txt"))
def test_every_vietnamese_letter_and_news_punctuation_is_covered(letters):
    assert uncovered(letters, print_faces()) == {}


@pytest.mark.parametrize("char,families", read_tsv(FIXTURES / "pdf" / "missing_glyphs.tsv", columns=2))
def test_characters_outside_the_fonts_are_found_with_the_families_lacking_them(char, families):
    assert uncovered(f"Tin có ký tự {char} ở giữa", print_faces()) == {char: tuple(families.split(", "))}


def test_print_template_and_stylesheet_texts_are_covered(settings):
    issue = read_issue(FIXTURES / "issues" / "basic.md", settings.publication)
    words = html.unescape(re.sub(r"<[^>]*>", " ", print_html(issue, {})))
    css = " ".join(re.findall(r'content:\s*"([^"]*)"', (TEMPLATES / "print.css").read_text(encoding="utf-8")))
    assert "Mục lục" in words and "Chi tiết:" in words
    assert uncovered(words + css + "P. 0123456789 · …", print_faces()) == {}


ISSUE = """---
số: 16
năm: 2026
tuần: 27/4/2026 - 03/5/2026
chủ đề: Xã hội số № 1
---

## Bộ KH&CN đề xuất 30 sản phẩm công nghệ chiến lược
- tag: national
- ngày: 27/4
- nguồn: [Báo QĐND](https://www.qdnd.vn/a)

Danh mục chia thành hai nhóm.

Nhóm thứ nhất ★ thúc đẩy kinh tế hiện hữu → tăng trưởng.

## Một tin ứng viên
- tag:
- ngày: 28/4
- nguồn: [Báo Hải Phòng](https://baohaiphong.vn/x)

Ký tự 🙂 ở tin chưa chọn không được in nên không cần báo.
"""


def test_missing_glyphs_name_the_printed_lines_only(tmp_path, settings):
    issue = read_issue(scratch_project(tmp_path, ISSUE), settings.publication)
    problems = missing_glyphs(issue)
    assert [p.line for p in problems] == [5, 15]
    assert '"№" (U+2116, thiếu trong Be Vietnam Pro)' in problems[0].message
    assert '"★" (U+2605, thiếu trong Be Vietnam Pro và IBM Plex Serif)' in problems[1].message
    assert '"→" (U+2192' in problems[1].message
    assert all("🙂" not in p.message for p in problems)


def test_settings_texts_are_checked_too(tmp_path):
    text = (FIXTURES.parent.parent / "sources.yaml").read_text(encoding="utf-8")
    (tmp_path / "sources.yaml").write_text(text.replace("department: Trung tâm", "department: ★ Trung tâm"), encoding="utf-8")
    settings = load_settings(tmp_path / "sources.yaml")
    [problem] = missing_in_settings(settings.publication, settings.path)
    assert problem.path == settings.path and '"★"' in problem.message


@pytest.mark.expect_log_warnings
def test_build_warns_with_file_and_line_and_still_writes_the_pdf(tmp_path, monkeypatch, caplog):
    scratch_project(tmp_path, ISSUE)
    monkeypatch.chdir(tmp_path)
    assert main(["issue", "16"]) == 0
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING" and r.name.startswith("bulletin")]
    assert any(w.startswith("issues/2026/16.md:15: ") and "★" in w for w in warnings), warnings
    assert any(w.startswith("issues/2026/16.md:5: ") and "№" in w for w in warnings), warnings
    assert (tmp_path / "build" / "2026-16" / "diem-tin-2026-16.pdf").stat().st_size > 10_000
