"""The Word edition read back with python-docx: structure, MỤC LỤC, links, pictures, conventions."""
from __future__ import annotations

import dataclasses
import re
from datetime import timedelta

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Length, Mm
from pypdf import PdfReader

from bulletin.cli import main
from bulletin.images import prepare
from bulletin.reader import read_issue
from bulletin.render.docx import render_docx
from bulletin.render.docx.context import word_bookmark
from bulletin.render.docx.styles import TEXT_WIDTH

from .docx_support import (WORD_ISSUE, WORD_NAME, bookmarks, build_word_issue, headings, html_headings,
                           normalise, pdf_toc_lines, toc_entries)
from .helpers import FIXTURES, make_photo, read_tsv, scratch_project


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The fixture issue built once: (editions, issue, python-docx document)."""
    editions, issue = build_word_issue(tmp_path_factory.mktemp("word"))
    return editions, issue, docx.Document(str(editions.docx))


def test_headings_have_heading_styles_and_the_html_order(built):
    editions, issue, doc = built
    found = headings(doc)
    assert found == read_tsv(FIXTURES / "docx" / "word_headings.tsv", columns=2)
    parts_with_items = [p for p in issue.parts if p.items]
    assert [t for s, t in found if s == "Heading 1"] == [f"Phần {p.number}: {p.title}" for p in parts_with_items]
    assert sum(1 for s, _ in found if s == "Heading 2") == len(issue.items)
    html = editions.html.read_text(encoding="utf-8")
    assert [(s, normalise(t)) for s, t in found if s in ("Heading 1", "Heading 2")] == html_headings(html)
    assert "vệ tinh quỹ đạo thấp" not in "\n".join(p.text for p in doc.paragraphs)


def test_heading_styles_show_capitals_like_the_pdf(built):
    _, _, doc = built
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        assert doc.styles[name].font.all_caps is True, name
    first_item = next(p for p in doc.paragraphs if p.style.name == "Heading 2" and p.text.startswith("27/4"))
    assert first_item.runs[0].text == "27/4: "
    assert str(first_item.runs[0].font.color.rgb) == "C8102E"


def test_toc_entries_are_toc_paragraphs_linking_to_existing_bookmarks(built):
    _, issue, doc = built
    entries = toc_entries(doc)
    assert [(e.style, e.text) for e in entries] == read_tsv(FIXTURES / "docx" / "word_toc.tsv", columns=2)
    marks = bookmarks(doc)
    for entry in entries:
        assert entry.anchor in marks, entry
        assert WORD_NAME.match(entry.anchor), entry.anchor
        assert entry.instruction == f"PAGEREF {entry.anchor} \\h"
        assert normalise(marks[entry.anchor]).endswith(normalise(entry.text.split(": ", 1)[-1]))
    for name in ("toc 1", "toc 2"):
        stop = doc.styles[name].paragraph_format.tab_stops[0]
        assert (stop.alignment.name, stop.leader.name, round(Length(stop.position).mm)) == ("RIGHT", "DOTS", round(TEXT_WIDTH.mm))
    first = next(p for p in doc.paragraphs if p.style.name == "toc 2")
    assert re.fullmatch(r"1\. Xu hướng chung của cả nước\tP\.\u00a0\d+", first.hyperlinks[0].text)
    assert round(Length(doc.styles["toc 2"].paragraph_format.right_indent).mm) == 14, "titles wrap before the numbers"


def test_toc_cached_pages_are_the_pdf_editions_pages(built):
    """Word shows, before any field update, the page numbers the PDF edition prints."""
    editions, issue, doc = built
    pdf = PdfReader(str(editions.pdf))
    printed = dict(pdf_toc_lines([pdf.pages[1].extract_text()]))
    entries = toc_entries(doc)
    assert all(e.cached.isdigit() for e in entries), entries
    for entry in entries:
        if entry.style == "toc 2":
            assert printed[entry.text] == entry.cached, entry
        else:
            words = normalise(entry.text).upper()
            assert words in normalise(pdf.pages[int(entry.cached) - 1].extract_text()).upper(), entry


@pytest.mark.expect_log_warnings  # word.md's javascript: link is reported to the editor
def test_pageref_cache_comes_from_pdf_pages_and_may_be_empty(tmp_path, settings):
    issue = _word_issue(tmp_path, settings)
    images = {img.ref: prepare(img, "print", tmp_path / "cache").path for img in issue.images}
    pages = {item.anchor: 40 + n for n, item in enumerate(issue.items)}
    render_docx(issue, images, tmp_path / "a.docx", pages)
    cached = {e.text: e.cached for e in toc_entries(docx.Document(str(tmp_path / "a.docx")))}
    assert cached["30/4: Bảo hộ nhãn hiệu cho lúa nếp xoắn Kỳ Sơn"] == str(pages[issue.parts[3].items[0].anchor])
    assert cached["Phần 1: Tổng kết xu hướng"] == ""
    render_docx(issue, images, tmp_path / "b.docx", {})
    entries = toc_entries(docx.Document(str(tmp_path / "b.docx")))
    assert {e.cached for e in entries} == {""} and all(e.instruction.startswith("PAGEREF ") for e in entries)


def _word_issue(tmp_path, settings):
    path = scratch_project(tmp_path, WORD_ISSUE.read_text(encoding="utf-8"))
    for name, kwargs in (("bia", {}), ("tau", {"size": (3000, 2000)}), ("doc", {"exif_orientation": 6})):
        make_photo(path.parent / "16" / f"{name}.jpg", **kwargs)
    return read_issue(path, settings.publication)


@pytest.mark.parametrize("anchor", [
    "phan-1", "tin-27-4-bo-khcn-de-xuat-danh-muc-30-san-pham-cong-nghe-chien-luoc",
    "xu-huong-tong-ket-xu-huong-tuan--1-xu-huong-chung-cua-ca-nuoc", "123-bat-dau-bang-so", "tin-ç-ü--ŝ",
])
def test_bookmark_names_are_valid_word_names(anchor):
    name = word_bookmark(anchor, 7)
    assert WORD_NAME.match(name), name
    assert word_bookmark(anchor, 8) != name


def test_sources_and_body_links_are_hyperlinks(built):
    _, issue, doc = built
    sources = [p for p in doc.paragraphs if p.text.startswith("Chi tiết: ")]
    assert len(sources) == sum(1 for item in issue.items if item.sources)
    local = next(p for p in sources if "Cổng thông tin" in p.text)
    assert [(h.text, h.address) for h in local.hyperlinks] == [
        ("Cổng thông tin Hải Phòng", "https://haiphong.gov.vn/soc-thang-4.html"),
        ("Báo Hải Phòng", "https://baohaiphong.vn/soc.html")]
    assert all(r.style.name == "Hyperlink" for h in local.hyperlinks for r in h.runs)
    body = next(p for p in doc.paragraphs if p.text.startswith("Xem thêm"))
    assert [(h.text, h.address) for h in body.hyperlinks] == [("bản đồ công nghệ", "https://www.most.gov.vn/ban-do.html")]
    assert "liên kết lạ" in body.text
    assert all(not rel.target_ref.startswith("javascript") for rel in doc.part.rels.values() if rel.is_external)


def test_pictures_fill_the_text_width_with_captions_and_orientation(built):
    _, issue, doc = built
    shapes = doc.inline_shapes
    assert len(shapes) == len(issue.images) == 3
    cover, landscape, portrait = shapes
    assert landscape.width == TEXT_WIDTH and landscape.height < landscape.width
    assert portrait.height > portrait.width, "EXIF orientation 6 turns the 1600×1000 photo upright"
    assert portrait.height <= Mm(120) + 1
    assert cover.width <= Mm(150) and cover.height <= Mm(95) + 1
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert captions == ["Tàu khách trên tuyến Bắc – Nam\nẢnh: minh họa", "Nhân viên kiểm tra hệ thống bán vé\nẢnh: minh họa"]
    descriptions = [s._inline.docPr.get("descr") for s in shapes]
    assert descriptions[1:] == ["Tàu khách trên tuyến Bắc – Nam", "Nhân viên kiểm tra hệ thống bán vé"]


def test_cover_section_has_no_header_and_the_rest_has_header_and_page_footer(built):
    _, _, doc = built
    assert len(doc.sections) == 2
    cover, body = doc.sections
    assert cover._sectPr.find(qn("w:headerReference")) is None and cover._sectPr.find(qn("w:footerReference")) is None
    assert not body.header.is_linked_to_previous and not body.footer.is_linked_to_previous
    assert body.header.paragraphs[0].text == "Điểm tin khoa học công nghệ · Số 16/2026"
    instructions = [t.text.strip() for t in body.footer._element.iter(qn("w:instrText"))]
    assert instructions == ["PAGE"]
    for section in doc.sections:
        size = [round(Length(v).mm) for v in (section.page_width, section.page_height, section.left_margin,
                                              section.right_margin, section.top_margin, section.bottom_margin)]
        assert size == [210, 297, 30, 20, 20, 20]
    cover_text = "\n".join(p.text for p in doc.paragraphs[:12])
    assert "Số 16/2026" in cover_text and "Xã hội số trong kỷ nguyên vươn mình của dân tộc" in cover_text


def test_update_fields_language_and_pinned_fonts(built):
    _, _, doc = built
    update = doc.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"
    assert doc.styles["Normal"].font.name == "Times New Roman"
    styles = doc.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        assert not any(k.endswith("Theme") or k.endswith("theme") for k in fonts.attrib), fonts.attrib
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "toc 1", "toc 2", "Caption"):
        fonts = doc.styles[name].element.rPr.find(qn("w:rFonts"))
        assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Times New Roman"}, name
        assert doc.styles[name].element.rPr.find(qn("w:lang")).get(qn("w:val")) == "vi-VN", name
    runs = list(doc.element.body.iter(qn("w:r")))
    assert runs and all(r.find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:val")) == "vi-VN" for r in runs)


@pytest.mark.expect_log_warnings  # word.md's javascript: link is reported to the editor
def test_the_font_comes_from_the_publication_settings(tmp_path, settings):
    issue = _word_issue(tmp_path, settings)
    images = {img.ref: prepare(img, "print", tmp_path / "cache").path for img in issue.images}
    issue = dataclasses.replace(issue, publication=dataclasses.replace(issue.publication, docx_font="Arial"))
    render_docx(issue, images, tmp_path / "arial.docx", {})
    doc = docx.Document(str(tmp_path / "arial.docx"))
    assert doc.styles["Normal"].font.name == "Arial"
    fonts = doc.styles["Heading 2"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == fonts.get(qn("w:cs")) == "Arial"


@pytest.mark.expect_log_warnings
def test_missing_prepared_picture_keeps_the_caption_and_warns(tmp_path, settings, caplog):
    issue = _word_issue(tmp_path, settings)
    render_docx(issue, {}, tmp_path / "x.docx", {})
    doc = docx.Document(str(tmp_path / "x.docx"))
    assert len(doc.inline_shapes) == 0
    assert "Tàu khách trên tuyến Bắc – Nam\nẢnh: minh họa" in [p.text for p in doc.paragraphs]
    assert 'không có ảnh "16/tau.jpg"' in caplog.text


def test_lists_quotes_tables_and_inline_formatting(built):
    _, _, doc = built
    by_style = {}
    for p in doc.paragraphs:
        by_style.setdefault(p.style.name, []).append(p.text)
    assert by_style["List Bullet"] == ["trí tuệ nhân tạo cho hành chính công;", "mạng di động thế hệ mới;",
                                      "chip bán dẫn chuyên dụng."]
    assert by_style["List Number"] == ["lấy ý kiến chuyên gia;", "trình Chính phủ phê duyệt."]
    assert by_style["Quote"] == ["Danh mục sẽ được rà soát định kỳ để theo kịp thay đổi của công nghệ."]
    numbered = next(p for p in doc.paragraphs if p.text == "lấy ý kiến chuyên gia;")
    num_id = numbered._p.pPr.numPr.numId.val
    num = doc.part.numbering_part.element.num_having_numId(num_id)
    assert num.find(qn("w:lvlOverride")).find(qn("w:startOverride")).get(qn("w:val")) == "3"
    (table,) = doc.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [["Nhóm", "Số sản phẩm"], ["Hiện hữu", "18"], ["Tương lai", "12"]]
    lead = next(p for p in doc.paragraphs if p.text.startswith("Danh mục chia"))
    assert lead.style.name == "Sapo"
    assert [(r.text, r.bold, r.italic) for r in lead.runs if r.bold or r.italic] == [("hai nhóm", True, None), ("kiến tạo tương lai", None, True)]
    code = next(r for p in doc.paragraphs for r in p.runs if r.text == "KHCN-30")
    assert code.font.name == "Courier New"


@pytest.mark.expect_log_warnings
def test_control_character_in_the_issue_file_builds_with_a_warning(tmp_path, monkeypatch, caplog):
    text = WORD_ISSUE.read_text(encoding="utf-8").replace("Trung tâm giám sát", "Trung tâm\x08 giám sát")
    text = text.replace("ảnh bìa: 16/bia.jpg\n", "").replace('![Tàu', '![Tàu\x0b')
    path = scratch_project(tmp_path, text)
    for name in ("tau", "doc"):
        make_photo(path.parent / "16" / f"{name}.jpg")
    monkeypatch.chdir(tmp_path)
    assert main(["issue", "16"]) == 0
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("U+0008" in w for w in warnings) and any("U+000B" in w for w in warnings), warnings
    doc = docx.Document(str(tmp_path / "build" / "2026-16" / "diem-tin-2026-16.docx"))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "Trung tâm giám sát an toàn thông tin" in body and "\x08" not in body


@pytest.mark.expect_log_warnings
def test_renderer_strips_xml_illegal_characters_from_any_model(tmp_path, settings, caplog):
    issue = _word_issue(tmp_path, settings)
    part = issue.parts[3]
    bad = dataclasses.replace(part.items[0], title="Bảo hộ\x08 nhãn hiệu", lead="Sản phẩm\x1f truyền thống\x00.")
    parts = issue.parts[:3] + (dataclasses.replace(part, items=(bad,) + part.items[1:]),)
    render_docx(dataclasses.replace(issue, parts=parts), {}, tmp_path / "c.docx", {})
    doc = docx.Document(str(tmp_path / "c.docx"))
    texts = [p.text for p in doc.paragraphs]
    assert "30/4: Bảo hộ nhãn hiệu" in texts and "Sản phẩm truyền thống." in texts
    warning = next(r.getMessage() for r in caplog.records if r.levelname == "WARNING" and "U+" in r.getMessage())
    assert re.search(r'tin "Bảo hộ nhãn hiệu" \(dòng \d+\).*U\+0008, U\+001F, U\+0000', warning), warning



def test_property_elements_are_in_schema_order(built):
    """Word refuses a file whose run/paragraph properties are out of ECMA-376 order."""
    from bulletin.render.docx.ooxml import PPR_ORDER, RPR_ORDER

    _, _, doc = built
    section = doc.sections[-1]
    roots = (doc.element, doc.styles.element, section.header._element, section.footer._element)
    for tag, order in (("w:rPr", RPR_ORDER), ("w:pPr", PPR_ORDER)):
        rank = {qn(name): n for n, name in enumerate(order)}
        for root in roots:
            for props in root.iter(qn(tag)):
                ranks = [rank[child.tag] for child in props]
                assert ranks == sorted(ranks), [child.tag for child in props]


@pytest.mark.expect_log_warnings
def test_hostile_markdown_stays_text_and_only_web_links_become_hyperlinks(tmp_path, settings):
    issue = read_issue(FIXTURES / "issues" / "hostile.md", settings.publication)
    render_docx(issue, {}, tmp_path / "h.docx", {})
    doc = docx.Document(str(tmp_path / "h.docx"))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "<script>alert('sapo')</script>" in text and '<div onclick="alert(10)">Khối HTML thô</div>' in text
    targets = sorted(rel.target_ref for rel in doc.part.rels.values() if rel.is_external)
    assert all(t.startswith(("https://", "mailto:")) for t in targets), targets
    assert "mailto:banbientap@example.vn" in targets and "https://example.vn" in targets


def test_the_file_properties_name_the_issue_not_python_docx(built):
    """File > Info in Word: the issue's title, theme, department, keywords and dates, as the PDF's metadata."""
    _, issue, document = built
    props = document.core_properties
    assert (props.title, props.subject, props.author, props.last_modified_by) == (
        issue.name, issue.theme, issue.publication.department, issue.publication.department)
    assert props.comments == issue.description and props.language == "vi-VN"
    assert props.keywords.split("; ") == list(issue.keywords)
    assert props.created.date() == issue.week_end - timedelta(days=1), "00:00 in Hà Nội is 17:00 UTC the day before"
    assert props.modified.year >= 2026 and "python-docx" not in f"{props.author}{props.comments}"
