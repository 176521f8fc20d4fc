"""The web and Word editions, rendered in a second process while the PDF is laid out.

The two editions need nothing from the PDF but the page numbers of the MỤC LỤC. The other process
writes the web edition and the share files, builds the Word edition in memory, then waits; once
the PDF is laid out, :meth:`Sidecar.send_pages` gives it the page map, and it fills the cached
``PAGEREF`` results and saves the Word file while the PDF is drawn and written here.

- The other process is forked when this one runs a single thread (the command line: nothing to
  import again, nothing to pickle), and spawned otherwise (a server with threads may not fork).
- Its log records come back through the pipe and are handled here, as if logged here.
- It never outlives the build: it stops when the build fails or is interrupted (Ctrl+C reaches
  both; :meth:`Sidecar.__exit__` ends and reaps it), and it stops by itself if this process dies.
"""
from __future__ import annotations

import logging
import multiprocessing
import pickle
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

from .errors import BulletinError
from .images import Prepared
from .model import Issue

log = logging.getLogger(__name__)

STOP_SECONDS = 5.0
"""How long a stopped side process gets to exit before it is killed."""


@dataclass(frozen=True, slots=True)
class SideJob:
    """What the other process renders."""

    issue: Issue
    """The issue, read once by this process."""
    web: Mapping[str, Prepared]
    """Pictures prepared for the web edition."""
    print: Mapping[str, Prepared]
    """Pictures prepared for print (the Word edition embeds these)."""
    folder: Path
    """The staging folder the editions are written into."""
    level: int
    """The effective level of the ``bulletin`` logger here: the other process logs as much."""


class _Forward(logging.Handler):
    """Sends each record, formatted into plain data, through the pipe."""

    def __init__(self, conn: Connection):
        super().__init__()
        self.conn = conn

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args = record.getMessage(), None
        record.exc_info = record.exc_text = None
        _send(self.conn, "log", record)


def _send(conn: Connection, kind: str, value: object) -> None:
    """Send to the build's process; if it is gone, there is no one left to tell."""
    try:
        conn.send((kind, value))
    except OSError:
        pass


def _forward_logs(conn: Connection, level: int) -> None:
    """Route every record of this (child) process through ``conn``; drop inherited handlers."""
    for logger in (logging.getLogger(), *logging.Logger.manager.loggerDict.values()):
        if isinstance(logger, logging.Logger):
            logger.handlers[:] = [h for h in logger.handlers if isinstance(h, logging.NullHandler)]
    logging.getLogger().addHandler(_Forward(conn))
    logging.getLogger("bulletin").setLevel(level)


def _side(conn: Connection, job: SideJob) -> None:
    """The other process: web edition, share files and Word edition; the pages come last.

    The renderers are imported here, after the fork: the build's process never loads python-docx."""
    _forward_logs(conn, job.level)
    try:
        from .editions import write_share, write_web
        from .render.docx import word_edition

        write_web(job.issue, job.web, job.folder)
        word = word_edition(job.issue, {ref: p.path for ref, p in job.print.items()})
        write_share(job.issue, job.folder)
        parent = multiprocessing.parent_process()
        if conn not in wait([conn, parent.sentinel] if parent else [conn]):
            return  # the build's process died: nothing to wait for
        pages = conn.recv()
        if pages is not None:
            log.info("Đang ghi bản Word (DOCX)…")
            word.save(job.folder / f"{job.issue.slug}.docx", pages)
        _send(conn, "done", None)
    except BaseException as exc:  # noqa: BLE001 - everything goes back to the build, Ctrl+C too
        _send(conn, "error", exc if _picklable(exc) else RuntimeError(f"{type(exc).__name__}: {exc}"))


def _picklable(exc: BaseException) -> bool:
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # noqa: BLE001 - any failure means: send a plain copy instead
        return False
    return True


class Sidecar:
    """The other process of one build, used as a context manager around the PDF's layout."""

    def __init__(self, job: SideJob):
        self.method = "fork" if threading.active_count() == 1 else "spawn"
        """How the other process starts: ``fork`` or ``spawn``."""
        context = multiprocessing.get_context(self.method)
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_side, args=(child, job), name="bulletin-editions", daemon=True)
        self._child_end = child

    def __enter__(self) -> Sidecar:
        log.info("Đang tạo bản HTML và bản Word ở tiến trình thứ hai…")
        log.debug("tiến trình thứ hai: %s", self.method)
        self._process.start()
        self._child_end.close()
        return self

    def send_pages(self, pages: Mapping[str, int]) -> None:
        """Give the other process the PDF's page map (element id -> page). If it already ended
        (it failed), :meth:`wait` reports why."""
        try:
            self._conn.send(dict(pages))
        except OSError:
            pass

    def wait(self) -> None:
        """Handle the other process's log records until it is done; raise what it raised."""
        while True:
            try:
                kind, value = self._conn.recv()
            except EOFError:
                self._process.join(STOP_SECONDS)
                raise BulletinError("tiến trình tạo bản HTML và bản Word dừng bất thường "
                                    f"(mã thoát {self._process.exitcode}); hãy chạy lại") from None
            if kind == "log":
                logging.getLogger(value.name).handle(value)
            elif kind == "error":
                raise value
            else:
                return

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None and self._process.is_alive():
            try:
                self._conn.send(None)
            except OSError:
                pass
        self._process.join(STOP_SECONDS if exc_type is None else 0.2)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(STOP_SECONDS)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()
        self._conn.close()
        self._process.close()
