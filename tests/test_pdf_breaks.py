"""Page breaks at the foot of a page: an item heading never sits there alone, and a picture
never leaves its caption behind.

A first render measures how many body lines fit on the part's first page; then the line count
is swept across that limit so that, in some render, the next heading (or figure) falls exactly
at the foot of the page. Each render is read back from the real PDF.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from bulletin.config import load_settings
from bulletin.editions import write_pdf
from bulletin.images import prepare
from bulletin.reader import read_issue

from .helpers import make_photo, scratch_project
from .pdf_support import drawn_images, pdftotext_pages, squash

HEAD = """---
số: 16
năm: 2026
tuần: 27/4/2026 - 03/5/2026
chủ đề: Xã hội số trong kỷ nguyên vươn mình của dân tộc
---

## Tin thứ nhất có phần thân dài
- tag: national
- ngày: 27/4
- nguồn: [Báo Chính phủ](https://baochinhphu.vn/tin-1.htm)

Tin thứ nhất mở đầu bằng một câu ngắn.

"""

SECOND = """

## Tin thứ hai rơi xuống cuối trang
- tag: national
- ngày: 28/4
- nguồn: [Báo Hải Phòng](https://baohaiphong.vn/tin-2.html)

Mở đầu của tin thứ hai phải nằm cùng trang với tiêu đề của nó, không bị tách rời.
"""

FIGURE = '\n\n![Chú thích của ảnh kiểm tra ngắt trang](16/anh.jpg "Ảnh: Ban biên tập")\n'

PART_PAGE = 3
"""Cover, MỤC LỤC, then the part (the issue has one part)."""


def body(lines: int) -> str:
    """A paragraph of exactly ``lines`` printed lines (Markdown hard breaks)."""
    return "  \n".join(f"Dòng thứ {n} của phần thân." for n in range(1, lines + 1))


def render(tmp: Path, lines: int, figure: bool) -> tuple[PdfReader, tuple[str, ...], dict[str, int]]:
    """Render the two-item issue; returns the PDF read back, its page texts, and the page of each
    item as the build reports it to the Word edition (first item's anchor, then the second's)."""
    folder = tmp / f"{lines}{'-anh' if figure else ''}"
    folder.mkdir()
    issue_path = scratch_project(folder, HEAD + body(lines) + (FIGURE if figure else "") + SECOND)
    if figure:
        make_photo(issue_path.parent / "16" / "anh.jpg", size=(1600, 1000))
    issue = read_issue(issue_path, load_settings(folder / "sources.yaml").publication)
    cache = folder / "cache"
    images = {img.ref: prepare(img, "print", cache) for img in issue.images}
    edition = write_pdf(issue, images, folder, roots=(issue_path.parent, cache))
    reported = {f"item {n}": edition.pages[item.anchor] for n, item in enumerate(issue.items, 1)}
    return PdfReader(edition.path), pdftotext_pages(edition.path), reported


@pytest.fixture(scope="module")
def capacity(tmp_path_factory) -> int:
    """How many body lines of the first item fit on the part's first page."""
    _, pages, _ = render(tmp_path_factory.mktemp("measure"), 90, figure=False)
    return max(int(n) for n in re.findall(r"Dòng thứ (\d+) ", pages[PART_PAGE - 1]))


def page_of(pages: tuple[str, ...], text: str) -> int:
    found = [n for n, page in enumerate(pages, 1) if squash(text) in squash(page)]
    assert len(found) == 1, (text, found)
    return found[0]


def test_an_item_heading_never_sits_alone_at_the_foot_of_a_page(capacity, tmp_path):
    heading = "28/4: TIN THỨ HAI RƠI XUỐNG CUỐI TRANG"
    outcomes = set()
    for lines in range(capacity - 6, capacity + 1):
        _, pages, reported = render(tmp_path, lines, figure=False)
        page = page_of(pages, heading)
        assert reported == {"item 1": PART_PAGE, "item 2": page}, "the page map the Word edition gets is wrong"
        assert page_of(pages, "Chi tiết: Báo Hải Phòng") == page, lines
        assert page_of(pages, "Mở đầu của tin thứ hai") == page, f"{lines} lines: the heading is alone at the foot"
        outcomes.add(page)
    assert outcomes == {PART_PAGE, PART_PAGE + 1}, "the sweep crossed the foot of the page"


def test_a_picture_and_its_caption_stay_on_one_page(capacity, tmp_path):
    caption = "Chú thích của ảnh kiểm tra ngắt trang Ảnh: Ban biên tập"
    outcomes = set()
    for lines in range(capacity - 36, capacity - 2, 3):  # near the foot, too little room even for a shrunk picture
        reader, pages, _ = render(tmp_path, lines, figure=True)
        page = page_of(pages, caption)
        assert drawn_images(reader, page - 1) == 1, f"{lines} lines: the caption left its picture behind"
        outcomes.add((page, f"Dòng thứ {lines} " in pages[page - 1]))
    assert (PART_PAGE, True) in outcomes and (PART_PAGE + 1, False) in outcomes, outcomes
