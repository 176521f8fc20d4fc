"""``bulletin issue N``: the PDF, DOCX and HTML editions of one issue."""
from __future__ import annotations

import argparse
import logging

from ..build import build_issue
from ..config import load_settings
from ..reader import find_issue
from . import add_force_argument, add_issue_arguments, add_output_argument

log = logging.getLogger(__name__)


def configure(parser: argparse.ArgumentParser) -> None:
    add_issue_arguments(parser, 16, "năm của số bản tin; mặc định: năm mới nhất trong issues/ có số N")
    add_output_argument(parser, "nơi ghi các bản (mặc định: build)")
    add_force_argument(parser, "tạo lại cả khi không có gì thay đổi")


def run(args: argparse.Namespace) -> int:
    settings = load_settings(args.config)
    path = find_issue(settings.root, args.number, args.year)
    editions = build_issue(settings, path, args.output, force=args.force)
    for edition in (editions.html, editions.pdf, editions.docx):
        log.info("  %s", edition)
    return 0
