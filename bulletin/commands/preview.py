"""``bulletin preview N``: the issue as its HTML edition in the browser, re-rendered on every save."""
from __future__ import annotations

import argparse
import webbrowser
from pathlib import Path

from ..errors import ConfigError, Problem
from ..project import Project
from . import add_issue_arguments, add_output_argument, option, output_folder

PORT_BASE = 8000
"""The default port is this plus the issue number (issue 17: 8017)."""


def configure(parser: argparse.ArgumentParser) -> None:
    add_issue_arguments(parser, 17, "năm của số bản tin; mặc định: năm mới nhất trong issues/ có số N")
    add_output_argument(parser, "nơi ghi các bản khi bấm nút PDF")
    option(parser, "--port", type=_port, metavar="CỔNG", help=f"cổng trên 127.0.0.1 (mặc định: {PORT_BASE} + N)")
    option(parser, "--open", action="store_true", help="mở trình duyệt khi máy chủ đã chạy")


def run(args: argparse.Namespace) -> int:
    from ..preview.server import Server, bind, url_of
    from ..preview.session import Session

    config = Path(args.config)
    if not config.is_file():
        raise ConfigError([Problem(config, 0, "không tìm thấy tệp cấu hình")])
    project = Project(config.resolve().parent)
    path = project.find_issue(args.number, args.year)
    session = Session(config, path, output_folder(args, project.root))
    sock = bind(args.port or PORT_BASE + args.number)
    url = url_of(sock)
    print(f"Đang xem trước {project.shown(path)} tại {url}\n"
          "Trang tự cập nhật mỗi khi lưu tệp. Nhấn Ctrl+C để dừng.", flush=True)
    if args.open and not webbrowser.open(url):
        print("Không tự mở được trình duyệt trên máy này: hãy mở địa chỉ trên.", flush=True)
    try:
        Server(session).run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    print("Đã dừng máy chủ xem trước.")
    return 0


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f'"{text}" không phải số cổng (1 đến 65535)')
    return int(text)
