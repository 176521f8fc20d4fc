"""``bulletin check N`` and ``bulletin issue N``."""
from __future__ import annotations

import argparse
import logging
from pathlib import Path

from ..build import build_issue
from ..config import load_settings
from ..glyphs import warn_uncovered
from ..reader import display_path, find_issue, read_issue
from . import add_issue_arguments

log = logging.getLogger("bulletin")


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    add_issue_arguments(parser, 16, "năm của số bản tin; mặc định: năm mới nhất trong issues/ có số N")
    if name == "issue":
        parser.add_argument("--thu-muc", dest="out", type=Path, default=Path("build"), metavar="THƯ_MỤC",
                            help="nơi ghi các bản (mặc định: build)")
        parser.add_argument("--lam-lai", dest="force", action="store_true",
                            help="tạo lại cả khi không có gì thay đổi")


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
