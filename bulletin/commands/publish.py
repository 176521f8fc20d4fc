"""``bulletin publish``: put ``build/site/`` on the web server. Also the target options ``rollback`` shares."""
from __future__ import annotations

import argparse
import logging
from pathlib import Path

from ..config import PublishTarget, load_settings
from ..errors import BulletinError
from . import add_config_argument, add_output_argument, option, output_folder

log = logging.getLogger(__name__)

HINTS = {
    "NoTargetError": "điền publish.target trong sources.yaml hoặc chạy make publish TARGET=/đường/dẫn",
    "SiteNotBuiltError": "hãy chạy make site trước",
    "NothingToRollBackError": "chỉ khôi phục được sau khi make publish đã đưa lên ít nhất hai bản khác nhau",
}
"""Publish error class name -> what the editor can do, phrased for the Makefile they use."""


def configure(parser: argparse.ArgumentParser) -> None:
    add_config_argument(parser)
    add_output_argument(parser, "thư mục tạo bản, trang lưu trữ nằm trong THƯ_MỤC/site")
    add_target_arguments(parser)
    option(parser, "--dry-run", hidden=("--xem-truoc",), action="store_true",
           help="chỉ liệt kê các tệp sẽ thêm, sửa, xóa; không đổi gì trên máy chủ")


def add_target_arguments(parser: argparse.ArgumentParser) -> None:
    """``--target``, ``--method`` and ``--ssh``: where the site goes (publish and rollback)."""
    option(parser, "--target", hidden=("--dich",), metavar="NƠI_ĐẾN",
           help="thư mục của máy chủ web, hoặc user@máy-chủ:/đường/dẫn khi dùng rsync "
                "(mặc định: publish.target trong sources.yaml)")
    option(parser, "--method", hidden=("--cach",), choices=("local", "rsync"),
           help="cách xuất bản (mặc định: publish.method trong sources.yaml)")
    parser.add_argument("--ssh", default="ssh", metavar="LỆNH",
                        help='lệnh SSH cho rsync, ví dụ "ssh -p 2222" (mặc định: ssh)')


def target(args: argparse.Namespace, configured: PublishTarget, root: Path) -> PublishTarget:
    """The target the options name, else the configured one (a relative local path is the project's)."""
    method = args.method or configured.method
    where = args.target if args.target is not None else configured.target
    if where and method == "local" and not args.target:
        where = str(root / where)
    return PublishTarget(method=method, target=where)


def hinted(exc: BulletinError) -> BulletinError:
    """The library's error with the Makefile hint that fixes it, when there is one."""
    hint = HINTS.get(type(exc).__name__)
    return BulletinError(f"{exc}; {hint}") if hint else exc


def run(args: argparse.Namespace) -> int:
    from ..site.archive import list_drafts
    from ..site.publish import PublishError, publish

    settings = load_settings(args.config)
    for draft in list_drafts(settings):
        log.info("Không đưa lên: số %s (%s) là bản nháp: %s", draft.label, draft.path, "; ".join(draft.reasons))
    try:
        result = publish(output_folder(args, settings.root) / "site", target(args, settings.publish, settings.root),
                         dry_run=args.dry_run, ssh=args.ssh, project=settings.root)
    except PublishError as exc:
        raise hinted(exc) from None
    if result.release and result.kept:
        log.info("Muốn quay lại bản trước: make rollback")
    return 0
