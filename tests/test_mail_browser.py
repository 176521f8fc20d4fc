"""The email edition's HTML in a real headless Chromium at a phone's width (375 px) and a desktop
mail client's (800 px). Pictures are answered from the build (the share card and the web copies)
as the archive would serve them; nothing leaves the machine."""
from __future__ import annotations

import pytest

from bulletin.cli import main
from bulletin.config import load_settings
from bulletin.reader import read_issue
from bulletin.share import share_card

from .test_mail_edition import BASE, project17  # noqa: F401  (fixture)
from .test_site_browser import CHROMIUM, FLAGS, SHOTS

pytestmark = pytest.mark.slow


def _answer(project):
    settings = load_settings(project / "sources.yaml")
    card = share_card(read_issue(project / "issues" / "2026" / "17.md", settings.publication)).png
    cache = project / "build" / ".cache" / "images"

    def handle(route):
        url = route.request.url
        if url.startswith("file:"):
            return route.continue_()
        if url == f"{BASE}2026/17/chia-se.png":
            return route.fulfill(body=card, content_type="image/png")
        if url.startswith(f"{BASE}2026/17/img/") and (cache / url.rsplit("/", 1)[1]).is_file():
            return route.fulfill(body=(cache / url.rsplit("/", 1)[1]).read_bytes(), content_type="image/jpeg")
        return route.abort()
    return handle


@pytest.mark.parametrize("width", [375, 800])
def test_email_html_fits_narrow_and_wide_windows(project17, width):  # noqa: F811
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: sudo apt-get install chromium (.ci/run does it)")
    from playwright.sync_api import sync_playwright

    assert main(["email", "17"]) == 0
    html = project17 / "build" / "2026-17" / "diem-tin-2026-17-thu.html"
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.route("**/*", _answer(project17))
            page.goto(html.as_uri())
            page.wait_for_load_state("networkidle")
            scroll = page.evaluate("document.documentElement.scrollWidth")
            sheet = page.evaluate("document.querySelector('table table').getBoundingClientRect().width")
            loaded = page.evaluate("[...document.images].map(i => i.naturalWidth)")
            page.screenshot(path=SHOTS / f"email-{width}.png", full_page=True)
        finally:
            browser.close()
    assert scroll <= width, f"the email is {scroll}px wide in a {width}px window"
    assert sheet == min(width, 640)
    assert loaded[0] == 1200 and all(w > 0 for w in loaded)
