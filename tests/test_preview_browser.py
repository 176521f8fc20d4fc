"""``bulletin preview`` in a real headless Chromium (Debian's ``chromium``) driven by Playwright, on a
scratch copy of the sample: the page loads, follows edits made on disk without a manual reload (keeping
the reader's place), and shows an error banner with ``file:line`` while the file is wrong."""
from __future__ import annotations

import pytest

from .preview_support import preview, preview_build, sample_copy, scratch  # noqa: F401  (fixtures)
from .test_site_browser import SHOTS, Watched, browser  # noqa: F401  (fixture)

pytestmark = pytest.mark.slow

WAIT_MS = 10_000
"""How long a change on disk may take to show (it takes well under a second)."""


@pytest.fixture
def tab(browser, scratch):  # noqa: F811
    watched = Watched(browser, width=1400, height=900)
    watched.page.goto(scratch.url)
    watched.page.wait_for_function("document.body.dataset.version > 0 || document.querySelector('#edition').src",
                                   timeout=WAIT_MS)
    yield watched
    watched.close()


def _edition(tab):
    return tab.page.frame_locator("#edition")


def _wait_shown(page, before: int) -> None:
    """Until the edition frame has reloaded past edition ``before`` and put the reader back in place."""
    page.wait_for_function("b => +document.body.dataset.edition > b && document.body.dataset.shown === document.body.dataset.edition",
                           arg=before, timeout=WAIT_MS)


def test_the_page_loads_with_the_edition_and_the_side_panel(tab, scratch):
    page = tab.page
    theme = _edition(tab).locator("h1.theme")
    theme.wait_for(timeout=WAIT_MS)
    assert theme.text_content() == "Xã hội số trong kỷ nguyên vươn mình của dân tộc"
    counts = page.locator("#panel .counts tr").all_inner_texts()
    assert counts[1].split("\t") == ["Phần 2: Tin trong nước", "18"]
    assert page.locator("#banner .banner").count() == 0
    page.screenshot(path=SHOTS / "preview.png")
    assert tab.problems == []


def test_editing_the_file_on_disk_changes_the_page_without_a_reload(tab, scratch):
    page = tab.page
    _edition(tab).locator("h1.theme").wait_for(timeout=WAIT_MS)
    page.evaluate("window.stillThisPage = true")
    frame = page.locator("#edition").element_handle().content_frame()
    frame.evaluate("window.scrollTo(0, 2400)")
    edition = int(page.evaluate("document.body.dataset.edition"))
    text = scratch.issue.read_text(encoding="utf-8")
    scratch.issue.write_text(text.replace("chủ đề: Xã hội số", "chủ đề: Kinh tế số", 1), encoding="utf-8")
    _wait_shown(page, edition)
    assert _edition(tab).locator("h1.theme").text_content().startswith("Kinh tế số")
    assert page.evaluate("window.stillThisPage") is True, "the page itself was not reloaded"
    assert abs(page.locator("#edition").element_handle().content_frame().evaluate("scrollY") - 2400) <= 2
    for n in range(3):  # saves in quick succession: the frame may be reloading when the next change comes
        scratch.issue.write_text(text.replace("chủ đề: Xã hội số", f"chủ đề: Kinh tế số {n}", 1), encoding="utf-8")
        page.wait_for_timeout(150)
    page.wait_for_function("() => document.querySelector('#edition').contentDocument?.querySelector('h1.theme')?"
                           ".textContent.startsWith('Kinh tế số 2') && document.body.dataset.shown === document.body.dataset.edition",
                           timeout=WAIT_MS)
    page.wait_for_timeout(300)
    assert abs(page.locator("#edition").element_handle().content_frame().evaluate("scrollY") - 2400) <= 2
    assert tab.problems == []


def test_a_typo_in_a_tag_shows_the_banner_with_its_line_and_fixing_it_clears_it(tab, scratch):
    page = tab.page
    _edition(tab).locator("h1.theme").wait_for(timeout=WAIT_MS)
    good = scratch.issue.read_text(encoding="utf-8")
    lines = good.split("\n")
    line = lines.index("- tag: local") + 1
    lines[line - 1] = "- tag: locl"
    scratch.issue.write_text("\n".join(lines), encoding="utf-8")
    banner = page.locator("#banner .banner")
    banner.wait_for(timeout=WAIT_MS)
    items = banner.locator("li").all_inner_texts()
    assert items == [f'issues/2026/16.md:{line}: tag "locl" không hợp lệ; chỉ được dùng: trend, national, spotlight, '
                     'local (để trống nếu chưa chọn tin). Có phải ý bạn là "local"?']
    assert _edition(tab).locator("h1.theme").is_visible(), "the last good render stays under the banner"
    page.screenshot(path=SHOTS / "preview-error.png")
    scratch.issue.write_text(good, encoding="utf-8")
    banner.wait_for(state="detached", timeout=WAIT_MS)
    assert tab.problems == []


def test_the_pdf_button_builds_the_real_pdf_while_the_page_stays_usable(tab, scratch):
    from io import BytesIO

    from pypdf import PdfReader

    page = tab.page
    _edition(tab).locator("h1.theme").wait_for(timeout=WAIT_MS)
    page.click("#pdf-button")
    page.locator('#panel .pdf[data-state="building"]').wait_for(timeout=WAIT_MS)
    assert page.request.get(scratch.url + "fragments").ok, "the server answers while it builds"
    assert _edition(tab).locator("h1.theme").is_visible()
    link = page.locator("#panel .pdf a", has_text="Mở bản PDF")
    link.wait_for(timeout=300_000)
    assert page.locator("#panel .pdf p").first.inner_text().startswith("Bản PDF đã xong sau ")
    pdf = page.request.get(scratch.url.rstrip("/") + link.get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert "content-security-policy" not in pdf.headers, "a CSP would keep the browser's PDF viewer out"
    text = PdfReader(BytesIO(pdf.body())).pages[0].extract_text()
    assert "XÃ HỘI SỐ TRONG KỶ NGUYÊN" in text.upper()
    assert tab.problems == []


def test_a_file_broken_from_the_start_shows_only_the_banner_then_the_edition_once_fixed(browser, tmp_path, preview_build):  # noqa: F811
    project = sample_copy(tmp_path)
    issue = project / "issues" / "2026" / "16.md"
    good = issue.read_text(encoding="utf-8")
    issue.write_text(good.replace("tuần: 27/4/2026 - 03/5/2026", "tuần: 27/4/2026 - 3/13/2026"), encoding="utf-8")
    with preview(project, preview_build) as running:
        tab = Watched(browser)
        try:
            tab.page.goto(running.url)
            assert tab.page.locator("#banner .banner li").first.inner_text().startswith("issues/2026/16.md:4: ")
            assert tab.page.locator("#edition").get_attribute("src") == "about:blank"
            issue.write_text(good, encoding="utf-8")
            tab.page.locator("#banner .banner").wait_for(state="detached", timeout=WAIT_MS)
            _edition(tab).locator("h1.theme").wait_for(timeout=WAIT_MS)
            assert tab.page.title() == "Xem trước 16.md"
            assert tab.problems == []
        finally:
            tab.close()


def test_links_that_leave_the_preview_open_in_a_new_tab(tab):
    """The sources and the published archive open in a new tab; the edition's own links stay in the frame."""
    page = tab.page
    _edition(tab).locator("h1.theme").wait_for(timeout=WAIT_MS)
    page.wait_for_function("document.body.dataset.shown === document.body.dataset.edition", timeout=WAIT_MS)
    frame = page.locator("#edition").element_handle().content_frame()
    links = frame.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => [a.origin === location.origin, a.target, a.rel])")
    assert sum(1 for same, *_ in links if not same) > 10 and any(same for same, *_ in links)
    assert all((target, rel) == (("", "") if same else ("_blank", "noopener noreferrer")) for same, target, rel in links)
    archive = frame.locator("nav.home a").first
    assert (archive.get_attribute("href"), archive.get_attribute("target")) == ("https://sokhcn.haiphong.gov.vn/diem-tin/", "_blank")
    assert tab.problems == []
