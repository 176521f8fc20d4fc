"""The files on disk -> what the preview shows: the issue read and checked exactly as ``make check``
reads it, and its HTML edition rendered exactly as ``make issue`` writes it (same page, same URLs
relative to the HTML, same escaping), from pictures prepared into the build's own image cache."""
from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..config import Settings, load_settings
from ..drafts import draft_notice
from ..editions import web_image_url, web_page
from ..errors import IssueFormatError, Problem
from ..glyphs import warn_uncovered
from ..images import PictureError, prepare_all
from ..model import Issue
from ..project import Project
from ..reader import read_issue
from ..render.html import render_html
from .panel import Panel, panel

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Rendered:
    """One successful render of the issue file."""

    settings: Settings
    """The settings it was read with."""
    issue: Issue
    """The issue as read."""
    html: str
    """The HTML edition, byte for byte what ``make issue`` writes (given the same inputs)."""
    pictures: Mapping[str, Path]
    """URL relative to the HTML (``img/<name>.jpg``) -> the prepared picture in the image cache."""
    warnings: tuple[Problem, ...]
    """What ``make check`` warns about in this file, in order."""
    panel: Panel
    """The side panel (its warnings include those above)."""


def image_cache(out_root: Path) -> Path:
    """Where prepared pictures are kept: the build's own cache, shared with ``make issue``."""
    return out_root / ".cache" / "images"


def render(config: Path, path: Path, out_root: Path) -> Rendered:
    """Read the settings and the issue file ``path``, then render the web edition.

    Raises :class:`~bulletin.errors.BulletinError` (an :class:`~bulletin.errors.InputError` with every
    problem when the files have mistakes)."""
    settings = settings_of(config)
    project = Project(settings.root)
    with captured_warnings(project.shown(path)) as warnings:  # what make check says, in the same order
        issue = read_issue(path, settings.publication, project)
        warn_uncovered(settings, issue)
        if issue.draft:
            log.warning("%s", draft_notice(issue))
    try:
        prepared = prepare_all(issue.images, ("web",), image_cache(out_root))["web"]
    except PictureError as exc:
        raise IssueFormatError([Problem(project.shown(path), exc.line, exc.message)]) from None
    html = render_html(issue, web_page(issue, {ref: web_image_url(p) for ref, p in prepared.items()}))
    pictures = {web_image_url(p): p.path for p in prepared.values()}
    return Rendered(settings, issue, html, pictures, tuple(warnings), panel(issue, tuple(warnings), project.shown(path)))


def settings_of(config: Path) -> Settings:
    """The settings in ``config``, read again only when the file changed (reading it is a third of a render)."""
    try:
        stat = Path(config).stat()
    except OSError:
        return load_settings(config)  # says what is wrong
    return _settings(Path(config), stat.st_mtime_ns, stat.st_size, stat.st_ino)


@lru_cache(maxsize=4)
def _settings(config: Path, *_changed: int) -> Settings:
    return load_settings(config)


@contextmanager
def captured_warnings(shown: Path) -> Iterator[list[Problem]]:
    """The warnings the library logs in this thread inside the block, as problems (a warning that is not
    about one line is put on ``shown``, the file). The side panel shows them, so the ``bulletin`` logger's
    own handlers (the terminal) do not repeat them on every save."""
    found: list[Problem] = []
    here = threading.get_ident()

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.thread == here:
                problem = record.args[0] if isinstance(record.args, tuple) and record.args else None
                found.append(problem if isinstance(problem, Problem) else Problem(shown, 0, record.getMessage()))

    def elsewhere(record: logging.LogRecord) -> bool:
        return record.thread != here or record.levelno < logging.WARNING

    logger = logging.getLogger("bulletin")
    quieted = list(logger.handlers)
    for handler in quieted:
        handler.addFilter(elsewhere)
    collect = Collect(logging.WARNING)
    logger.addHandler(collect)
    try:
        yield found
    finally:
        logger.removeHandler(collect)
        for handler in quieted:
            handler.removeFilter(elsewhere)
