"""What ``bulletin collect`` and ``bulletin sources`` share: the feed list, the fetch options, and
the ``--allow-private`` switch (``make … ALLOW_PRIVATE=…``)."""
from __future__ import annotations

import argparse
import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..collect.model import FetchOptions, SourceReport, Status, user_agent
from ..collect.probe import Probe
from ..config import FeedSource, Settings, load_settings, load_sources
from . import option

ON = frozenset({"1", "yes", "true"})
"""The only values that turn a switch on."""
OFF = frozenset({"", "0", "no", "false"})
"""Values that leave it off."""
_HOST = re.compile(r"^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?:\.(?!-)[a-z0-9-]{1,63})*\.?$", re.I)


@dataclass(frozen=True, slots=True)
class AllowPrivate:
    """What ``--allow-private`` allows."""

    everything: bool = False
    """Every private and loopback address."""
    hosts: tuple[str, ...] = ()
    """Only these host names, addresses or networks."""


def allow_private(text: str) -> AllowPrivate:
    """argparse type: ``1``/``yes``/``true`` (every private address), ``0``/``no``/``false``/'' (none),
    or a comma-separated list of host names, addresses and networks (``127.0.0.1,10.1.2.0/24``)."""
    value = text.strip().lower()
    if value in ON:
        return AllowPrivate(everything=True)
    if value in OFF:
        return AllowPrivate()
    items = [item.strip() for item in value.split(",") if item.strip()]
    bad = [item for item in items if not _host_or_network(item)]
    if bad or not items:
        raise argparse.ArgumentTypeError(
            f'"{text}" không hợp lệ: dùng 1, yes hoặc true để cho phép mọi địa chỉ nội bộ, 0 để chặn, hoặc liệt kê '
            "máy/mạng được phép, cách nhau bằng dấu phẩy (ví dụ 127.0.0.1,10.1.2.0/24,intranet.haiphong.gov.vn)")
    return AllowPrivate(hosts=tuple(items))


def _host_or_network(item: str) -> bool:
    try:
        ipaddress.ip_network(item.strip("[]"), strict=False)
        return True
    except ValueError:
        return ("." in item or item == "localhost") and not item.replace(".", "").isdigit() and bool(_HOST.match(item))


def add_fetch_arguments(parser: argparse.ArgumentParser) -> None:
    """``--sources``, ``--allow-private`` and ``--timeout``, with their old spellings hidden."""
    option(parser, "--sources", hidden=("--nguon",), type=Path, default=Path("sources.yaml"), metavar="TỆP",
           help="tệp chứa danh sách nguồn tin (mục sources, keywords); mặc định: sources.yaml")
    option(parser, "--allow-private", hidden=("--allow-private-hosts", "--cho-phep-dia-chi-noi-bo"), nargs="?",
           type=allow_private, const=AllowPrivate(True), default=AllowPrivate(), metavar="1|MÁY,MẠNG",
           help="cho phép đọc nguồn ở địa chỉ nội bộ: 1/yes/true cho mọi địa chỉ nội bộ, hoặc danh sách "
                "máy/mạng (127.0.0.1,10.1.2.0/24); địa chỉ liên kết cục bộ (169.254.x.x) luôn bị chặn")
    option(parser, "--timeout", hidden=("--thoi-gian-cho",), type=seconds, metavar="GIÂY",
           help="số giây chờ mỗi nguồn kết nối hoặc trả lời (mặc định: collector.timeout trong cấu hình)")


def seconds(text: str) -> float:
    """argparse type for a positive number of seconds."""
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f'"{text}" không phải số giây hợp lệ (ví dụ 20 hoặc 0.5)')
    return value


def load_feeds(args: argparse.Namespace) -> tuple[Settings, tuple[str, ...], tuple[FeedSource, ...]]:
    """The settings, the keywords and the feeds (``--sources`` may name another file than ``--config``)."""
    settings = load_settings(args.config)
    same = args.sources.resolve() == args.config.resolve()
    feeds = None if same else load_sources(args.sources)
    keywords = feeds.keywords if feeds and feeds.has_keywords else settings.keywords
    return settings, keywords, feeds.sources if feeds else settings.sources


def fetch_options(settings: Settings, args: argparse.Namespace) -> FetchOptions:
    """HTTP limits from the settings and the command line."""
    timeout = args.timeout or settings.collector.timeout
    allowed: AllowPrivate = args.allow_private
    return FetchOptions(connect_timeout=timeout, read_timeout=timeout, total_timeout=timeout * 6,
                        concurrency=settings.collector.concurrency, user_agent=user_agent(settings.publication),
                        allow_private=allowed.everything, allowed_hosts=allowed.hosts)


def refused_hint(rows: Iterable[SourceReport | Probe]) -> str:
    """How to allow an intranet source, when some source was refused for its own private address."""
    if not any(r.status == Status.REFUSED and "địa chỉ nội bộ" in r.detail and "chuyển hướng" not in r.detail
               for r in rows):
        return ""
    return ("Gợi ý: nguồn ở địa chỉ nội bộ chỉ được đọc khi cho phép rõ ràng: make … ALLOW_PRIVATE=<máy hoặc mạng> "
            "(ví dụ ALLOW_PRIVATE=10.1.2.3), hoặc ALLOW_PRIVATE=1 cho mọi địa chỉ nội bộ.")
