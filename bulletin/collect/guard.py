"""An httpx transport that checks every address it connects to.

The check sits in the network backend, at connect time: every connection of every redirect hop
resolves the host name once, refuses loopback, private, link-local and other non-public addresses
(unless allowed), and connects to exactly the address it checked, so a DNS answer cannot change
between the check and the connection. TLS still verifies the certificate against the host name.
"""
from __future__ import annotations

import asyncio
import ipaddress
import socket
import typing

import httpcore
import httpx


class RefusedAddress(Exception):
    """A connection to a non-public address was refused; the message names the host, in Vietnamese."""


def is_public(ip: str) -> bool:
    """True for a globally reachable unicast address."""
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(addr, ipaddress.IPv6Address):
        embedded = addr.ipv4_mapped or addr.sixtofour or (addr.teredo[1] if addr.teredo else None)
        if embedded is not None and not is_public(str(embedded)):
            return False
    return addr.is_global and not addr.is_multicast


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolves, checks, then connects to the checked address."""

    def __init__(self, allow_private: bool, allowed: frozenset[str]):
        self._inner = httpcore.AnyIOBackend()
        self._allow_private = allow_private
        self._allowed = allowed

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None,
                          socket_options: typing.Iterable[typing.Any] | None = None) -> httpcore.AsyncNetworkStream:
        addresses = await self._resolve(host, port, timeout)
        error: Exception | None = None
        for ip in addresses:
            try:
                return await self._inner.connect_tcp(ip, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                error = exc
        raise error or httpcore.ConnectError(f"không kết nối được tới {host}")

    async def _resolve(self, host: str, port: int, timeout: float | None) -> list[str]:
        try:
            async with asyncio.timeout(timeout):
                infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"hết thời gian tra địa chỉ {host}") from None
        except OSError:
            raise httpcore.ConnectError(f"không tìm thấy máy chủ {host}") from None
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        for ip in addresses:
            if not (self._allow_private or ip in self._allowed or is_public(ip)):
                raise RefusedAddress(f"{host} trỏ tới địa chỉ nội bộ {ip}; chỉ được đọc khi bật ALLOW_PRIVATE=1")
        return addresses

    async def connect_unix_socket(self, path: str, timeout: float | None = None,
                                  socket_options: typing.Iterable[typing.Any] | None = None) -> httpcore.AsyncNetworkStream:
        raise RefusedAddress("không được đọc qua socket cục bộ")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class _Body(httpx.AsyncByteStream):
    """httpcore's response stream as httpx wants it."""

    def __init__(self, stream: typing.AsyncIterable[bytes]):
        self._stream = stream

    async def __aiter__(self) -> typing.AsyncIterator[bytes]:
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        close = getattr(self._stream, "aclose", None)
        if close is not None:
            await close()


class GuardedTransport(httpx.AsyncBaseTransport):
    """httpx transport over a connection pool that uses :class:`GuardedBackend`; no proxies."""

    def __init__(self, allow_private: bool, allowed: frozenset[str], max_connections: int):
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            network_backend=GuardedBackend(allow_private, allowed),
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.AsyncByteStream)
        core = httpcore.Request(
            method=request.method,
            url=httpcore.URL(scheme=request.url.raw_scheme, host=request.url.raw_host,
                             port=request.url.port, target=request.url.raw_path),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        response = await self._pool.handle_async_request(core)
        assert isinstance(response.stream, typing.AsyncIterable)
        return httpx.Response(status_code=response.status, headers=response.headers,
                              stream=_Body(response.stream), extensions=response.extensions)

    async def aclose(self) -> None:
        await self._pool.aclose()
