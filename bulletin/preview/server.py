"""Run the preview application with uvicorn on 127.0.0.1, and only there."""
from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from ..errors import BulletinError
from .app import create_app
from .session import Session

HOST = "127.0.0.1"
"""The only address the preview listens on: other machines cannot reach it."""


def bind(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1:``port`` (0: any free port). Raises :class:`BulletinError` when taken."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # past connections in TIME_WAIT; never a second listener
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        raise BulletinError(f"không mở được cổng {port} trên {HOST} ({exc.strerror}): có thể một bản xem trước "
                            "khác đang chạy; hãy dừng nó hoặc chọn cổng khác") from None
    sock.listen(64)
    return sock


class Server(uvicorn.Server):
    """uvicorn's server, quiet (the command prints what the editor needs), that ends the pages' event
    streams when it is told to stop (Ctrl+C), so that it stops at once."""

    def __init__(self, session: Session):
        super().__init__(uvicorn.Config(create_app(session), log_config=None, log_level="warning", access_log=False,
                                        lifespan="on", timeout_graceful_shutdown=2))
        self.session = session

    def handle_exit(self, sig, frame) -> None:
        self.session.close()
        super().handle_exit(sig, frame)

    def stop(self) -> None:
        """Stop from another thread (tests, benchmarks)."""
        self.session.close()
        self.should_exit = True


def url_of(sock: socket.socket) -> str:
    """``http://127.0.0.1:<port>/``."""
    return f"http://{HOST}:{sock.getsockname()[1]}/"


@contextmanager
def serving(session: Session, port: int = 0) -> Iterator[str]:
    """Run the preview in a thread while the block runs (tests, benchmarks); yields its URL once it answers."""
    sock = bind(port)
    running = Server(session)
    thread = threading.Thread(target=running.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not running.started:
            if not thread.is_alive():
                raise RuntimeError("the preview server stopped while starting")
            time.sleep(0.01)
        yield url_of(sock)
    finally:
        running.stop()
        thread.join()
        sock.close()
