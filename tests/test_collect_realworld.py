"""Feeds as Vietnamese outlets really serve them, on the loopback server: encodings, date forms,
entities, accents. Expected outcomes live in ``real-cases.tsv`` and ``dates.tsv``."""
from __future__ import annotations

import codecs
from collections.abc import Iterator
from datetime import datetime
from xml.sax.saxutils import escape

import pytest

from bulletin.collect.fetch import fetch_all
from bulletin.collect.model import GOOD, Fetched
from bulletin.collect.parse import ParsedFeed, parse_feed
from bulletin.collect.probe import probe
from bulletin.config import FeedSource

from .collect_support import FAST
from .feedserver import FEEDS, FeedServer, Route
from .helpers import read_tsv

REAL = FEEDS / "realworld"


def read(server: FeedServer, path: str, options=FAST) -> tuple[Fetched, ParsedFeed | None]:
    """Fetch ``path`` from ``server`` and parse it as the collector does."""
    source = FeedSource("Nguồn thử", server.url(path), "national", True, (), ())

    def parse(fetched: Fetched) -> ParsedFeed | None:
        return parse_feed(fetched.source, fetched.body) if fetched.body and fetched.status in GOOD else None

    ((fetched, parsed),) = fetch_all((source,), {}, options, lambda _f: None, parse)
    return fetched, parsed


def _transform(data: bytes, how: str) -> bytes:
    if how == "bom":
        return codecs.BOM_UTF8 + data
    if how == "blank":
        return b"\n\n  \r\n" + data
    if how == "no-decl":
        return data[data.index(b"?>") + 2:]
    if how == "utf16":
        return data.decode("utf-8").encode("utf-16")  # with a BOM; the declaration still says utf-8
    return data


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    srv = FeedServer()
    yield srv
    srv.close()


@pytest.mark.parametrize("file,how,status,items,first_date,title,_why", read_tsv(FEEDS / "real-cases.tsv", 7))
def test_real_feeds_are_read(server, tmp_path, file, how, status, items, first_date, title, _why):
    served = tmp_path / file
    served.write_bytes(_transform((REAL / file).read_bytes(), how))
    server.routes[f"/{how}/{file}"] = Route(file=str(served))
    fetched, parsed = read(server, f"/{how}/{file}")
    assert parsed is not None and parsed.status == status, (fetched, parsed)
    assert len(parsed.entries) == int(items) and parsed.bad_dates == 0
    first = parsed.entries[0]
    assert first.title.startswith(title) and first.published.isoformat() == first_date
    assert all(e.published is not None for e in parsed.entries)
    assert all("&#" not in e.title and "\ufffd" not in e.title + e.summary for e in parsed.entries)


DATES = read_tsv(FEEDS / "dates.tsv", 3)


@pytest.fixture(scope="module")
def dated(server) -> dict[str, datetime | None]:
    """One feed on the loopback server with an item per row of ``dates.tsv``: title -> date read."""
    items = []
    for n, (given, _expected, cdata) in enumerate(DATES):
        text = f"<![CDATA[{given}]]>" if cdata == "yes" else escape(given)
        items.append(f"<item><title>Tin {n}</title><link>https://ngay.example/{n}</link><pubDate>{text}</pubDate></item>")
    body = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Ngày</title>'
            f"{''.join(items)}</channel></rss>")
    server.routes["/dates.rss"] = Route(body=body.encode("utf-8"))
    _fetched, parsed = read(server, "/dates.rss")
    assert parsed is not None and len(parsed.entries) == len(DATES)
    return {e.title: e.published for e in parsed.entries}


@pytest.mark.parametrize("n,given,expected", [(n, g, e) for n, (g, e, _c) in enumerate(DATES)])
def test_dates_as_vietnamese_sites_write_them(dated, n, given, expected):
    found = dated[f"Tin {n}"]
    if expected == "-":
        assert found is None, given
    else:
        assert found is not None and found.isoformat() == expected, given
        assert found.utcoffset().total_seconds() == 7 * 3600  # shown in Asia/Ho_Chi_Minh


def test_entities_in_cdata_and_mixed_accents_match_the_keywords(server):
    server.routes["/entities.rss"] = Route(file="entities-accents.rss")
    _fetched, parsed = read(server, "/entities.rss")
    assert [e.title for e in parsed.entries] == ["Doanh nghiệp công nghệ mua ròng", "Hội thảo công nghệ áp dụng AI",
                                                 "Chuyển đổi số ở cấp xã", "Công nghệ sinh học cho lúa"]
    source = FeedSource("Nguồn thử", server.url("/entities.rss"), "national", True, (), ())
    (checked,) = probe((source,), ("công nghệ", "chuyển đổi số"), FAST)
    assert checked.matches == 4 and checked.items == 4


def test_a_feed_of_a_thousand_items_is_read_whole(server):
    items = "".join(f"<item><title>Tin công nghệ số {n}</title><link>https://nghin.example/{n}</link>"
                    f"<pubDate>Tue, 05 May 2026 {n % 24:02d}:{n % 60:02d}:00 +0700</pubDate></item>" for n in range(1000))
    server.routes["/nghin.rss"] = Route(body=f'<rss version="2.0"><channel><title>1000</title>{items}</channel></rss>'.encode())
    _fetched, parsed = read(server, "/nghin.rss")
    assert parsed.status == "ok" and len(parsed.entries) == 1000 and parsed.detail == ""
    assert len({e.id for e in parsed.entries}) == 1000
