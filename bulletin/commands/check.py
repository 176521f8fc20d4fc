"""``bulletin check N``: read and check one issue, write nothing."""
from __future__ import annotations

import argparse
import logging

from ..config import load_settings
from ..drafts import draft_notice
from ..glyphs import warn_uncovered
from ..project import Project
from ..reader import read_issue
from . import add_issue_arguments

log = logging.getLogger(__name__)


def configure(parser: argparse.ArgumentParser) -> None:
    add_issue_arguments(parser, 16, "năm của số bản tin; mặc định: năm mới nhất trong issues/ có số N")


def run(args: argparse.Namespace) -> int:
    settings = load_settings(args.config)
    project = Project(settings.root)
    path = project.find_issue(args.number, args.year)
    issue = read_issue(path, settings.publication, project)
    warn_uncovered(settings, issue)
    if issue.draft:
        log.warning("%s", draft_notice(issue))
    log.info("%s hợp lệ: số %s, %d tin sẽ in, %d tin ứng viên chưa chọn.",
             project.shown(path), issue.label, len(issue.items), issue.candidates)
    return 0
