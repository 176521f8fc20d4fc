"""Sources with no feed (``kind: html``): a provincial-portal-like listing page served from 127.0.0.1,
read with CSS selectors. Expected entries live in ``fixtures/listing/cong-tinh.tsv``."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import datetime

import pytest

from bulletin.cli import main
from bulletin.collect import collect
from bulletin.collect.fetch import fetch_all
from bulletin.collect.listing import MAX_LINKS
from bulletin.collect.model import Cached, Status
from bulletin.collect.parse import parse_source
from bulletin.collect.probe import probe
from bulletin.config import FeedSource
from bulletin.text import TZ

from .collect_support import FAST, feed_yaml, request
from .feedserver import FeedServer, Route
from .helpers import FIXTURES, read_tsv

LISTING = FIXTURES / "listing"
ROWS = read_tsv(LISTING / "cong-tinh.tsv", 4)
PAGE = "/Default.aspx?sname=ubndtinhmau&sid=4&pageid=468&catid=63&catname=khoa-hoc-cong-nghe"
"""The portal's section page (its query string is part of the URL, as on real portals)."""
ISSUE = ("issues", "2026", "17.md")


@pytest.fixture
def portal() -> Iterator[FeedServer]:
    srv = FeedServer()
    srv.routes["/Default.aspx"] = Route(body=(LISTING / "cong-tinh.html").read_bytes(),
                                        content_type="text/html; charset=utf-8")
    yield srv
    srv.close()


def _source(server: FeedServer, **changes) -> FeedSource:
    base = FeedSource("Cổng thông tin tỉnh Mẫu", server.url(PAGE), "local", True, (), (), kind="html",
                      links=".ArticleInMenu .ArticleTitle a", date=".ArticleDate")
    return dataclasses.replace(base, **changes)


@pytest.fixture
def entries(portal):
    [(fetched, parsed)] = fetch_all([_source(portal)], {}, FAST, lambda _f: None,
                                    lambda f: parse_source(f.source, f.body))
    assert fetched.status == Status.OK and parsed.status == Status.OK
    return [e for e in parsed.entries], portal.url("")


def test_the_page_gives_exactly_the_expected_items(entries):
    found, _server = entries
    assert [e.title for e in found] == [row[0] for row in ROWS]


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row[0][:30])
def test_each_field_equals_its_expected_value(entries, row):
    found, server = entries
    title, link, published, summary = row
    entry = next(e for e in found if e.title == title)
    assert entry.link == link.replace("{server}", server)
    expected = None if published == "-" else datetime.strptime(published, "%Y-%m-%d %H:%M").replace(tzinfo=TZ)
    assert entry.published == expected
    assert entry.summary == ("" if summary == "-" else summary)
    assert entry.source.name == "Cổng thông tin tỉnh Mẫu" and len(entry.id) == 12


def test_collect_appends_the_week_items_then_asks_conditionally(project, portal):
    first = collect(request(project, (_source(portal),)))
    [row] = first.sources
    assert (row.status, first.added) == (Status.OK, 3)
    assert (row.tally.seen, row.tally.undated, row.tally.in_week, row.tally.new) == (5, 1, 3, 3)
    text = project.joinpath(*ISSUE).read_text(encoding="utf-8")
    for title in [r[0] for r in ROWS[:3]]:
        assert f"## {title}\n" in text
    assert "gợi ý: local" in text and "máy sấy nông sản" not in text  # out of the week
    before = project.joinpath(*ISSUE).read_bytes()
    second = collect(request(project, (_source(portal),)))
    assert (second.sources[0].status, second.added) == (Status.NOT_MODIFIED, 0)
    page_requests = [headers for path, headers in portal.requests if path.startswith("/Default.aspx")]
    assert "if-none-match" not in page_requests[0] and page_requests[1]["if-none-match"].startswith('"')
    assert page_requests[0]["accept"].startswith("text/html")
    assert project.joinpath(*ISSUE).read_bytes() == before


def test_a_candidate_the_editor_deleted_never_comes_back(project, portal):
    collect(request(project, (_source(portal),)))
    path = project.joinpath(*ISSUE)
    text = path.read_text(encoding="utf-8")
    start = text.index("## Hội thảo chuyển đổi số")
    end = text.find("\n## ", start + 1)
    path.write_text(text[:start] + (text[end + 1:] if end > 0 else ""), encoding="utf-8")
    portal.routes["/Default.aspx"].body += b"\n"  # the page changed: read again, not a 304
    again = collect(request(project, (_source(portal),)))
    assert again.sources[0].status == Status.OK and again.added == 0
    assert "Hội thảo chuyển đổi số" not in path.read_text(encoding="utf-8")


def test_selectors_that_match_nothing_make_a_failing_source(project, portal):
    result = collect(request(project, (_source(portal, links="article.news h2 a"),)))
    [row] = result.sources
    assert row.status == Status.PARSE_ERROR and not result.succeeded
    assert 'bộ chọn links "article.news h2 a" không khớp liên kết nào trên trang' in row.detail
    assert row.failing_weeks == 1


def test_a_feed_configured_as_a_listing_page_is_named(project, portal):
    portal.routes["/feed.rss"] = Route(file="vnexpress.rss")
    result = collect(request(project, (_source(portal, url=portal.url("/feed.rss")),)))
    assert result.sources[0].status == Status.PARSE_ERROR
    assert 'xóa các dòng "kind: html"' in result.sources[0].detail


def test_editing_the_selectors_reads_the_remembered_page_again(project, portal):
    collect(request(project, (_source(portal),)))
    narrower = _source(portal, links=".ArticleInMenu .HotArticle .ArticleTitle a")
    result = collect(request(project, (narrower,)))
    assert result.sources[0].status == Status.NOT_MODIFIED and result.sources[0].tally.seen == 1


def test_the_sources_probe_reads_a_listing_page(portal):
    [found] = probe([_source(portal)], ["khoa học", "công nghệ", "chuyển đổi số"], FAST)
    assert (found.status, found.items, found.matches) == (Status.OK, 5, 3)
    assert found.newest == datetime(2026, 5, 8, 14, 5, tzinfo=TZ)


def test_make_sources_shows_the_listing_page_row(project, portal, capsys):
    feed_yaml(project / "feeds.yaml", (_source(portal),))
    assert main(["sources", "--sources", "feeds.yaml", "--allow-private", "127.0.0.1"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if "Cổng thông tin tỉnh Mẫu" in line)
    assert "trang tin" in row and "08/05/2026 14:05" in row
    assert "1/1 nguồn trả về feed hoặc trang danh sách tin đọc được" in out


def _page(items: str) -> Cached:
    html = f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><ul class='tin'>{items}</ul></body></html>"
    return Cached("", "", html.encode("utf-8"), "https://tinh.example.gov.vn/tin-tuc/", "text/html; charset=utf-8")


@pytest.mark.parametrize("markup, expected", read_tsv(LISTING / "dates.tsv", 2), ids=lambda cell: cell[:40])
def test_each_date_form_on_a_listing_page(markup, expected):
    source = FeedSource("Cổng", "https://tinh.example.gov.vn/tin-tuc/", "local", True, (), (), kind="html",
                        links=".tin a", date=".ngay")
    parsed = parse_source(source, _page(f"<li><a href='/bai-1.html'>Tin khoa học</a> {markup}</li>"))
    [entry] = parsed.entries
    when = None if expected == "-" else datetime.strptime(expected, "%Y-%m-%d %H:%M").replace(tzinfo=TZ)
    assert entry.published == when
    assert parsed.bad_dates == (1 if expected == "-" else 0)


def test_only_the_first_links_of_a_huge_page_are_read_and_the_rest_is_reported():
    source = FeedSource("Cổng", "https://tinh.example.gov.vn/tin-tuc/", "local", True, (), (), kind="html", links=".tin a")
    parsed = parse_source(source, _page("".join(f"<li><a href='/bai-{n}.html'>Tin {n}</a></li>" for n in range(250))))
    assert len(parsed.entries) == MAX_LINKS and parsed.entries[-1].title == f"Tin {MAX_LINKS - 1}"
    assert parsed.detail == f"chỉ đọc {MAX_LINKS} trong 250 liên kết đầu tiên"


def test_a_script_challenge_instead_of_the_listing_is_named():
    source = FeedSource("Cổng", "https://tinh.example.gov.vn/tin-tuc/", "local", True, (), (), kind="html", links=".tin a")
    body = (FIXTURES / "../fixtures/feeds/challenge.html").resolve().read_bytes()
    parsed = parse_source(source, Cached("", "", body, source.url, "text/html"))
    assert parsed.status == Status.CHALLENGE and not parsed.entries


def test_hostile_link_text_becomes_plain_text():
    source = FeedSource("Cổng", "https://tinh.example.gov.vn/tin-tuc/", "local", True, (), (), kind="html", links=".tin a")
    items = ("<li><a href='/a.html'>Tin <script>alert(1)</script>&lt;b&gt;đậm&lt;/b&gt; \u202eđảo\u200b chiều</a></li>"
             "<li><a href='data:text/html,x'>Dữ liệu</a><a href='file:///etc/passwd'>Tệp</a></li>")
    [entry] = parse_source(source, _page(items)).entries
    assert entry.title == "Tin đậm đảo chiều" and entry.link == "https://tinh.example.gov.vn/a.html"
