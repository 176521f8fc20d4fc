"""The archive in a real headless Chromium (Debian's ``chromium``), served on 127.0.0.1.

One browser for the whole module. Screenshots go to ``build/screenshots/`` for people to look at.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from bulletin.cli import main
from bulletin.text import fold

from .helpers import ROOT
from .site_support import expected_searches, serve, site_project

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
SHOTS = ROOT / "build" / "screenshots"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = site_project(tmp_path_factory.mktemp("browser"))
    logger = logging.getLogger("bulletin")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        code = main(["site", "--config", str(project / "sources.yaml"), "--output", str(project / "build")])
    finally:
        logger.setLevel(level)
    assert code == 0
    return project / "build" / "site"


@pytest.fixture(scope="module")
def base(site) -> str:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: tools/system-deps test (make test runs it) installs it")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


class Watched:
    """A page whose console errors, page errors and failed requests are recorded."""

    def __init__(self, browser, width: int = 1280, height: int = 900):
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url}"))
        self.page.on("response", lambda r: r.status >= 400 and self.problems.append(f"{r.status}: {r.url}"))

    def close(self):
        self.context.close()


@pytest.fixture
def tab(browser):
    watched = Watched(browser)
    yield watched
    watched.close()


def _broken_images(page) -> list[str]:
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.evaluate("""Promise.all([...document.images].map(img => { img.loading = 'eager';
        return img.complete ? null : new Promise(ok => { img.onload = img.onerror = ok; }); }))""")
    return page.evaluate("[...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)")


def test_index_link_to_issue_and_toc_entry_scrolls_to_its_item(tab, base):
    page = tab.page
    page.goto(base + "index.html")
    page.screenshot(path=SHOTS / "index-desktop.png", full_page=True)
    page.click("#so-2026-16 h3 a")
    page.wait_for_url("**/2026/16/index.html")
    assert page.title().startswith("Điểm tin khoa học công nghệ số 16/2026")
    entries = page.locator("nav.toc .toc-items a")
    entry = entries.nth(entries.count() // 2)
    target = entry.get_attribute("href")
    assert page.evaluate("window.scrollY") == 0
    entry.click()
    page.wait_for_function("hash => location.hash === hash", arg=target)
    page.wait_for_timeout(200)
    top = page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", target[1:])
    scrolled, most = page.evaluate("[window.scrollY, document.documentElement.scrollHeight - window.innerHeight]")
    assert scrolled > 0
    # At the top of the viewport, unless the page ends first (then scrolled as far as it goes).
    assert -2 <= top <= 60 or (scrolled >= most - 1 and top < 900), f"{target} is at {top}px"
    page.screenshot(path=SHOTS / "issue-after-toc-click.png")
    assert tab.problems == []


def test_no_console_errors_and_no_broken_images_on_any_page(tab, base, site):
    pages = ["index.html", "2026/index.html", "2025/index.html", "xu-huong/index.html"]
    pages += [str(p.relative_to(site)) for p in sorted(site.glob("*/*/index.html"))]
    assert len(pages) == 7
    for path in pages:
        tab.page.goto(base + path)
        tab.page.wait_for_load_state("networkidle")
        assert _broken_images(tab.page) == [], path
        loaded = tab.page.evaluate("""document.fonts.ready.then(() =>
            [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family))""")
        assert any("Be Vietnam Pro" in family for family in loaded), path
    assert tab.problems == []


def test_phone_width_has_no_horizontal_scrolling(browser, base):
    phone = Watched(browser, width=375, height=812)
    try:
        for path, shot in (("index.html", "index-375.png"), ("2026/index.html", "year-375.png"),
                           ("2026/16/index.html", "issue-16-375.png"), ("2026/15/index.html", "issue-15-375.png"),
                           ("xu-huong/index.html", "trends-375.png")):
            phone.page.goto(base + path)
            phone.page.wait_for_load_state("networkidle")
            width = phone.page.evaluate("document.documentElement.scrollWidth")
            assert width <= 375, f"{path} is {width}px wide at a 375px viewport"
            phone.page.screenshot(path=SHOTS / shot, full_page=True)
        assert phone.problems == []
    finally:
        phone.close()


def test_trends_page_charts_and_tables_in_the_browser(tab, base):
    page = tab.page
    page.goto(base + "index.html")
    page.click("a.trend-link")
    page.wait_for_url("**/xu-huong/index.html")
    charts = page.locator("section.trend svg.chart")
    assert charts.count() >= 1
    box = charts.first.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 60
    page.locator("section.trend details summary").first.click()
    assert page.locator("section.trend details table tbody tr").first.is_visible()
    page.screenshot(path=SHOTS / "trends-desktop.png", full_page=True)
    assert tab.problems == []


def _python_hits(site: Path, query: str) -> list[tuple[str, str]]:
    """The same search done in Python with bulletin.text.fold: (title, lead) of every match."""
    text = (site / "search-index.js").read_text(encoding="utf-8")
    data = json.loads(text.removeprefix("window.BULLETIN_SEARCH=").removesuffix(";\n"))
    words = fold(query).split()
    return [(title, lead) for _, title, lead, _ in data["items"]
            if all(w in fold(f"{title} {lead}") for w in words)]


@pytest.mark.parametrize(("query", "title"), expected_searches())
def test_search_box_finds_items_without_diacritics(tab, base, site, query, title):
    page = tab.page
    page.goto(base + "2026/index.html")
    page.fill("#tim", query)
    page.locator("#ket-qua li > a").first.wait_for()
    found = page.locator("#ket-qua li > a").all_inner_texts()
    assert title in found
    expected = _python_hits(site, query)
    count = page.locator("#ket-qua .results-count").inner_text()
    assert count.startswith(f"Có {len(expected)} tin khớp"), "the browser folds exactly like bulletin.text.fold"
    if any(fold(query) in fold(t) for t, _ in expected):
        assert fold(query) in fold(found[0]), "a hit in the title ranks first"
    if query == "chuyen doi so":
        page.screenshot(path=SHOTS / "search-chuyen-doi-so.png", full_page=True)
    hit = page.locator("#ket-qua li > a", has_text=title).first
    anchor = hit.get_attribute("href").split("#")[1]
    hit.click()
    page.wait_for_url(lambda url: url.endswith("/index.html#" + anchor))
    heading = " ".join(page.locator(f"#{anchor} .item-title").text_content().split())
    assert heading.endswith(title)
    assert tab.problems == []


def test_search_and_links_work_from_the_file_system(tab, site):
    page = tab.page
    page.goto((site / "index.html").as_uri() + "?q=ky+nang+so")
    first = page.locator("#ket-qua li > a").first
    first.wait_for()
    assert "kỹ năng số" in first.inner_text()
    assert page.locator("#ket-qua .results-count").inner_text().startswith("Có ")
    page.click("#so-2025-52 .edition-html")
    assert page.url.startswith("file://") and page.url.endswith("/2025/52/index.html")
    assert _broken_images(page) == []
    assert tab.problems == []


def test_a_query_without_hits_says_so(tab, base):
    tab.page.goto(base + "index.html")
    tab.page.fill("#tim", "khong co tin nao nhu the nay")
    tab.page.locator("#ket-qua .results-count").wait_for()
    assert tab.page.locator("#ket-qua .results-count").inner_text().startswith("Không có tin nào khớp")
    assert tab.page.locator("#ket-qua li").count() == 0



def test_photo_credit_sits_on_its_own_line_under_the_caption(tab, base):
    """As in the PDF: "…chip AI" then "Ảnh: minh họa" below it, never run together on one line."""
    page = tab.page
    page.goto(base + "2026/16/index.html")
    rows = page.evaluate("""[...document.querySelectorAll('figure.photo figcaption')]
        .filter(c => c.querySelector('.credit')).map(c => {
            const range = document.createRange(); range.selectNodeContents(c.firstChild);
            return [c.firstChild.textContent, range.getBoundingClientRect().bottom,
                    c.querySelector('.credit').getBoundingClientRect().top]; })""")
    assert len(rows) >= 5, rows
    for caption, caption_bottom, credit_top in rows:
        assert credit_top >= caption_bottom - 1, caption
