"""What a publish would change: the archive's files against the live site's (listed by rsync)."""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

LIST_LIMIT = 200
"""A dry run lists at most this many files per kind of change, then counts the rest."""


@dataclass(frozen=True, slots=True)
class Changes:
    """How the archive differs from the live site (paths relative to the site root)."""

    added: tuple[str, ...]
    """Files only in the archive."""
    changed: tuple[str, ...]
    """Files in both with different content."""
    removed: tuple[str, ...]
    """Files only on the live site."""

    @property
    def empty(self) -> bool:
        """True when nothing would change."""
        return not (self.added or self.changed or self.removed)


def site_files(folder: Path) -> dict[str, Path]:
    """Every file to deploy: relative POSIX path -> path. Dot files and dot folders are skipped."""
    found: dict[str, Path] = {}
    for base, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                path = Path(base) / name
                found[path.relative_to(folder).as_posix()] = path
    return found


def log_changes(changes: Changes, where: str) -> None:
    """List the changes (a dry run's output)."""
    if changes.empty:
        log.info("Không có gì thay đổi so với %s.", where)
        return
    log.info("So với %s: thêm %d tệp, sửa %d tệp, xóa %d tệp.", where,
             len(changes.added), len(changes.changed), len(changes.removed))
    for sign, paths in (("+", changes.added), ("~", changes.changed), ("-", changes.removed)):
        for path in paths[:LIST_LIMIT]:
            log.info("  %s %s", sign, path)
        if len(paths) > LIST_LIMIT:
            log.info("  %s … và %d tệp nữa", sign, len(paths) - LIST_LIMIT)
