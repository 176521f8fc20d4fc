"""``bulletin rollback``: put the previously published site back."""
from __future__ import annotations

import argparse
import logging

from ..config import load_settings
from . import add_config_argument
from .publish import add_target_arguments, hinted, target

log = logging.getLogger(__name__)


def configure(parser: argparse.ArgumentParser) -> None:
    add_config_argument(parser)
    add_target_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from ..site.publish import PublishError, rollback

    settings = load_settings(args.config)
    try:
        rollback(target(args, settings.publish, settings.root), ssh=args.ssh, project=settings.root)
    except PublishError as exc:
        raise hinted(exc) from None
    log.info("Muốn đưa lại bản trong build/site: make publish")
    return 0
