"""``bulletin trend N``: draft Phần 1 from the week's items and print the subjects' figures."""
from __future__ import annotations

import argparse
import logging

from rich.console import Console
from rich.table import Table

from ..config import load_settings
from ..project import shown
from . import add_issue_arguments, option

log = logging.getLogger(__name__)

ROWS = 15
"""Subjects shown in the terminal table (those that moved most)."""


def configure(parser: argparse.ArgumentParser) -> None:
    add_issue_arguments(parser, 17, "năm của số bản tin; mặc định: năm mới nhất trong issues/ có số N")
    option(parser, "--dry-run", action="store_true",
           help="chỉ in bản nháp và số liệu ra màn hình, không ghi vào tệp số bản tin")


def run(args: argparse.Namespace) -> int:
    from ..trend.place import Action
    from ..trend.run import TrendRequest, make_trend

    result = make_trend(TrendRequest(load_settings(args.config), args.number, args.year, write=not args.dry_run))
    out = Console(highlight=False)
    for part in result.parts:
        out.print(f"[bold]{part.heading}[/bold] ({part.count} tin): " +
                  "; ".join(f"{t.lead} ({len(t.lines)} tin)" for t in part.themes), soft_wrap=True)
    out.print(figures_table(result))
    where, line = shown(result.path), result.placement.line
    messages = {
        Action.INSERTED: f"Đã thêm bản nháp “Tổng kết xu hướng” vào {where}:{line} (tin ứng viên, chưa gắn tag). "
                         f"Hãy biên tập, xóa dòng đánh dấu bản nháp rồi gắn “- tag: {result.trend_tag}”.",
        Action.REPLACED: f"Đã thay bản nháp chưa biên tập ở {where}:{line} bằng bản mới.",
        Action.UNCHANGED: f"Bản nháp ở {where}:{line} đã đúng với tin hiện có; không cần ghi lại.",
        Action.KEPT_EDITED: f"Bản nháp ở {where}:{line} đã được biên tập nên được giữ nguyên; không ghi gì. "
                            "Muốn có bản nháp mới, hãy xóa bản cũ rồi chạy lại lệnh.",
        Action.KEPT_TREND: f"{where}:{line} đã có phần tổng kết xu hướng (tag {result.trend_tag}) nên được giữ nguyên; "
                           "không ghi bản nháp.",
        Action.PREVIEW: "Chạy thử (--dry-run): chưa ghi gì vào tệp. Bản nháp sẽ là:",
    }
    log.info("%s", messages[result.placement.action])
    if args.dry_run:
        if result.placement.action is not Action.PREVIEW:
            log.info("%s", messages[Action.PREVIEW])
        out.print(result.text, markup=False, soft_wrap=True)
    return 0


def figures_table(result) -> Table:
    """The subjects that moved most against the previous issues, as a terminal table."""
    n = len(result.compared)
    table = Table(title=f"Chủ đề trong số {result.label} so với trung bình {n} số trước"
                  + (f" ({', '.join(result.compared)})" if n else " (chưa có số nào trước)"))
    for column, justify in (("Chủ đề", "left"), ("Số tin", "right"), (f"TB {n} số trước", "right"), ("Chênh lệch", "right")):
        table.add_column(column, justify=justify)
    moved = sorted(result.changes, key=lambda c: (-abs(c.delta), c.subject))[:ROWS]
    for change in moved:
        if change.count or change.average:
            table.add_row(change.subject, str(change.count), _number(change.average) if n else "–",
                          f"{change.delta:+.1f}".replace(".", ",") if n else "–")
    return table


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")
