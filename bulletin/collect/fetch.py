"""Fetch every source concurrently: timeouts, size cap, redirects checked hop by hop, conditional GET.

Nothing here raises for a single bad source: each one ends as a :class:`Fetched` with a status
and a Vietnamese reason, so one failing source never stops the others.
"""
from __future__ import annotations

import asyncio
import logging
import zlib
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from ..config import FeedSource
from .guard import AddressPolicy, BoundedJar, GuardedTransport, RefusedAddress
from .model import Cached, FetchOptions, Fetched, Got, Status

log = logging.getLogger(__name__)

ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
"""Accept header of a listing page (``kind: html``)."""
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
T = TypeVar("T")


ERROR_BODY = 256 * 1024
"""Bytes read of an error answer, to tell a script challenge from a plain error page."""


class _Stop(Exception):
    """Ends one fetch with a status and a reason."""

    def __init__(self, status: Status, detail: str, http_status: int | None = None, body: Cached | None = None):
        super().__init__(detail)
        self.status, self.detail, self.http_status, self.body = status, detail, http_status, body


class Clients:
    """A public-only client, and one that follows the address policy; both share one cookie jar.

    Every source starts on the public-only client. A source whose own address is private moves to
    the policy's client; a source that started public stays public-only for every redirect, so no
    switch lets a public feed send the collector to a private address."""

    def __init__(self, options: FetchOptions):
        policy = AddressPolicy.of(options.allow_private, options.allowed_hosts)
        timeout = httpx.Timeout(connect=options.connect_timeout, read=options.read_timeout,
                                write=options.read_timeout, pool=None)
        headers = {"User-Agent": options.user_agent, "Accept": ACCEPT, "Accept-Encoding": "gzip"}
        jar = BoundedJar()

        def client(chosen: AddressPolicy) -> httpx.AsyncClient:
            return httpx.AsyncClient(transport=GuardedTransport(chosen, options.concurrency), timeout=timeout,
                                     headers=headers, cookies=jar, follow_redirects=False, trust_env=False)

        self.public = client(AddressPolicy())
        self.policy = self.public if policy.public_only else client(policy)

    async def aclose(self) -> None:
        await self.public.aclose()
        if self.policy is not self.public:
            await self.policy.aclose()


def fetch_all(sources: Sequence[FeedSource], cache: Mapping[str, Cached], options: FetchOptions,
              on_done: Callable[[Fetched], None], then: Callable[[Fetched], T]) -> list[tuple[Fetched, T]]:
    """Fetch ``sources`` (at most ``options.concurrency`` at once) and apply ``then`` to each result
    in a worker thread as soon as it arrives, so parsing overlaps the other fetches. Same order."""
    return asyncio.run(_fetch_all(sources, cache, options, on_done, then))


async def _fetch_all(sources: Sequence[FeedSource], cache: Mapping[str, Cached], options: FetchOptions,
                     on_done: Callable[[Fetched], None], then: Callable[[Fetched], T]) -> list[tuple[Fetched, T]]:
    limit = asyncio.Semaphore(options.concurrency)
    clients = Clients(options)
    try:

        async def one(source: FeedSource) -> tuple[Fetched, T]:
            async with limit:
                result = await fetch_one(clients, source, cache.get(source.url), options)
            log.debug("%s: %s %s", source.name, result.status, result.detail)
            digested = await asyncio.to_thread(then, result)
            on_done(result)
            return result, digested

        return list(await asyncio.gather(*(one(s) for s in sources)))
    finally:
        await clients.aclose()


async def fetch_one(clients: Clients, source: FeedSource, cached: Cached | None, options: FetchOptions) -> Fetched:
    """Fetch one source; never raises for network or server trouble."""
    got = await fetch_url(clients, source.url, cached, options, PAGE_ACCEPT if source.kind == "html" else ACCEPT)
    return Fetched(source, got.status, got.detail, got.body, got.from_network, got.http_status)


async def fetch_url(clients: Clients, url: str, cached: Cached | None, options: FetchOptions,
                    accept: str = ACCEPT, limit: int | None = None) -> Got:
    """Fetch one URL (feed, article page, picture or robots.txt) within ``options``' limits, at
    most ``limit`` bytes (default ``options.max_bytes``); never raises for network or server trouble."""
    try:
        async with asyncio.timeout(options.total_timeout):
            return await _follow(clients, url, cached, options, {"Accept": accept}, limit or options.max_bytes)
    except _Stop as stop:
        return Got(stop.status, stop.detail, stop.body, http_status=stop.http_status)
    except (TimeoutError, httpx.TimeoutException, httpcore.TimeoutException):
        return Got(Status.TIMEOUT, "hết thời gian chờ")
    except RefusedAddress as exc:
        return Got(Status.REFUSED, f"bị chặn: {exc}")
    except (httpx.HTTPError, httpcore.NetworkError, httpcore.ProtocolError, OSError) as exc:
        return Got(Status.NETWORK, f"lỗi kết nối ({type(exc).__name__})")


async def _follow(clients: Clients, url: str, cached: Cached | None, options: FetchOptions,
                  accept: dict[str, str], limit: int) -> Got:
    client = clients.public
    for hop in range(options.max_redirects + 1):
        _check_scheme(url)
        request = client.build_request("GET", url, headers=_conditional(cached) | accept)
        try:
            response = await client.send(request, stream=True)
        except RefusedAddress as exc:
            if not exc.private or client is clients.policy:
                raise
            if hop:
                raise RefusedAddress(f"nguồn ở địa chỉ công khai chuyển hướng tới địa chỉ nội bộ ({exc})") from None
            client = clients.policy
            response = await client.send(client.build_request("GET", url, headers=_conditional(cached) | accept),
                                         stream=True)
        try:
            location = response.headers.get("location")
            if response.status_code in REDIRECT_CODES and location:
                url = urljoin(url, location.strip())
                continue
            return await _answer(url, response, cached, limit)
        finally:
            await response.aclose()
    raise _Stop(Status.REDIRECTS, f"quá {options.max_redirects} lần chuyển hướng")


def _check_scheme(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise _Stop(Status.REFUSED, f"bị chặn: chỉ đọc địa chỉ http(s), không đọc {url[:80]}")


def _conditional(cached: Cached | None) -> dict[str, str]:
    headers = {}
    if cached and cached.etag:
        headers["If-None-Match"] = cached.etag
    if cached and cached.last_modified:
        headers["If-Modified-Since"] = cached.last_modified
    return headers


async def _answer(url: str, response: httpx.Response, cached: Cached | None, limit: int) -> Got:
    status = response.status_code
    if status == 304 and cached is not None:
        return Got(Status.NOT_MODIFIED, "", cached, http_status=status)
    if status != 200:
        raise _Stop(Status.HTTP_ERROR, f"HTTP {status}", status, await _error_body(response, url))
    body = Cached(
        etag=response.headers.get("etag", ""),
        last_modified=response.headers.get("last-modified", ""),
        body=await _read_capped(response, limit),
        url=url,
        content_type=response.headers.get("content-type", ""),
    )
    return Got(Status.OK, "", body, from_network=True, http_status=status)


async def _error_body(response: httpx.Response, url: str) -> Cached | None:
    """The start of an error answer (a script challenge often comes as 403 or 503), or None."""
    try:
        body = await _read_capped(response, ERROR_BODY)
    except _Stop:
        return None
    return Cached("", "", body, url, response.headers.get("content-type", ""))


async def _read_capped(response: httpx.Response, limit: int) -> bytes:
    """The body, decompressed here (never more than ``limit`` + 1 bytes, even from a tiny gzip bomb)."""
    too_large = _Stop(Status.TOO_LARGE, f"quá lớn (hơn {limit / (1024 * 1024):g} MiB)")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if encoding not in ("", "identity", "gzip", "x-gzip"):
        raise _Stop(Status.NETWORK, f"kiểu nén {encoding} không được hỗ trợ")
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if encoding in ("gzip", "x-gzip") else None
    body = bytearray()
    try:
        async for chunk in response.aiter_raw():
            body += inflate.decompress(chunk, limit + 1 - len(body)) if inflate else chunk
            if len(body) > limit:
                raise too_large
    except zlib.error:
        raise _Stop(Status.NETWORK, "nội dung nén bị hỏng") from None
    return bytes(body)
