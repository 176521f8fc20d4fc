"""``bulletin site``, ``bulletin publish`` and ``bulletin rollback``."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..config import PublishTarget, load_settings
from ..errors import BulletinError


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cau-hinh", dest="config", type=Path, default=Path("sources.yaml"), metavar="TỆP",
                        help="tệp cấu hình (mặc định: sources.yaml)")
    if name in ("site", "publish"):
        parser.add_argument("--thu-muc", dest="out", type=Path, default=Path("build"), metavar="THƯ_MỤC",
                            help="thư mục tạo bản (mặc định: build; trang lưu trữ nằm trong THƯ_MỤC/site)")
    if name == "site":
        parser.add_argument("--lam-lai", dest="force", action="store_true",
                            help="tạo lại mọi số cả khi không có gì thay đổi")
        return
    parser.add_argument("--dich", dest="target", metavar="NƠI_ĐẾN",
                        help="thư mục của máy chủ web, hoặc user@máy-chủ:/đường/dẫn khi dùng rsync "
                             "(mặc định: publish.target trong sources.yaml)")
    parser.add_argument("--cach", dest="method", choices=("local", "rsync"),
                        help="cách xuất bản (mặc định: publish.method trong sources.yaml)")
    parser.add_argument("--ssh", dest="ssh", default="ssh", metavar="LỆNH",
                        help='lệnh SSH cho rsync, ví dụ "ssh -p 2222" (mặc định: ssh)')
    if name == "publish":
        parser.add_argument("--xem-truoc", dest="dry_run", action="store_true",
                            help="chỉ liệt kê các tệp sẽ thêm, sửa, xóa; không đổi gì trên máy chủ")


def run_site(args: argparse.Namespace) -> int:
    from ..deps import require_weasyprint
    from ..site.build import build_site

    require_weasyprint()
    settings = load_settings(args.config)
    report = build_site(settings, args.out, force=args.force)
    if report.failures:
        raise BulletinError(f"{len(report.failures)} số chưa tạo được (xem các cảnh báo ở trên); "
                            f"trang lưu trữ {report.site} vẫn được tạo với {len(report.issues)} số đã đúng")
    return 0


def _target(args: argparse.Namespace, configured: PublishTarget, root: Path) -> PublishTarget:
    method = args.method or configured.method
    target = args.target if args.target is not None else configured.target
    if target and method == "local" and not args.target:
        target = str(root / target)  # a relative path in sources.yaml is relative to the project
    return PublishTarget(method=method, target=target)


def run_publish(args: argparse.Namespace) -> int:
    from ..site.publish import publish

    settings = load_settings(args.config)
    target = _target(args, settings.publish, settings.root)
    publish(args.out / "site", target, dry_run=args.dry_run, ssh=args.ssh, project=settings.root)
    return 0


def run_rollback(args: argparse.Namespace) -> int:
    from ..site.publish import rollback

    settings = load_settings(args.config)
    rollback(_target(args, settings.publish, settings.root), ssh=args.ssh)
    return 0
