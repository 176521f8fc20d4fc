"""Fetching against real servers on loopback: statuses, limits, conditional GET, the address guard."""
from __future__ import annotations

import dataclasses

import pytest

from bulletin.collect.fetch import fetch_all
from bulletin.collect.guard import is_public
from bulletin.collect.model import GOOD, Fetched, FetchOptions, Status
from bulletin.collect.parse import parse_feed
from bulletin.collect.store import Store
from bulletin.config import FeedSource

from .collect_support import BAD_SOURCES, EXPECTED_FAILURES, FAST, GOOD_SOURCES, hanging, server, sources  # noqa: F401
from .feedserver import FEEDS, FeedServer, Route, bomb


def _fetch(feeds, options=FAST, cache=None) -> dict[str, Fetched]:
    done: list[str] = []
    results = fetch_all(feeds, cache or {}, options, lambda f: done.append(f.source.name), lambda f: f.status)
    assert sorted(done) == sorted(f.name for f in feeds)  # progress hears about every source
    assert all(r.status == digested for r, digested in results)  # "then" saw each result
    return {r.source.name: r for r, _ in results}


def _source(url: str, name: str = "Nguồn thử") -> FeedSource:
    return FeedSource(name, url, "national", True, (), ())


def test_good_sources_are_read_and_failures_are_named(server, hanging):
    feeds = sources(server, [*GOOD_SOURCES, *BAD_SOURCES], hanging=hanging)
    results = _fetch(feeds)
    for name in GOOD_SOURCES:
        assert results[name].status == Status.OK, (name, results[name].detail)
        assert results[name].body and results[name].body.body
    for name in ("Nguồn đã gỡ", "Nguồn khổng lồ", "Nguồn treo"):
        assert EXPECTED_FAILURES[name] in (results[name].detail or ""), (name, results[name])
    assert results["Nguồn treo"].status == Status.TIMEOUT
    assert results["Nguồn khổng lồ"].status == Status.TOO_LARGE
    parsed = parse_feed(results["Báo Mẫu"].source, results["Báo Mẫu"].body)
    assert EXPECTED_FAILURES["Báo Mẫu"] in parsed.detail


def test_301_is_followed_and_relative_links_resolve_against_the_final_url(server):
    result = _fetch(sources(server, ["Báo Hải Phòng", "Tia Sáng"]))
    assert result["Báo Hải Phòng"].body.url == server.url("/feeds/haiphong.rss")
    atom = parse_feed(result["Tia Sáng"].source, result["Tia Sáng"].body)
    assert atom.entries[0].link == server.url("/bai-viet/mo-hinh-ngon-ngu-lon-tieng-viet")


def test_second_fetch_is_a_304_that_still_yields_the_items(server, tmp_path):
    feeds = sources(server, ["VnExpress", "Tia Sáng"])
    first = _fetch(feeds)
    with Store(tmp_path / "state.sqlite3") as store:
        for f in first.values():
            store.save_body(f.source.url, f.body, "2026-05-11")
    with Store(tmp_path / "state.sqlite3") as store:
        cache = store.cached(f.url for f in feeds)
    assert cache[feeds[0].url].etag.startswith('"')
    second = _fetch(feeds, cache=cache)
    for name, result in second.items():
        assert result.status == Status.NOT_MODIFIED and not result.from_network
        assert parse_feed(result.source, result.body) == parse_feed(first[name].source, first[name].body)
    conditional = [h for path, h in server.requests if path == "/feeds/vnexpress.rss"][-1]
    assert conditional["if-none-match"] == cache[feeds[0].url].etag
    assert conditional["if-modified-since"] == "Mon, 04 May 2026 01:00:00 GMT"


def test_request_headers_name_the_client(server):
    _fetch(sources(server, ["VnExpress"]))
    headers = server.requests[-1][1]
    assert "bulletin-collector" in headers["user-agent"]
    assert "application/rss+xml" in headers["accept"] and "gzip" in headers["accept-encoding"]


def test_declared_huge_body_is_refused_before_reading(server):
    server.routes["/declared"] = Route(generate=50 * 1024 * 1024, declare=True)
    result = _fetch((_source(server.url("/declared")),))["Nguồn thử"]
    assert result.status == Status.TOO_LARGE and "15 MiB" in result.detail


def test_redirect_loops_stop_after_five_hops(server):
    server.routes["/loop"] = Route(status=302, location="/loop")
    result = _fetch((_source(server.url("/loop")),))["Nguồn thử"]
    assert result.status == Status.REDIRECTS
    assert sum(1 for path, _ in server.requests if path == "/loop") == 6


@pytest.fixture
def private_server():
    """A second server on another loopback address: the target a redirect must not reach."""
    srv = FeedServer(host="127.0.0.2")
    srv.routes["/feeds/vnexpress.rss"] = Route(file="vnexpress.rss")
    yield srv
    srv.close()


def test_redirect_to_a_private_address_is_refused_while_the_switch_is_off(server, private_server):
    server.routes["/to-private"] = Route(status=302, location=private_server.url("/feeds/vnexpress.rss"))
    server.routes["/to-metadata"] = Route(status=307, location="http://169.254.169.254/latest/meta-data/")
    server.routes["/to-file"] = Route(status=301, location="file:///etc/passwd")
    feeds = tuple(_source(server.url(p), p) for p in ("/to-private", "/to-metadata", "/to-file"))
    guarded = dataclasses.replace(FAST, allow_private=False, allowed_hosts=("127.0.0.1",))
    results = _fetch(feeds, guarded)
    for result in results.values():
        assert result.status == Status.REFUSED, result
    assert "127.0.0.2" in results["/to-private"].detail and "ALLOW_PRIVATE" not in results["/to-private"].detail
    assert "169.254.169.254" in results["/to-metadata"].detail
    assert "file:///etc/passwd" in results["/to-file"].detail
    assert private_server.requests == []
    opened = _fetch(feeds[:1], FAST)["/to-private"]
    assert opened.status == Status.OK and len(private_server.requests) == 1


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "10.20.30.40", "[::1]", "0.0.0.0"])
def test_loopback_and_private_hosts_are_refused_by_default(server, host):
    url = server.url("/feeds/vnexpress.rss").replace("127.0.0.1", host)
    result = _fetch((_source(url),), FetchOptions(connect_timeout=2, read_timeout=2, total_timeout=5))["Nguồn thử"]
    assert result.status == Status.REFUSED, result
    assert server.requests == []


@pytest.mark.parametrize("url", ["ftp://example.vn/feed.rss", "file:///etc/passwd", "http:///no-host"])
def test_only_http_and_https_are_fetched(url):
    result = _fetch((_source(url),))["Nguồn thử"]
    assert result.status == Status.REFUSED and "http(s)" in result.detail


def test_one_bad_source_does_not_stop_the_others(server, hanging):
    feeds = sources(server, ["Nguồn đã gỡ", "VnExpress", "Nguồn khổng lồ"], hanging=hanging)
    statuses = {name: r.status for name, r in _fetch(feeds).items()}
    assert statuses["VnExpress"] in GOOD and sum(s in GOOD for s in statuses.values()) == 1


@pytest.mark.parametrize("ip,public", [
    ("8.8.8.8", True), ("2001:4860:4860::8888", True), ("::ffff:8.8.8.8", False),  # IPv4-mapped: never
    ("127.0.0.1", False), ("10.1.2.3", False), ("172.16.0.9", False), ("192.168.1.1", False),
    ("169.254.169.254", False), ("100.64.0.1", False), ("0.0.0.0", False), ("224.0.0.1", False),
    ("::1", False), ("fe80::1%eth0", False), ("fc00::1", False), ("::ffff:127.0.0.1", False),
    ("2002:7f00:1::1", False),  # 6to4 wrapping 127.0.0.1
])
def test_which_addresses_count_as_public(ip, public):
    assert is_public(ip) == public


def test_gzip_feeds_are_inflated_and_a_gzip_bomb_is_stopped_at_the_cap(server):
    server.routes["/gzip.rss"] = Route(file="vnexpress.rss", gzip=True)
    server.routes["/bomb.rss"] = Route(generate=100 * 1024 * 1024, gzip=True)
    assert len(bomb(100 * 1024 * 1024)) < 200 * 1024
    results = _fetch((_source(server.url("/gzip.rss"), "gzip"), _source(server.url("/bomb.rss"), "bomb")))
    assert results["gzip"].status == Status.OK
    assert results["gzip"].body.body == (FEEDS / "vnexpress.rss").read_bytes()
    assert results["bomb"].status == Status.TOO_LARGE
    assert server.requests[0][1]["accept-encoding"] == "gzip"
