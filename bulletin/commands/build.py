"""``bulletin check N`` and ``bulletin issue N``."""
from __future__ import annotations

import argparse
import logging
from pathlib import Path

from ..build import build_issue
from ..config import load_settings
from ..glyphs import warn_uncovered
from ..reader import display_path, find_issue, read_issue

log = logging.getLogger("bulletin")


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("number", type=_number, metavar="N", help="số bản tin, ví dụ 16")
    parser.add_argument("--nam", dest="year", type=_number, metavar="NĂM",
                        help="năm của số bản tin; mặc định: năm mới nhất trong issues/ có số N")
    parser.add_argument("--cau-hinh", dest="config", type=Path, default=Path("sources.yaml"), metavar="TỆP",
                        help="tệp cấu hình (mặc định: sources.yaml)")
    if name == "issue":
        parser.add_argument("--thu-muc", dest="out", type=Path, default=Path("build"), metavar="THƯ_MỤC",
                            help="nơi ghi các bản (mặc định: build)")
        parser.add_argument("--lam-lai", dest="force", action="store_true",
                            help="tạo lại cả khi không có gì thay đổi")


def _number(text: str) -> int:
    if not text.isdigit() or int(text) == 0:
        raise argparse.ArgumentTypeError(f'"{text}" không phải số nguyên dương')
    return int(text)


def run_check(args: argparse.Namespace) -> int:
    settings = load_settings(args.config)
    path = find_issue(settings.root, args.number, args.year)
    issue = read_issue(path, settings.publication)
    warn_uncovered(settings, issue)
    log.info("%s hợp lệ: số %s, %d tin sẽ in, %d tin ứng viên chưa chọn.",
             display_path(path), issue.label, len(issue.items), issue.candidates)
    return 0


def run_issue(args: argparse.Namespace) -> int:
    settings = load_settings(args.config)
    path = find_issue(settings.root, args.number, args.year)
    editions = build_issue(settings, path, args.out, force=args.force)
    for edition in (editions.html, editions.pdf, editions.docx):
        log.info("  %s", edition)
    return 0
