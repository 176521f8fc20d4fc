"""``bulletin email N``: the email edition of one issue as a ``.eml`` message and its HTML body."""
from __future__ import annotations

import argparse
import logging

from ..config import Settings, load_settings
from ..model import Issue
from ..project import Project, shown
from ..reader import read_issue
from . import add_issue_arguments, add_output_argument, output_folder

log = logging.getLogger(__name__)


def configure(parser: argparse.ArgumentParser) -> None:
    add_issue_arguments(parser, 17, "năm của số bản tin; mặc định: năm mới nhất trong issues/ có số N")
    add_output_argument(parser, "thư mục các bản")


def settings_and_issue(args: argparse.Namespace) -> tuple[Settings, Issue]:
    """The settings and the issue the arguments name (``send`` shares this)."""
    settings = load_settings(args.config)
    project = Project(settings.root)
    return settings, read_issue(project.find_issue(args.number, args.year), settings.publication, project)


def run(args: argparse.Namespace) -> int:
    from ..mail.run import write_email

    settings, issue = settings_and_issue(args)
    files = write_email(settings, issue, output_folder(args, settings.root))
    log.info("Đã tạo bản thư của số %s (phần HTML %d KB):", issue.label, round(files.html_bytes / 1024))
    log.info("  %s", shown(files.eml))
    log.info("  %s", shown(files.html))
    return 0
