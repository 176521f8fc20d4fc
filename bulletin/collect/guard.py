"""An httpx transport that checks every address it connects to.

The check sits in the network backend, at connect time: every connection of every redirect hop
resolves the host name once, refuses loopback, private and other non-public addresses (unless the
:class:`AddressPolicy` allows them; link-local, multicast, unspecified and IPv4-mapped addresses
never), and connects to exactly the address it checked, so a DNS answer cannot change between the
check and the connection. TLS still verifies the certificate against the host name.
"""
from __future__ import annotations

import asyncio
import ipaddress
import socket
import typing
from dataclasses import dataclass
from http.cookiejar import Cookie, CookieJar

import httpcore
import httpx


class RefusedAddress(Exception):
    """A connection to a non-public address was refused; the message names the host, in Vietnamese."""

    def __init__(self, message: str, private: bool = False):
        super().__init__(message)
        self.private = private
        """True when the address is private (allowed by a policy); False when never allowed."""


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _embedded(addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if isinstance(addr, ipaddress.IPv6Address):
        return addr.ipv4_mapped or addr.sixtofour or (addr.teredo[1] if addr.teredo else None)
    return None


def is_public(ip: str) -> bool:
    """True for a globally reachable unicast address (never an IPv4-mapped one)."""
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    embedded = _embedded(addr)
    if embedded is not None and (addr.ipv4_mapped is not None or not is_public(str(embedded))):
        return False
    return addr.is_global and not addr.is_multicast


def never_allowed(ip: str) -> str:
    """Why ``ip`` is refused whatever is allowed, or '': link-local (the cloud metadata address
    169.254.169.254), multicast, unspecified and IPv4-mapped addresses."""
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        return "địa chỉ IPv4 viết dưới dạng IPv6"
    embedded = _embedded(addr)
    if embedded is not None and never_allowed(str(embedded)):
        return never_allowed(str(embedded))
    if addr.is_link_local:
        return "địa chỉ liên kết cục bộ (như địa chỉ siêu dữ liệu của máy chủ đám mây)"
    if addr.is_multicast:
        return "địa chỉ đa hướng"
    if addr.is_unspecified:
        return "địa chỉ không xác định"
    return ""


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    """Which addresses a connection may reach."""

    allow_private: bool = False
    """Every private and loopback address is allowed."""
    hosts: frozenset[str] = frozenset()
    """Host names allowed whatever their address (lower case)."""
    networks: tuple[Network, ...] = ()
    """Addresses and networks allowed."""

    @classmethod
    def of(cls, allow_private: bool, allowed: tuple[str, ...]) -> AddressPolicy:
        """The policy for a switch and a list of host names, addresses and networks."""
        hosts, networks = set(), []
        for item in allowed:
            try:
                networks.append(ipaddress.ip_network(item.strip("[]"), strict=False))
            except ValueError:
                hosts.add(item.lower().rstrip("."))
        return cls(allow_private, frozenset(hosts), tuple(networks))

    @property
    def public_only(self) -> bool:
        """True when nothing but public addresses is allowed."""
        return not (self.allow_private or self.hosts or self.networks)

    def check(self, host: str, ip: str) -> None:
        """Raise :class:`RefusedAddress` unless ``host`` at ``ip`` may be reached."""
        where = ip if host.strip("[]") == ip else f"{host} trỏ tới {ip}"
        kind = never_allowed(ip)
        if kind:
            raise RefusedAddress(f"{where}: {kind}, không bao giờ được đọc")
        if is_public(ip) or self.allow_private or host.lower().rstrip(".") in self.hosts:
            return
        addr = ipaddress.ip_address(ip.split("%", 1)[0])
        if any(addr in net for net in self.networks):
            return
        raise RefusedAddress(f"{where}: địa chỉ nội bộ", private=True)


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolves, checks, then connects to the checked address."""

    def __init__(self, policy: AddressPolicy):
        self._inner = httpcore.AnyIOBackend()
        self._policy = policy

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
            self._policy.check(host, ip)
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

    def __init__(self, policy: AddressPolicy, max_connections: int):
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            network_backend=GuardedBackend(policy),
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


class BoundedJar(CookieJar):
    """Cookies kept within one run (some sites loop on redirects until a cookie comes back),
    bounded: at most ``per_host`` cookies per domain, ``total`` in all, 4 KiB each."""

    def __init__(self, per_host: int = 20, total: int = 400):
        super().__init__()
        self._per_host, self._total = per_host, total

    def set_cookie(self, cookie: Cookie) -> None:
        size = len(cookie.name or "") + len(cookie.value or "")
        domain = cookie.domain.lstrip(".").lower()
        here = [c for c in self if c.domain.lstrip(".").lower() == domain]
        replacing = any(c.name == cookie.name and c.path == cookie.path for c in here)
        if size > 4096 or (not replacing and (len(here) >= self._per_host or len(self) >= self._total)):
            return
        super().set_cookie(cookie)
