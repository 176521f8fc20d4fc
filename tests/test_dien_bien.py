"""A second department by configuration alone: ``examples/dien-bien/`` (issue 17 §3–§4).

The example is built as an editor builds it (the CLI with ``--config``), then its three editions and
its archive pages are read back. ``fixtures/editions/dien-bien-03.txt`` holds the expected text and
structure: MỤC LỤC part titles, outline, Word headings, "NGUỒN:" source lines and masthead.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from PIL import Image as PILImage
from pypdf import PdfReader

from bulletin.build import Editions
from bulletin.cli import main
from bulletin.config import load_settings
from bulletin.site.archive import build_site

from .editions_support import snapshot
from .helpers import FIXTURES, ROOT, Inspector
from .test_make import make

EXAMPLE = ROOT / "examples" / "dien-bien"
FORBIDDEN = ("Hải Phòng", "Chi tiết:", "Phần 1")
"""What the Hải Phòng bulletin prints and the Điện Biên one must not (compared case-insensitively)."""
FIGURES = (("100%", "thôn bản có sóng 4G"), ("70%", "dân số trưởng thành có chữ ký số"),
           ("70%", "hệ thống vận hành trên điện toán đám mây"), ("100%", "người dùng đạt tốc độ truy cập trên 1 Gb/s"),
           ("300 tỷ đồng", "kinh phí dự kiến bố trí trong năm 2026"),
           ("3%", "tổng chi ngân sách địa phương dành cho KHCN và chuyển đổi số"))
"""The key figures the example issue holds, in file order."""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Editions, Path]:
    """The example's editions, built through the CLI, and its archive folder."""
    tmp = tmp_path_factory.mktemp("dien-bien")
    project = tmp / "dien-bien"
    shutil.copytree(EXAMPLE, project)
    config = project / "sources.yaml"
    assert main(["issue", "3", "--config", str(config), "--output", str(tmp / "build")]) == 0
    build_site(load_settings(config), tmp / "build")
    folder = tmp / "build" / "2026-03"
    stem = folder / "thong-tin-khcn-2026-03"
    return Editions(folder, stem.with_suffix(".html"), stem.with_suffix(".pdf"), stem.with_suffix(".docx")), tmp / "build" / "site"


def test_parts_sources_and_masthead_follow_the_configuration(built):
    editions, _ = built
    expected = (FIXTURES / "editions" / "dien-bien-03.txt").read_text(encoding="utf-8")
    assert snapshot(editions).splitlines() == expected.splitlines()


def _pdf_text(pdf: Path, *options: str) -> str:
    done = subprocess.run(["pdftotext", *options, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True)
    return done.stdout


def _docx_text(docx: Path) -> str:
    doc = Document(str(docx))
    cells = [p.text for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    headers = [p.text for s in doc.sections for p in s.header.paragraphs + s.footer.paragraphs]
    return "\n".join([p.text for p in doc.paragraphs] + cells + headers)


def _texts(built) -> dict[str, str]:
    editions, site = built
    texts = {"HTML": editions.html.read_text(encoding="utf-8"), "PDF": _pdf_text(editions.pdf),
             "DOCX": _docx_text(editions.docx)}
    pages = [p for p in site.rglob("*") if p.suffix in (".html", ".xml", ".js", ".json") and p.is_file()]
    assert any(p.name == "index.html" and p.parent == site for p in pages)
    texts.update({f"site/{p.relative_to(site)}": p.read_text(encoding="utf-8") for p in pages})
    return texts


def test_no_hai_phong_words_anywhere(built):
    found = [(where, word) for where, text in _texts(built).items() for word in FORBIDDEN
             if word.casefold() in text.casefold()]
    assert found == []


def test_key_figures_are_text_in_every_edition(built):
    editions, _ = built
    pdf = _pdf_text(editions.pdf)
    words = " ".join(pdf.split())
    lines = {line.strip() for line in pdf.splitlines()}
    for value, caption in FIGURES:  # poppler reads boxes side by side in its own order: each piece is text
        assert value in lines and caption in words
    html = Inspector(editions.html.read_text(encoding="utf-8"))
    assert len(html.find("ul", **{"class": "figures"})) == 2
    values = re.findall(r'<span class="figure-value">([^<]*)</span> <span class="figure-caption">([^<]*)</span>',
                        editions.html.read_text(encoding="utf-8"))
    assert sorted(values) == sorted(FIGURES)
    doc = Document(str(editions.docx))
    cells = [(c.paragraphs[0].text, c.paragraphs[1].text) for t in doc.tables for row in t.rows for c in row.cells
             if c.paragraphs[0].text]
    assert sorted(cells) == sorted(FIGURES)
    assert {c.paragraphs[0].style.name for t in doc.tables for row in t.rows for c in row.cells} <= {"Số liệu", "Normal"}


def test_a_source_without_a_link_prints_without_one(built):
    editions, _ = built
    html = editions.html.read_text(encoding="utf-8")
    sources = re.findall(r'<p class="source">(.*?)</p>', html)
    assert 'NGUỒN: UBND tỉnh Điện Biên' in sources
    assert 'NGUỒN: <a href="https://vnexpress.net/" rel="noopener">VnExpress</a>' in sources
    doc = Document(str(editions.docx))
    plain = next(p for p in doc.paragraphs if p.text == "NGUỒN: UBND tỉnh Điện Biên")
    assert not plain._p.xpath(".//w:hyperlink")
    links = {annot.get_object().get("/A", {}).get("/URI") for page in PdfReader(editions.pdf).pages
             for annot in page.get("/Annots", [])}
    assert links - {None} == {"https://skhcn.dienbien.gov.vn/", "https://www.facebook.com/skhcndb",
                              "https://baochinhphu.vn/", "https://vnexpress.net/",
                              "https://skhcn.dienbien.gov.vn/thong-tin-khcn/"}  # the last page's way home


def test_make_check_takes_the_example_configuration():
    run = make("check", "N=3", "CONFIG=examples/dien-bien/sources.yaml")
    assert run.returncode == 0, run.stderr
    assert "issues/2026/03.md hợp lệ: số 03/2026, 6 tin sẽ in" in run.stderr


@pytest.mark.parametrize("target", ["issue", "site", "publish", "email", "send", "preview"])
def test_make_leaves_the_build_folder_to_the_configuration(target):
    """Every target that writes or reads the editions passes the configuration and no ``--output``: the
    command then uses the configuration's own build/ folder (tests/test_output_folder.py runs them)."""
    run = make("-n", target, "N=3", "CONFIG=examples/dien-bien/sources.yaml")
    assert '--config "examples/dien-bien/sources.yaml"' in run.stdout
    assert "--output" not in run.stdout


def test_a_name_ending_in_so_is_not_doubled_before_the_number(built):
    """The example's name ends with "chuyển đổi số": titles read "… số – số 03/2026", never "số số"."""
    editions, _ = built
    name = "Thông tin tổng hợp KHCN, đổi mới sáng tạo và chuyển đổi số – số 03/2026"
    assert PdfReader(editions.pdf).metadata.title == name
    assert f"<title>{name}: " in editions.html.read_text(encoding="utf-8")
    with PILImage.open(editions.folder / "chia-se.png") as card:
        assert card.text["Title"] == name
    assert [where for where, text in _texts(built).items() if "số số" in text.casefold()] == []
