"""robots.txt, read once per site and run through the same guarded client as everything else.

RFC 9309: a robots.txt that does not exist (any 4xx) allows everything; one that cannot be read
(5xx, timeout, refused) forbids everything until a later run can read it.
"""
from __future__ import annotations

import asyncio
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from .fetch import Clients, fetch_url
from .model import FetchOptions, Status

AGENT = "bulletin-collector"
"""The product token matched against ``User-agent:`` lines (it is in our User-Agent header)."""
MAX_ROBOTS = 500 * 1024
"""Bytes of robots.txt read (RFC 9309 asks crawlers to read at least 500 KiB)."""


class Robots:
    """The robots.txt rules of every site met during one run."""

    def __init__(self, clients: Clients, options: FetchOptions):
        self._clients, self._options = clients, options
        self._sites: dict[str, asyncio.Task[tuple[RobotFileParser, str]]] = {}

    async def refusal(self, url: str) -> str:
        """Why ``url`` may not be read (robots.txt forbids it, or could not be read), in Vietnamese,
        or '' when it may be read."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._sites:
            self._sites[origin] = asyncio.create_task(self._load(origin))
        parser, unreadable = await self._sites[origin]
        if parser.can_fetch(AGENT, url):
            return ""
        return unreadable or "robots.txt của trang không cho phép đọc"

    async def _load(self, origin: str) -> tuple[RobotFileParser, str]:
        got = await fetch_url(self._clients, f"{origin}/robots.txt", None, self._options, "text/plain, */*;q=0.5",
                              MAX_ROBOTS)
        parser = RobotFileParser(f"{origin}/robots.txt")
        if got.status == Status.OK and got.body is not None:
            parser.parse(got.body.body.decode("utf-8", "replace").splitlines())
            return parser, ""
        if got.http_status is not None and 400 <= got.http_status < 500:
            parser.allow_all = True
            return parser, ""
        parser.disallow_all = True
        if got.status == Status.REFUSED:  # the site's own address is refused: say so, not "robots.txt"
            return parser, got.detail
        return parser, f"không đọc được robots.txt của trang ({got.detail or got.status})"
