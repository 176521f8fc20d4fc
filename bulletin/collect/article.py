"""Read the article page behind each link: concurrently, politely, and within the feeds' limits.

Every page goes through the guarded client of :mod:`.fetch` (address guard, ``allow_private``,
timeouts, size cap, redirects checked hop by hop) with the department's User-Agent, after its
site's robots.txt allowed it, at most :data:`PER_HOST` requests at a time per site. Its text is
extracted by :mod:`.extract` in worker threads while other pages download, and its lead picture is
fetched and checked by :mod:`.picture`. Nothing raises for one bad page: it ends as an
:class:`Article` whose ``failure`` says why, and its candidate keeps the feed's text.
"""
from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from ..config import SiteRule
from .extract import decode_html, extract
from .fetch import PAGE_ACCEPT, Clients, fetch_url
from .model import Article, FetchOptions, Got, Picture, Status
from .pages import is_challenge, looks_like_html
from .picture import check_picture, strict_pillow
from .robots import Robots

__all__ = ["Article", "Picture", "read_articles", "read_pictures", "rule_for", "PER_HOST"]

log = logging.getLogger(__name__)

PER_HOST = 2
"""Requests sent to one site at a time."""
PICTURE_ACCEPT = "image/jpeg, image/png, image/webp;q=0.9, */*;q=0.1"
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def rule_for(url: str, sites: Sequence[SiteRule]) -> SiteRule | None:
    """The rule of ``url``'s site (its host or a parent domain), or None."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    matches = [r for r in sites if host == r.host or host.endswith("." + r.host)]
    return max(matches, key=lambda r: len(r.host), default=None)


def read_articles(urls: Sequence[str], options: FetchOptions, sites: Sequence[SiteRule] = (), pictures: bool = True,
                  on_done: Callable[[Article], None] = lambda _a: None) -> dict[str, Article]:
    """Read every page of ``urls`` (repeats read once): URL -> :class:`Article`, in ``urls`` order.

    ``pictures`` also downloads each page's lead picture into :attr:`Article.picture`."""
    wanted = list(dict.fromkeys(u for u in urls if u))
    if not wanted:
        return {}
    with strict_pillow():
        return asyncio.run(_read_all(wanted, options, tuple(sites), pictures, on_done))


def read_pictures(articles: Sequence[Article], options: FetchOptions) -> dict[str, Article]:
    """Download the lead picture of each readable article that has none yet: URL -> the article
    with :attr:`Article.picture` set (None when the picture is missing or unusable)."""
    wanted = [a for a in articles if a.readable and a.picture_url and a.picture is None]
    if not wanted:
        return {a.url: a for a in articles}
    with strict_pillow():
        return {a.url: a for a in articles} | asyncio.run(_pictures(wanted, options))


async def _pictures(articles: Sequence[Article], options: FetchOptions) -> dict[str, Article]:
    reader = _Reader(options, (), True)
    try:
        found = await asyncio.gather(*(reader.picture(a.picture_url) for a in articles))
        return {a.url: dataclasses.replace(a, picture=p, picture_failure=why) for a, (p, why) in zip(articles, found)}
    finally:
        await reader.clients.aclose()


class _Reader:
    """One run's shared state: clients, robots.txt rules, and the per-site and total limits."""

    def __init__(self, options: FetchOptions, sites: tuple[SiteRule, ...], pictures: bool):
        self.options, self.sites, self.pictures = options, sites, pictures
        self.clients = Clients(options)
        self.robots = Robots(self.clients, options)
        self.total = asyncio.Semaphore(options.concurrency)
        self.hosts: dict[str, asyncio.Semaphore] = {}

    async def get(self, url: str, accept: str) -> Got:
        """One polite request: robots.txt first, then the page, within both limits."""
        host = (urlsplit(url).hostname or "").lower()
        async with self.hosts.setdefault(host, asyncio.Semaphore(PER_HOST)), self.total:
            refusal = await self.robots.refusal(url)
            if refusal:
                return Got(Status.REFUSED, refusal)
            return await fetch_url(self.clients, url, None, self.options, accept)

    async def read(self, url: str) -> Article:
        got = await self.get(url, PAGE_ACCEPT)
        failure = _unreadable(got)
        if failure:
            return Article(url, failure=failure)
        assert got.body is not None
        page = await asyncio.to_thread(decode_html, got.body.body, got.body.content_type)
        article = await asyncio.to_thread(extract, page, got.body.url, rule_for(got.body.url, self.sites))
        article = dataclasses.replace(article, url=url)
        if self.pictures and article.readable and article.picture_url:
            picture, why = await self.picture(article.picture_url)
            article = dataclasses.replace(article, picture=picture, picture_failure=why)
        return article

    async def picture(self, url: str) -> tuple[Picture | None, str]:
        """The checked picture at ``url``, or None and why it is left out."""
        got = await self.get(url, PICTURE_ACCEPT)
        if got.status != Status.OK or got.body is None:
            picture, why = None, got.detail or str(got.status)
        else:
            picture, why = await asyncio.to_thread(check_picture, got.body.body, got.body.url)
        if why:
            log.info("bỏ qua ảnh %s: %s", url, why)
        return picture, why


async def _read_all(urls: list[str], options: FetchOptions, sites: tuple[SiteRule, ...], pictures: bool,
                    on_done: Callable[[Article], None]) -> dict[str, Article]:
    reader = _Reader(options, sites, pictures)
    try:

        async def one(url: str) -> Article:
            article = await reader.read(url)
            log.debug("%s: %s", url, article.failure or "ok")
            on_done(article)
            return article

        return dict(zip(urls, await asyncio.gather(*(one(u) for u in urls))))
    finally:
        await reader.clients.aclose()


def _unreadable(got: Got) -> str:
    """Why a page's answer holds no article to read, or ''."""
    body = got.body
    if got.status != Status.OK or body is None:
        start = body.body[:256 * 1024].decode("utf-8", "replace") if body is not None else ""
        if start and is_challenge(start):
            return "trang thử thách JavaScript (không cho máy đọc)"
        return got.detail or str(got.status)
    kind = body.content_type.split(";")[0].strip().lower()
    if kind not in _HTML_TYPES and not looks_like_html(body.body[:4096]):
        return f"không phải trang HTML ({kind or 'không rõ kiểu'})"
    return ""
