"""``bulletin collect N``: read the feeds into ``issues/<năm>/<NN>.md`` as untagged candidates."""
from __future__ import annotations

import argparse
from pathlib import Path

from . import add_issue_arguments, option
from .fetching import add_fetch_arguments, fetch_options, load_feeds, refused_hint


def configure(parser: argparse.ArgumentParser) -> None:
    add_issue_arguments(parser, 17, "năm của số bản tin; mặc định: năm có số N, hoặc năm của số liền trước")
    add_fetch_arguments(parser)
    option(parser, "--no-articles", action="store_true",
           help="chỉ đọc feed: không mở bài viết gốc của tin mới để lấy nội dung, ảnh và bản tóm tắt")
    option(parser, "--state", hidden=("--trang-thai",), type=Path, metavar="THƯ_MỤC",
           help="thư mục lưu trạng thái của bộ thu thập (mặc định: .state trong thư mục dự án)")


def run(args: argparse.Namespace) -> int:
    from ..collect import report
    from ..collect.run import CollectRequest, collect

    settings, keywords, sources = load_feeds(args)
    request = CollectRequest(settings=settings, keywords=keywords, sources=sources, number=args.number,
                             year=args.year, fetch=fetch_options(settings, args), state_dir=args.state,
                             articles=not args.no_articles)
    total = sum(1 for s in request.sources if s.enabled)
    with report.progress(report.console(stderr=True), total) as (on_fetched, on_article):
        result = collect(request, on_fetched, on_article)
    out = report.console()
    out.print(report.table(result))
    unread = report.unread_table(result)
    if unread is not None:
        out.print(unread)
    hint = refused_hint(result.sources)
    if not result.succeeded:
        err = report.console(stderr=True)
        err.print("Lỗi: không đọc được nguồn nào (xem lý do trong bảng); tệp số bản tin giữ nguyên.")
        if hint:
            err.print(hint)
        return 1
    out.print(report.summary(result))
    if hint:
        out.print(hint)
    return 0
