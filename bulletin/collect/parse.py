"""Feed bytes -> :class:`Entry` values.

feedparser never sees a URL, a path or a str (it would open local files): it gets
``io.BytesIO`` of bytes that were first cleaned (invalid UTF-8 and XML-illegal characters out,
declared as UTF-8), with ``response_headers`` so relative links resolve against the feed's URL.
"""
from __future__ import annotations

import codecs
import io
import json
import logging
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import feedparser

from ..config import FeedSource
from ..text import clean
from .clean import plain_text, shorten
from .dates import from_struct, parse_date
from .model import NOT_FEED, OK, PARSE_ERROR, Cached, Entry
from .urls import entry_id, strip_tracking

log = logging.getLogger(__name__)

_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"'][^>]*\?>", re.I)
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._-]+)", re.I)


PARSER_VERSION = "2"
"""Bump when parsing changes: entries remembered for ``304`` answers are then parsed again."""


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """The outcome of parsing one body."""

    status: str
    """``ok``, ``not-feed`` or ``parse-error``."""
    detail: str
    """Vietnamese reason when not ``ok``."""
    entries: tuple[Entry, ...]
    """Cleaned items, in feed order."""


def clean_bytes(body: bytes, content_type: str) -> tuple[bytes, int]:
    """Decode with the declared charset (UTF-8 by default), drop undecodable bytes and
    XML-illegal characters, and return UTF-8 bytes that declare UTF-8, plus how many were dropped."""
    m = _XML_DECL.match(body)
    declared = (m.group(1).decode("ascii") if m else "") or _charset(content_type)
    try:
        codec = codecs.lookup(declared).name if declared else "utf-8"
    except LookupError:
        codec = "utf-8"
    text = body.decode("utf-8-sig" if codec == "utf-8" else codec, errors="replace")
    dropped = text.count("\ufffd")
    text, removed = clean(text.replace("\ufffd", ""))
    text = text.lstrip()
    if m:
        text = re.sub(r"^<\?xml[^>]*?\?>", '<?xml version="1.0" encoding="utf-8"?>', text, count=1)
    return text.encode("utf-8"), dropped + len(removed)


def _charset(content_type: str) -> str:
    m = _CHARSET.search(content_type or "")
    return m.group(1) if m else ""


def parse_feed(source: FeedSource, body: Cached) -> ParsedFeed:
    """Parse one feed body; HTML pages (bot challenges, error pages) are reported, not parsed."""
    data, dropped = clean_bytes(body.body, body.content_type)
    if dropped:
        log.debug("%s: đã bỏ %d byte/ký tự không hợp lệ", source.name, dropped)
    headers = {"content-location": body.url, "content-type": "application/xml; charset=utf-8"}
    # Every HTML fragment is reduced to plain text by nh3 (clean.plain_text), so feedparser's own
    # sanitiser and its rewriting of links inside HTML would be wasted work; entry links still
    # resolve against the feed's URL.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers,
                              resolve_relative_uris=False, sanitize_html=False)
    if not parsed.get("version") and not parsed.entries:
        if _HTML_START.match(data):
            return ParsedFeed(NOT_FEED, "không phải feed (trang HTML, không phải RSS/Atom)", ())
        reason = type(parsed.get("bozo_exception")).__name__ if parsed.get("bozo") else "không có tin"
        return ParsedFeed(PARSE_ERROR, f"lỗi phân tích ({reason})", ())
    site = strip_tracking(parsed.feed.get("link", "")) or source.url  # stable when the feed URL moves
    entries = (_entry(source, site, raw) for raw in parsed.entries)
    return ParsedFeed(OK, "", tuple(e for e in entries if e is not None))


def _entry(source: FeedSource, site: str, raw: Any) -> Entry | None:
    title = plain_text(raw.get("title", ""))
    link = strip_tracking(raw.get("link", ""))
    summary = shorten(plain_text(_summary(raw)))
    if not title:
        return None
    if summary == title:
        summary = ""
    return Entry(
        source=source,
        id=entry_id(site, raw.get("id", ""), link, title),
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
    for key in ("published", "updated", "created", "pubdate"):
        found = parse_date(str(raw.get(key) or ""))
        if found:
            return found
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        found = from_struct(raw.get(key))
        if found:
            return found
    return None


def entries_to_json(entries: tuple[Entry, ...]) -> str:
    """Entries of a good body, to remember next to it (a 304 then skips feedparser)."""
    rows = [[e.id, e.title, e.link, e.summary, e.published.isoformat() if e.published else ""] for e in entries]
    return json.dumps(rows, ensure_ascii=False)


def entries_from_json(source: FeedSource, text: str) -> tuple[Entry, ...]:
    """The inverse of :func:`entries_to_json`."""
    return tuple(Entry(source=source, id=i, title=t, link=link, summary=summary,
                       published=datetime.fromisoformat(when) if when else None)
                 for i, t, link, summary, when in json.loads(text))
