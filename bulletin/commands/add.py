"""``bulletin add N URL…``: read each pasted page and append it to the issue as a drafted candidate."""
from __future__ import annotations

import argparse
from pathlib import Path

from . import add_issue_arguments, option

_AGAIN = "nếu vẫn muốn thêm, chạy lại lệnh với FORCE=1 (make add) hoặc --force (bulletin add)"
from .fetching import add_fetch_arguments, fetch_options, load_feeds


def configure(parser: argparse.ArgumentParser) -> None:
    add_issue_arguments(parser, 17, "năm của số bản tin; mặc định: năm có số N, hoặc năm của số liền trước")
    parser.add_argument("urls", nargs="+", metavar="ĐỊA_CHỈ",
                        help="địa chỉ bài viết (https://…); có thể nêu nhiều địa chỉ, cách nhau bằng dấu cách")
    add_fetch_arguments(parser)
    option(parser, "--force", action="store_true", help="thêm cả tin đã bị loại trước đó (và bỏ việc loại tin đó)")
    option(parser, "--state", type=Path, metavar="THƯ_MỤC",
           help="thư mục lưu trạng thái của bộ thu thập (mặc định: .state trong thư mục dự án)")


def run(args: argparse.Namespace) -> int:
    from ..collect import report
    from ..collect.pasted import AddRequest, add_links

    settings, _keywords, sources = load_feeds(args)
    request = AddRequest(settings=settings, number=args.number, year=args.year, urls=tuple(args.urls), sources=sources,
                         fetch=fetch_options(settings, args), state_dir=args.state, force=args.force)
    result = add_links(request)
    out, err = report.console(), report.console(stderr=True)
    for link in result.links:
        if link.added:
            out.print(f"Đã thêm: {link.title} ({link.url})", soft_wrap=True)
        elif link.where:
            err.print(f"Không thêm {link.url}: địa chỉ này đã có trong số bản tin, ở {link.where}", soft_wrap=True)
        elif link.rejected:
            err.print(f"Không thêm {link.url}: tin này đã bị loại ở {_issue_name(link.rejected.issue)} "
                      f"(“{link.rejected.title}”); {_AGAIN}", soft_wrap=True)
        else:
            err.print(f"Không thêm {link.url}: {link.failure}", soft_wrap=True)
    added = sum(1 for link in result.links if link.added)
    out.print(f"{result.path}: thêm {added}/{len(result.links)} tin ứng viên.")
    return 0 if added == len(result.links) else 1


def _issue_name(key: str) -> str:
    """``2026-17`` -> ``số 17/2026``."""
    year, _, number = key.partition("-")
    return f"số {int(number)}/{year}" if year.isdigit() and number.isdigit() else key
