"""Archive quality of the print edition: PDF/A-3 with tags, metadata, /Lang, fonts, attachment."""
from __future__ import annotations

import logging
import subprocess
from datetime import datetime, timedelta

import pytest
from pypdf import PdfReader
from weasyprint.text import ffi


from .helpers import FIXTURES, make_photo, read_tsv, scratch_project
from .pdf_support import Built, build

FAMILIES = ("Be-Vietnam-Pro", "IBM-Plex-Serif")
"""PostScript family prefixes the print edition embeds; nothing from the machine's fonts."""


def basic_issue(tmp):
    text = (FIXTURES / "issues" / "basic.md").read_text(encoding="utf-8")
    text = text.replace("Hành khách mua sớm", '![Đoàn tàu Thống Nhất qua đèo Hải Vân](16/tau.jpg "Ảnh: minh họa")\n\nHành khách mua sớm')
    issue = scratch_project(tmp, text)
    make_photo(issue.parent / "16" / "tau.jpg", size=(2000, 1300))
    return issue


@pytest.fixture(scope="module")
def basic(tmp_path_factory) -> Built:
    tmp = tmp_path_factory.mktemp("basic")
    return build(basic_issue(tmp), tmp / "build")


@pytest.mark.parametrize(("key", "expected"), read_tsv(FIXTURES / "pdf" / "metadata.tsv", columns=2))
def test_document_information(basic, key, expected):
    assert basic.reader.metadata[key] == expected


def test_subject_language_and_modification_date(basic):
    info = basic.reader.metadata
    assert info["/Subject"].startswith("Điểm tin khoa học công nghệ số 16/2026, tuần từ 27/4-03/5/2026: Xã hội số")
    assert basic.reader.trailer["/Root"]["/Lang"] == "vi"
    modified = info.modification_date
    assert modified is not None and abs(datetime.now(modified.tzinfo) - modified) < timedelta(hours=1)
    assert modified.utcoffset() == timedelta(hours=7), "dates are Asia/Ho_Chi_Minh"


def test_pdfa3_level_a_identification_tags_and_output_intent(basic):
    root = basic.reader.trailer["/Root"]
    xmp = basic.reader.xmp_metadata
    assert xmp is not None
    packet = xmp.stream.get_data().decode("utf-8")
    assert 'pdfaid:part="3"' in packet and 'pdfaid:conformance="A"' in packet
    assert "Điểm tin khoa học công nghệ số 16/2026" in packet, "XMP title matches /Title"
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
    assert "/StructTreeRoot" in root, "the PDF is tagged"
    intent = root["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    assert intent["/DestOutputProfile"].get_object()["/N"] == 3
    assert basic.reader.pdf_header == "%PDF-1.7"


def test_every_font_is_ours_embedded_subset_with_unicode_map(basic):
    out = subprocess.run(["pdffonts", str(basic.editions.pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.splitlines()[2:]]
    assert len(rows) >= 4
    for row in rows:
        name, emb, sub, uni = row[0], row[-5], row[-4], row[-3]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row
        assert name[6] == "+" and name.split("+", 1)[1].startswith(FAMILIES), name
    for family in FAMILIES:
        assert any(row[0].split("+", 1)[1].startswith(family) for row in rows), family


def test_the_issue_markdown_is_attached_as_its_source(basic):
    files = basic.reader.attachments
    assert list(files) == ["16.md"]
    assert files["16.md"] == [basic.issue.source.encode("utf-8")]
    root = basic.reader.trailer["/Root"]
    spec = root["/AF"][0].get_object()
    assert spec["/AFRelationship"] == "/Source"
    assert spec["/EF"]["/F"].get_object()["/Subtype"] == "/text/markdown"  # written /text#2Fmarkdown


def test_basic_issue_has_cover_toc_and_one_page_per_part(basic):
    info = subprocess.run(["pdfinfo", str(basic.editions.pdf)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           6" in info and "(A4)" in info
    assert len(basic.reader.pages) == 6
    assert not list(basic.editions.folder.glob("*.tmp")) and not list(basic.editions.folder.glob(".*.tmp"))


def test_render_logs_no_warning_and_uses_harfbuzz_subset(tmp_path, caplog):
    assert ffi.harfbuzz_subset is not None, "install libharfbuzz-subset0"
    caplog.set_level(logging.WARNING, logger="weasyprint")
    built = build(basic_issue(tmp_path), tmp_path / "build")
    noisy = [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")]
    assert noisy == []
    assert PdfReader(built.editions.pdf).pages
