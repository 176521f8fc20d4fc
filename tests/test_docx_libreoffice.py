"""The Word edition opened by a real office suite: LibreOffice headless converts it to PDF.

LibreOffice computes PAGEREF fields itself, so the MỤC LỤC of its PDF must show real page
numbers, and each number must be the page where that heading really is. These tests run in CI
(``tools/system-deps test``, which ``make test`` runs, installs libreoffice-writer-nogui); they are not skipped.
"""
from __future__ import annotations

import shutil

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from bulletin.cli import main

from .docx_support import (bookmarks, build_word_issue, convert_with_libreoffice, headings, html_headings,
                           normalise, pdf_toc_lines, toc_entries)
from .helpers import ROOT, copy_sample_issues

pytestmark = pytest.mark.slow


def _printed_page(entry_text: str, toc_lines: list[tuple[str, str]]) -> str:
    """The page LibreOffice printed after the MỤC LỤC line of ``entry_text`` (a title may wrap,
    so the dotted line may hold only its end; part lines are shown in capitals)."""
    wanted = normalise(entry_text).upper()
    found = [page for title, page in toc_lines
             if len(normalise(title)) >= 4 and wanted.endswith(normalise(title).upper())]
    assert found, f"no MỤC LỤC line for {entry_text!r} in {toc_lines}"
    return found[0]


def _page_texts(pdf) -> list[str]:
    return [normalise(page.extract_text()).upper() for page in PdfReader(str(pdf)).pages]


@pytest.mark.expect_log_warnings  # word.md's javascript: link is reported to the editor
def test_libreoffice_pdf_shows_real_page_numbers_where_the_headings_are(tmp_path):
    editions, _ = build_word_issue(tmp_path)
    doc = docx.Document(str(editions.docx))
    pdf = convert_with_libreoffice(editions.docx, tmp_path)
    reader = PdfReader(str(pdf))
    texts = [page.extract_text() for page in reader.pages]
    toc_lines = pdf_toc_lines(texts[1:3])
    upper = [normalise(t).upper() for t in texts]
    for entry in toc_entries(doc):
        page = _printed_page(entry.text, toc_lines)
        assert page.isdigit() and 1 < int(page) <= len(texts), (entry.text, page)
        heading = " ".join(normalise(entry.text.split(": ", 1)[-1]).upper().split()[:4])
        assert heading in upper[int(page) - 1], (entry.text, page)
    assert "SỐ 16/2026" in upper[0] and "· SỐ 16/2026" not in upper[0], "the cover has no running header"
    assert "ĐIỂM TIN KHOA HỌC CÔNG NGHỆ · SỐ 16/2026" in upper[1]
    assert texts[2].strip().endswith("3"), "the footer's PAGE field numbers the pages"


@pytest.fixture
def sample_project(tmp_path, monkeypatch):
    """A copy of the shipped project (settings and the sample issue 16) as the working directory."""
    shutil.copy(ROOT / "sources.yaml", tmp_path / "sources.yaml")
    copy_sample_issues(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_make_issue_16_word_edition_acceptance(sample_project):
    """`make issue N=16`: the DOCX opens, mirrors the HTML's structure, links to its bookmarks,
    uses Times New Roman and vi-VN, and LibreOffice prints real MỤC LỤC page numbers."""
    assert main(["issue", "16"]) == 0
    folder = sample_project / "build" / "2026-16"
    doc = docx.Document(str(folder / "diem-tin-2026-16.docx"))
    found = [(style, normalise(text)) for style, text in headings(doc) if style in ("Heading 1", "Heading 2")]
    html = html_headings((folder / "diem-tin-2026-16.html").read_text(encoding="utf-8"))
    assert found == html and any(s == "Heading 2" for s, _ in found)
    entries = toc_entries(doc)
    marks = bookmarks(doc)
    assert entries and all(e.anchor in marks for e in entries)
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert all(r.find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:val")) == "vi-VN"
               for r in doc.element.body.iter(qn("w:r")))

    pdf = convert_with_libreoffice(folder / "diem-tin-2026-16.docx", sample_project)
    texts = [page.extract_text() for page in PdfReader(str(pdf)).pages]
    toc_lines = pdf_toc_lines(texts[1:4])
    items = [e for e in entries if e.style == "toc 2"]
    for entry in (items[0], items[-1]):
        page = _printed_page(entry.text, toc_lines)
        assert page.isdigit() and 1 < int(page) <= len(texts), (entry.text, page)
