"""One command's hold on an issue file: its lock, the collector's state, and the file as it is now.

``make collect``, ``make add`` and the desk all write the issue file: each takes the issue's lock
first, so two never interleave, and opens the SQLite state (what was seen, what editors rejected).
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from ..config import Settings
from ..errors import BulletinError
from ..project import Project
from .issuefile import IssueFile, open_issue
from .store import Store


def state_folder(project: Project) -> Path:
    """Where the collector keeps its state by default: ``<project>/.state``."""
    return project.root / ".state"


def state_db(state: Path) -> Path:
    """The SQLite file inside the state folder."""
    return state / "collect.sqlite3"


def issue_key(path: Path) -> str:
    """How the state names the issue of ``issues/<year>/<NN>.md``: ``2026-17``."""
    return f"{int(path.parent.name)}-{int(path.stem):02d}"


def issue_lock(state: Path, key: str, timeout: float = 5) -> FileLock:
    """The lock held by whoever writes the issue ``key``'s file with the state (a run, the desk);
    acquiring it raises :class:`filelock.Timeout` after ``timeout`` seconds."""
    return FileLock(state / "locks" / f"{key}.lock", timeout=timeout)


@dataclass(frozen=True, slots=True)
class Session:
    """What a command holds while it works on one issue."""

    issue: IssueFile
    """The issue file at the start (or the front matter of a new one)."""
    key: str
    """``2026-17``: the issue's key in the state."""
    store: Store
    """The collector's state."""


@contextmanager
def issue_session(settings: Settings, number: int, year: int | None, state_dir: Path | None) -> Iterator[Session]:
    """Lock issue ``number`` (of ``year``, or the year :meth:`Project.issue_path` picks) and open the state.
    Raises :class:`BulletinError` when another run holds the lock."""
    project = Project(settings.root)
    state = state_dir or state_folder(project)
    path = project.issue_path(number, year)
    key = issue_key(path)
    lock = issue_lock(state, key)
    try:
        lock.acquire()
    except Timeout:
        raise BulletinError(f"đang có một lần thu thập khác ghi vào {project.shown(path)}; hãy đợi nó xong") from None
    try:
        with Store(state_db(state)) as store:
            yield Session(open_issue(path, number, int(path.parent.name), settings.publication.parts), key, store)
    finally:
        lock.release()
