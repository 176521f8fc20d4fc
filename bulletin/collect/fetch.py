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
from .guard import GuardedTransport, RefusedAddress
from .model import (HTTP_ERROR, NETWORK, NOT_MODIFIED, OK, REDIRECTS, REFUSED, TIMEOUT, TOO_LARGE, Cached,
                    FetchOptions, Fetched)

log = logging.getLogger(__name__)

ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
T = TypeVar("T")


class _Stop(Exception):
    """Ends one fetch with a status and a reason."""

    def __init__(self, status: str, detail: str):
        super().__init__(detail)
        self.status, self.detail = status, detail


def fetch_all(sources: Sequence[FeedSource], cache: Mapping[str, Cached], options: FetchOptions,
              on_done: Callable[[Fetched], None], then: Callable[[Fetched], T]) -> list[tuple[Fetched, T]]:
    """Fetch ``sources`` (at most ``options.concurrency`` at once) and apply ``then`` to each result
    in a worker thread as soon as it arrives, so parsing overlaps the other fetches. Same order."""
    return asyncio.run(_fetch_all(sources, cache, options, on_done, then))


async def _fetch_all(sources: Sequence[FeedSource], cache: Mapping[str, Cached], options: FetchOptions,
                     on_done: Callable[[Fetched], None], then: Callable[[Fetched], T]) -> list[tuple[Fetched, T]]:
    limit = asyncio.Semaphore(options.concurrency)
    timeout = httpx.Timeout(connect=options.connect_timeout, read=options.read_timeout,
                            write=options.read_timeout, pool=None)
    transport = GuardedTransport(options.allow_private, options.allowed_addresses, options.concurrency)
    headers = {"User-Agent": options.user_agent, "Accept": ACCEPT, "Accept-Encoding": "gzip"}
    async with httpx.AsyncClient(transport=transport, timeout=timeout, headers=headers,
                                 follow_redirects=False, trust_env=False) as client:

        async def one(source: FeedSource) -> tuple[Fetched, T]:
            async with limit:
                result = await fetch_one(client, source, cache.get(source.url), options)
            log.debug("%s: %s %s", source.name, result.status, result.detail)
            digested = await asyncio.to_thread(then, result)
            on_done(result)
            return result, digested

        return list(await asyncio.gather(*(one(s) for s in sources)))


async def fetch_one(client: httpx.AsyncClient, source: FeedSource, cached: Cached | None,
                    options: FetchOptions) -> Fetched:
    """Fetch one source; never raises for network or server trouble."""
    try:
        async with asyncio.timeout(options.total_timeout):
            return await _follow(client, source, cached, options)
    except _Stop as stop:
        return Fetched(source, stop.status, stop.detail)
    except (TimeoutError, httpx.TimeoutException, httpcore.TimeoutException):
        return Fetched(source, TIMEOUT, "hết thời gian chờ")
    except RefusedAddress as exc:
        return Fetched(source, REFUSED, f"bị chặn: {exc}")
    except (httpx.HTTPError, httpcore.NetworkError, httpcore.ProtocolError, OSError) as exc:
        return Fetched(source, NETWORK, f"lỗi kết nối ({type(exc).__name__})")


async def _follow(client: httpx.AsyncClient, source: FeedSource, cached: Cached | None,
                  options: FetchOptions) -> Fetched:
    url = source.url
    for _hop in range(options.max_redirects + 1):
        _check_scheme(url)
        request = client.build_request("GET", url, headers=_conditional(cached))
        response = await client.send(request, stream=True)
        try:
            location = response.headers.get("location")
            if response.status_code in REDIRECT_CODES and location:
                url = urljoin(url, location.strip())
                continue
            return await _answer(source, url, response, cached, options)
        finally:
            await response.aclose()
    raise _Stop(REDIRECTS, f"quá {options.max_redirects} lần chuyển hướng")


def _check_scheme(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise _Stop(REFUSED, f"bị chặn: chỉ đọc địa chỉ http(s), không đọc {url[:80]}")


def _conditional(cached: Cached | None) -> dict[str, str]:
    headers = {}
    if cached and cached.etag:
        headers["If-None-Match"] = cached.etag
    if cached and cached.last_modified:
        headers["If-Modified-Since"] = cached.last_modified
    return headers


async def _answer(source: FeedSource, url: str, response: httpx.Response, cached: Cached | None,
                  options: FetchOptions) -> Fetched:
    status = response.status_code
    if status == 304 and cached is not None:
        return Fetched(source, NOT_MODIFIED, "", cached, fresh=False)
    if status != 200:
        raise _Stop(HTTP_ERROR, f"HTTP {status}")
    body = await _read_capped(response, options.max_bytes)
    fresh = Cached(
        etag=response.headers.get("etag", ""),
        last_modified=response.headers.get("last-modified", ""),
        body=body,
        url=url,
        content_type=response.headers.get("content-type", ""),
    )
    return Fetched(source, OK, "", fresh, fresh=True)


async def _read_capped(response: httpx.Response, limit: int) -> bytes:
    """The body, decompressed here (never more than ``limit`` + 1 bytes, even from a tiny gzip bomb)."""
    too_large = _Stop(TOO_LARGE, f"quá lớn (hơn {limit / (1024 * 1024):g} MiB)")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if encoding not in ("", "identity", "gzip", "x-gzip"):
        raise _Stop(NETWORK, f"kiểu nén {encoding} không được hỗ trợ")
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if encoding in ("gzip", "x-gzip") else None
    body = bytearray()
    try:
        async for chunk in response.aiter_raw():
            body += inflate.decompress(chunk, limit + 1 - len(body)) if inflate else chunk
            if len(body) > limit:
                raise too_large
    except zlib.error:
        raise _Stop(NETWORK, "nội dung nén bị hỏng") from None
    return bytes(body)
