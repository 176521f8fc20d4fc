"""One module per CLI command group: ``configure(name, parser)`` and ``run_<name>(args) -> int``."""
from __future__ import annotations

import argparse
from pathlib import Path


def positive_int(text: str) -> int:
    """argparse type for issue numbers and years, with a Vietnamese message."""
    if not text.isdigit() or int(text) == 0:
        raise argparse.ArgumentTypeError(f'"{text}" không phải số nguyên dương')
    return int(text)


def add_issue_arguments(parser: argparse.ArgumentParser, example: int, year_help: str) -> None:
    """``N``, ``--nam`` and ``--cau-hinh``: what every command about one issue takes."""
    parser.add_argument("number", type=positive_int, metavar="N", help=f"số bản tin, ví dụ {example}")
    parser.add_argument("--nam", dest="year", type=positive_int, metavar="NĂM", help=year_help)
    parser.add_argument("--cau-hinh", dest="config", type=Path, default=Path("sources.yaml"), metavar="TỆP",
                        help="tệp cấu hình bản tin (mặc định: sources.yaml)")
