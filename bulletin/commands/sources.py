"""``bulletin sources``: check every configured source now and print one row per source."""
from __future__ import annotations

import argparse

from . import add_config_argument
from .fetching import add_fetch_arguments, fetch_options, load_feeds, refused_hint


def configure(parser: argparse.ArgumentParser) -> None:
    add_config_argument(parser)
    add_fetch_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from ..collect import report
    from ..collect.probe import probe

    settings, keywords, sources = load_feeds(args)
    with report.progress(report.console(stderr=True), len(sources), "Đang kiểm tra các nguồn tin") as (on_done, _page):
        probes = probe(sources, keywords, fetch_options(settings, args), on_done)
    out = report.console()
    out.print(report.probe_table(probes))
    for line in report.suggestions(probes):
        out.print(line, soft_wrap=True)
    working = sum(1 for p in probes if p.is_feed)
    out.print(f"{working}/{len(probes)} nguồn trả về feed hoặc trang danh sách tin đọc được. Nguồn đang tắt (enabled: false) cũng được kiểm tra.")
    hint = refused_hint(probes)
    if hint:
        out.print(hint)
    return 0
