"""``bulletin send N``: the email edition to every subscriber (or a dry run, or one test message)."""
from __future__ import annotations

import argparse
import logging
from pathlib import Path

from ..errors import BulletinError
from ..project import shown
from . import add_issue_arguments, add_output_argument, option, output_folder
from .email import settings_and_issue

log = logging.getLogger(__name__)


def configure(parser: argparse.ArgumentParser) -> None:
    add_issue_arguments(parser, 17, "năm của số bản tin; mặc định: năm mới nhất trong issues/ có số N")
    add_output_argument(parser, "thư mục các bản")
    option(parser, "--subscribers", type=Path, metavar="TỆP",
           help="danh sách người nhận dạng CSV (mặc định: mail.subscribers trong sources.yaml, tức subscribers.csv)")
    option(parser, "--dry-run", action="store_true",
           help="không gửi: ghi thư của từng người nhận vào build/thu-xem-truoc/ để xem trước")
    option(parser, "--to", metavar="ĐỊA_CHỈ", help="chỉ gửi một thư thử tới địa chỉ này (không tính là đã gửi số bản tin)")
    option(parser, "--retry-unknown", action="store_true",
           help="gửi lại cho những người mà lần trước bị dừng đúng lúc đang gửi thư của họ")


def run(args: argparse.Namespace) -> int:
    from ..mail.run import dry_run, send_issue, send_test, subscriber_list

    settings, issue = settings_and_issue(args)
    if args.to:
        try:
            return _report(send_test(settings, issue, output_folder(args, settings.root), args.to))
        except ValueError as exc:
            raise BulletinError(str(exc)) from None
    out = output_folder(args, settings.root)
    subscribers = subscriber_list(settings, args.subscribers)
    if not subscribers.subscribers:
        raise BulletinError("danh sách người nhận không có địa chỉ hợp lệ nào")
    if args.dry_run:
        folder = dry_run(settings, issue, out, subscribers)
        log.info("Chạy thử: đã ghi %d thư vào %s (không gửi thư nào).", len(subscribers.subscribers), shown(folder))
        return 0
    return _report(send_issue(settings, issue, out, subscribers, retry_unknown=args.retry_unknown))


def _report(outcome) -> int:
    """The end-of-run summary on stdout; non-zero when someone has not got the message."""
    earlier = f"; {outcome.earlier} người đã nhận từ lần gửi trước nên không gửi lại." if outcome.earlier else "."
    print(f"Đã gửi {len(outcome.sent)} thư{earlier}")
    for title, rows in (("Máy chủ từ chối (không gửi lại; hãy sửa hoặc xóa địa chỉ trong danh sách)", outcome.rejected),
                        ("Tạm thời chưa gửi được (chạy lại lệnh để gửi tiếp)", outcome.failed)):
        if rows:
            print(f"{title}: {len(rows)} địa chỉ")
            for address, reason in rows:
                print(f"  {address}: {reason}")
    if outcome.unknown:
        print(f"Không rõ đã nhận hay chưa (lần trước dừng đúng lúc đang gửi): {', '.join(outcome.unknown)}. "
              "Nếu chắc họ chưa nhận, chạy lại với --retry-unknown (make send … RETRY_UNKNOWN=1).")
    return 1 if outcome.rejected or outcome.failed or outcome.unknown else 0
