"""The print edition read back from the real PDF: MỤC LỤC page numbers, outline, pages, text.

Every layout property is checked on two issues: the shipped sample (built through the CLI, as
``make issue N=16`` does) and a long synthetic issue whose varied item lengths put headings and
figures at every height of a page.
"""
from __future__ import annotations

import dataclasses
import shutil
import unicodedata
from pathlib import Path

import pytest

from bulletin.cli import main
from bulletin.glyphs import missing_glyphs
from bulletin.markdown import plain
from bulletin.model import Item
from bulletin.text import day_label

from .helpers import FIXTURES, ROOT, copy_sample_issues, logged_warnings, read_tsv
from .pdf_support import Built, build, drawn_images, link_uris, outline, preflight, squash, stress_issue, toc_number

MAX_BYTES = 3_000_000
"""The sample issue's PDF must stay under 3 MB (it is emailed)."""


def sample_issue(tmp: Path) -> Path:
    """A scratch copy of the shipped project: settings and the sample issue with its pictures."""
    shutil.copy(ROOT / "sources.yaml", tmp / "sources.yaml")
    copy_sample_issues(tmp)
    return tmp / "issues" / "2026" / "16.md"


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Built:
    """The shipped sample issue, built through the CLI as ``make issue N=16`` does."""
    tmp = tmp_path_factory.mktemp("sample")
    issue = sample_issue(tmp)
    with logged_warnings() as warnings:
        assert main(["issue", "16", "--config", str(tmp / "sources.yaml"), "--output", str(tmp / "build")]) == 0
        built = build(issue, tmp / "build", rebuild=False)
    return dataclasses.replace(built, warnings=tuple(r.getMessage() for r in warnings))


@pytest.fixture(scope="module")
def long(tmp_path_factory) -> Built:
    """The long synthetic issue."""
    tmp = tmp_path_factory.mktemp("long")
    return build(stress_issue(tmp), tmp / "build")


@pytest.fixture(params=["sample", "long"])
def built(request) -> Built:
    return request.getfixturevalue(request.param)


def heading(item: Item) -> str:
    """An item's heading as printed in the body: "27/4: TITLE" in capitals."""
    label = f"{day_label(item.day)}: {plain(item.title)}" if item.day and item.tag != "trend" else plain(item.title)
    return label.upper()


def toc_entries(built: Built) -> list[tuple[str, str]]:
    """(MỤC LỤC label as written, heading as printed in the body) for every entry."""
    entries = []
    for item in built.issue.items:
        if item.tag == "trend":
            entries += [(plain(s.title), plain(s.title).upper()) for s in item.sections]
        else:
            entries.append((f"{day_label(item.day)}: {plain(item.title)}", heading(item)))
    return entries


def toc_text(built: Built) -> str:
    return "\n".join(page for page in built.pages[1:] if "MỤC LỤC" in page)


def test_every_toc_entry_gives_the_page_its_heading_is_printed_on(built):
    toc = toc_text(built)
    entries = toc_entries(built)
    assert len(entries) >= len(built.issue.items)
    for label, printed in entries:
        number = toc_number(toc, label)
        assert squash(printed) in squash(built.pages[number - 1]), f"{label!r} is not on page {number}"


def test_outline_nests_parts_then_items_with_the_toc_page_numbers(built):
    toc = toc_text(built)
    expected = []
    for part in (p for p in built.issue.parts if p.items):
        part_page = min(row[2] for row in outline(built.reader) if row[1] == f"Phần {part.number}: {part.title}")
        expected.append((1, f"Phần {part.number}: {part.title}", part_page))
        for item in part.items:
            if item.tag == "trend":
                first = toc_number(toc, plain(item.sections[0].title))
                expected.append((2, plain(item.title), first))
                expected += [(3, plain(s.title), toc_number(toc, plain(s.title))) for s in item.sections]
            else:
                label = f"{day_label(item.day)}: {plain(item.title)}"
                expected.append((2, label, toc_number(toc, label)))
    assert outline(built.reader) == expected


def test_each_part_starts_on_a_new_page_with_its_first_item(built):
    rows = outline(built.reader)
    parts = [n for n, row in enumerate(rows) if row[0] == 1]
    for before, start in zip(parts, parts[1:]):
        previous_items = [row[2] for row in rows[before + 1:start]]
        assert rows[start][2] > max(previous_items), f"{rows[start][1]} shares a page with the part before"
    for start in parts:
        assert rows[start + 1][2] == rows[start][2], f"{rows[start][1]} is alone on its page"
        assert squash(rows[start][1].upper()) in squash(built.pages[rows[start][2] - 1])


def test_item_heading_stays_with_its_source_line_and_first_lines(built):
    rows = {title: page for level, title, page in outline(built.reader) if level == 2}
    for item in built.issue.items:
        label = plain(item.title) if item.tag == "trend" else f"{day_label(item.day)}: {plain(item.title)}"
        text = squash(built.pages[rows[label] - 1])
        after = text[text.index(squash(heading(item))):]
        if item.sources:
            assert "Chi tiết: " + ", ".join(s.name for s in item.sources) in after, label
        opening = " ".join(plain(item.lead).split()[:6])
        assert opening in after, f"{label!r}: the lead does not start on the heading's page"


def test_figures_keep_picture_and_caption_on_one_page(built):
    figures = [img for item in built.issue.items for img in item.images]
    captions = {}
    for img in figures:
        caption = squash(f"{img.caption} {img.credit}")
        pages = [n for n, page in enumerate(built.pages) if caption in squash(page)]
        assert len(pages) == 1, f"caption {caption!r} found on pages {pages}"
        captions[pages[0]] = captions.get(pages[0], 0) + 1
    for n in range(1, len(built.pages)):
        assert drawn_images(built.reader, n) == captions.get(n, 0), f"page {n + 1}: pictures and captions differ"


def test_source_links_are_live_on_the_heading_page(built):
    rows = {title: page for level, title, page in outline(built.reader) if level == 2}
    for item in built.issue.items:
        if item.sources:
            uris = link_uris(built.reader, rows[f"{day_label(item.day)}: {plain(item.title)}"] - 1)
            assert {s.url for s in item.sources} <= set(uris), item.title


def test_cover_has_no_running_header_or_footer_and_the_other_pages_do(built):
    cover = built.pages[0]
    issue, pub = built.issue, built.issue.publication
    for text in ("ĐIỂM TIN", "KHOA HỌC CÔNG NGHỆ", "SỐ 16/2026", "Tuần từ 27/4-03/5/2026", issue.theme.upper(),
                 pub.parent.upper(), pub.department.upper(), pub.website, pub.social):
        assert squash(text) in squash(cover), text
    running = "ĐIỂM TIN KHOA HỌC CÔNG NGHỆ · SỐ 16/2026"
    assert running not in cover and cover.split()[-1] != "1"
    assert drawn_images(built.reader, 0) == (1 if issue.cover else 0)
    assert "MỤC LỤC" in built.pages[1]
    for number, page in enumerate(built.pages[1:], 2):
        assert running in page, f"page {number} has no running header"
        assert page.split()[-1] == str(number), f"page {number} has no page number at its foot"


def test_titles_extract_exactly_with_diacritics_in_nfc(built, tmp_path):
    import subprocess

    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(built.editions.pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    assert unicodedata.is_normalized("NFC", raw), "pdftotext output is not NFC"
    toc = squash(toc_text(built))
    pypdf_text = squash(" ".join(page.extract_text() for page in built.reader.pages))
    for item in built.issue.items:
        title = plain(item.title)
        assert unicodedata.is_normalized("NFC", title)
        if item.tag != "trend":
            assert squash(title) in toc, f"MỤC LỤC lacks {title!r} as written"
        assert squash(heading(item)) in squash(raw), f"body lacks {heading(item)!r}"
        assert squash(heading(item)) in pypdf_text, f"pypdf does not read {heading(item)!r}"


def test_sample_pdf_is_small_with_cover_toc_and_four_parts(sample):
    assert sample.editions.pdf.stat().st_size <= MAX_BYTES
    parts = [row for row in outline(sample.reader) if row[0] == 1]
    assert [title for _, title, _ in parts] == [f"Phần {p.number}: {p.title}" for p in sample.issue.parts]
    assert len(parts) == 4
    assert "ĐIỂM TIN" in sample.pages[0] and "MỤC LỤC" in sample.pages[1]


def _allowed_preflight_codes() -> set[str]:
    return {row[0] for row in read_tsv(FIXTURES / "pdf" / "preflight_allowed.tsv")}


def test_pdfbox_preflight_finds_nothing_pdfa3_forbids(built):
    errors = preflight(built.editions.pdf)
    if errors is None:
        pytest.fail("PDFBox Preflight is not installed: tools/system-deps test (make test runs it) installs it")
    allowed = _allowed_preflight_codes()
    unexpected = [line for line in errors if line.split(" : ")[0] not in allowed]
    assert unexpected == []


def test_sample_prints_without_missing_glyphs_or_build_warnings(sample):
    assert sample.editions.pdf.name == "diem-tin-2026-16.pdf" and sample.editions.pdf.parent.name == "2026-16"
    assert missing_glyphs(sample.issue) == []
    assert sample.warnings == ()


def test_the_collector_thresholds_are_restored_after_rendering_even_on_failure():
    """The PDF raises the garbage collector's thresholds only while WeasyPrint works: a server
    rendering PDFs (the preview) keeps its own settings, also when a render fails."""
    import gc

    from bulletin.render.pdf import GC_THRESHOLD, fewer_collections

    before = gc.get_threshold()
    with pytest.raises(RuntimeError), fewer_collections():
        assert gc.get_threshold() == GC_THRESHOLD
        raise RuntimeError("render failed")
    assert gc.get_threshold() == before
