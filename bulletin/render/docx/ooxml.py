"""Small WordprocessingML helpers python-docx lacks: ordered children, bookmarks, hyperlinks, fields.

Word rejects a file whose property elements are out of schema order, so every element added
here goes through :func:`put`, which places it where ECMA-376 wants it.
"""
from __future__ import annotations

from weakref import WeakKeyDictionary

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph
from docx.text.run import Run

RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
    "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
    "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
    "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
    "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
)
"""Children of ``w:rPr`` in schema order (ECMA-376 §17.3.2.28)."""

PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
    "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
    "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)
"""Children of ``w:pPr`` in schema order (ECMA-376 §17.3.1.26)."""

SETTINGS_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids",
    "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions",
    "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults",
    "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)
"""Children of ``w:settings`` that must follow ``w:updateFields``."""

_THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def element(tag: str, **attrs: str) -> BaseOxmlElement:
    """A new ``tag`` element; attribute names are given without the ``w:`` prefix."""
    el = OxmlElement(tag)
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), value)
    return el


def put(parent: BaseOxmlElement, child: BaseOxmlElement, order: tuple[str, ...]) -> BaseOxmlElement:
    """Replace ``parent``'s child of the same tag with ``child``, placed in schema ``order``."""
    tag = child.tag
    for old in parent.findall(tag):
        parent.remove(old)
    prefixed = next(name for name in order if qn(name) == tag)
    parent.insert_element_before(child, *order[order.index(prefixed) + 1:])
    return child


def pin_fonts(rpr: BaseOxmlElement, font: str) -> None:
    """Give ``w:rPr`` explicit fonts for every script and drop theme-font references."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = put(rpr, element("w:rFonts"), RPR_ORDER)
    strip_theme_fonts(fonts)
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{attr}"), font)


def strip_theme_fonts(fonts: BaseOxmlElement) -> None:
    """Remove the theme attributes of a ``w:rFonts``: they override the explicit names."""
    for attr in _THEME_FONT_ATTRS:
        fonts.attrib.pop(qn(attr), None)


def set_lang(rpr: BaseOxmlElement, lang: str) -> None:
    """Mark ``w:rPr`` as text in ``lang`` (``vi-VN``), keeping any East Asian / bidi language."""
    found = rpr.find(qn("w:lang"))
    if found is None:
        found = put(rpr, element("w:lang"), RPR_ORDER)
    found.set(qn("w:val"), lang)


def add_run(paragraph: Paragraph, container: BaseOxmlElement | None, text: str) -> Run:
    """A run with ``text`` at the end of ``container`` (a hyperlink) or of the paragraph."""
    run = paragraph.add_run(text)
    if container is not None:
        container.append(run._r)
    return run


def external_link(paragraph: Paragraph, url: str) -> BaseOxmlElement:
    """An empty ``w:hyperlink`` to ``url`` at the end of the paragraph; add runs into it."""
    rid = _hyperlink_id(paragraph.part, url)
    link = element("w:hyperlink", history="1")
    link.set(qn("r:id"), rid)
    paragraph._p.append(link)
    return link


_LINK_IDS: WeakKeyDictionary = WeakKeyDictionary()
"""Part -> {URL: relationship id} of the hyperlinks already related."""


def _hyperlink_id(part, url: str) -> str:
    """The relationship id of an external hyperlink, added once per URL. python-docx's own
    ``relate_to`` compares against every relationship and recounts ids on each call: quadratic
    in the number of links."""
    known = _LINK_IDS.setdefault(part, {})
    if url not in known:
        rels, n = part.rels, len(part.rels) + 1
        while f"rId{n}" in rels:
            n += 1
        rels.add_relationship(RT.HYPERLINK, url, f"rId{n}", is_external=True)
        known[url] = f"rId{n}"
    return known[url]


def internal_link(paragraph: Paragraph, bookmark: str) -> BaseOxmlElement:
    """An empty ``w:hyperlink`` jumping to ``bookmark`` at the end of the paragraph."""
    link = element("w:hyperlink", anchor=bookmark, history="1")
    paragraph._p.append(link)
    return link


def add_bookmark(paragraph: Paragraph, name: str, number: int) -> None:
    """Wrap the paragraph's whole content in bookmark ``name`` (id ``number``)."""
    p = paragraph._p
    start = element("w:bookmarkStart", id=str(number), name=name)
    ppr = p.pPr
    if ppr is None:
        p.insert(0, start)
    else:
        ppr.addnext(start)
    p.append(element("w:bookmarkEnd", id=str(number)))


def add_field(container: BaseOxmlElement, instruction: str, cached: str) -> None:
    """Append a complex field (``PAGE``, ``PAGEREF x \\h``) whose shown result is ``cached``."""
    def run(child: BaseOxmlElement) -> None:
        r = OxmlElement("w:r")
        r.append(child)
        container.append(r)

    run(element("w:fldChar", fldCharType="begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run(instr)
    run(element("w:fldChar", fldCharType="separate"))
    run(element("w:fldChar", fldCharType="end"))
    if cached:
        set_field_result(container, cached)


def set_field_result(container: BaseOxmlElement, cached: str) -> None:
    """Show ``cached`` as the result of the last complex field in ``container`` (a run between
    its ``separate`` and ``end`` marks), e.g. a PAGEREF's page once the PDF's page map is known."""
    end = container.findall(qn("w:r"))[-1]
    r = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = cached
    r.append(text)
    end.addprevious(r)


def set_update_fields(settings: BaseOxmlElement) -> None:
    """Ask Word to refresh every field (the MỤC LỤC page numbers) when it opens the file."""
    for old in settings.findall(qn("w:updateFields")):
        settings.remove(old)
    settings.insert_element_before(element("w:updateFields", val="true"), *SETTINGS_AFTER_UPDATE_FIELDS)
