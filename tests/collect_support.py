"""Shared pieces of the collector tests: the fixture sources on a loopback server, requests, files."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from bulletin.collect import CollectRequest, FetchOptions
from bulletin.config import FeedSource, load_settings
from bulletin.text import TZ

from .feedserver import FeedServer, HangingServer, Route

NOW = datetime(2026, 5, 11, 9, 0, tzinfo=TZ)
"""The Monday after issue 17's week (04/5 - 10/5/2026), when an editor collects."""

GOOD_SOURCES = {
    # name: (path, route, scope)
    "VnExpress": ("/feeds/vnexpress.rss", Route(file="vnexpress.rss"), "national"),
    "Báo Tổng hợp": ("/feeds/tong-hop.rss", Route(file="syndicated-gmt7.rss"), "national"),
    "Tia Sáng": ("/feeds/atom.xml", Route(file="atom.xml", content_type="application/atom+xml"), "national"),
    "Báo Hải Phòng": ("/rss/cu/khoa-hoc", Route(status=301, location="/feeds/haiphong.rss"), "local"),
    "Đài PTTH Hải Phòng": ("/feeds/stray-byte.rss", Route(file="stray-byte.rss"), "local"),
    "Tạp chí Điện tử": ("/feeds/control-char.rss", Route(file="control-char.rss"), "national"),
    "Trang lạ": ("/feeds/hostile.rss", Route(file="hostile.rss"), "national"),
}
"""Sources that parse (one behind a 301)."""

BAD_SOURCES = {
    "Báo Mẫu": ("/feeds/challenge", Route(file="challenge.html", content_type="text/html; charset=utf-8"), "national"),
    "Nguồn đã gỡ": ("/feeds/gone.rss", Route(status=410), "national"),
    "Nguồn khổng lồ": ("/feeds/big.rss", Route(generate=50 * 1024 * 1024), "national"),
}
"""Sources that fail on the main server (the hanging one is separate)."""

EXPECTED_FAILURES = {
    "Báo Mẫu": "trang thử thách JavaScript",
    "Nguồn đã gỡ": "HTTP 410",
    "Nguồn khổng lồ": "quá lớn",
    "Nguồn treo": "hết thời gian chờ",
}
"""Name -> the reason the report must give."""

FAST = FetchOptions(connect_timeout=2.0, read_timeout=0.5, total_timeout=5.0, allow_private=True)
"""Short timeouts for loopback."""


@pytest.fixture
def server() -> Iterator[FeedServer]:
    srv = FeedServer()
    srv.routes["/feeds/haiphong.rss"] = Route(file="haiphong.rss")
    for path, route, _scope in (*GOOD_SOURCES.values(), *BAD_SOURCES.values()):
        srv.routes[path] = route
    yield srv
    srv.close()


@pytest.fixture
def hanging() -> Iterator[HangingServer]:
    srv = HangingServer()
    yield srv
    srv.close()


def sources(server: FeedServer, names=None, hanging: HangingServer | None = None) -> tuple[FeedSource, ...]:
    """FeedSource values for the named fixture sources (all good ones by default)."""
    table = {**GOOD_SOURCES, **BAD_SOURCES}
    found = [FeedSource(name, server.url(table[name][0]), table[name][2], True, (), ())
             for name in (names or GOOD_SOURCES)]
    if hanging is not None:
        found.append(FeedSource("Nguồn treo", hanging.url(), "national", True, (), ()))
    return tuple(found)


def request(project: Path, feeds: tuple[FeedSource, ...], number: int = 17, **changes) -> CollectRequest:
    """A run over ``feeds`` for ``number`` in the scratch project, at :data:`NOW`, with short timeouts;
    only the feeds are read (tests/test_article*.py read the pages behind them)."""
    settings = load_settings(project / "sources.yaml")
    base = dict(settings=settings, keywords=settings.keywords, sources=feeds, number=number, year=None,
                fetch=FAST, now=NOW, articles=False)
    return CollectRequest(**{**base, **changes})


def feed_yaml(path: Path, feeds: tuple[FeedSource, ...]) -> Path:
    """Write a ``--nguon`` file listing ``feeds``."""
    lines = ["# Nguồn tin của bài kiểm thử (máy chủ trên 127.0.0.1)", "sources:"]
    for f in feeds:
        lines += [f"  - name: {f.name}", f"    url: {f.url}", f"    scope: {f.scope}", "    enabled: true"]
        if f.kind == "html":
            lines += ["    kind: html", f"    links: \"{f.links}\""] + ([f"    date: \"{f.date}\""] if f.date else [])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
