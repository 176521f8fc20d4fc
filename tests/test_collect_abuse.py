"""What a hostile server or a careless switch must not get past (issue 11 §3), on the loopback server.

Addresses: ``abuse-addresses.tsv`` lists, per ALLOW_PRIVATE value and redirect, what is reached.
Feeds: invalid XML, 100,000 items, a 1 MB title, invisible characters, a script challenge behind a
403, a redirect loop broken by a cookie.
"""
from __future__ import annotations

import argparse
import subprocess
from collections.abc import Iterator
from datetime import timedelta

import pytest

from bulletin.cli import main
from bulletin.collect import collect, guard
from bulletin.collect.guard import BoundedJar
from bulletin.collect.model import MAX_ITEMS_READ, MAX_ITEMS_TAKEN, Status
from bulletin.collect.probe import probe
from bulletin.commands.fetching import allow_private, fetch_options
from bulletin.config import FeedSource, load_settings

from .collect_support import NOW, feed_yaml, request
from .conftest import ROOT
from .feedserver import FEEDS, FeedServer, Route
from .helpers import read_tsv


@pytest.fixture
def servers() -> Iterator[tuple[FeedServer, FeedServer]]:
    """The feed's server on 127.0.0.1, and a private one on 127.0.0.2 a redirect must not reach."""
    public, private = FeedServer(), FeedServer(host="127.0.0.2")
    for srv in (public, private):
        srv.routes["/feed.rss"] = Route(file="vnexpress.rss")
    yield public, private
    public.close()
    private.close()


def _options(value: str):
    """FetchOptions exactly as ``make sources ALLOW_PRIVATE=<value>`` builds them."""
    settings = load_settings(ROOT / "sources.yaml")
    args = argparse.Namespace(allow_private=allow_private(value), timeout=2.0)
    return fetch_options(settings, args)


def _source(url: str, name: str = "Nguồn thử") -> FeedSource:
    return FeedSource(name, url, "national", True, (), ())


@pytest.mark.parametrize("case,value,serves,status,reason", read_tsv(FEEDS / "abuse-addresses.tsv", 5))
def test_what_allow_private_reaches(servers, monkeypatch, case, value, serves, status, reason):
    public, private = servers
    port, port2 = public.httpd.server_address[1], private.httpd.server_address[1]
    if serves.startswith("public "):  # count 127.0.0.1 as public, to try a public feed's redirects on loopback
        real = guard.is_public
        monkeypatch.setattr(guard, "is_public", lambda ip: ip == "127.0.0.1" or real(ip))
        serves = serves.removeprefix("public ")
    if serves.startswith("redirect to "):
        target = serves.removeprefix("redirect to ").format(port=port, port2=port2)
        public.routes["/start.rss"] = Route(status=302, location=target)
    path = "/start.rss" if serves != "feed" else "/feed.rss"
    (checked,) = probe((_source(public.url(path)),), (), _options(value))
    assert checked.status == status, (case, checked.detail)
    assert reason in checked.detail, case
    assert private.requests == []


@pytest.mark.parametrize("value", ["on", "2", "ok", "-1", "1.2.3.4/99", "http://10.0.0.1"])
def test_a_switch_value_that_means_nothing_is_refused_with_a_message(value, capsys):
    assert main(["sources", "--allow-private", value]) == 2
    err = capsys.readouterr().err
    assert f'"{value}" không hợp lệ' in err and "1, yes hoặc true" in err and "Traceback" not in err


@pytest.mark.parametrize("value", ["0", "1", "127.0.0.1,10.1.2.0/24"])
def test_make_passes_allow_private_verbatim(value):
    shown = subprocess.run(["make", "-n", "-C", str(ROOT), "sources", f"ALLOW_PRIVATE={value}", "SOURCES=x.yaml"],
                           capture_output=True, text=True, check=True).stdout
    assert f'--sources "x.yaml" --allow-private "{value}"' in shown and "bulletin sources " in shown


def test_make_collect_with_allow_private_0_reads_nothing_private(project, servers, capsys):
    public, _private = servers
    feed_yaml(project / "feeds.yaml", (_source(public.url("/feed.rss")),))
    assert main(["collect", "17", "--sources", "feeds.yaml", "--allow-private", "0"]) == 1
    captured = capsys.readouterr()
    assert "bị chặn" in captured.out and "ALLOW_PRIVATE=" in captured.err and public.requests == []


def test_invalid_xml_is_a_parse_error_naming_the_source(project, capsys):
    srv = FeedServer()
    srv.routes["/broken.rss"] = Route(body=b'<?xml version="1.0"?><rss version="2.0"><channel><title>A</title>'
                                           b"<description>x &bad < y</chanel></rss>")
    srv.routes["/empty.rss"] = Route(body=b"<html-ish><not-a-feed/>")
    try:
        feed_yaml(project / "feeds.yaml", (_source(srv.url("/broken.rss"), "Báo XML hỏng"),
                                           _source(srv.url("/empty.rss"), "Báo rỗng")))
        assert main(["collect", "17", "--sources", "feeds.yaml", "--allow-private", "1"]) == 1
    finally:
        srv.close()
    out = capsys.readouterr().out
    for name in ("Báo XML hỏng", "Báo rỗng"):  # neither is "ok" with 0 items
        line = next(line for line in out.splitlines() if name in line)
        assert "lỗi phân tích" in line and " ok " not in line, line


def test_a_feed_whose_xml_is_broken_after_its_items_keeps_them_and_says_so(project):
    srv = FeedServer()
    srv.routes["/half.rss"] = Route(body=b'<rss version="2.0"><channel><title>A</title><item><title>Tin c\xc3\xb4ng ngh\xe1\xbb\x87'
                                         b"</title><link>https://half.example/1</link><pubDate>Tue, 05 May 2026 08:00:00 +0700"
                                         b"</pubDate></item><item><title>Hai & ba</chanel>")
    try:
        (checked,) = probe((_source(srv.url("/half.rss")),), (), _options("1"))
    finally:
        srv.close()
    assert checked.status == Status.OK and checked.items >= 1 and "XML không hợp lệ" in checked.detail


def _many(count: int) -> bytes:
    start = NOW - timedelta(days=6, hours=20)
    items = "".join(
        f"<item><title>Tin công nghệ số {n}</title><link>https://nhieu.example/{n}</link>"
        f"<pubDate>{(start + timedelta(seconds=5 * n)):%a, %d %b %Y %H:%M:%S} +0700</pubDate></item>"
        for n in range(count))
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Nhiều</title>{items}</channel></rss>'.encode()


def test_a_feed_with_100000_items_gives_at_most_the_cap_newest_first(project):
    srv = FeedServer()
    srv.routes["/many.rss"] = Route(body=_many(100_000))
    try:
        result = collect(request(project, (_source(srv.url("/many.rss"), "Nguồn 100.000 tin"),)))
    finally:
        srv.close()
    (row,) = result.sources
    assert result.added == MAX_ITEMS_TAKEN == 30
    assert row.tally.seen == MAX_ITEMS_READ and row.tally.capped == MAX_ITEMS_READ - MAX_ITEMS_TAKEN
    assert "chỉ đọc 2.000 trong 100.000 tin đầu tiên" in row.detail
    text = (project / "issues" / "2026" / "17.md").read_text(encoding="utf-8")
    assert f"## Tin công nghệ số {MAX_ITEMS_READ - 1}\n" in text and "## Tin công nghệ số 0\n" not in text  # newest kept
    assert len(text.encode()) < 50_000


def test_long_titles_are_cut_and_invisible_characters_removed(project):
    title = "Công nghệ " + "rất dài " * 130_000  # about 1 MB
    body = (f'<rss version="2.0"><channel><title>x</title>'
            f"<item><title>{title}</title><link>https://dai.example/1</link><description>{'Câu về công nghệ. ' * 60_000}"
            "</description><pubDate>Tue, 05 May 2026 08:00:00 +0700</pubDate></item>"
            "<item><title>Tin\u202e giả\u200b về công\u2066 nghệ\u00ad số\ufeff</title><link>https://dai.example/2</link>"
            "<pubDate>Tue, 05 May 2026 09:00:00 +0700</pubDate></item></channel></rss>").encode()
    srv = FeedServer()
    srv.routes["/long.rss"] = Route(body=body)
    try:
        collect(request(project, (_source(srv.url("/long.rss")),)))
    finally:
        srv.close()
    text = (project / "issues" / "2026" / "17.md").read_text(encoding="utf-8")
    heading = next(line for line in text.splitlines() if line.startswith("## Công nghệ rất dài"))
    assert len(heading) <= 3 + 250 and heading.endswith(" …")
    assert max(len(line) for line in text.splitlines()) <= 700
    assert "## Tin giả về công nghệ số\n" in text
    assert not any(ch in text for ch in "\u202e\u200b\u2066\u00ad\ufeff")


def test_a_script_challenge_behind_a_403_is_reported_as_such(project):
    srv = FeedServer()
    srv.routes["/rss"] = Route(file="challenge.html", content_type="text/html", status=403)
    srv.routes["/feed.rss"] = Route(file="vnexpress.rss")
    try:
        result = collect(request(project, (_source(srv.url("/rss"), "Báo chặn"), _source(srv.url("/feed.rss")))))
    finally:
        srv.close()
    assert result.sources[0].status == Status.CHALLENGE and "HTTP" not in result.sources[0].detail
    assert "thử thách JavaScript" in result.sources[0].detail


def test_a_redirect_loop_that_wants_its_cookie_back_is_read(project):
    srv = FeedServer()
    srv.routes["/rss/cate/tin-moi.rss"] = Route(file="vnexpress.rss", cookie="ASP.NET_SessionId=abc123")
    srv.routes["/loop"] = Route(status=302, location="/loop")
    try:
        result = collect(request(project, (_source(srv.url("/rss/cate/tin-moi.rss"), "Báo cần cookie"),
                                           _source(srv.url("/loop"), "Vòng lặp"))))
    finally:
        srv.close()
    assert [r.status for r in result.sources] == [Status.OK, Status.REDIRECTS]
    assert result.sources[0].tally.seen == 6 and result.added == result.sources[0].tally.new > 0
    assert sum(1 for path, _h in srv.requests if path == "/rss/cate/tin-moi.rss") == 2


def test_the_cookie_jar_is_bounded(servers):
    public, _private = servers
    jar = BoundedJar(per_host=3, total=5)
    import http.cookiejar
    for n in range(10):
        jar.set_cookie(http.cookiejar.Cookie(0, f"c{n}", "v", None, False, "a.example", False, False, "/", True, False,
                                             None, False, None, None, {}))
        jar.set_cookie(http.cookiejar.Cookie(0, f"c{n}", "v", None, False, f"h{n}.example", False, False, "/", True,
                                             False, None, False, None, None, {}))
    assert len([c for c in jar if c.domain == "a.example"]) == 3 and len(jar) == 5
