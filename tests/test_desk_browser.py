"""The desk in a real headless Chromium (Debian's ``chromium``, driven by Playwright), served by the real
preview server on 127.0.0.1 over a scratch copy of the sample project, with ``make collect`` reading
the test feed server.

Screenshots go to ``build/screenshots/`` for people to look at.
"""
from __future__ import annotations

import difflib
import re
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from .collect_support import feed_yaml, server, sources  # noqa: F401
from .preview_support import preview, preview_build  # noqa: F401  (fixture)
from .test_site_browser import SHOTS, browser  # noqa: F401  (fixture)

pytestmark = pytest.mark.slow

COLLECT = [sys.executable, "-m", "bulletin", "collect", "17", "--sources", "feeds.yaml", "--allow-private", "1",
           "--timeout", "2"]
"""What ``make collect N=17 SOURCES=feeds.yaml ALLOW_PRIVATE=1`` runs (in its own process, as make runs it)."""
WAIT = 15_000
"""Milliseconds a page may take to show a change (the machine is shared)."""


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    tab.problems = []
    tab.on("pageerror", lambda e: tab.problems.append(f"page error: {e}"))
    yield tab
    context.close()


def changed_lines(old: str, new: str) -> list[tuple[str, list[str], list[str]]]:
    """Each change between two texts, as (kind, old lines, new lines)."""
    a, b = old.splitlines(True), new.splitlines(True)
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return [(op, a[i1:i2], b[j1:j2]) for op, i1, i2, j1, j2 in ops if op != "equal"]


def row(page, title: str):
    return page.locator(f'tr[data-title="{title}"]')


def test_a_tag_button_changes_exactly_one_line(project, preview_build, page):
    path = project / "issues" / "2026" / "16.md"
    before = path.read_bytes()
    title = "Ứng dụng khoa học công nghệ tạo đòn bẩy cho ngành chăn nuôi Việt Nam"
    with preview(project, preview_build, 16) as running:
        page.goto(running.url + "desk")
        assert page.locator("table.candidates tbody tr").count() == 4
        row(page, title).get_by_role("button", name="Tin trong nước").click()
        page.wait_for_selector(".desk-message.ok", timeout=WAIT)
        assert "Đã gắn tag national" in page.locator("#desk-message").inner_text()
        changes = changed_lines(before.decode(), path.read_text(encoding="utf-8"))
        assert changes == [("replace", ["- tag:\n"], ["- tag: national\n"])]
        assert len(path.read_bytes()) == len(before) + len(" national")
        expect(page.locator("table.candidates tbody tr")).to_have_count(3, timeout=WAIT)
        national = page.locator("section", has=page.get_by_role("heading", name=re.compile("^Tin trong nước")))
        expect(national.locator(f'tr[data-title="{title}"]')).to_have_count(1)
        expect(page.locator("table.candidates tbody tr").first).to_be_focused()  # the next candidate, ready for a key
        page.screenshot(path=str(SHOTS / "desk.png"), full_page=False)
    assert page.problems == []


def test_a_concurrent_edit_makes_the_button_refuse_and_survives(project, preview_build, page):
    path = project / "issues" / "2026" / "16.md"
    title = "Vụ tranh chấp tên miền: Chagee không phải là “nhãn hiệu nổi tiếng tại Việt Nam”"
    with preview(project, preview_build, 16) as running:
        page.route("**/events", lambda route: route.abort())  # a page that missed the change (a laptop asleep)
        page.goto(running.url + "desk")
        text = path.read_text(encoding="utf-8")
        edited = text.replace("Trong vụ tranh chấp tên miền", "BIÊN TẬP VIÊN SỬA: Trong vụ tranh chấp tên miền")
        path.write_text(edited, encoding="utf-8")
        row(page, title).get_by_role("button", name="Loại").click()
        page.wait_for_selector(".desk-message.error", timeout=WAIT)
        shown = page.locator("#desk-message").inner_text()
        assert "đã được sửa ở nơi khác" in shown and "thao tác chưa được thực hiện" in shown
        assert path.read_text(encoding="utf-8") == edited
        page.wait_for_function("(old) => document.getElementById('desk-data').dataset.digest !== old",
                               arg=_digest(text), timeout=WAIT)
        row(page, title).get_by_role("button", name="Loại").click()  # the reloaded table works on the new file
        page.wait_for_selector(".desk-message.ok", timeout=WAIT)
        assert title not in path.read_text(encoding="utf-8")
        assert "BIÊN TẬP VIÊN SỬA" not in path.read_text(encoding="utf-8")  # it was part of the rejected item
        page.keyboard.press("u")  # take it back
        expect(page.locator("#desk-message")).to_contain_text("Đã lấy lại", timeout=WAIT)
        assert path.read_text(encoding="utf-8") == edited
        expect(row(page, title)).to_be_focused()
    assert page.problems == []


def _digest(text: str) -> str:
    import hashlib
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_collect(project) -> str:
    done = subprocess.run(COLLECT, cwd=project, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.expect_log_warnings  # the collected issue is a draft until the editor sets its theme
def test_a_rejected_candidate_does_not_come_back_after_make_collect(project, preview_build, server, page):
    feed_yaml(project / "feeds.yaml", sources(server, ["VnExpress", "Báo Hải Phòng"]))
    make_collect(project)
    path = project / "issues" / "2026" / "17.md"
    with preview(project, preview_build, 17) as running:
        page.goto(running.url + "desk")
        first = page.locator("table.candidates tbody tr").first
        title = first.get_attribute("data-title")
        assert first.locator(".badge.new").count() == 1  # the latest collect added it
        first.focus()
        page.keyboard.press("Delete")
        page.wait_for_selector(".desk-message.ok", timeout=WAIT)
        assert title not in path.read_text(encoding="utf-8")
        assert "thêm 0 tin ứng viên" in make_collect(project)
        assert title not in path.read_text(encoding="utf-8")
        page.reload()
        assert page.locator(f'tr[data-title="{title}"]').count() == 0
        assert page.locator(".badge.new").count() == 0  # the latest collect added nothing
    assert page.problems == []



def test_alt_arrow_moves_a_published_item_before_the_one_of_the_same_day(project, preview_build, page):
    path = project / "issues" / "2026" / "16.md"
    text = path.read_text(encoding="utf-8")
    first = text.index("## “Ngọn đuốc soi đường”")
    second = text.index("## Bộ Khoa học và Công nghệ đề xuất 30 sản phẩm")
    after = text.index("## AI trở thành")
    with preview(project, preview_build, 16) as running:
        page.goto(running.url + "desk")
        row(page, "Bộ Khoa học và Công nghệ đề xuất 30 sản phẩm công nghệ chiến lược").focus()
        page.keyboard.press("Alt+ArrowUp")
        page.wait_for_selector(".desk-message.ok", timeout=WAIT)
        assert path.read_text(encoding="utf-8") == (text[:first] + text[second:after] + text[first:second] + text[after:])
        national = page.locator("table.placed").nth(1).locator("tbody tr")
        expect(national.first).to_have_attribute("data-title", "Bộ Khoa học và Công nghệ đề xuất 30 sản phẩm công nghệ chiến lược")
        expect(national.first).to_be_focused()
        assert national.first.locator('button[data-kind="up"]').is_disabled()
    assert page.problems == []
