"""Issue -> DOCX with python-docx, from the model (not from the HTML).

Layout: the cover in its own section without header or footer; then a section with the running
header (bulletin name and number) and a PAGE footer holding the MỤC LỤC (real TOC-styled
paragraphs, each a hyperlink to a bookmark with a PAGEREF whose cached result is the PDF's page)
and the parts (Heading 1) with their items (Heading 2).
"""
from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, fields, is_dataclass, replace
from datetime import datetime, time, timezone
from pathlib import Path
from typing import Any

from docx.document import Document as DocumentObject
from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from ...atomic import atomic_path
from ...model import Issue, Item, Publication
from ...text import TZ, clean
from .context import Bookmarks, Context
from .layout import write_cover, write_parts, write_running, write_toc
from .ooxml import set_field_result, set_lang
from .styles import LANG, new_document

log = logging.getLogger(__name__)

_NOT_RENDERED = frozenset({"source"})
"""Model fields the Word edition never prints (the issue file's full text), left untouched."""


@dataclass(frozen=True, slots=True)
class WordEdition:
    """The Word edition written in memory, all but the MỤC LỤC's page numbers."""

    doc: DocumentObject
    """The python-docx document."""
    pagerefs: tuple[tuple[str, BaseOxmlElement], ...]
    """(element id, MỤC LỤC hyperlink holding a PAGEREF to it), in document order."""

    def save(self, target: Path, pdf_pages: Mapping[str, int]) -> None:
        """Show each PAGEREF's page in the PDF (``pdf_pages``: element id -> page; may be empty),
        mark every run Vietnamese and write the file atomically."""
        for anchor, link in self.pagerefs:
            if page := pdf_pages.get(anchor):
                set_field_result(link, str(page))
        doc = self.doc
        for story in (doc.element.body, doc.sections[-1].header._element, doc.sections[-1].footer._element):
            for run in story.iter(qn("w:r")):
                set_lang(run.get_or_add_rPr(), LANG)
        with atomic_path(target) as tmp:
            doc.save(str(tmp))


def word_edition(issue: Issue, images: Mapping[str, Path]) -> WordEdition:
    """The Word edition of ``issue``, in memory, waiting for the PDF's page numbers.

    ``images`` maps image references to print-size files (EXIF orientation already applied).
    """
    issue = xml_safe(issue)
    doc = new_document(issue.publication.docx_font)
    ctx = Context(doc, images, Bookmarks.for_issue(issue), {s.name: s.style_id for s in doc.styles})
    write_cover(ctx, issue)
    write_running(doc.add_section(WD_SECTION.NEW_PAGE), issue)
    write_toc(ctx, issue)
    write_parts(ctx, issue)
    _properties(doc, issue)
    log.debug("DOCX: %d đoạn, %d ảnh, %d dấu trang", len(doc.paragraphs), len(doc.inline_shapes), len(ctx.marks.names))
    return WordEdition(doc, tuple(ctx.pagerefs))


def _properties(doc: DocumentObject, issue: Issue) -> None:
    """The file's properties (File > Info in Word), as the PDF's metadata has them; python-docx's
    template would otherwise say "python-docx", 2013."""
    props, now = doc.core_properties, datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    props.title, props.subject, props.comments = issue.name, issue.theme, issue.description
    props.author = props.last_modified_by = issue.publication.department
    props.keywords, props.language = "; ".join(issue.keywords), LANG
    props.created = datetime.combine(issue.week_end, time(), TZ).astimezone(timezone.utc).replace(tzinfo=None)
    props.modified, props.revision = now, 1


def render_docx(issue: Issue, images: Mapping[str, Path], target: Path, pdf_pages: Mapping[str, int]) -> None:
    """Write the Word edition of ``issue`` to ``target``; ``pdf_pages`` maps element ids to their
    page in the PDF edition (may be empty)."""
    word_edition(issue, images).save(target, pdf_pages)


def xml_safe(issue: Issue) -> Issue:
    """The issue with every character XML cannot hold removed, warning once per item about it.

    The reader already strips them from issue files; this keeps the Word edition safe for any
    model (e.g. one built from feed text) instead of letting python-docx crash.
    """
    removed: dict[str, list[str]] = {}

    def walk(value: Any, where: str) -> Any:
        if isinstance(value, str):
            cleaned, bad = clean(value)
            if bad:
                removed.setdefault(where, []).extend(bad)
            return cleaned
        if isinstance(value, Item):
            where = f'tin "{clean(value.title)[0]}" (dòng {value.line})'
        if isinstance(value, tuple):
            return tuple(walk(v, where) for v in value)
        if isinstance(value, Publication):
            where = "cấu hình publication"
        if is_dataclass(value) and not isinstance(value, type):
            return replace(value, **{f.name: walk(getattr(value, f.name), where)
                                     for f in fields(value) if f.name not in _NOT_RENDERED})
        return value

    result = walk(issue, "phần đầu của số bản tin")
    for where, chars in removed.items():
        log.warning("%s: đã bỏ ký tự điều khiển %s mà tệp Word không chứa được", where, ", ".join(dict.fromkeys(chars)))
    return result
