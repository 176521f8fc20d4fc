"""The Word edition's page and styles: A4, Vietnamese office conventions, pinned fonts.

Every style the renderer uses gets explicit ``rFonts`` for all scripts (the default template's
theme fonts would otherwise win over ``font.name``), an explicit colour and ``vi-VN`` language.
"""
from __future__ import annotations

from dataclasses import dataclass

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER, WD_UNDERLINE
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Length, Mm, Pt, RGBColor
from docx.styles.style import BaseStyle

from .ooxml import PPR_ORDER, RPR_ORDER, element, pin_fonts, put, set_lang, set_update_fields, strip_theme_fonts

LANG = "vi-VN"
"""Language of the text."""
PAGE = (Mm(210), Mm(297))
"""A4 portrait."""
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(20)}
"""Margins of Vietnamese administrative documents (Nghị định 30/2020: left 30–35 mm, right 15–20 mm)."""
TEXT_WIDTH = Length(PAGE[0] - MARGINS["left"] - MARGINS["right"])
"""Width of the text column (160 mm): pictures and the MỤC LỤC's right tab use it."""
TOC_NUMBER_COLUMN = Mm(14)
"""MỤC LỤC titles stop this far from the right margin, leaving room for "P. 12"."""
BLUE, RED, GREY, WHITE, BLACK = "0B4F8A", "C8102E", "444444", "FFFFFF", "111111"

SAPO, SOURCE, TOC_TITLE, TOC_SUB, FIGURE = "Sapo", "Nguồn tin", "Mục lục", "Mục lục – phụ đề", "Ảnh"
"""Names of the project's own paragraph styles (editors see these in Word's style list)."""
KEY_VALUE, KEY_CAPTION = "Số liệu", "Số liệu – chú thích"
"""Styles of a key figure's number and caption (the boxes of a ``::: số liệu`` block)."""
KEY_FILL = "E8EFF7"
"""Background of a key-figure box."""


@dataclass(frozen=True, slots=True)
class StyleSpec:
    """How one style looks; ``None`` keeps what the base style says."""

    name: str
    """Style name as Word shows it (built-in names in Word's internal spelling)."""
    style_id: str
    """``w:styleId`` for styles this module creates."""
    size: float | None = None
    """Font size in points."""
    bold: bool | None = None
    """Bold."""
    italic: bool | None = None
    """Italic."""
    caps: bool | None = None
    """Shown in capitals (the text itself keeps the editor's case)."""
    color: str = BLACK
    """Text colour, RRGGBB."""
    align: WD_ALIGN_PARAGRAPH | None = None
    """Paragraph alignment."""
    before: float | None = None
    """Space before, points."""
    after: float | None = None
    """Space after, points."""
    keep_next: bool | None = None
    """Keep with the next paragraph."""
    page_break: bool | None = None
    """Start on a new page."""
    indent: float | None = None
    """Left indent, millimetres."""
    shading: str = ""
    """Background fill, RRGGBB, or ''."""
    toc_tab: bool = False
    """Right tab with dot leader at the text width (MỤC LỤC entries)."""


SPECS = (
    StyleSpec("Normal", "Normal", size=13, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6),
    StyleSpec("Heading 1", "Heading1", size=15, bold=True, caps=True, color=WHITE, shading=BLUE,
              align=WD_ALIGN_PARAGRAPH.LEFT, before=0, after=12, keep_next=True, page_break=True),
    StyleSpec("Heading 2", "Heading2", size=13.5, bold=True, caps=True, color=BLUE,
              align=WD_ALIGN_PARAGRAPH.LEFT, before=14, after=3, keep_next=True),
    StyleSpec("Heading 3", "Heading3", size=13, bold=True, caps=True, color=RED,
              align=WD_ALIGN_PARAGRAPH.LEFT, before=9, after=3, keep_next=True),
    StyleSpec("Heading 4", "Heading4", size=13, bold=True, italic=True, color=BLACK,
              align=WD_ALIGN_PARAGRAPH.LEFT, before=6, after=3, keep_next=True),
    StyleSpec("Caption", "Caption", size=11, bold=False, italic=True, color=GREY,
              align=WD_ALIGN_PARAGRAPH.CENTER, before=0, after=9),
    StyleSpec("Quote", "Quote", italic=True, color=GREY, indent=10),
    StyleSpec("Header", "Header", size=10, bold=True, color=BLUE, align=WD_ALIGN_PARAGRAPH.CENTER, after=0),
    StyleSpec("Footer", "Footer", size=11, align=WD_ALIGN_PARAGRAPH.CENTER, after=0),
    StyleSpec(SAPO, "Sapo", bold=True),
    StyleSpec(SOURCE, "NguonTin", italic=True, after=4, keep_next=True, align=WD_ALIGN_PARAGRAPH.LEFT),
    StyleSpec(FIGURE, "Anh", align=WD_ALIGN_PARAGRAPH.CENTER, before=6, after=2, keep_next=True),
    StyleSpec(KEY_VALUE, "SoLieu", size=22, bold=True, color=BLUE, align=WD_ALIGN_PARAGRAPH.CENTER, before=4, after=0),
    StyleSpec(KEY_CAPTION, "SoLieuChuThich", size=11, align=WD_ALIGN_PARAGRAPH.CENTER, before=0, after=4),
    StyleSpec(TOC_TITLE, "MucLuc", size=18, bold=True, caps=True, color=BLUE,
              align=WD_ALIGN_PARAGRAPH.CENTER, after=4),
    StyleSpec(TOC_SUB, "MucLucPhuDe", size=13, bold=True, caps=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=12),
    StyleSpec("toc 1", "TOC1", size=13, bold=True, caps=True, color=RED, align=WD_ALIGN_PARAGRAPH.LEFT,
              before=9, after=3, keep_next=True, toc_tab=True),
    StyleSpec("toc 2", "TOC2", size=13, align=WD_ALIGN_PARAGRAPH.LEFT, after=3, indent=5, toc_tab=True),
)
"""Every paragraph style the Word edition uses."""

for _level in (2, 3):
    SPECS += (StyleSpec(f"List Bullet {_level}", f"ListBullet{_level}"),
              StyleSpec(f"List Number {_level}", f"ListNumber{_level}"),
              StyleSpec(f"List Continue {_level}", f"ListContinue{_level}"))
SPECS += (StyleSpec("List Bullet", "ListBullet"), StyleSpec("List Number", "ListNumber"),
          StyleSpec("List Continue", "ListContinue"))


def new_document(font: str) -> DocumentObject:
    """An empty A4 document whose styles all use ``font`` and Vietnamese."""
    doc = Document()
    setup_page(doc.sections[0])
    _defaults(doc, font)
    known = {style.name: style for style in doc.styles}
    for spec in SPECS:
        _apply(known.get(spec.name) or _paragraph_style(doc, spec), spec, font)
    _hyperlink_style(doc, font)
    for fonts in doc.styles.element.iter(qn("w:rFonts")):
        strip_theme_fonts(fonts)
        for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(qn(f"w:{attr}"), font)
    settings = doc.settings.element
    set_update_fields(settings)
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), LANG)
    return doc


def setup_page(section: Section) -> None:
    """A4 portrait with the office margins; header and footer 10 mm from the edge."""
    section.page_width, section.page_height = PAGE
    for side, value in MARGINS.items():
        setattr(section, f"{side}_margin", value)
    section.header_distance = section.footer_distance = Mm(10)


def _defaults(doc: DocumentObject, font: str) -> None:
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    pin_fonts(rpr, font)
    set_lang(rpr, LANG)


def _paragraph_style(doc: DocumentObject, spec: StyleSpec) -> BaseStyle:
    """A new paragraph style for ``spec`` (one the default template lacks)."""
    style = doc.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = spec.style_id
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    if spec.name.startswith("toc "):
        _builtin(style)
        style.priority, style.unhide_when_used = 39, True
    return style


def _builtin(style: BaseStyle) -> None:
    """Word recognises its own styles (toc 1, Hyperlink) by name only when not marked custom."""
    style.element.attrib.pop(qn("w:customStyle"), None)


def _apply(style: BaseStyle, spec: StyleSpec, font: str) -> None:
    f, pf = style.font, style.paragraph_format
    for attr, value in (("size", Pt(spec.size) if spec.size else None), ("bold", spec.bold),
                        ("italic", spec.italic), ("all_caps", spec.caps)):
        if value is not None:
            setattr(f, attr, value)
    if spec.size:
        put(style.element.get_or_add_rPr(), element("w:szCs", val=str(round(spec.size * 2))), RPR_ORDER)
    f.color.rgb = RGBColor.from_string(spec.color)
    for attr, value in (("alignment", spec.align), ("space_before", _pt(spec.before)),
                        ("space_after", _pt(spec.after)), ("keep_with_next", spec.keep_next),
                        ("page_break_before", spec.page_break),
                        ("left_indent", Mm(spec.indent) if spec.indent is not None else None)):
        if value is not None:
            setattr(pf, attr, value)
    if spec.shading:
        put(style.element.get_or_add_pPr(), element("w:shd", val="clear", color="auto", fill=spec.shading), PPR_ORDER)
    if spec.toc_tab:  # titles wrap before the page-number column; the tab reaches past the indent
        pf.right_indent = TOC_NUMBER_COLUMN
        pf.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    rpr = style.element.get_or_add_rPr()
    pin_fonts(rpr, font)
    set_lang(rpr, LANG)
    _drop_theme_colour(rpr)


def _hyperlink_style(doc: DocumentObject, font: str) -> None:
    style = doc.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    style.style_id = "Hyperlink"
    _builtin(style)
    style.priority, style.unhide_when_used = 99, True
    style.font.color.rgb = RGBColor.from_string("0563C1")
    style.font.underline = WD_UNDERLINE.SINGLE
    pin_fonts(style.element.get_or_add_rPr(), font)


def _drop_theme_colour(rpr) -> None:
    color = rpr.find(qn("w:color"))
    if color is not None:
        for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
            color.attrib.pop(qn(attr), None)


def _pt(value: float | None) -> Pt | None:
    return Pt(value) if value is not None else None
