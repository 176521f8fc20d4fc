"""Helpers of the Word-edition tests: build the fixture issue, read a DOCX back, run LibreOffice."""
from __future__ import annotations

import logging
import re
import shutil
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.oxml.ns import qn

from bulletin.build import Editions, build_issue
from bulletin.config import load_settings
from bulletin.model import Issue
from bulletin.reader import read_issue

from .helpers import FIXTURES, make_photo, scratch_project

WORD_ISSUE = FIXTURES / "issues" / "word.md"
"""The fixture issue that uses every Markdown feature the Word edition renders."""


def build_word_issue(tmp: Path) -> tuple[Editions, Issue]:
    """Build the three editions of ``word.md`` (with real pictures) under ``tmp``."""
    path = scratch_project(tmp, WORD_ISSUE.read_text(encoding="utf-8"))
    make_photo(path.parent / "16" / "bia.jpg", size=(1600, 1000), color=(10, 60, 120))
    make_photo(path.parent / "16" / "tau.jpg", size=(3000, 2000))
    make_photo(path.parent / "16" / "doc.jpg", size=(1600, 1000), exif_orientation=6)
    settings = load_settings(tmp / "sources.yaml")
    expected = _ExpectedWarning('liên kết "javascript:alert(1)" không được in thành liên kết')
    logging.getLogger("bulletin.items").addFilter(expected)  # the fixture's unsafe link is reported: expected
    try:
        issue = read_issue(path, settings.publication)
        built = build_issue(settings, issue, tmp / "build"), issue
    finally:
        logging.getLogger("bulletin.items").removeFilter(expected)
    assert expected.seen, "word.md's javascript: link must be reported to the editor"
    return built


class _ExpectedWarning(logging.Filter):
    """Drops (and counts) the one warning a fixture is known to cause."""

    def __init__(self, text: str):
        super().__init__()
        self.text, self.seen = text, 0

    def filter(self, record: logging.LogRecord) -> bool:
        if self.text in record.getMessage():
            self.seen += 1
            return False
        return True


def normalise(text: str) -> str:
    """Heading text for comparing editions: the HTML's "Phần 1 X" is the Word edition's "Phần 1: X"."""
    return " ".join(text.replace(":", " ").split())


def headings(doc: DocumentObject) -> list[tuple[str, str]]:
    """(style name, text) of every Heading-styled paragraph, in order."""
    return [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]


class _HtmlHeadings(HTMLParser):
    """Text of the part titles (``h2.part-title``) and item titles (``h3.item-title``)."""

    WANTED = {("h2", "part-title"): "Heading 1", ("h3", "item-title"): "Heading 2"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self._open: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        level = self.WANTED.get((tag, dict(attrs).get("class")))
        if level:
            self._open = tag
            self.found.append((level, ""))

    def handle_endtag(self, tag):
        if tag == self._open:
            self._open = None

    def handle_data(self, data):
        if self._open:
            level, text = self.found[-1]
            self.found[-1] = (level, text + data)


def html_headings(html: str) -> list[tuple[str, str]]:
    """(Word style the heading maps to, normalised text) of the HTML edition's part and item titles."""
    return [(level, normalise(text)) for level, text in _HtmlHeadings(html).found]


@dataclass(frozen=True, slots=True)
class TocEntry:
    """One MỤC LỤC paragraph as read back from the DOCX."""

    style: str
    """Paragraph style name (``toc 1`` / ``toc 2``)."""
    text: str
    """Entry text before the tab."""
    anchor: str
    """Bookmark its hyperlink jumps to."""
    instruction: str
    """Field instruction inside the hyperlink."""
    cached: str
    """The field's cached result (the page number Word shows before updating)."""


def toc_entries(doc: DocumentObject) -> list[TocEntry]:
    """Every paragraph in a TOC style, with its hyperlink and PAGEREF field."""
    entries = []
    for p in doc.paragraphs:
        if not p.style.name.startswith("toc "):
            continue
        link = p.hyperlinks[0]
        xml = link._hyperlink
        instruction = "".join(t.text for t in xml.iter(qn("w:instrText"))).strip()
        texts = [r for r in xml.iter(qn("w:r"))]
        separate = next(n for n, r in enumerate(texts) if r.find(qn("w:fldChar")) is not None
                        and r.find(qn("w:fldChar")).get(qn("w:fldCharType")) == "separate")
        cached = "".join(t.text or "" for r in texts[separate + 1:] for t in r.iter(qn("w:t")))
        entries.append(TocEntry(p.style.name, link.text.split("\t")[0], link.fragment, instruction, cached))
    return entries


def bookmarks(doc: DocumentObject) -> dict[str, str]:
    """Bookmark name -> text of the paragraph it sits in, for every bookmark of the body."""
    found = {}
    for start in doc.element.body.iter(qn("w:bookmarkStart")):
        paragraph = start.getparent()
        found[start.get(qn("w:name"))] = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
    return found


WORD_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,39}$")
"""What Word accepts as a bookmark name."""


def convert_with_libreoffice(docx: Path, tmp: Path) -> Path:
    """Convert ``docx`` to PDF with LibreOffice headless (own profile in ``tmp``); return the PDF."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is required: tools/system-deps test (make test runs it) installs it"
    out = tmp / "lo-pdf"
    profile = (tmp / "lo-profile").resolve().as_uri()
    done = subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                           "--convert-to", "pdf", "--outdir", str(out), str(docx)],
                          capture_output=True, text=True, timeout=300)
    pdf = out / (docx.stem + ".pdf")
    assert done.returncode == 0 and pdf.is_file(), f"LibreOffice failed: {done.stdout}\n{done.stderr}"
    return pdf


TOC_LINE = re.compile(r"^(?P<title>.+?)\s*\.{3,}\s*P\.\s*(?P<page>\S*)\s*$")
"""A MỤC LỤC line in the text of a PDF: ``27/4: Title ....... P. 5``."""


def pdf_toc_lines(pages: list[str]) -> list[tuple[str, str]]:
    """(title, page text after "P.") of every MỤC LỤC line found in the PDF's page texts."""
    found = []
    for text in pages:
        for line in text.splitlines():
            m = TOC_LINE.match(line.strip())
            if m:
                found.append((m["title"].strip(), m["page"]))
    return found
