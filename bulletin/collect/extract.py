"""An article page's HTML -> :class:`~.model.Article`: main text, title, date, author, sapo and
lead picture, with trafilatura (which reads dates with htmldate).

A site's rule from ``sources.yaml`` may name the element holding the text (``body``) and elements
to drop first (``drop``). Pages that give no text say why: a JavaScript challenge, a page that
draws its text with scripts, a paywall, or nothing that looks like an article.
"""
from __future__ import annotations

import json
import logging
import re
import threading
from datetime import date
from urllib.parse import urljoin, urlsplit

import lxml.html
from cssselect import GenericTranslator
from lxml import etree

from ..config import SiteRule
from ..text import fold
from .clean import feed_text
from .model import Article
from .pages import is_challenge

log = logging.getLogger(__name__)

MIN_TEXT = 250
"""Characters of main text below which a page is taken as unreadable (a teaser, a script shell)."""
_OUTLET_PREFIX = re.compile(r"^\s*\([^()]{1,30}\)\s*[-–—:]\s*|^\s*\([A-ZĐ.]{2,12}\)\s+")
"""``(Dân trí) - ``, ``(NLĐO)- `` or ``(TNO) ``: the outlet's tag in front of a sapo or a text."""
_CREDIT_TAIL = re.compile(r"(?:\s*[-–—]\s*|(?<=[.!?)])\s+)(?:(?:Ảnh|Nguồn|Photo)\s*:\s*(?P<credit>.{1,40})|Ảnh \d+\.?)$",
                          re.I)
"""`` - Ảnh: H.Y.T.``, ``. Ảnh: Reuters`` or `` - Ảnh 1.`` at the end of a caption: the credit is
written apart (``"Ảnh: …"``)."""
_PAYWALL = re.compile(r"\"isAccessibleForFree\"\s*:\s*\"?false", re.I)
_SCRIPT_SHELL = re.compile(r"<noscript[^>]*>[^<]{0,300}(?:javascript|bật)|id=[\"'](?:root|app|__next)[\"']\s*>\s*</div>",
                           re.I)
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9._-]+)", re.I)
SITE_NAME_LIMIT = 60
"""Characters of a page's own name for its site; a longer value is a slogan or a title, not a name."""
_NAME_META = ("//meta[@property='og:site_name' or @name='og:site_name']/@content",
              "//meta[@name='application-name' or @name='apple-mobile-web-app-title']/@content")
_DOMAIN_LIKE = re.compile(r"^(?i:(?:https?://)?[\w.-]+\.[a-z]{2,}/?)$|^[a-z0-9-]+$")
"""``vnexpress.net``, ``https://cafef.vn``, ``cafef``: an address or a slug, no better than the host."""


def decode_html(body: bytes, content_type: str) -> str:
    """Page bytes -> text: UTF-8 when the bytes are UTF-8, else the declared charset, else a guess."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9._-]+)", content_type, re.I)
    meta = _CHARSET.search(body[:4096])
    for name in (declared.group(1) if declared else "", meta.group(1).decode("ascii") if meta else ""):
        try:
            return body.decode(name) if name else ""
        except (LookupError, UnicodeDecodeError):
            continue
    from trafilatura.utils import decode_file

    return decode_file(body)


_ONE_AT_A_TIME = threading.Lock()
"""lxml's parsers share libxml2 state (a string dictionary) with the documents they make, and
trafilatura parses with module-level parsers: one thread parsing while another read a tree aborted
the whole process once ("Fatal Python error: Aborted" in a test run). Pages are read one at a time;
fetching them stays concurrent (it is waiting, not parsing)."""


def extract(page: str, url: str, rule: SiteRule | None = None) -> Article:
    """Read one article page. Never raises for bad HTML: an unreadable page has a ``failure``."""
    with _ONE_AT_A_TIME:
        return _extract(page, url, rule)


def _extract(page: str, url: str, rule: SiteRule | None) -> Article:
    try:
        tree = lxml.html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        return Article(url, failure="trang không có nội dung HTML đọc được")
    if rule is not None:
        tree = _apply(tree, rule)
    picture_url, caption, credit = _picture(tree, url)
    byline = _byline(tree)
    from trafilatura import bare_extraction

    found = bare_extraction(tree, url=url, with_metadata=True, include_comments=False, include_tables=False,
                            favor_precision=True, date_extraction_params={"original_date": True, "extensive_search": True})
    text = _paragraphs(getattr(found, "text", "") or "")
    title = feed_text(getattr(found, "title", "") or "")
    site = getattr(found, "sitename", "") or ""
    article = Article(url=url, title=title, site=site_name(tree), text=text,
                      lead=_lead(getattr(found, "description", "") or "", title),
                      date=_day(getattr(found, "date", None)),
                      author=_author(getattr(found, "author", "") or "", (urlsplit(url).hostname or "", site)) or byline,
                      picture_url=picture_url, picture_caption=caption, picture_credit=credit)
    failure = _failure(page, article)
    return Article(url, title=title, site=article.site, date=article.date, failure=failure) if failure else article


def site_name(tree: lxml.html.HtmlElement) -> str:
    """The page's own name for its site: ``og:site_name``, else the JSON-LD publisher's name, else the
    ``application-name``; the first that reads as a name (``Báo VnExpress``, ``TUOI TRE ONLINE``) rather
    than an address or a slug (``vnexpress.net``, ``cafef``). '' when none does."""
    meta_og, meta_app = (tree.xpath(query) for query in _NAME_META)
    for value in (*meta_og[:3], *_publishers(tree), *meta_app[:3]):
        name = feed_text(value if isinstance(value, str) else "")
        if name and len(name) <= SITE_NAME_LIMIT and not _DOMAIN_LIKE.match(name):
            return name
    return ""


def _publishers(tree: lxml.html.HtmlElement) -> list[str]:
    """Publisher names in the page's JSON-LD blocks (the first 5 blocks of at most 100 kB each)."""
    names = []
    for block in tree.xpath("//script[@type='application/ld+json']/text()")[:5]:
        try:
            data = json.loads(block[:100_000])
        except ValueError:
            continue
        if isinstance(data, dict):
            data = data.get("@graph", [data])
        for node in data if isinstance(data, list) else []:
            publisher = node.get("publisher") if isinstance(node, dict) else None
            if isinstance(publisher, list):
                publisher = publisher[0] if publisher else None
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                names.append(publisher["name"])
    return names


def _apply(tree: lxml.html.HtmlElement, rule: SiteRule) -> lxml.html.HtmlElement:
    """The page with ``rule.drop`` removed and, when ``rule.body`` matches, only that element in its body."""
    translate = GenericTranslator().css_to_xpath
    for selector in rule.drop:
        for node in tree.xpath(translate(selector)):
            if node.getparent() is not None:
                node.drop_tree()
    if rule.body:
        chosen = tree.xpath(translate(rule.body))
        body = tree.find("body")
        if chosen and body is not None:
            kept = chosen[0]
            for child in list(body):
                body.remove(child)
            body.append(kept)
    return tree


def _picture(tree: lxml.html.HtmlElement, url: str) -> tuple[str, str, str]:
    """The lead picture's absolute URL (``og:image``, else the first figure's), its caption and the
    credit the caption names."""
    og = tree.xpath("//meta[@property='og:image' or @name='og:image' or @property='og:image:url']/@content")
    figure_src, caption = "", ""
    for figure in tree.xpath("//body//figure[.//img]"):
        img = figure.xpath(".//img")[0]
        src = img.get("data-src") or img.get("src") or ""
        text = feed_text(" ".join(figure.xpath(".//figcaption//text()"))) or feed_text(img.get("alt") or "")
        if src and not figure_src:
            figure_src = src
        if text:
            caption = text
            break
    chosen = (og[0].strip() if og and og[0].strip() else "") or figure_src
    absolute = urljoin(url, chosen) if chosen else ""
    if urlsplit(absolute).scheme not in ("http", "https"):
        return "", "", ""
    tail = _CREDIT_TAIL.search(caption)
    credit = (tail.group("credit") or "").strip().rstrip(".") if tail else ""
    return absolute, caption[: tail.start()].strip() if tail else caption, credit


def _byline(tree: lxml.html.HtmlElement) -> str:
    """The author line many Vietnamese outlets end an article with (``<p class="author_mail">``,
    ``<div class="detail-author">``), when short enough to be a name."""
    for node in tree.xpath("//body//*[contains(@class, 'author')][not(.//*[contains(@class, 'author')])]")[:5]:
        name = feed_text(" ".join(node.xpath(".//text()")))
        if name and len(name) <= 60 and len(name.split()) <= 6:
            return name
    return ""


def _paragraphs(text: str) -> str:
    """trafilatura's text (a paragraph a line) -> clean paragraphs separated by blank lines."""
    lines = [feed_text(line) for line in text.splitlines()]
    return _OUTLET_PREFIX.sub("", "\n\n".join(line for line in lines if line), count=1)


def _lead(description: str, title: str) -> str:
    """The sapo without the outlet's tag; '' when it is only the title again, or too short to be one."""
    lead = _OUTLET_PREFIX.sub("", feed_text(description))
    return lead if len(lead) >= 40 and fold(lead) != fold(title) else ""


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _author(value: str, outlet: tuple[str, str]) -> str:
    """The page's authors, less the names that are only the outlet's (``Baochinhphu Vn``, ``TUOI TRE
    ONLINE``, ``VCCorp vn``): those are the source, named elsewhere."""
    squeeze = lambda text: re.sub(r"[^a-z0-9]", "", fold(text))  # noqa: E731
    host, site = squeeze(outlet[0]), squeeze(outlet[1])
    people = []
    for name in (feed_text(n) for n in value.split(";")):
        key = squeeze(name)
        if key and key not in host and key != site and not re.search(r"(?:vn|online|news)$|^bao[a-z]+$", key):
            people.append(name)
    return "; ".join(dict.fromkeys(people))


def _failure(page: str, article: Article) -> str:
    """Why the page gives no article text, or ''."""
    if is_challenge(page):
        return "trang thử thách JavaScript (không cho máy đọc)"
    if _PAYWALL.search(page[:2_000_000]):
        return "bài viết thu phí (chỉ đọc được phần đầu)"
    if len(article.text) >= MIN_TEXT:
        return ""
    if _SCRIPT_SHELL.search(page) or page.count("<script") > 5:
        return "trang chỉ hiện nội dung bằng JavaScript"
    return "không tìm thấy nội dung bài viết trên trang"
