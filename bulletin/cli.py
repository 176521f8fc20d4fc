"""Command line: ``bulletin <lệnh> …``. The only place an error becomes an exit code.

Every command lives in ``bulletin/commands/<name>.py`` and exposes ``configure(parser)`` and
``run(args) -> int``. Messages and help are Vietnamese; they are what editors read.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import sys

from .errors import BulletinError, InputError

COMMANDS = {
    "check": ("build", "kiểm tra một số bản tin mà không tạo tệp nào"),
    "issue": ("build", "tạo ba bản PDF, Word (DOCX) và HTML của một số bản tin"),
    "site": ("site", "tạo trang lưu trữ các số bản tin trong build/site/"),
    "publish": ("site", "đưa trang lưu trữ lên máy chủ web"),
    "rollback": ("site", "khôi phục bản trang web đã xuất bản trước đó"),
    "collect": ("collect", "thu thập tin mới từ các nguồn RSS/Atom vào tệp của số bản tin"),
}
"""Command name -> (module under bulletin.commands, Vietnamese help)."""

EXIT_INPUT = 1
"""Bad input or a refused operation: the message says what to fix."""
EXIT_USAGE = 2
"""The command line itself is wrong (argparse's convention)."""
EXIT_INTERRUPTED = 130
"""Ctrl+C."""


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix or "cách dùng: ")


class _Parser(argparse.ArgumentParser):
    """argparse with Vietnamese usage errors."""

    MESSAGES = {"the following arguments are required": "còn thiếu", "invalid choice": "lệnh không có",
                "unrecognized arguments": "không hiểu tùy chọn", "expected one argument": "cần một giá trị",
                "choose from": "chọn một trong", "argument ": "", "invalid ": "không hợp lệ: "}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", help="xem hướng dẫn này")

    def error(self, message: str):
        for english, vietnamese in self.MESSAGES.items():
            message = message.replace(english, vietnamese)
        self.exit(EXIT_USAGE, f"Lỗi: {message}\nXem hướng dẫn: {self.prog} --help\n")


def _parser(chosen: str | None = None) -> argparse.ArgumentParser:
    """The CLI parser. Only the ``chosen`` command's module is imported (start-up stays fast)."""
    parser = _Parser(
        prog="bulletin",
        description="Soạn và xuất bản Điểm tin khoa học công nghệ.",
        epilog="Ví dụ: bulletin issue 16 --nam 2026",
    )
    parser._positionals.title = "các lệnh"
    parser._optionals.title = "tùy chọn"
    parser.add_argument("-v", "--chi-tiet", dest="verbose", action="store_true", help="in thêm thông tin chi tiết")
    sub = parser.add_subparsers(dest="command", metavar="<lệnh>", required=True, parser_class=_Parser)
    for name, (module, help_text) in COMMANDS.items():
        cmd_parser = sub.add_parser(name, prog=f"bulletin {name}", help=help_text, description=help_text[0].upper() + help_text[1:] + ".")
        cmd_parser._optionals.title = "tùy chọn"
        cmd_parser._positionals.title = "tham số"
        cmd_parser.add_argument("-v", "--chi-tiet", dest="verbose", action="store_true", help="in thêm thông tin chi tiết")
        if name == chosen:
            command = importlib.import_module(f"bulletin.commands.{module}")
            command.configure(name, cmd_parser)
            cmd_parser.set_defaults(run=getattr(command, f"run_{name}"))
    return parser


class _VietnameseFormatter(logging.Formatter):
    """``Cảnh báo: …`` for warnings, the bare message for progress lines."""

    PREFIX = {logging.WARNING: "Cảnh báo: ", logging.ERROR: "Lỗi: ", logging.DEBUG: "  · "}

    def format(self, record: logging.LogRecord) -> str:
        return self.PREFIX.get(record.levelno, "") + record.getMessage()


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the time (tests swap it between calls)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def _setup_logging(verbose: bool) -> None:
    handler = _StderrHandler()
    handler.setFormatter(_VietnameseFormatter())
    root = logging.getLogger("bulletin")
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.INFO)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return the exit code (tests call this in-process)."""
    try:
        argv = sys.argv[1:] if argv is None else list(argv)
        args = _parser(next((a for a in argv if a in COMMANDS), None)).parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
        return int(exc.code or 0)
    _setup_logging(args.verbose)
    try:
        return args.run(args)
    except BulletinError as exc:
        print(_describe(exc), file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu (Ctrl+C). Các tệp đã xuất bản trước đó vẫn giữ nguyên.", file=sys.stderr)
        return EXIT_INTERRUPTED


def _describe(exc: BulletinError) -> str:
    if isinstance(exc, InputError) and len(exc.problems) > 1:
        lines = [f"Lỗi: có {len(exc.problems)} chỗ cần sửa:"] + [f"  {p}" for p in exc.problems]
        return "\n".join(lines)
    return f"Lỗi: {exc}"
