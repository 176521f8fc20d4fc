"""``bulletin collect N``: read the feeds into ``issues/<năm>/<NN>.md`` as untagged candidates."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..collect.model import FetchOptions, user_agent
from ..config import Settings, load_settings, load_sources
from . import add_issue_arguments, option


def configure(parser: argparse.ArgumentParser) -> None:
    add_issue_arguments(parser, 17, "năm của số bản tin; mặc định: năm có số N, hoặc năm của số liền trước")
    option(parser, "--sources", hidden=("--nguon",), type=Path, default=Path("sources.yaml"), metavar="TỆP",
           help="tệp chứa danh sách nguồn tin (mục sources, keywords); mặc định: sources.yaml")
    option(parser, "--allow-private-hosts", hidden=("--cho-phep-dia-chi-noi-bo",), dest="allow_private", action="store_true",
           help="cho phép đọc nguồn ở địa chỉ nội bộ/máy này (mạng nội bộ, kiểm thử); mặc định bị chặn")
    option(parser, "--timeout", hidden=("--thoi-gian-cho",), type=_seconds, metavar="GIÂY",
           help="số giây chờ mỗi nguồn kết nối hoặc trả lời (mặc định: collector.timeout trong cấu hình)")
    option(parser, "--state", hidden=("--trang-thai",), type=Path, metavar="THƯ_MỤC",
           help="thư mục lưu trạng thái của bộ thu thập (mặc định: .state trong thư mục dự án)")


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f'"{text}" không phải số giây hợp lệ (ví dụ 20 hoặc 0.5)')
    return value


def run(args: argparse.Namespace) -> int:
    from ..collect import report
    from ..collect.run import CollectRequest, collect

    settings = load_settings(args.config)
    same = args.sources.resolve() == args.config.resolve()
    feeds = None if same else load_sources(args.sources)
    keywords = feeds.keywords if feeds and feeds.has_keywords else settings.keywords
    request = CollectRequest(
        settings=settings, keywords=keywords, sources=feeds.sources if feeds else settings.sources,
        number=args.number, year=args.year, fetch=_options(settings, args), state_dir=args.state,
    )
    total = sum(1 for s in request.sources if s.enabled)
    with report.progress(report.console(stderr=True), total) as on_fetched:
        result = collect(request, on_fetched)
    out = report.console()
    out.print(report.table(result))
    out.print(report.summary(result))
    if not result.succeeded:
        report.console(stderr=True).print("Lỗi: không đọc được nguồn nào (xem lý do trong bảng); tệp số bản tin giữ nguyên.")
        return 1
    return 0


def _options(settings: Settings, args: argparse.Namespace) -> FetchOptions:
    timeout = args.timeout or settings.collector.timeout
    return FetchOptions(connect_timeout=timeout, read_timeout=timeout, total_timeout=timeout * 6,
                        concurrency=settings.collector.concurrency, user_agent=user_agent(settings.publication),
                        allow_private=args.allow_private)
