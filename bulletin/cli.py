"""Command line: ``bulletin <lệnh> …``. The only place an error becomes an exit code.

The commands are listed in :data:`bulletin.commands.COMMANDS`; each lives in ``bulletin/commands/<name>.py``
with ``configure(parser)`` and ``run(args) -> int``. Help and messages are Vietnamese: editors read them.
argparse's own words come from the gettext catalog ``bulletin/locale/vi/LC_MESSAGES/argparse.po``.
"""
from __future__ import annotations

import argparse
import gettext
import importlib
import logging
import os
import sys
import time
from pathlib import Path
from typing import NoReturn

from .commands import COMMANDS, option
from .errors import BulletinError, InputError, IssueNotFound

EXIT_INPUT = 1
"""Bad input or a refused operation: the message says what to fix."""
EXIT_USAGE = 2
"""The command line itself is wrong (argparse's convention)."""
EXIT_INTERRUPTED = 130
"""Ctrl+C."""


def _translate_argparse() -> None:
    """Make argparse speak Vietnamese: it looks its words up through its module-level ``_`` and ``ngettext``."""
    catalog = gettext.translation("argparse", Path(__file__).parent / "locale", languages=["vi"])
    argparse._ = catalog.gettext
    argparse.ngettext = catalog.ngettext


class _Parser(argparse.ArgumentParser):
    """argparse that ends a usage error with where to find help."""

    def error(self, message: str):
        self.exit(EXIT_USAGE, f"Lỗi: {message}\nXem hướng dẫn: {self.prog} --help\n")


def _verbose(parser: argparse.ArgumentParser, default) -> None:
    option(parser, "-v", "--verbose", hidden=("--chi-tiet",), action="store_true", default=default,
           help="in thêm thông tin chi tiết")


def _parser(chosen: str | None = None) -> argparse.ArgumentParser:
    """The CLI parser. Only the ``chosen`` command's module is imported (start-up stays fast)."""
    _translate_argparse()
    parser = _Parser(prog="bulletin", description="Soạn và xuất bản Điểm tin khoa học công nghệ.",
                     epilog="Ví dụ: bulletin issue 16 --year 2026")
    _verbose(parser, default=False)
    sub = parser.add_subparsers(title="các lệnh", dest="command", metavar="<lệnh>", required=True)
    for name, command in COMMANDS.items():
        described = command.help[0].upper() + command.help[1:] + "."
        cmd = sub.add_parser(name, prog=f"bulletin {name}", help=command.help, description=described)
        _verbose(cmd, default=argparse.SUPPRESS)  # no default: ``bulletin -v site`` stays verbose
        if name == chosen:
            importlib.import_module(f"bulletin.commands.{name}").configure(cmd)
    return parser


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The command line as a namespace; raises ``SystemExit`` for ``--help`` and usage errors."""
    return _parser(next((a for a in argv if a in COMMANDS), None)).parse_args(argv)


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
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        args = parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
        return int(exc.code or 0)
    _setup_logging(args.verbose)
    started = time.perf_counter()
    try:
        code = importlib.import_module(f"bulletin.commands.{args.command}").run(args)
    except BulletinError as exc:
        print(_describe(exc), file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu (Ctrl+C). Các tệp đã có từ trước vẫn giữ nguyên.", file=sys.stderr)
        return EXIT_INTERRUPTED
    if code == 0 and COMMANDS[args.command].timed:
        print(f"Xong sau {elapsed(time.perf_counter() - started)}.", file=sys.stderr)
    return code


def entry() -> NoReturn:
    """The ``bulletin`` command and ``python -m bulletin``: :func:`main`, then exit with its code.

    After Ctrl+C the process ends at once, with 130. CPython 3.11 marks an interruption raised
    inside ``exec`` of a string (``dataclasses`` does that while a module loads) as never handled,
    even when :func:`main` handled it, and would then end the process by SIGINT instead."""
    code = main()
    if code == EXIT_INTERRUPTED:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


def elapsed(seconds: float) -> str:
    """A duration as Vietnamese readers write it: ``4,6 giây``, ``2 phút 05 giây``."""
    if seconds < 59.95:
        return f"{seconds:.1f}".replace(".", ",") + " giây"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} phút {rest:02d} giây"


def _describe(exc: BulletinError) -> str:
    if isinstance(exc, IssueNotFound):
        year = f" YEAR={exc.year}" if exc.year else ""
        return (f"Lỗi: {exc}. Để bắt đầu số này: make collect N={exc.number}{year} tạo tệp mới (tuần ngay sau số "
                "trước) và thu thập tin mới vào đó; hoặc chép một số cũ thành tệp mới rồi sửa phần đầu.")
    if isinstance(exc, InputError) and len(exc.problems) > 1:
        lines = [f"Lỗi: có {len(exc.problems)} chỗ cần sửa:"] + [f"  {p}" for p in exc.problems]
        return "\n".join(lines)
    return f"Lỗi: {exc}"
