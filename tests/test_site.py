"""`make site`: the archive's files, links, Open Graph meta, feed, sitemap, search index, and
incremental rebuilds decided by content hashes."""
from __future__ import annotations

import hashlib
import json
import logging
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from PIL import Image

from bulletin.cli import main
from bulletin.config import load_settings
from bulletin.reader import read_issue
from bulletin.site.neighbours import SLOT
from bulletin.site.pages import human_size
from bulletin.record import edition_sources

from .helpers import Inspector, make_photo
from .site_support import broken_references, site_project

BASE = "https://sokhcn.haiphong.gov.vn/diem-tin/"
"""``publication.base_url`` of the shipped sources.yaml."""


class _Warnings(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        if record.name.startswith("bulletin"):
            self.messages.append(record.getMessage())


def _build(project: Path, *extra: str) -> int:
    return main(["site", "--config", str(project / "sources.yaml"), "--output", str(project / "build"), *extra])


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """The sample issue plus two fixture issues, built once for the read-only tests."""
    project = site_project(tmp_path_factory.mktemp("archive"))
    watcher = _Warnings()  # on the root logger: the CLI replaces the "bulletin" logger's own handlers
    logging.getLogger().addHandler(watcher)
    try:
        assert _build(project) == 0
    finally:
        logging.getLogger().removeHandler(watcher)
    assert not watcher.messages, watcher.messages
    return project


def _themes(project: Path) -> dict[str, str]:
    settings = load_settings(project / "sources.yaml")
    issues = [read_issue(p, settings.publication) for p in sorted((project / "issues").glob("*/*.md"))]
    return {i.label: i.theme for i in issues}


@pytest.mark.parametrize("folder, older, newer", [("2025/52", None, "2026/15"), ("2026/15", "2025/52", "2026/16"),
                                                  ("2026/16", "2026/15", None)])
def test_issue_pages_link_home_and_to_their_neighbours(archive, folder, older, newer):
    site = archive / "build" / "site"
    page = Inspector((site / folder / "index.html").read_text(encoding="utf-8"))
    prev, nxt = page.find("a", rel="prev"), page.find("a", rel="next")
    assert [a["href"] for a in prev] == ([f"../../{older}/index.html"] if older else [])
    assert [a["href"] for a in nxt] == ([f"../../{newer}/index.html"] if newer else [])
    for link in prev + nxt:
        assert (site / folder / str(link["href"])).resolve().is_file()
    number = folder.split("/")[1]
    slug = f"diem-tin-{folder.split('/')[0]}-{int(number):02d}"
    for suffix in ("pdf", "docx"):
        assert page.find("a", href=f"{slug}.{suffix}") and (site / folder / f"{slug}.{suffix}").is_file()
    assert page.find("a", href=BASE)
    assert page.find("meta", property="og:image")[0]["content"] == f"{BASE}{folder}/chia-se.png"
    with Image.open(site / folder / "chia-se.png") as card:
        assert card.size == (1200, 630) and card.text["Number"] == f"{number}/{folder.split('/')[0]}"
    assert f"{BASE}{folder}/" in (site / folder / "chia-se.txt").read_text(encoding="utf-8")


def test_site_has_index_feed_sitemap_and_the_three_editions(archive):
    site = archive / "build" / "site"
    for name in ("index.html", "feed.xml", "sitemap.xml", "search-index.js", "2026/index.html", "2025/index.html"):
        assert (site / name).is_file(), name
    issue = site / "2026" / "16"
    edition = archive / "build" / "2026-16"
    page = (issue / "index.html").read_text(encoding="utf-8")
    assert SLOT.sub("", page) == SLOT.sub("", (edition / "diem-tin-2026-16.html").read_text(encoding="utf-8"))
    for suffix in ("pdf", "docx"):
        assert (issue / f"diem-tin-2026-16.{suffix}").read_bytes() == (edition / f"diem-tin-2026-16.{suffix}").read_bytes()
    assert (issue / "assets" / "web.css").is_file()
    assert not (issue / "assets" / "fonts").exists(), "issues share the archive's one copy of the fonts"
    assert "../../../assets/fonts/" in (issue / "assets" / "fonts.css").read_text(encoding="utf-8")
    assert (site / "2026" / "15" / "img").is_dir() and any((site / "2026" / "15" / "img").iterdir())


def test_every_relative_link_image_and_font_resolves(archive):
    site = archive / "build" / "site"
    assert len(list(site.rglob("*.html"))) == 1 + 2 + 3 + 1  # index, two years, three issues, trends
    assert broken_references(site) == []


def test_search_index_points_at_existing_items(archive):
    site = archive / "build" / "site"
    text = (site / "search-index.js").read_text(encoding="utf-8")
    data = json.loads(text.removeprefix("window.BULLETIN_SEARCH=").removesuffix(";\n"))
    assert [i[0] for i in data["issues"]] == ["16/2026", "15/2026", "52/2025"]
    settings = load_settings(archive / "sources.yaml")
    published = {(i.label, item.anchor)
                 for p in (archive / "issues").glob("*/*.md") for i in [read_issue(p, settings.publication)]
                 for item in i.items}
    indexed = {(data["issues"][n][0], anchor) for n, _, _, anchor in data["items"]}
    assert indexed == published, "every published item once, no candidate"
    for n, title, _, anchor in data["items"]:
        page = site / data["issues"][n][1]
        assert f'id="{anchor}"' in page.read_text(encoding="utf-8"), title


def test_every_page_has_open_graph_meta(archive):
    site = archive / "build" / "site"
    for page in site.rglob("*.html"):
        meta = Inspector(page.read_text(encoding="utf-8"))
        for prop in ("og:title", "og:description", "og:type", "og:url", "og:site_name"):
            found = meta.find("meta", property=prop)
            assert found and found[0]["content"], f"{page.relative_to(site)}: {prop}"
        url = meta.find("meta", property="og:url")[0]["content"]
        assert url.startswith(BASE) and (site / url.removeprefix(BASE) / "index.html").is_file()


def test_index_lists_issues_newest_first_with_sizes_and_thumbnails(archive):
    site = archive / "build" / "site"
    html = (site / "index.html").read_text(encoding="utf-8")
    page = Inspector(html)
    assert [a["id"] for a in page.find("li") if a.get("id")] == ["so-2026-16", "so-2026-15", "so-2025-52"]
    themes = _themes(archive)
    assert "Số 16/2026 — Tuần từ 27/4-03/5/2026" in html and "Số 52/2025 — Tuần từ 22/12-28/12/2025" in html
    for theme in themes.values():
        assert f">{theme}</a>" in html.replace("&amp;", "&")
    for kind, name in (("pdf", "diem-tin-2026-15.pdf"), ("docx", "diem-tin-2026-15.docx"), ("html", "index.html")):
        link = page.find("a", **{"class": f"edition-{kind}", "href": f"2026/15/{name}"})
        assert link, kind
        assert f"{human_size((site / '2026' / '15' / name).stat().st_size)}</span>" in html
    for img in page.find("img"):
        with Image.open(site / img["src"]) as thumb:
            assert thumb.format == "JPEG" and max(thumb.size) <= 480
            assert (str(thumb.width), str(thumb.height)) == (img["width"], img["height"])
    with Image.open(site / "2026" / "15" / "bia-nho.jpg") as cover:
        assert cover.getpixel((5, 5))[1] > cover.getpixel((5, 5))[2], "the cover photo's green, not a drawn card"


def test_year_pages_list_only_their_year(archive):
    site = archive / "build" / "site"
    y2025 = Inspector((site / "2025" / "index.html").read_text(encoding="utf-8"))
    assert [a["id"] for a in y2025.find("li") if a.get("id")] == ["so-2025-52"]
    assert y2025.find("a", href="../2025/52/index.html")
    y2026 = Inspector((site / "2026" / "index.html").read_text(encoding="utf-8"))
    assert [a["id"] for a in y2026.find("li") if a.get("id")] == ["so-2026-16", "so-2026-15"]


def test_feed_parses_cleanly_with_exact_headlines_and_resolvable_links(archive):
    site = archive / "build" / "site"
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    themes = _themes(archive)
    assert feed.entries[0].title == f"Số 16/2026 – {themes['16/2026']}", "the number, then the headline exactly"
    assert [e.title for e in feed.entries] == [f"Số {n} – {themes[n]}" for n in ("16/2026", "15/2026", "52/2025")]
    assert feed.entries[0].updated.startswith("2026-05-03"), "the issue's date (its week's last day), not the build time"
    assert feed.feed.updated == feed.entries[0].updated
    for entry in feed.entries:
        assert entry.updated == entry.published
        links = {link.rel: link for link in entry.links}
        assert entry.link.startswith(BASE)
        assert (site / entry.link.removeprefix(BASE) / "index.html").is_file()
        pdf = links["enclosure"]
        assert pdf.type == "application/pdf" and pdf.href.endswith(".pdf")
        assert (site / pdf.href.removeprefix(BASE)).stat().st_size == int(pdf.length)
        assert (site / links["related"].href.removeprefix(BASE)).is_file()
        assert entry.summary.startswith("Số ") and "Tuần từ" in entry.summary
    assert "Tin Hải Phòng: Khu công nghệ cao Hải Phòng đón dự án vi mạch đầu tiên." in feed.entries[1].summary


def test_sitemap_lists_every_page_with_absolute_urls(archive):
    site = archive / "build" / "site"
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text for e in ET.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    assert locs == [BASE, f"{BASE}xu-huong/", f"{BASE}2026/", f"{BASE}2025/", f"{BASE}2026/16/", f"{BASE}2026/15/", f"{BASE}2025/52/"]
    for loc in locs:
        assert (site / loc.removeprefix(BASE) / "index.html").is_file()


@pytest.mark.expect_log_warnings  # the sitemap warns that base_url is missing
def test_without_base_url_links_stay_relative(tmp_path, caplog):
    project = site_project(tmp_path)
    shutil.rmtree(project / "issues" / "2026")
    settings = project / "sources.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(f"base_url: {BASE}", "base_url: \"\""), encoding="utf-8")
    assert _build(project) == 0
    assert "base_url" in caplog.text
    site = project / "build" / "site"
    feed = feedparser.parse(str(site / "feed.xml"))
    assert feed.bozo == 0
    assert (site / feed.entries[0].link.removeprefix(str(site) + "/") / "index.html").is_file()
    assert "og:url" not in (site / "index.html").read_text(encoding="utf-8")
    assert broken_references(site) == []


def _snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    return {str(p.relative_to(folder)): (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".built"}


@pytest.fixture
def small(tmp_path) -> Path:
    """Two fixture issues (no sample): quicker to rebuild."""
    project = site_project(tmp_path)
    (project / "issues" / "2026" / "16.md").unlink()
    return project


def test_unchanged_inputs_rebuild_and_rewrite_nothing(small, caplog):
    assert _build(small) == 0
    before = _snapshot(small / "build")
    caplog.clear()
    assert _build(small) == 0
    assert "0 số tạo mới, 2 số không đổi" in caplog.text
    assert "Đang tạo bản PDF" not in caplog.text
    assert _snapshot(small / "build") == before


def test_a_changed_picture_or_issue_file_rebuilds_only_that_issue(small, caplog):
    assert _build(small) == 0
    pdf52 = small / "build" / "site" / "2025" / "52" / "diem-tin-2025-52.pdf"
    untouched = pdf52.stat().st_mtime_ns
    make_photo(small / "issues" / "2026" / "15" / "lo-say.jpg", size=(2000, 1300), color=(150, 40, 40))
    caplog.clear()
    assert _build(small) == 0
    assert "1 số tạo mới, 1 số không đổi" in caplog.text and "số 15/2026: đã đưa vào" in caplog.text
    assert pdf52.stat().st_mtime_ns == untouched
    issue = small / "issues" / "2025" / "52.md"
    issue.write_text(issue.read_text(encoding="utf-8").replace("năm mới", "năm 2026 sắp tới"), encoding="utf-8")
    caplog.clear()
    assert _build(small) == 0
    assert "số 52/2025: đã đưa vào" in caplog.text and "1 số tạo mới" in caplog.text
    index = (small / "build" / "site" / "index.html").read_text(encoding="utf-8")
    assert "Chuyển đổi số – động lực tăng trưởng năm 2026 sắp tới" in index


def test_settings_change_rebuilds_every_issue_and_site_files_are_not_edition_inputs(small, caplog):
    assert _build(small) == 0
    settings = small / "sources.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("province: Hải Phòng", "province: Hải Phòng "), encoding="utf-8")
    caplog.clear()
    assert _build(small) == 0
    assert "2 số tạo mới, 0 số không đổi" in caplog.text
    inputs = [str(p) for p in edition_sources()]
    assert any(p.endswith("templates/issue.html") for p in inputs) and any(p.endswith("bulletin/reader.py") for p in inputs)
    assert not [p for p in inputs if "/templates/site/" in p or "/bulletin/site/" in p]


def test_a_removed_issue_leaves_the_archive(small):
    assert _build(small) == 0
    (small / "issues" / "2025" / "52.md").unlink()
    assert _build(small) == 0
    site = small / "build" / "site"
    assert not (site / "2025").exists()
    assert "2025/" not in (site / "index.html").read_text(encoding="utf-8")
    assert broken_references(site) == []


@pytest.mark.expect_log_warnings
def test_a_broken_issue_stays_out_and_the_rest_is_published(tmp_path, capsys):
    project = site_project(tmp_path, broken=True)
    (project / "issues" / "2026" / "16.md").unlink()
    assert _build(project) == 1
    err = capsys.readouterr().err
    assert 'issues/2026/17.md:9: tag "natonal" không hợp lệ' in err.replace(str(project) + "/", "")
    assert "chưa đưa số này lên trang" in err and "Traceback" not in err
    site = project / "build" / "site"
    assert not (site / "2026" / "17").exists() and not (project / "build" / "2026-17").exists()
    assert (site / "2026" / "15" / "index.html").is_file() and (site / "2025" / "52" / "index.html").is_file()
    assert "17/2026" not in (site / "index.html").read_text(encoding="utf-8")
    assert (site / ".built").is_file()


@pytest.mark.expect_log_warnings
def test_an_issue_that_breaks_later_keeps_its_last_clean_version(small, capsys):
    assert _build(small) == 0
    before = (small / "build" / "site" / "2025" / "52" / "index.html").read_bytes()
    issue = small / "issues" / "2025" / "52.md"
    issue.write_text(issue.read_text(encoding="utf-8").replace("- tag: local", "- tag: lokal"), encoding="utf-8")
    assert _build(small) == 1
    assert "giữ bản cũ số 52/2025" in capsys.readouterr().err
    site = small / "build" / "site"
    assert (site / "2025" / "52" / "index.html").read_bytes() == before
    assert "so-2025-52" in (site / "index.html").read_text(encoding="utf-8")


@pytest.mark.expect_log_warnings  # check and issue warn that the issue is a draft
def test_drafts_stay_off_the_archive_and_are_listed(small, caplog, capsys):
    """A file fresh from `make collect` (placeholder theme, no tagged item) and one marked
    `nháp: có` are built on request, but `site` and `publish` leave them out and name them."""
    fresh = small / "issues" / "2026" / "18.md"
    fresh.write_text("---\nsố: 18\nnăm: 2026\ntuần: 11/5/2026 - 17/5/2026\nchủ đề: Chưa đặt chủ đề\n---\n\n"
                     "# Tin ứng viên\n", encoding="utf-8")
    marked = small / "issues" / "2026" / "15.md"
    marked.write_text(marked.read_text(encoding="utf-8").replace("\n---\n", "\nnháp: có\n---\n", 1), encoding="utf-8")
    assert main(["check", "18", "--config", str(small / "sources.yaml")]) == 0
    assert "số 18/2026 là bản nháp (chủ đề vẫn là \"Chưa đặt chủ đề\"; chưa có tin nào được gắn tag)" in caplog.text
    caplog.clear()
    assert _build(small) == 0
    assert "bỏ qua 2 bản nháp: 15/2026, 18/2026" in caplog.text
    site = small / "build" / "site"
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "18/2026" not in index and "15/2026" not in index and "CHƯA ĐẶT" not in index.upper()
    assert not (site / "2026" / "18").exists() and not (site / "2026" / "15").exists()
    assert (site / "2025" / "52" / "index.html").is_file()
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert [e.title.split(" – ")[0] for e in feed.entries] == ["Số 52/2025"]
    caplog.clear()
    target = small / "www"
    assert main(["publish", "--config", str(small / "sources.yaml"), "--output", str(small / "build"),
                 "--target", str(target), "--method", "local"]) == 0
    assert "Không đưa lên: số 15/2026" in caplog.text and "Không đưa lên: số 18/2026" in caplog.text
    live = target / "current"  # the web server serves <target>/current
    assert not (live / "2026" / "18").exists() and (live / "2025" / "52").is_dir()
