"""``bulletin rollback``: put the previously published site back."""
from __future__ import annotations

import argparse

from ..config import load_settings
from . import add_config_argument
from .publish import add_target_arguments, target


def configure(parser: argparse.ArgumentParser) -> None:
    add_config_argument(parser)
    add_target_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from ..site.publish import rollback

    settings = load_settings(args.config)
    rollback(target(args, settings.publish, settings.root), ssh=args.ssh)
    return 0
