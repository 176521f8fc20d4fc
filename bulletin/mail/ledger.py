"""Every send recorded in SQLite, so a run that stops halfway resumes without sending twice.

A row is written as ``sending`` (committed) before the SMTP transaction and becomes ``sent`` once
the server accepted the message. A row left ``sending`` means the run stopped during that very
transaction: the server may or may not have the message, so it is never sent again automatically
(reported as unknown instead). ``rejected`` (the server refused the address for good) is not retried;
``failed`` (a temporary refusal) is retried by the next run.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path

from ..text import TZ

SENDING, SENT, REJECTED, FAILED = "sending", "sent", "rejected", "failed"
FINAL = (SENDING, SENT, REJECTED)
"""States that a later run does not send again."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sends (
    issue TEXT NOT NULL,
    address TEXT NOT NULL,
    state TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL,
    PRIMARY KEY (issue, address)
)"""


class Ledger:
    """The send log of one project (``.state/mail.sqlite3``)."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, isolation_level=None, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute(_SCHEMA)

    def close(self) -> None:
        self.db.close()

    def states(self, issue: str) -> dict[str, tuple[str, str]]:
        """Address (case-folded) -> (state, detail) for everything recorded about ``issue``."""
        rows = self.db.execute("SELECT address, state, detail FROM sends WHERE issue = ?", (issue,))
        return {address: (state, detail) for address, state, detail in rows}

    def record(self, issue: str, address: str, state: str, detail: str = "") -> None:
        """Set the state of (issue, address), durably, before returning."""
        self.db.execute("INSERT INTO sends (issue, address, state, detail, at) VALUES (?, ?, ?, ?, ?) "
                        "ON CONFLICT (issue, address) DO UPDATE SET state = excluded.state, "
                        "detail = excluded.detail, at = excluded.at",
                        (issue, address.casefold(), state, detail, datetime.now(TZ).isoformat(timespec="seconds")))


@contextmanager
def open_ledger(path: Path) -> Iterator[Ledger]:
    """The ledger, closed on exit."""
    with closing(Ledger(path)) as ledger:
        yield ledger
