"""``bulletin site``: the archive of every issue in ``build/site/``."""
from __future__ import annotations

import argparse

from ..config import load_settings
from ..errors import BulletinError
from . import add_config_argument, add_force_argument, add_output_argument, output_folder


def configure(parser: argparse.ArgumentParser) -> None:
    add_config_argument(parser)
    add_output_argument(parser, "thư mục tạo bản, trang lưu trữ nằm trong THƯ_MỤC/site")
    add_force_argument(parser, "tạo lại mọi số cả khi không có gì thay đổi")


def run(args: argparse.Namespace) -> int:
    from ..deps import require_weasyprint
    from ..site.archive import build_site

    require_weasyprint()
    settings = load_settings(args.config)
    report = build_site(settings, output_folder(args, settings.root), force=args.force)
    if report.failures:
        raise BulletinError(f"{len(report.failures)} số chưa tạo được (xem các cảnh báo ở trên); "
                            f"trang lưu trữ {report.site} vẫn được tạo với {len(report.issues)} số đã đúng")
    return 0
