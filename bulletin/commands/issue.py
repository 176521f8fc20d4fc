"""``bulletin issue N``: the PDF, DOCX and HTML editions of one issue."""
from __future__ import annotations

import argparse
import logging

from ..printer import printer
from . import add_force_argument, add_issue_arguments, add_output_argument, output_folder

log = logging.getLogger(__name__)


def configure(parser: argparse.ArgumentParser) -> None:
    add_issue_arguments(parser, 16, "năm của số bản tin; mặc định: năm mới nhất trong issues/ có số N")
    add_output_argument(parser, "nơi ghi các bản")
    add_force_argument(parser, "tạo lại cả khi không có gì thay đổi")


def run(args: argparse.Namespace) -> int:
    with printer() as pdf:  # a second process starts loading WeasyPrint while the issue is read here
        if not args.force and _looks_built(args):
            pdf.release()
        from ..build import build_issue
        from ..config import load_settings
        from ..project import Project
        from ..reader import read_issue

        settings = load_settings(args.config)
        project = Project(settings.root)
        issue = read_issue(project.find_issue(args.number, args.year), settings.publication, project)
        editions = build_issue(settings, issue, output_folder(args, settings.root), force=args.force, printer=pdf)
    for edition in (editions.html, editions.pdf, editions.docx):
        log.info("  %s", edition)
    return 0


def _looks_built(args: argparse.Namespace) -> bool:
    """Whether the issue's editions look current from their record alone (no issue read yet)."""
    from ..errors import BulletinError
    from ..project import Project
    from ..record import edition_folder, looks_current

    config = args.config.resolve()
    try:
        year = int(Project(config.parent).find_issue(args.number, args.year).parent.name)
        return looks_current(edition_folder(output_folder(args, config.parent), year, args.number), config)
    except (BulletinError, OSError, ValueError):
        return False  # the build itself reads everything and says what is wrong
