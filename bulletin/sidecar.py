"""A second process beside this one, talking through one pipe.

:class:`Sidecar` starts ``work(channel)`` in another process. The parent and the child exchange
values through the pipe; the child's log records and its error come back through it too and are
handled here, as if logged or raised here.

- It is forked, so it starts at once with nothing to import again; only a process running a
  single thread may fork (see :func:`can_fork`).
- It never outlives the build: it stops when the build is done, fails or is interrupted (Ctrl+C
  reaches both; the other process ignores it and :meth:`Sidecar.close` ends and reaps it), and it
  stops by itself if this process dies while it waits for work.
"""
from __future__ import annotations

import logging
import multiprocessing
import pickle
import signal
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection, wait

from .errors import BulletinError

log = logging.getLogger(__name__)

GRACE_SECONDS = 0.2
"""How long the other process gets to exit by itself at the end, before it is told to stop."""
STOP_SECONDS = 5.0
"""How long a stopped side process gets to exit before it is killed."""


def can_fork() -> bool:
    """True when this process runs a single thread: forking a process with threads (a server)
    can leave locks held for ever in the child."""
    return threading.active_count() == 1


class Channel:
    """The child's end of the pipe."""

    def __init__(self, conn: Connection):
        self._conn = conn

    def receive(self) -> object | None:
        """The parent's next value; None when the parent has nothing more (or has died)."""
        parent = multiprocessing.parent_process()
        if self._conn not in wait([self._conn, parent.sentinel] if parent else [self._conn]):
            return None
        try:
            return self._conn.recv()
        except EOFError:
            return None

    def send(self, value: object) -> None:
        """Give the parent a value (:meth:`Sidecar.receive` returns it)."""
        _send(self._conn, "value", value)


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
    """Send to the parent; if it is gone, there is no one left to tell."""
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


def _child(conn: Connection, work: Callable[[Channel], None], level: int) -> None:
    # Ctrl+C reaches the whole process group: the build's process handles it and ends this one
    # (Sidecar.close). Handled here too, it would come back through the pipe as a second
    # interruption, which could be raised in the build's process after its own was handled.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _forward_logs(conn, level)
    try:
        work(Channel(conn))
    except BaseException as exc:  # noqa: BLE001 - everything goes back to the build, Ctrl+C too
        _send(conn, "error", exc if _picklable(exc) else RuntimeError(f"{type(exc).__name__}: {exc}"))


def _picklable(exc: BaseException) -> bool:
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # noqa: BLE001 - any failure means: send a plain copy instead
        return False
    return True


class Sidecar:
    """The other process, used as a context manager: started on entry, reaped on exit."""

    def __init__(self, work: Callable[[Channel], None], name: str):
        context = multiprocessing.get_context("fork")
        self._conn, child = context.Pipe()
        level = logging.getLogger("bulletin").getEffectiveLevel()
        self._process = context.Process(target=_child, args=(child, work, level), name=name, daemon=True)
        self._child_end = child
        self._given = False
        self._closed = False

    def __enter__(self) -> Sidecar:
        self._process.start()
        self._child_end.close()
        return self

    def send(self, value: object) -> None:
        """Give the other process a value. If it already ended (it failed), :meth:`receive` says why."""
        self._given = True
        try:
            self._conn.send(value)
        except OSError:
            pass

    def receive(self) -> object:
        """The other process's next value; its log records are handled meanwhile, its error raised."""
        while True:
            try:
                kind, value = self._conn.recv()
            except EOFError:
                self._process.join(STOP_SECONDS)
                raise BulletinError(f"tiến trình thứ hai ({self._process.name}) dừng bất thường "
                                    f"(mã thoát {self._process.exitcode}); hãy chạy lại") from None
            if kind == "log":
                logging.getLogger(value.name).handle(value)
            elif kind == "error":
                raise value
            else:
                return value

    def __exit__(self, exc_type, exc, tb) -> None:
        self.close()

    def close(self) -> None:
        """Tell the other process to stop, give it a moment, then end it: by now it has either said
        it is done or its work is not wanted (the build failed, or had nothing to do). A process
        that was given nothing is ended at once. Closing twice does nothing more."""
        if self._closed:
            return
        self._closed = True
        if self._process.is_alive() and self._given:
            self.send(None)
            self._process.join(GRACE_SECONDS)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(STOP_SECONDS)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()
        self._conn.close()
        self._process.close()
