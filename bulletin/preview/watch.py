"""Re-render when a file the issue page is made from changes on disk: the issue file, its pictures,
the settings file (and the logo), or a template. watchfiles does the watching (inotify on Linux)."""
from __future__ import annotations

import logging
from pathlib import Path

import anyio
from watchfiles import Change, DefaultFilter, awatch

from ..render.html import TEMPLATES
from .session import Session

log = logging.getLogger(__name__)

STEP_MS = 30
"""A burst of changes (an editor's save: write, rename, chmod) ends after this much quiet."""
DEBOUNCE_MS = 400
"""Changes are grouped over at most this long before the page is rendered."""


def roots(session: Session) -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    """The folders to watch with their sub-folders (the issue's year folder, where its pictures live,
    and the templates), and those to watch alone (the settings file's and the logo's folders)."""
    deep = (session.path.parent, TEMPLATES)
    flat = {file.parent for file in _alone(session)}
    return deep, tuple(f for f in sorted(flat) if not any(f.is_relative_to(d) for d in deep))


class Relevant(DefaultFilter):
    """Changes that can alter the page: not another issue's Markdown file, not an editor's swap file; in
    the folders watched alone, only the files named in ``only`` (the settings file and the logo)."""

    def __init__(self, issue: Path, only: frozenset[Path] | None = None):
        super().__init__()
        self.issue = issue
        self.only = only

    def __call__(self, change: Change, path: str) -> bool:
        if not super().__call__(change, path):
            return False
        changed = Path(path)
        if self.only is not None:
            return changed in self.only
        return changed == self.issue or changed.suffix.lower() != ".md"


async def watch(session: Session, stop: anyio.Event) -> None:
    """Refresh ``session`` after every burst of relevant changes, until ``stop`` is set."""
    deep, flat = roots(session)
    async with anyio.create_task_group() as group:
        group.start_soon(_loop, session, deep, True, Relevant(session.path), stop)
        if flat:
            group.start_soon(_loop, session, flat, False, Relevant(session.path, _alone(session)), stop)


def _alone(session: Session) -> frozenset[Path]:
    """The settings file and the logo: the only files that matter in the folders watched alone."""
    logo = session.snapshot.good.settings.publication.logo if session.snapshot.good else None
    return frozenset({session.config.resolve()} | ({logo.resolve()} if logo else set()))


async def _loop(session: Session, folders: tuple[Path, ...], recursive: bool, relevant: Relevant, stop: anyio.Event) -> None:
    async for changes in awatch(*folders, watch_filter=relevant, debounce=DEBOUNCE_MS, step=STEP_MS,
                                stop_event=stop, recursive=recursive):
        log.debug("tệp thay đổi: %s", ", ".join(sorted(path for _, path in changes)))
        await session.refresh()
