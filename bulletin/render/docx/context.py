"""What every part of the Word renderer needs: the document, pictures, bookmarks, the MỤC LỤC's page fields."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph

from ...model import Issue

BOOKMARK_MAX = 40
"""Word refuses bookmark names longer than 40 characters."""


def word_bookmark(anchor: str, number: int) -> str:
    """A valid Word bookmark name for element id ``anchor``: starts with a letter, then ASCII
    letters, digits and ``_``, at most 40 characters; ``number`` keeps truncated names unique.
    A section (``item--section``) is named after its own heading, not its item's."""
    tail = re.sub(r"[^A-Za-z0-9]+", "_", anchor.split("--")[-1]).strip("_")
    return f"m{number:03d}_{tail}"[:BOOKMARK_MAX].rstrip("_")


@dataclass(frozen=True, slots=True)
class Bookmarks:
    """Bookmark name and id for each heading the MỤC LỤC can point to."""

    names: Mapping[str, str]
    """Element id (part, item or section anchor) -> Word bookmark name."""
    numbers: Mapping[str, int]
    """Element id -> the ``w:id`` of its bookmark."""

    @classmethod
    def for_issue(cls, issue: Issue) -> Bookmarks:
        """Bookmarks for every part with items, every published item and every ``###`` section."""
        anchors: list[str] = []
        for part in issue.parts:
            if part.items:
                anchors.append(part.anchor)
            for item in part.items:
                anchors.append(item.anchor)
                anchors.extend(section.anchor for section in item.sections)
        numbers = {anchor: n for n, anchor in enumerate(dict.fromkeys(anchors), 1)}
        return cls({a: word_bookmark(a, n) for a, n in numbers.items()}, numbers)


@dataclass(frozen=True, slots=True)
class Context:
    """The document being written and the read-only inputs of the renderer."""

    doc: DocumentObject
    """The python-docx document (mutable with :attr:`pagerefs`: it is being written)."""
    images: Mapping[str, Path]
    """Image reference as written in the issue -> prepared print-size file."""
    marks: Bookmarks
    """Bookmarks of the headings."""
    style_ids: Mapping[str, str]
    """Style name -> ``w:styleId``: python-docx's lookup by name scans every style each time."""
    pagerefs: list[tuple[str, BaseOxmlElement]] = field(default_factory=list)
    """(element id, MỤC LỤC hyperlink holding a PAGEREF to it), in document order: the page numbers
    are written once the PDF's page map is known."""

    def paragraph(self, style: str = "Normal", text: str = "") -> Paragraph:
        """A new paragraph at the end of the body in ``style`` (a style name).

        Inserted before the body's closing ``w:sectPr`` directly: python-docx's ``add_paragraph``
        looks for it from the first paragraph each time, which makes a long issue quadratic."""
        body = self.doc.element.body
        p = OxmlElement("w:p")
        try:
            last = body[-1]  # lxml: O(1) from the end; len(body) would count every child
        except IndexError:
            last = None
        if last is not None and last.tag == qn("w:sectPr"):
            last.addprevious(p)
        else:
            body.append(p)
        para = Paragraph(p, self.doc._body)
        if text:
            para.add_run(text)
        if style != "Normal":
            para._p.style = self.style_ids[style]
        return para
