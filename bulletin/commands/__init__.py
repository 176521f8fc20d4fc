"""The commands of ``bulletin``: one module per command, listed in :data:`COMMANDS`.

To add a command ``foo``: write ``bulletin/commands/foo.py`` with ``configure(parser)`` (its arguments)
and ``run(args) -> int`` (the work), then add one entry to :data:`COMMANDS`. Only the chosen command's
module is imported, so ``bulletin check`` stays fast however many commands there are.

Flags are English (``--year``); help and messages are Vietnamese. :func:`option` keeps an old
Vietnamese spelling working as a hidden alias.
"""
from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Command:
    """One entry of ``bulletin --help``."""

    help: str
    """What the command does, in Vietnamese, starting lower-case (``bulletin --help`` lists it)."""
    timed: bool = False
    """Long work: on success the CLI ends with "Xong sau 4,6 giây"."""


COMMANDS: dict[str, Command] = {
    "check": Command("kiểm tra một số bản tin mà không tạo tệp nào"),
    "issue": Command("tạo ba bản PDF, Word (DOCX) và HTML của một số bản tin", timed=True),
    "site": Command("tạo trang lưu trữ các số bản tin trong build/site/", timed=True),
    "publish": Command("đưa trang lưu trữ lên máy chủ web", timed=True),
    "rollback": Command("khôi phục bản trang web đã xuất bản trước đó"),
    "collect": Command("thu thập tin mới từ các nguồn RSS/Atom vào tệp của số bản tin", timed=True),
    "add": Command("thêm tin từ địa chỉ bài viết dán vào: đọc trang và soạn sẵn tin ứng viên", timed=True),
    "init": Command("tạo cấu hình và số đầu tiên cho bản tin của một đơn vị mới (hỏi vài câu)"),
    "trend": Command("soạn bản nháp Phần 1 từ các tin của tuần và in số liệu chủ đề"),
    "sources": Command("kiểm tra ngay từng nguồn tin khi một nguồn im lặng", timed=True),
    "email": Command("tạo bản thư điện tử (.eml và HTML) của một số bản tin"),
    "preview": Command("xem trước một số bản tin trong trình duyệt, tự cập nhật mỗi khi lưu tệp"),
    "send": Command("gửi bản thư điện tử của một số bản tin tới những người đăng ký", timed=True),
}
"""Command name -> its entry; the code is in ``bulletin/commands/<name>.py``."""


def option(parser: argparse.ArgumentParser, *flags: str, hidden: tuple[str, ...] = (), **kwargs) -> None:
    """Add an option with its English ``flags``, and ``hidden`` old spellings that work but ``--help`` omits."""
    long = next(flag for flag in flags if flag.startswith("--"))
    kwargs.setdefault("dest", long[2:].replace("-", "_"))
    parser.add_argument(*flags, **kwargs)
    if hidden:
        parser.add_argument(*hidden, **{**kwargs, "help": argparse.SUPPRESS, "default": argparse.SUPPRESS})


def positive_int(text: str) -> int:
    """argparse type for issue numbers and years, with a Vietnamese message."""
    if not text.isdigit() or int(text) == 0:
        raise argparse.ArgumentTypeError(f'"{text}" không phải số nguyên dương')
    return int(text)


def add_config_argument(parser: argparse.ArgumentParser) -> None:
    """``--config``: the publication's settings file."""
    option(parser, "--config", hidden=("--cau-hinh",), type=Path, default=Path("sources.yaml"), metavar="TỆP",
           help="tệp cấu hình bản tin (mặc định: sources.yaml)")


def add_issue_arguments(parser: argparse.ArgumentParser, example: int, year_help: str) -> None:
    """``N``, ``--year`` and ``--config``: what every command about one issue takes."""
    parser.add_argument("number", type=positive_int, metavar="N", help=f"số bản tin, ví dụ {example}")
    option(parser, "--year", hidden=("--nam",), type=positive_int, metavar="NĂM", help=year_help)
    add_config_argument(parser)


BUILD = "build"
"""The build folder's name, in the project's folder (the one holding the configuration)."""


def add_output_argument(parser: argparse.ArgumentParser, help_text: str) -> None:
    """``--output``: the build folder; :func:`output_folder` gives the default."""
    option(parser, "--output", hidden=("--thu-muc",), type=Path, metavar="THƯ_MỤC",
           help=f"{help_text} (mặc định: thư mục {BUILD} cạnh tệp cấu hình)")


def output_folder(args: argparse.Namespace, root: Path) -> Path:
    """The ``--output`` given, else ``build/`` in the project folder ``root`` (``Settings.root``), wherever
    the command is run from: two configurations never share one build folder by accident."""
    return args.output if args.output is not None else root / BUILD


def add_force_argument(parser: argparse.ArgumentParser, help_text: str) -> None:
    """``--force``: rebuild even when nothing changed."""
    option(parser, "--force", hidden=("--lam-lai",), action="store_true", help=help_text)
