"""The HTML edition: structure, MỤC LỤC links, safety, and NFD input giving the same outputs."""
from __future__ import annotations

import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest

from bulletin.build import build_issue
from bulletin.config import load_settings
from bulletin.editions import write_web
from bulletin.images import prepare
from bulletin.reader import read_issue

from .helpers import FIXTURES, Inspector, make_photo, scratch_project


def _web(issue_path: Path, tmp: Path) -> str:
    settings = load_settings(issue_path.parents[2] / "sources.yaml")
    issue = read_issue(issue_path, settings.publication)
    images = {img.ref: prepare(img, "web", tmp / "cache") for img in issue.images}
    out = tmp / "out"
    out.mkdir()
    return write_web(issue, images, out).read_text(encoding="utf-8")


@pytest.fixture
def basic_html(tmp_path) -> str:
    text = (FIXTURES / "issues" / "basic.md").read_text(encoding="utf-8")
    text = text.replace("Hành khách mua sớm", '![Tàu khách trên tuyến Bắc – Nam](16/tau.jpg "Ảnh: minh họa")\n\nHành khách mua sớm')
    text = text.replace("chủ đề: Xã hội số", "ảnh bìa: 16/bia.jpg\nchủ đề: Xã hội số")
    issue = scratch_project(tmp_path, text)
    make_photo(issue.parent / "16" / "tau.jpg", size=(3000, 2000))
    make_photo(issue.parent / "16" / "bia.jpg", color=(10, 60, 120))
    return _web(issue, tmp_path)


def test_html_is_vietnamese_semantic_html5(basic_html):
    page = Inspector(basic_html)
    assert basic_html.startswith("<!DOCTYPE html>")
    assert page.find("html", lang="vi")
    for tag in ("header", "nav", "main", "section", "article", "footer"):
        assert page.find(tag), tag
    assert page.find("meta", name="viewport")


def test_every_toc_link_resolves_to_an_element_id(basic_html):
    page = Inspector(basic_html)
    nav_start = basic_html.index('<nav class="toc"')
    nav = Inspector(basic_html[nav_start:basic_html.index("</nav>", nav_start)])
    targets = [a["href"] for a in nav.find("a")]
    assert len(targets) == 4 + 2 + 5  # parts, trend sections, items
    ids = page.ids
    assert len(ids) == len(set(ids)), "element ids are unique"
    for href in targets:
        assert href.startswith("#") and href[1:] in ids, href


def test_each_published_item_appears_once_and_candidates_never(basic_html, settings):
    issue = read_issue(FIXTURES / "issues" / "basic.md", settings.publication)
    page = Inspector(basic_html)
    articles = [a["id"] for a in page.find("article")]
    assert articles == [item.anchor for item in issue.items]
    for item in issue.items:
        assert basic_html.count(f'id="{item.anchor}"') == 1
    assert "vệ tinh quỹ đạo thấp" not in basic_html
    assert "Tin này chưa được gắn tag" not in basic_html


def test_images_are_resized_with_alt_text_and_sharing_meta(basic_html, tmp_path):
    page = Inspector(basic_html)
    figures = [a for a in page.find("img") if a.get("loading") == "lazy"]
    assert [f["alt"] for f in figures] == ["Tàu khách trên tuyến Bắc – Nam"]
    from PIL import Image

    with Image.open(tmp_path / "out" / figures[0]["src"]) as web:
        assert max(web.size) == 1200
    assert page.find("meta", property="og:title")
    og_image = page.find("meta", property="og:image")[0]["content"]
    assert og_image == "https://sokhcn.haiphong.gov.vn/diem-tin/2026/16/chia-se.png"  # the share card
    assert page.find("meta", name="twitter:card")[0]["content"] == "summary_large_image"
    assert page.find("link", rel="stylesheet", href="assets/web.css")


@pytest.mark.expect_log_warnings  # raw HTML blocks are reported to the editor
def test_hostile_markdown_comes_out_inert(tmp_path):
    issue = scratch_project(tmp_path, (FIXTURES / "issues" / "hostile.md").read_text(encoding="utf-8"))
    html = _web(issue, tmp_path)
    page = Inspector(html)
    assert not page.find("script")
    assert not any(t in ("iframe", "b") for t, _ in page.tags)
    assert "<svg" not in html.split("<main>", 1)[1], "only the week chart (before <main>) is SVG"
    for tag, attrs in page.tags:
        assert not [name for name in attrs if name.lower().startswith("on")], (tag, attrs)
        for name in ("href", "src"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), (tag, attrs)
    assert 'href="mailto:banbientap@example.vn"' in html and 'href="https://example.vn"' in html
    assert "&lt;script&gt;" in html, "raw HTML is shown as text, not dropped"


def _nfd_variant(tmp: Path, name: str, normalise) -> Path:
    text = (FIXTURES / "issues" / "basic.md").read_text(encoding="utf-8")
    text = text.replace("Hành khách mua sớm", '![Đoàn tàu Thống Nhất](16/tau.jpg "Ảnh: Đường sắt Việt Nam")\n\nHành khách mua sớm')
    folder = tmp / name
    folder.mkdir()
    issue = scratch_project(folder, normalise(text))
    make_photo(issue.parent / "16" / "tau.jpg")
    return issue


def test_nfd_input_gives_exactly_the_nfc_outputs(tmp_path):
    nfc = _nfd_variant(tmp_path, "nfc", lambda t: unicodedata.normalize("NFC", t))
    nfd = _nfd_variant(tmp_path, "nfd", lambda t: unicodedata.normalize("NFD", t))
    assert nfc.read_bytes() != nfd.read_bytes()
    built = []
    for issue in (nfc, nfd):
        settings = load_settings(issue.parents[2] / "sources.yaml")
        built.append(build_issue(settings, read_issue(issue, settings.publication), issue.parents[2] / "build"))
    a, b = built
    assert a.html.read_bytes() == b.html.read_bytes()
    with zipfile.ZipFile(a.docx) as za, zipfile.ZipFile(b.docx) as zb:
        assert za.read("word/document.xml") == zb.read("word/document.xml")
    text_a, text_b = (subprocess.run(["pdftotext", str(e.pdf), "-"], capture_output=True, text=True, check=True).stdout for e in built)
    assert text_a == text_b and "Đường sắt ứng dụng" in unicodedata.normalize("NFC", text_a)


def test_headings_that_read_alike_get_distinct_ids_in_toc_and_body(tmp_path):
    text = (FIXTURES / "issues" / "basic.md").read_text(encoding="utf-8")
    text = text.replace("### 2. Điểm sáng tại thành phố Hải Phòng", "### 1. Xu hướng chung của cả nước")
    html = _web(scratch_project(tmp_path, text), tmp_path)
    page = Inspector(html)
    ids = page.ids
    assert len(ids) == len(set(ids))
    hrefs = [a["href"][1:] for a in page.find("a") if (a.get("href") or "").startswith("#")]
    assert all(h in ids for h in hrefs)
    assert len([i for i in ids if "xu-huong-chung-cua-ca-nuoc" in i]) == 2
