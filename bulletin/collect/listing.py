"""Listing pages: a section of a site with no feed (``kind: html``), read with the source's selectors.

``links`` (a CSS selector) finds the links to articles; each becomes an :class:`Entry` with the
link's text as its title. An item's *block* is the largest element around its link that holds no
other matched link (the ``<li>`` or ``<div>`` of one item): ``date`` is looked for inside it, and
its remaining text, when there is some, is the item's sapo. Pages are hostile: they are parsed by
lxml (no network, no entities expanded), links are absolutised and kept to http(s), text is cleaned
as feed text is, and only :data:`MAX_LINKS` links are read.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree
from lxml.cssselect import CSSSelector

from ..config import FeedSource
from .clean import SUMMARY_LIMIT, TITLE_LIMIT, feed_text, shorten
from .dates import parse_date
from .decode import decode_body
from .model import Cached, Entry, ParsedFeed, Status
from .pages import is_challenge
from .urls import canonical, item_id, strip_tracking

LISTING_VERSION = "1"
"""Bump when reading listing pages changes (remembered entries are then read again)."""
MAX_LINKS = 200
"""Links read from one listing page (the rest is reported)."""
BLOCK_TEXT = 3000
"""Characters above which an element is too large to be one item's block."""
SUMMARY_MIN = 30
"""Characters of leftover text below which a block has no sapo (a "Xem tiếp" or a view count)."""
_NOT_SAPO = frozenset({"a", "script", "style", "noscript", "h1", "h2", "h3", "h4", "button", "time"})
_FEED_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)[\s>]", re.S)
_DATE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:?\d{2}|Z)?)?|"
                        r"(?:\d{1,2}[:h]\d{2}\s*[|,-]?\s*)?\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?:\s*[|,-]?\s*\d{1,2}[:h]\d{2})?")


@lru_cache(maxsize=64)
def _selector(css: str) -> CSSSelector:
    return CSSSelector(css, translator="html")


def parse_listing(source: FeedSource, body: Cached) -> ParsedFeed:
    """The articles a listing page links to, in page order, without repeats."""
    decoded = decode_body(body.body, body.content_type)
    if _FEED_START.match(decoded.data[:4096]):
        return ParsedFeed(Status.PARSE_ERROR, "địa chỉ này là feed RSS/Atom, không phải trang danh sách tin: "
                          'xóa các dòng "kind: html", "links", "date" của nguồn này', ())
    text = decoded.data.decode("utf-8")
    if is_challenge(text):
        return ParsedFeed(Status.CHALLENGE, "trang thử thách JavaScript/cookie chặn chương trình đọc tự động", ())
    root = _document(decoded.data)
    if root is None:
        return ParsedFeed(Status.PARSE_ERROR, "lỗi phân tích (trang HTML trống hoặc hỏng)", ())
    base = _base_url(root, body.url)
    anchors = list(_anchors(_selector(source.links)(root)))
    if not anchors:
        return ParsedFeed(Status.PARSE_ERROR, f'bộ chọn links "{source.links}" không khớp liên kết nào trên trang '
                          "(trang đã đổi giao diện? mở trang và kiểm tra lại bộ chọn)", ())
    dates = _selector(source.date)(root) if source.date else []
    entries, bad_dates, total = _entries(source, base, anchors, dates)
    notes = [f"chỉ đọc {MAX_LINKS} trong {total} liên kết đầu tiên" if total > MAX_LINKS else ""]
    return ParsedFeed(Status.OK, "; ".join(n for n in notes if n), entries, bad_dates)


def _document(data: bytes) -> etree._Element | None:
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)
    try:
        return lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError):
        return None


def _base_url(root: etree._Element, url: str) -> str:
    base = root.find(".//head/base[@href]")
    return urljoin(url, base.get("href", "").strip()) if base is not None else url


def _anchors(matched: list[etree._Element]) -> Iterator[etree._Element]:
    """Each matched element as a link: itself when it is an ``<a href>``, else the first one inside it."""
    for element in matched:
        anchor = element if element.tag == "a" and element.get("href") else element.find(".//a[@href]")
        if anchor is not None:
            yield anchor


def _entries(source: FeedSource, base: str, anchors: list[etree._Element],
             dates: list[etree._Element]) -> tuple[tuple[Entry, ...], int, int]:
    """Entries, items whose date was written but unreadable, and how many distinct links the page has."""
    links_under: Counter[etree._Element] = Counter(a for anchor in anchors for a in _up(anchor))
    date_under: dict[etree._Element, etree._Element] = {}
    for element in dates:
        for ancestor in _up(element):
            date_under.setdefault(ancestor, element)
    entries, seen, bad = [], set(), 0
    for anchor in anchors:
        link = _link(base, anchor.get("href", ""))
        if not link or canonical(link) in seen:
            continue
        seen.add(canonical(link))
        if len(seen) > MAX_LINKS:
            continue
        block = _block(anchor, links_under)
        found = next((date_under[a] for a in _up(anchor) if a in date_under and _within(a, block)), None)
        when = _date(found) if found is not None else None
        bad += found is not None and when is None
        entry = _entry(source, base, anchor, link, block, found, when)
        if entry is not None:
            entries.append(entry)
    return tuple(entries), bad, len(seen)


def _up(element: etree._Element) -> Iterator[etree._Element]:
    yield element
    yield from element.iterancestors()


def _within(ancestor: etree._Element, block: etree._Element) -> bool:
    """True when ``ancestor`` (of the link) is inside the item's ``block`` (or is it)."""
    return ancestor is block or any(a is block for a in ancestor.iterancestors())


def _block(anchor: etree._Element, links_under: Counter[etree._Element]) -> etree._Element:
    """The largest element around ``anchor`` holding no other matched link (and not the whole page)."""
    block = anchor
    for ancestor in anchor.iterancestors():
        if links_under[ancestor] > 1 or ancestor.tag in ("body", "html", "form", "main"):
            break
        if len(ancestor.text_content()) > BLOCK_TEXT:
            break
        block = ancestor
    return block


def _link(base: str, href: str) -> str:
    url = urljoin(base, href.strip())
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    return strip_tracking(url.split("#", 1)[0])


def _date(element: etree._Element):
    """A date element's time: a ``datetime``/``content``/``title`` attribute, else its text."""
    for value in (element.get("datetime"), element.get("content"), element.get("title"), element.text_content()):
        text = " ".join((value or "").split())
        found = parse_date(text) if text else None
        if found is None and text:
            match = _DATE_TEXT.search(text)
            found = parse_date(match.group(0)) if match else None
        if found is not None:
            return found
    return None


def _entry(source: FeedSource, base: str, anchor: etree._Element, link: str, block: etree._Element,
           date_element: etree._Element | None, when) -> Entry | None:
    title = shorten(feed_text(_text(anchor) or anchor.get("title", "")), TITLE_LIMIT, sentences=False)
    if not title:
        return None
    summary = _summary(block, anchor, date_element, title)
    return Entry(source=source, id=item_id(base, "", link, title), title=title, link=link,
                 summary=shorten(summary, SUMMARY_LIMIT), published=when)


def _summary(block: etree._Element, anchor: etree._Element, date_element: etree._Element | None, title: str) -> str:
    """The block's text once its links, headings and date are left out ('' when little is left)."""
    if block is anchor:
        return ""
    text = feed_text(" ".join(_texts(block, {anchor, date_element}, tail=False)))
    return text if len(text) >= SUMMARY_MIN and text != title else ""


def _texts(element: etree._Element, skip: set, tail: bool = True) -> Iterator[str]:
    """Text of ``element`` outside links, headings, scripts and ``skip`` (and its tail, with ``tail``)."""
    if element not in skip and element.tag not in _NOT_SAPO:
        yield element.text or ""
        for child in element:
            yield from _texts(child, skip)
    if tail:
        yield element.tail or ""


def _text(element: etree._Element) -> str:
    """The element's visible text (scripts and styles left out), on one line."""
    return " ".join("".join(_visible(element, tail=False)).split())


def _visible(element: etree._Element, tail: bool = True) -> Iterator[str]:
    if element.tag not in ("script", "style", "noscript"):
        yield element.text or ""
        for child in element:
            yield from _visible(child)
    if tail:
        yield element.tail or ""
