"""The Word edition's pages: cover, MỤC LỤC, parts and items, running header and footer."""
from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.section import Section
from docx.shared import Mm, Pt, RGBColor

from ...markdown import plain
from ...model import LOGO_REF, Issue, Item, Part
from ...text import day_label
from .body import add_picture, write_markdown
from .context import Context
from .ooxml import PPR_ORDER, add_bookmark, add_field, add_run, element, external_link, internal_link, put
from .styles import BLUE, RED, SAPO, SOURCE, TOC_SUB, TOC_TITLE

COVER_PHOTO = (Mm(150), Mm(95))
"""Largest width and height of the cover picture."""
LOGO_SIZE = (Mm(40), Mm(22))
"""Largest width and height of the logo on the cover."""


def _hex(css: str) -> str:
    """``#0b4f8a`` or ``#08c`` -> ``0B4F8A`` as Word writes colours."""
    digits = css.lstrip("#")
    return (digits if len(digits) == 6 else "".join(c * 2 for c in digits)).upper()


def _cover_line(ctx: Context, text: str, size: float, bold: bool = True, color: str = BLUE,
                caps: bool = True, after: float = 4) -> None:
    para = ctx.doc.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.paragraph_format.space_after = Pt(after)
    run = para.add_run(text)
    run.font.size, run.font.bold, run.font.all_caps = Pt(size), bold, caps
    run.font.color.rgb = RGBColor.from_string(color)


def write_cover(ctx: Context, issue: Issue) -> None:
    """Masthead, number, week, theme, picture and publisher, like the PDF's cover page."""
    pub = issue.publication
    if issue.logo and LOGO_REF in ctx.images:
        para = ctx.doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_picture(para, ctx.images[LOGO_REF], LOGO_SIZE[0], LOGO_SIZE[1], pub.parent)
    first, rest = pub.title_lines()
    _cover_line(ctx, first, 40, after=0, color=_hex(pub.masthead.background))
    if rest:
        _cover_line(ctx, rest, 20, after=18, color=_hex(pub.masthead.background))
    if issue.number_line:
        _cover_line(ctx, issue.number_line, 18, color=RED)
    _cover_line(ctx, issue.week_line, 13, caps=False, after=18, color=_hex(pub.masthead.background))
    _cover_line(ctx, issue.theme, 20, after=18)
    if issue.cover and issue.cover.ref in ctx.images:
        para = ctx.doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_picture(para, ctx.images[issue.cover.ref], COVER_PHOTO[0], COVER_PHOTO[1], issue.theme)
    _cover_line(ctx, pub.parent, 12, color="111111", after=0)
    _cover_line(ctx, pub.department, 12, color="111111", after=12)
    for url in (pub.website, pub.social):
        if url:
            para = ctx.doc.add_paragraph()
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            add_run(para, external_link(para, url), url)._r.style = "Hyperlink"


def write_running(section: Section, issue: Issue) -> None:
    """Header with the bulletin's name and number, footer with the page number (this section on)."""
    section.header.is_linked_to_previous = False
    section.footer.is_linked_to_previous = False
    header = section.header.paragraphs[0]
    header.style = "Header"
    header.add_run(f"{issue.publication.title} · Số {issue.label}")
    put(header._p.get_or_add_pPr(), _bottom_rule(), PPR_ORDER)
    footer = section.footer.paragraphs[0]
    footer.style = "Footer"
    add_field(footer._p, "PAGE", "2")


def _bottom_rule():
    rule = element("w:pBdr")
    rule.append(element("w:bottom", val="single", sz="6", space="4", color=BLUE))
    return rule


def write_toc(ctx: Context, issue: Issue) -> None:
    """MỤC LỤC as real TOC 1 / TOC 2 paragraphs: part, then its items (or the trend sections)."""
    pub = issue.publication
    ctx.paragraph(TOC_TITLE, "Mục lục")
    ctx.paragraph(TOC_SUB, issue.toc_line)
    for part in issue.parts:
        if not part.items:
            continue
        _toc_entry(ctx, "toc 1", issue.part_label(part), part.anchor)
        for item in part.items:
            if part.role == "trend" and item.sections:
                for section in item.sections:
                    _toc_entry(ctx, "toc 2", plain(section.title), section.anchor)
            else:
                _toc_entry(ctx, "toc 2", item_title(item, part), item.anchor)


def _toc_entry(ctx: Context, style: str, text: str, anchor: str) -> None:
    """``text ........ P. 5``: a jump to the heading's bookmark with a PAGEREF to it (its page is
    filled in when the PDF's page map is known: :meth:`bulletin.render.docx.WordEdition.save`)."""
    para = ctx.paragraph(style)
    name = ctx.marks.names[anchor]
    link = internal_link(para, name)
    add_run(para, link, f"{text}\tP.\u00a0")
    add_field(link, f"PAGEREF {name} \\h", "")
    ctx.pagerefs.append((anchor, link))


def item_title(item: Item, part: Part) -> str:
    """"27/4: Title" as in the MỤC LỤC; trend items have no day."""
    title = plain(item.title)
    return f"{day_label(item.day)}: {title}" if item.day and part.role != "trend" else title


def write_parts(ctx: Context, issue: Issue) -> None:
    """Each part with items under a Heading 1 (new page), each item under a Heading 2."""
    for part in issue.parts:
        if not part.items:
            continue
        heading = ctx.paragraph("Heading 1", issue.part_label(part))
        add_bookmark(heading, ctx.marks.names[part.anchor], ctx.marks.numbers[part.anchor])
        for item in part.items:
            write_item(ctx, item, part, issue.publication.labels.source)


def write_item(ctx: Context, item: Item, part: Part, source_label: str) -> None:
    """Heading ("27/4: TITLE"), "Chi tiết" links (or plain names), lead (sapo) and body."""
    heading = ctx.paragraph("Heading 2")
    if item.day and part.role != "trend":
        heading.add_run(f"{day_label(item.day)}: ").font.color.rgb = RGBColor.from_string(RED)
    heading.add_run(plain(item.title))
    add_bookmark(heading, ctx.marks.names[item.anchor], ctx.marks.numbers[item.anchor])
    if item.sources:
        source = ctx.paragraph(SOURCE, f"{source_label} ")
        for n, src in enumerate(item.sources):
            if n:
                source.add_run(", ")
            if src.url:
                add_run(source, external_link(source, src.url), src.name)._r.style = "Hyperlink"
            else:
                source.add_run(src.name)
    write_markdown(ctx, item, item.lead, SAPO)
    write_markdown(ctx, item, item.body)

