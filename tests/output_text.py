"""What an editor or a reader sees of a build, as comparable text (not bytes).

``python -m tests.output_text BUILD_DIR`` prints, for every edition folder and the archive under
``BUILD_DIR`` (``build/``):

- PDF: the metadata an archive shows, the bookmarks with their pages, and every page's text as
  ``pdftotext -layout`` extracts it;
- DOCX: every paragraph with its style (body, tables, header and footer);
- HTML (editions and archive pages): headings as ``h2: …`` and the visible text;
- the archive's file list, feed entries, sitemap and search index.

Values that change with the clock (build and modification times) are left out. Two dumps made
before and after a refactoring must be identical when no editor-visible output changed:

    python -m tests.output_text before/build > before.txt
    python -m tests.output_text after/build > after.txt && diff before.txt after.txt
"""
from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import docx
from pypdf import PdfReader

_ATOM = "{http://www.w3.org/2005/Atom}"
_SKIPPED_TEXT = {"script", "style", "head"}


class _Text(HTMLParser):
    """Headings as ``hN: text``, other visible text as ``text``, one line per block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._open: list[str] = []
        self._line = ""

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "meta", "link", "input", "source", "hr"):
            alt = dict(attrs).get("alt")
            if tag == "img" and alt:
                self._line += f" [img: {alt}]"
            return
        self._flush()
        self._open.append(tag)

    def handle_endtag(self, tag):
        self._flush()
        while self._open and self._open.pop() != tag:
            pass

    def handle_data(self, data):
        if not any(t in _SKIPPED_TEXT for t in self._open):
            self._line += data

    def _flush(self) -> None:
        text = " ".join(self._line.split())
        if text:
            heading = next((t for t in reversed(self._open) if re.fullmatch(r"h[1-6]|title", t)), "")
            self.lines.append(f"{heading}: {text}" if heading else text)
        self._line = ""


def html_text(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return parser.lines


def pdf_text(pdf: Path) -> Iterator[str]:
    reader = PdfReader(pdf)
    info = reader.metadata or {}
    for key in ("/Title", "/Author", "/Subject", "/Keywords", "/Creator"):
        yield f"meta {key}: {info.get(key, '')}"
    yield f"attachments: {sorted(reader.attachments)}"

    def walk(entries, depth: int) -> Iterator[str]:
        for entry in entries:
            if isinstance(entry, list):
                yield from walk(entry, depth + 1)
            else:
                yield "  " * depth + f"bookmark: {entry.title} -> p.{reader.get_destination_page_number(entry) + 1}"

    yield from walk(reader.outline, 0)
    pages = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout.split("\f")[:-1]
    for n, page in enumerate(pages, 1):
        yield f"--- page {n}"
        yield from (line.rstrip() for line in page.splitlines() if line.strip())


def docx_text(path: Path) -> Iterator[str]:
    document = docx.Document(str(path))
    for section in document.sections:
        yield from (f"header: {p.text}" for p in section.header.paragraphs if p.text.strip())
        yield from (f"footer: {p.text}" for p in section.footer.paragraphs if p.text.strip())
    body = document.element.body
    for block in body.iterchildren():
        if block.tag.endswith("}p"):
            para = docx.text.paragraph.Paragraph(block, document)
            yield f"{para.style.name}: {para.text}"
        elif block.tag.endswith("}tbl"):
            table = docx.table.Table(block, document)
            yield from ("table: " + " | ".join(c.text for c in row.cells) for row in table.rows)
    yield f"pictures: {len(document.inline_shapes)}"


def feed_text(path: Path) -> Iterator[str]:
    root = ET.parse(path).getroot()
    yield f"feed: {root.findtext(_ATOM + 'title')} id={root.findtext(_ATOM + 'id')}"
    for entry in root.iter(_ATOM + "entry"):
        link = entry.find(_ATOM + "link")
        yield (f"entry: {entry.findtext(_ATOM + 'title')} | {entry.findtext(_ATOM + 'id')} | "
               f"{link.get('href') if link is not None else ''} | published={entry.findtext(_ATOM + 'published')}")
        yield f"  summary: {entry.findtext(_ATOM + 'summary')}"


def dump(build: Path) -> Iterator[str]:
    for path in sorted(p for p in build.rglob("*") if p.is_file() and not _hidden(p.relative_to(build))):
        relative = path.relative_to(build).as_posix()
        yield f"== file {relative}"
        if path.suffix == ".pdf":
            yield f"== PDF {relative}"
            yield from pdf_text(path)
        elif path.suffix == ".docx":
            yield f"== DOCX {relative}"
            yield from docx_text(path)
        elif path.suffix == ".html":
            yield f"== HTML {relative}"
            yield from html_text(path.read_text(encoding="utf-8"))
        elif path.name == "feed.xml":
            yield from feed_text(path)
        elif path.name in ("sitemap.xml", "search-index.js"):
            yield from path.read_text(encoding="utf-8").splitlines()


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def main(argv: list[str]) -> int:
    for line in dump(Path(argv[0])):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
