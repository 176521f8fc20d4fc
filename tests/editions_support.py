"""Read the three editions back into a readable outline of their text and structure.

The snapshot lists what an editor would notice if it changed: the cover lines, the MỤC LỤC, the
headings, the source lines, the PDF outline and the Word edition's heading and TOC paragraphs.
Page numbers are left out (pictures and spacing may move them); the words and their order stay.
"""
from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

from docx import Document
from pypdf import PdfReader

from bulletin.build import Editions

_CLASSES = {"masthead", "number", "week", "toc-sub", "source", "parent", "department", "figures"}


class _Outline(HTMLParser):
    """Text of the headings, cover lines, MỤC LỤC entries and source lines of an HTML edition."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._stack: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "meta", "link"):
            return
        classes = set((dict(attrs).get("class") or "").split())
        keep = tag in ("title", "h1", "h2", "h3") or bool(classes & _CLASSES) or (tag == "a" and self._in("nav"))
        keep = keep and not any(k for _, k in self._stack)
        self._stack.append((tag, keep))
        if keep:
            self.lines.append(f"{tag}: ")

    def handle_endtag(self, tag):
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if any(k for _, k in self._stack):
            self.lines[-1] += data

    def _in(self, tag: str) -> bool:
        return any(t == tag for t, _ in self._stack)


def html_outline(html: str) -> list[str]:
    """``tag: text`` lines of the HTML edition's structural text, whitespace collapsed."""
    parser = _Outline()
    parser.feed(re.sub(r"<nav[^>]*>", "<nav>", html))
    return [" ".join(line.split()) for line in parser.lines]


def pdf_outline(pdf: Path) -> list[str]:
    """The bookmarks (indented by level), then the cover and MỤC LỤC text, then every source line."""
    reader = PdfReader(pdf)
    lines: list[str] = []

    def walk(entries, depth: int) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, depth + 1)
            else:
                lines.append("  " * depth + f"bookmark: {entry.title}")

    walk(reader.outline, 0)
    pages = pdf_pages(pdf)
    for n, text in enumerate(pages[:2]):
        lines += [f"page {n + 1}: {_no_page_numbers(line)}" for line in text.splitlines() if line.strip()]
    lines += [f"source: {line.strip()}" for text in pages for line in text.splitlines() if _is_source(line)]
    return lines


def pdf_pages(pdf: Path) -> list[str]:
    """Text of each page as ``pdftotext -layout`` extracts it (what a reader copies)."""
    done = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
                          capture_output=True, text=True, check=True)
    return done.stdout.split("\f")[:-1]


def _is_source(line: str) -> bool:
    return bool(re.match(r"\s*(Chi tiết|NGUỒN|Nguồn)\s*:", line))


def _no_page_numbers(line: str) -> str:
    return " ".join(re.sub(r"P\.\s*\d+", "P.", re.sub(r"\.{3,}", "…", line)).split())


def docx_outline(docx: Path) -> list[str]:
    """``style: text`` of the Word edition's cover, heading, TOC and source paragraphs, and its header."""
    doc = Document(str(docx))
    lines = [f"header: {doc.sections[-1].header.paragraphs[0].text}"]
    cover = True
    for para in doc.paragraphs:
        style = para.style.name
        cover = cover and not style.lower().startswith(("toc", "heading"))
        if para.text.strip() and (cover or style.startswith(("Heading", "toc", "TOC")) or _is_source(para.text)):
            lines.append(f"{style}: {_no_page_numbers(para.text)}")
    for table in doc.tables:
        lines += [f"table: {' | '.join(cell.text for cell in row.cells)}" for row in table.rows]
    return lines


def snapshot(editions: Editions) -> str:
    """The readable outline of all three editions, one section per edition."""
    html = editions.html.read_text(encoding="utf-8")
    sections = (("HTML", html_outline(html)), ("PDF", pdf_outline(editions.pdf)), ("DOCX", docx_outline(editions.docx)))
    return "\n".join(f"== {name}\n" + "\n".join(lines) for name, lines in sections) + "\n"


def full_text(editions: Editions) -> str:
    """Every word of the three editions, page by page for the PDF (page numbers, MỤC LỤC numbers
    and running headers included), paragraph by paragraph for the Word edition, line by line for
    the web edition: what must not change when only the way they are made changes."""
    sections = [f"== PDF page {n}\n" + "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())
                for n, text in enumerate(pdf_pages(editions.pdf), 1)]
    doc = Document(str(editions.docx))
    sections.append("== DOCX\n" + "\n".join(p.text for p in doc.paragraphs if p.text.strip()))
    body = re.sub(r"(?s)<(script|style)\b.*?</\1>", "", editions.html.read_text(encoding="utf-8"))
    text = re.sub(r"<[^>]+>", "\n", body)
    sections.append("== HTML\n" + "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip()))
    return "\n".join(sections) + "\n"
