"""A hand-written item whose page cannot be read: the failure is remembered, the page is asked for again
only when its time comes (``store.RETRY_AFTER``), and a note under the item says why and when; not a byte
the editor wrote changes. Runs and expected notes live in ``fixtures/stubs/unread-runs.tsv``."""
from __future__ import annotations

import difflib
from datetime import timedelta
from pathlib import Path

import pytest

from bulletin.collect import collect
from bulletin.collect.session import state_db
from bulletin.collect.store import Store
from bulletin.config import FeedSource

from .article_support import ARTICLES, HTML, site  # noqa: F401  (fixture)
from .collect_support import NOW, request
from .feedserver import Route
from .helpers import FIXTURES, read_tsv

STUBS = FIXTURES / "stubs"
PAGE = "/bai/doi.html"


def _stub_issue(project: Path, site, crlf: bool = False) -> tuple[Path, str, tuple[FeedSource, ...]]:  # noqa: F811
    """Issue 17 with a hand-written item whose page answers 403, and an empty feed; (file, text, feeds)."""
    site.routes["/feed.rss"] = Route(file="../stubs/empty.rss")
    site.routes[PAGE] = Route(status=403, content_type=HTML)
    path = project / "issues" / "2026" / "17.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    mine = (STUBS / "unread-17.md").read_text(encoding="utf-8").replace("http://{server}", site.url(""))
    path.write_bytes((mine.replace("\n", "\r\n") if crlf else mine).encode("utf-8"))
    return path, mine, (FeedSource("Feed trống", site.url("/feed.rss"), "national", True, (), ()),)


@pytest.mark.parametrize(("tries", "hours"), read_tsv(STUBS / "retry-after.tsv", 2))
def test_a_page_that_keeps_failing_is_left_longer(tmp_path, tries, hours):
    with Store(state_db(tmp_path)) as store:
        for n in range(int(tries)):
            page = store.record_unread("https://bao.example.vn/bai.html", "HTTP 403", NOW + timedelta(days=30 * n))
        assert page.tries == int(tries)
        assert page.retry - (NOW + timedelta(days=30 * (int(tries) - 1))) == timedelta(hours=int(hours))
    with Store(state_db(tmp_path)) as store:
        assert store.unread(["https://bao.example.vn/bai.html"])["https://bao.example.vn/bai.html"] == page


def test_an_unreadable_page_is_asked_for_again_only_when_its_time_comes(project, site):  # noqa: F811
    path, mine, feeds = _stub_issue(project, site)
    for hours, page, asked, note in read_tsv(STUBS / "unread-runs.tsv", 4):
        if page == "served":
            site.routes[PAGE] = Route(body=(ARTICLES / "vnexpress-like.html").read_bytes(), content_type=HTML)
        before = sum(1 for p, _h in site.requests if p == PAGE)
        collect(request(project, feeds, articles=True, now=NOW + timedelta(hours=float(hours))))
        assert (sum(1 for p, _h in site.requests if p == PAGE) > before) == (asked == "yes"), hours
        text = path.read_text(encoding="utf-8")
        notes = [line for line in text.splitlines() if line.startswith("<!-- bulletin: chưa đọc được")]
        assert notes == ([] if note == "-" else [note]), hours
        steps = difflib.SequenceMatcher(None, mine, text, autojunk=False).get_opcodes()
        assert {op for op, *_ in steps} == {"equal", "insert"}, "the editor's bytes stay, in order"
    assert "\n<!-- bulletin: bản nháp tự động, hãy biên tập -->\n\nThành phố lắp 12 trạm" in text
    with Store(state_db(project / ".state")) as store:
        assert store.unread([site.url(PAGE)]) == {}, "a page read is forgotten"


def test_a_note_in_a_crlf_file_is_replaced_in_place(project, site):  # noqa: F811
    path, _mine, feeds = _stub_issue(project, site, crlf=True)
    for hours in (0, 1, 7):
        collect(request(project, feeds, articles=True, now=NOW + timedelta(hours=hours)))
    raw = path.read_bytes()
    assert raw.count(b"<!-- bulletin: ch") == 1 and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert "đã thử 3 lần, sẽ thử lại từ 16:00 ngày 12/05/2026 -->" in raw.decode("utf-8")
