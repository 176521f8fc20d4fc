"""Markdown blocks of an item -> Word paragraphs, lists, tables and figures.

The tokens come from :func:`bulletin.markdown.tokens`, the same parse the HTML edition renders,
so raw HTML stays text and unsafe links stay text here too.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from docx.shared import Length, Mm
from docx.text.paragraph import Paragraph
from markdown_it.token import Token

from ...figures import read_figures
from ...items import heading_ids
from ...markdown import tokens
from ...model import Item
from .context import Context
from .figures import write_figures
from .inline import MONO, write_inline
from .ooxml import add_bookmark
from .styles import FIGURE, TEXT_WIDTH

log = logging.getLogger(__name__)

FIGURE_MAX_HEIGHT = Mm(120)
"""Tall pictures are narrowed so that one never takes more than this much of the page."""


def add_picture(paragraph: Paragraph, path: Path, width: Length, max_height: Length, description: str) -> None:
    """Put the picture at ``width`` (aspect kept), narrowed if it would be taller than ``max_height``."""
    shape = paragraph.add_run().add_picture(str(path), width=width)
    if shape.height > max_height:
        shape.width, shape.height = Length(shape.width * max_height // shape.height), max_height
    shape._inline.docPr.set("descr", description)


def write_figure(ctx: Context, item: Item, image: Token) -> None:
    """A picture sized to the text width, then its caption and, on a line of its own as in the PDF,
    its credit, in the Caption style."""
    ref, caption, credit = str(image.attrGet("src")), image.content.strip(), str(image.attrGet("title") or "").strip()
    path = ctx.images.get(ref)
    if path is None:
        log.warning('tin "%s" (dòng %d): không có ảnh "%s" đã chuẩn bị; bản Word chỉ in chú thích', item.title, item.line, ref)
    else:
        add_picture(ctx.paragraph(FIGURE), path, TEXT_WIDTH, FIGURE_MAX_HEIGHT, caption)
    if caption or credit:
        para = ctx.paragraph("Caption")
        para.add_run(caption)
        if credit:
            if caption:
                para.add_run().add_break()
            para.add_run(credit).italic = False


@dataclass(slots=True)
class _List:
    """One open Markdown list."""

    ordered: bool
    num_id: int | None = None


@dataclass(slots=True)
class _Walk:
    """One walk over the block tokens of an item's lead or body."""

    ctx: Context
    item: Item
    base: str
    lists: list[_List] = field(default_factory=list)
    quote: int = 0
    fresh_item: bool = False
    heading_id: Callable[[str], str] = field(default=lambda text: "")

    def run(self, toks: list[Token]) -> None:
        i = 0
        while i < len(toks):
            handler = getattr(self, f"_{toks[i].type}", None)
            i = handler(toks, i) if handler else i + 1

    def _style(self) -> str:
        if self.lists:
            level = min(len(self.lists), 3)
            suffix = f" {level}" if level > 1 else ""
            kind = ("List Number" if self.lists[-1].ordered else "List Bullet") if self.fresh_item else "List Continue"
            return kind + suffix
        return "Quote" if self.quote else self.base

    def _paragraph_open(self, toks: list[Token], i: int) -> int:
        inline = toks[i + 1]
        kids = [c for c in inline.children or [] if not (c.type in ("text", "softbreak") and not c.content.strip())]
        if len(kids) == 1 and kids[0].type == "image" and not self.lists:
            write_figure(self.ctx, self.item, kids[0])
            return i + 3
        para = self.ctx.paragraph(self._style())
        if self.fresh_item and self.lists and self.lists[-1].num_id is not None:
            _number(para, self.lists[-1].num_id)
        self.fresh_item = False
        for image in write_inline(para, inline.children):
            write_figure(self.ctx, self.item, image)
        return i + 3

    def _heading_open(self, toks: list[Token], i: int) -> int:
        level = int(toks[i].tag[1:])
        para = self.ctx.paragraph("Heading 3" if level <= 3 else "Heading 4")
        write_inline(para, toks[i + 1].children)
        anchor = self.heading_id(toks[i + 1].content) if level <= 3 else ""
        if anchor in self.ctx.marks.names:
            add_bookmark(para, self.ctx.marks.names[anchor], self.ctx.marks.numbers[anchor])
        return i + 3

    def _bullet_list_open(self, toks: list[Token], i: int) -> int:
        self.lists.append(_List(ordered=False))
        return i + 1

    def _ordered_list_open(self, toks: list[Token], i: int) -> int:
        level = min(len(self.lists) + 1, 3)
        style = "List Number" + (f" {level}" if level > 1 else "")
        start = int(toks[i].attrGet("start") or 1)
        self.lists.append(_List(ordered=True, num_id=_restart(self.ctx, style, start)))
        return i + 1

    def _bullet_list_close(self, toks: list[Token], i: int) -> int:
        self.lists.pop()
        return i + 1

    _ordered_list_close = _bullet_list_close

    def _list_item_open(self, toks: list[Token], i: int) -> int:
        self.fresh_item = True
        return i + 1

    def _blockquote_open(self, toks: list[Token], i: int) -> int:
        self.quote += 1
        return i + 1

    def _blockquote_close(self, toks: list[Token], i: int) -> int:
        self.quote -= 1
        return i + 1

    def _fence(self, toks: list[Token], i: int) -> int:
        para = self.ctx.paragraph(self._style())
        para.add_run(toks[i].content.rstrip("\n")).font.name = MONO
        return i + 1

    _code_block = _fence

    def _hr(self, toks: list[Token], i: int) -> int:
        self.ctx.paragraph(FIGURE, "* * *")
        return i + 1

    def _container_figures_open(self, toks: list[Token], i: int) -> int:
        figures, _, end = read_figures(toks, i)
        write_figures(self.ctx, figures)
        return end

    def _table_open(self, toks: list[Token], i: int) -> int:
        rows: list[list[Token]] = []
        head = 0
        while toks[i].type != "table_close":
            if toks[i].type == "tr_open":
                rows.append([])
            elif toks[i].type == "inline":
                rows[-1].append(toks[i])
            elif toks[i].type == "thead_close":
                head = len(rows)
            i += 1
        _table(self.ctx, rows, head)
        return i + 1


def _table(ctx: Context, rows: list[list[Token]], head: int) -> None:
    table = ctx.doc.add_table(rows=len(rows), cols=max((len(r) for r in rows), default=1))
    table.style = ctx.doc.styles["Table Grid"]
    for r, row in enumerate(rows):
        for c, inline in enumerate(row):
            write_inline(table.cell(r, c).paragraphs[0], inline.children, bold=r < head)


def _restart(ctx: Context, style: str, start: int) -> int | None:
    """A numbering instance of ``style``'s list that starts again at ``start``."""
    ppr = ctx.doc.styles[style].element.pPr
    if ppr is None or ppr.numPr is None or ppr.numPr.numId is None:
        return None
    numbering = ctx.doc.part.numbering_part.element
    abstract = numbering.num_having_numId(ppr.numPr.numId.val).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(start)
    return num.numId


def _number(paragraph: Paragraph, num_id: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


def write_markdown(ctx: Context, item: Item, text: str, style: str = "Normal") -> None:
    """Write an item's lead or body; plain paragraphs get ``style``."""
    if text.strip():
        _Walk(ctx, item, style, heading_id=heading_ids(item)).run(tokens(text))

