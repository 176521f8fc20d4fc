"""One preview session: the issue being shown, its current :class:`Snapshot`, and the listeners
(browser tabs) to tell when it changes.

Rendering runs in a worker thread, one render at a time; the snapshot is replaced, never mutated,
and only from the event loop, so a request always sees one consistent snapshot.
"""
from __future__ import annotations

import asyncio
import hashlib
import logging
import secrets
import threading
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

import anyio.to_thread

from ..errors import BulletinError, InputError, Problem
from ..text import TZ
from .render import Rendered, render

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PdfStatus:
    """Where the background build of the real editions stands."""

    state: str = "idle"
    """``idle``, ``building``, ``done`` or ``failed``."""
    message: str = ""
    """What to tell the editor (Vietnamese)."""
    url: str = ""
    """The PDF's URL relative to the edition page, once built."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What the preview shows at one moment."""

    version: int
    """Bumped whenever anything shown changes (problems, warnings, PDF status, the edition)."""
    edition: int
    """Bumped whenever the HTML edition itself changes: the page reloads its frame only then."""
    good: Rendered | None
    """The last render without errors (still shown, under the banner, while the file has errors)."""
    problems: tuple[Problem, ...]
    """The errors of the files as they are now; empty when ``good`` is the files as they are now."""
    digest: str = ""
    """SHA-256 (hex) of the issue file's bytes as read for the latest render ('' when it could not be read):
    changes whenever the file does, even when nothing the issue page shows changes (the desk reloads then)."""
    render_seconds: float = 0.0
    """How long the last render took."""
    rendered_at: float = 0.0
    """When the last render started (seconds since the epoch)."""
    pdf: PdfStatus = field(default_factory=PdfStatus)
    """The background build."""

    @property
    def clock(self) -> str:
        """When the last render started, ``HH:MM:SS`` in Asia/Ho_Chi_Minh ('' before the first)."""
        return datetime.fromtimestamp(self.rendered_at, TZ).strftime("%H:%M:%S") if self.rendered_at else ""


class Session:
    """The state of ``bulletin preview`` for one issue."""

    def __init__(self, config: Path, path: Path, out_root: Path):
        self.config = Path(config)
        """The settings file."""
        self.path = Path(path).resolve()
        """The issue file."""
        self.out_root = Path(out_root)
        """The build folder (editions, image cache)."""
        self.id = secrets.token_hex(4)
        """Names this run of the server: a page from an earlier run reloads (its token is stale)."""
        self.token = secrets.token_urlsafe(32)
        """Every request that changes something must carry it (see :mod:`.guard`)."""
        self.snapshot = Snapshot(0, 0, None, ())
        """The current snapshot."""
        self._rendering = threading.Lock()
        self._changed = asyncio.Event()
        self._closed = False
        self._loop: asyncio.AbstractEventLoop | None = None

    def render_now(self) -> tuple[Rendered | None, tuple[Problem, ...], str, float]:
        """Render the files as they are now (blocking: call it from a worker thread): the render (None
        when the files have errors), the errors, the issue file's digest, and the seconds it took."""
        with self._rendering:
            started = time.perf_counter()
            digest = file_digest(self.path)
            try:
                good, problems = render(self.config, self.path, self.out_root), ()
            except InputError as exc:
                good, problems = None, exc.problems
            except BulletinError as exc:
                good, problems = None, (Problem(self.config, 0, str(exc)),)
            except Exception as exc:  # a bug must not stop the preview: show it, keep serving
                log.exception("lỗi khi hiển thị bản xem trước")
                good, problems = None, (Problem(self.path, 0, f"lỗi của chương trình khi hiển thị ({exc.__class__.__name__}: {exc}); "
                                                              "xem thông báo trong cửa sổ dòng lệnh"),)
            return good, tuple(problems), digest, time.perf_counter() - started

    async def refresh(self) -> Snapshot:
        """Render in a worker thread, then publish the result if anything shown changed."""
        good, problems, digest, seconds = await anyio.to_thread.run_sync(self.render_now)
        old = self.snapshot
        if good is None:
            self.publish(replace(old, problems=problems, digest=digest, render_seconds=seconds, rendered_at=time.time()))
        else:
            changed = old.good is None or good.html != old.good.html
            self.publish(replace(old, edition=old.edition + changed, good=good, problems=(), digest=digest,
                                 render_seconds=seconds, rendered_at=time.time()))
        return self.snapshot

    def publish(self, new: Snapshot) -> None:
        """Make ``new`` current and wake the listeners, unless it shows nothing new (event loop only)."""
        old = self.snapshot
        if _shown(new) == _shown(old):
            self.snapshot = replace(new, version=old.version)
            return
        self.snapshot = replace(new, version=old.version + 1)
        _say(old, self.snapshot)
        self._changed.set()
        self._changed = asyncio.Event()
        log.debug("bản xem trước đã cập nhật (lần %d)", self.snapshot.version)

    def set_pdf(self, status: PdfStatus) -> None:
        """Publish a new PDF status (event loop only)."""
        self.publish(replace(self.snapshot, pdf=status))

    async def changes(self, seen: int) -> AsyncIterator[Snapshot]:
        """Each snapshot newer than version ``seen``, as it is published, until the session closes."""
        self._loop = asyncio.get_running_loop()
        while not self._closed:
            if self.snapshot.version == seen:
                await self._changed.wait()
            if self._closed:
                return
            seen = self.snapshot.version
            yield self.snapshot

    def close(self) -> None:
        """End every :meth:`changes` stream, so that open pages do not hold the server up while it stops.
        Safe to call from any thread or a signal handler."""
        self._closed = True
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._changed.set)


def _say(old: Snapshot, new: Snapshot) -> None:
    """One line in the terminal when the number of errors or warnings changes (the page lists them)."""
    counts = [(len(s.problems), len(s.good.panel.warnings) if s.good and not s.problems else 0) for s in (old, new)]
    errors, warnings = counts[1]
    if counts[0] == counts[1]:
        return
    if errors:
        log.info("Bản xem trước: tệp có %d lỗi (khung đỏ trên trang liệt kê từng lỗi)", errors)
    else:
        log.info("Bản xem trước: không có lỗi, %s", f"{warnings} mục cần xem lại" if warnings else "không có gì cần xem lại")


def _shown(snapshot: Snapshot) -> tuple:
    good = snapshot.good
    return (snapshot.edition, snapshot.problems, good.panel if good else None, snapshot.pdf, snapshot.digest)


def file_digest(path: Path) -> str:
    """SHA-256 (hex) of a file's bytes, or '' when it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""
