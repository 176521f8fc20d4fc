"""What the editor sees of a run: a rich progress bar while fetching, then one row per source.

Used by the CLI only (the library itself logs and never prints).
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from .dates import shown
from .model import GOOD, Article, CollectResult, Fetched, SourceReport, Status
from .probe import Probe
from .run import FAILING_WEEKS

LABELS = {
    Status.OK: "ok", Status.NOT_MODIFIED: "304 (không đổi)", Status.TIMEOUT: "hết thời gian chờ (timeout)",
    Status.HTTP_ERROR: "lỗi HTTP", Status.NOT_FEED: "không phải feed", Status.PARSE_ERROR: "lỗi phân tích",
    Status.CHALLENGE: "trang thử thách JavaScript", Status.TOO_LARGE: "quá lớn", Status.REFUSED: "bị chặn",
    Status.REDIRECTS: "quá nhiều chuyển hướng", Status.NETWORK: "lỗi kết nối",
}
"""Status -> what the table says when the fetch gave no more precise reason."""


def console(stderr: bool = False) -> Console:
    """A console; wide when not a terminal, so names and reasons are never cut in logs."""
    stream = sys.stderr if stderr else sys.stdout
    return Console(file=stream, width=None if stream.isatty() else 200)


@contextmanager
def progress(out: Console, total: int, what: str = "Đang đọc các nguồn tin"
             ) -> Iterator[tuple[Callable[[Fetched], None], Callable[[Article], None]]]:
    """A progress bar over ``total`` sources, then one over the article pages read; yields the
    callbacks to call as each source, and each page, is done."""
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=out, transient=True) as bar:
        task = bar.add_task(what, total=total)
        pages = bar.add_task("Đang đọc bài viết gốc", total=None, visible=False)

        def done(fetched: Fetched) -> None:
            bar.update(task, advance=1, description=f"Đã đọc: {fetched.source.name}")

        def page(article: Article) -> None:
            bar.update(pages, advance=1, visible=True, description=f"Đã đọc bài: {article.title[:60] or article.url[:60]}")

        yield done, page


def status_text(row: SourceReport) -> str:
    """``ok``, ``304 (không đổi)``, ``HTTP 410``, ``hết thời gian chờ (timeout)``, ``bị chặn: …``."""
    label = LABELS.get(row.status, str(row.status))
    if not row.detail or row.status == Status.TIMEOUT:
        return label
    return f"{label}; {row.detail}" if row.status in GOOD else row.detail


def table(result: CollectResult) -> Table:
    """One row per source: status, items seen, undated, in the week, relevant, new, duplicates, already
    known, and left out over the per-source cap."""
    grid = Table(title=f"Thu thập tin cho {result.path}", title_justify="left")
    grid.add_column("Nguồn", overflow="fold")
    grid.add_column("Trạng thái", overflow="fold")
    for name in ("Tin", "Không rõ ngày", "Trong tuần", "Liên quan", "Mới", "Trùng", "Đã có",
                 f"Quá {result.cap} tin/lần"):
        grid.add_column(name, justify="right")
    for row in result.sources:
        name, style = row.name, None
        if row.failing_weeks >= FAILING_WEEKS:
            name, style = f"{row.name} (lỗi {row.failing_weeks} tuần liền)", "bold red"
        elif row.status not in GOOD:
            style = "yellow"
        t = row.tally
        counts = (t.seen, t.undated, t.in_week, t.relevant, t.new, t.duplicates, t.known, t.capped)
        grid.add_row(name, status_text(row), *(str(n) for n in counts), style=style)
    return grid


def unread_table(result: CollectResult) -> Table | None:
    """The new candidates whose article page could not be read (they keep the feed's text), or None."""
    if not result.unread:
        return None
    grid = Table(title="Tin chưa đọc được bài gốc (giữ nội dung của feed)", title_justify="left")
    grid.add_column("Tin", overflow="fold")
    grid.add_column("Lý do", overflow="fold")
    grid.add_column("Địa chỉ", overflow="fold")
    for title, link, reason in result.unread:
        grid.add_row(title, reason, link, style="yellow")
    return grid


def summary(result: CollectResult) -> str:
    """The closing sentence."""
    failed = sum(1 for s in result.sources if s.status not in GOOD)
    made = "đã tạo" if result.created else "đã cập nhật" if result.added or result.filled else "không đổi"
    tail = f"; {failed} nguồn lỗi (xem bảng)" if failed else ""
    filled = f", điền {result.filled} tin viết tay" if result.filled else ""
    return f"{result.path} {made}: thêm {result.added} tin ứng viên{filled}{tail}."


def probe_table(probes: Sequence[Probe]) -> Table:
    """``bulletin sources``: one row per source, as it answers now."""
    grid = Table(title="Kiểm tra các nguồn tin", title_justify="left")
    grid.add_column("Nguồn", overflow="fold")
    grid.add_column("HTTP", justify="right")
    grid.add_column("Feed?", overflow="fold")
    grid.add_column("Số tin", justify="right")
    grid.add_column("Tin mới nhất", no_wrap=True)
    grid.add_column("Khớp từ khóa", justify="right")
    grid.add_column("Ghi chú", overflow="fold")
    for p in probes:
        name = p.source.name if p.source.enabled else f"{p.source.name} (đang tắt)"
        feed = ("trang tin" if p.source.kind == "html" else "có") if p.is_feed else LABELS.get(p.status, str(p.status))
        notes = [n for n in (_probe_note(p), f"ngày không đọc được: {p.bad_dates} tin" if p.bad_dates else "") if n]
        grid.add_row(name, str(p.http_status or "-"), feed, str(p.items) if p.is_feed else "-", shown(p.newest) or "-",
                     str(p.matches) if p.is_feed else "-", "; ".join(notes) or p.source.url,
                     style=None if p.is_feed else "yellow")
    return grid


def _probe_note(p: Probe) -> str:
    if p.suggestion:  # the page's own reason repeats the suggestion, printed whole under the table
        return "trang HTML có liên kết tới feed (xem gợi ý dưới bảng)"
    return p.detail


def suggestions(probes: Sequence[Probe]) -> list[str]:
    """One line per source whose URL gives an HTML page that declares a feed (URLs whole, to copy)."""
    return [f'Gợi ý cho "{p.source.name}": đổi url thành {p.suggestion}' for p in probes if p.suggestion]
