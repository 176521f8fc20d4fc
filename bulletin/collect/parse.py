"""Feed bytes -> :class:`Entry` values.

feedparser never sees a URL, a path or a str (it would open local files): it gets
``io.BytesIO`` of bytes that :mod:`.decode` cleaned (decoded by trusting the bytes, XML-illegal
characters out, declared as UTF-8, cut after :data:`~.model.MAX_ITEMS_READ` items), with
``response_headers`` so relative links resolve against the feed's URL. Dates come from
feedparser's ``*_parsed`` values, read by the handler :mod:`.dates` registers.
"""
from __future__ import annotations

import io
import json
import logging
from datetime import datetime
from typing import Any

import feedparser

from ..config import FeedSource
from . import dates
from .clean import SUMMARY_LIMIT, TITLE_LIMIT, feed_text, shorten
from .decode import decode_body
from .listing import LISTING_VERSION, parse_listing
from .model import Cached, Entry, ParsedFeed, Status
from .pages import feed_links, is_challenge, looks_like_html
from .urls import item_id, strip_tracking

log = logging.getLogger(__name__)

PARSER_VERSION = "3"
"""Bump when parsing changes: entries remembered for ``304`` answers are then parsed again."""
_DATE_KEYS = (("published", "published_parsed"), ("updated", "updated_parsed"), ("created", "created_parsed"))

dates.register()


def parse_source(source: FeedSource, body: Cached) -> ParsedFeed:
    """Parse one good body: a listing page with the source's selectors (``kind: html``), else a feed."""
    return parse_listing(source, body) if source.kind == "html" else parse_feed(source, body)


def parser_version(source: FeedSource) -> str:
    """The version entries remembered for a ``304`` must have been parsed with: a listing page's
    selectors are part of it, so editing them in ``sources.yaml`` reads the page again."""
    return PARSER_VERSION if source.kind != "html" else f"{PARSER_VERSION}:{LISTING_VERSION}:{source.links}|{source.date}"


def parse_feed(source: FeedSource, body: Cached) -> ParsedFeed:
    """Parse one feed body; HTML pages (bot challenges, error pages) are reported, not parsed."""
    decoded = decode_body(body.body, body.content_type)
    if decoded.dropped:
        log.debug("%s: đã bỏ %d byte/ký tự không hợp lệ", source.name, decoded.dropped)
    if looks_like_html(decoded.data):
        return classify_page(body, decoded.data.decode("utf-8"))
    headers = {"content-location": body.url, "content-type": "application/xml; charset=utf-8"}
    # Every HTML fragment is reduced to plain text by nh3 (clean.feed_text), so feedparser's own
    # sanitiser and its rewriting of links inside HTML would be wasted work; entry links still
    # resolve against the feed's URL.
    parsed = feedparser.parse(io.BytesIO(decoded.data), response_headers=headers,
                              resolve_relative_uris=False, sanitize_html=False)
    if not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
        error = parsed.get("bozo_exception")
        reason = f"XML hỏng: {error}" if error else "không có phần tử RSS/Atom"
        return ParsedFeed(Status.PARSE_ERROR, f"lỗi phân tích ({reason})"[:200], ())
    site = strip_tracking(parsed.feed.get("link", "")) or source.url  # stable when the feed URL moves
    entries = tuple(e for e in (_entry(source, site, raw) for raw in parsed.entries) if e is not None)
    bad = sum(1 for raw in parsed.entries if _bad_date(raw))
    notes = [f"chỉ đọc {decoded.kept_items:,} trong {decoded.items:,} tin đầu tiên".replace(",", ".")
             if decoded.kept_items < decoded.items else "",
             f"XML không hợp lệ ({parsed.get('bozo_exception')}), đọc được {len(entries)} tin"[:160]
             if parsed.get("bozo") else ""]
    return ParsedFeed(Status.OK, "; ".join(n for n in notes if n), entries, bad)


def classify_page(body: Cached, text: str | None = None) -> ParsedFeed:
    """An HTML answer: a script challenge, or a page (naming the feeds it links to)."""
    text = decode_body(body.body, body.content_type).data.decode("utf-8") if text is None else text
    if is_challenge(text):
        return ParsedFeed(Status.CHALLENGE, "trang thử thách JavaScript/cookie chặn chương trình đọc tự động", ())
    links = feed_links(text, body.url)
    hint = f"; trang có liên kết tới feed {links[0]}" if links else ""
    return ParsedFeed(Status.NOT_FEED, f"không phải feed (trang HTML, không phải RSS/Atom{hint})", (), feeds=links)


def _entry(source: FeedSource, site: str, raw: Any) -> Entry | None:
    title = shorten(feed_text(raw.get("title", "")), TITLE_LIMIT, sentences=False)
    link = strip_tracking(raw.get("link", ""))
    summary = shorten(feed_text(_summary(raw)), SUMMARY_LIMIT)
    if not title:
        return None
    if summary == title:
        summary = ""
    return Entry(
        source=source,
        id=item_id(site, raw.get("id", ""), link, title),
        title=title,
        link=link,
        summary=summary,
        published=_published(raw),
    )


def _summary(raw: Any) -> str:
    if raw.get("summary"):
        return str(raw["summary"])
    for content in raw.get("content") or []:
        if content.get("value"):
            return str(content["value"])
    return ""


def _published(raw: Any) -> datetime | None:
    for _text, parsed in _DATE_KEYS:  # dict.get: feedparser's own get maps a missing key to another, with a warning
        found = dates.from_struct(dict.get(raw, parsed))
        if found:
            return found
    return None


def _bad_date(raw: Any) -> bool:
    """A date was written but none could be read."""
    return any(str(dict.get(raw, text) or "").strip() for text, _parsed in _DATE_KEYS) and _published(raw) is None


def entries_to_json(entries: tuple[Entry, ...]) -> str:
    """Entries of a good body, to remember next to it (a 304 then skips feedparser)."""
    rows = [[e.id, e.title, e.link, e.summary, e.published.isoformat() if e.published else ""] for e in entries]
    return json.dumps(rows, ensure_ascii=False)


def entries_from_json(source: FeedSource, text: str) -> tuple[Entry, ...]:
    """The inverse of :func:`entries_to_json`."""
    return tuple(Entry(source=source, id=i, title=t, link=link, summary=summary,
                       published=datetime.fromisoformat(when) if when else None)
                 for i, t, link, summary, when in json.loads(text))
