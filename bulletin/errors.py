"""The exception hierarchy, kept small on purpose.

Only :mod:`bulletin.cli` turns these into exit codes. Every message is Vietnamese, meant for
an editor, and names ``file:line`` where a file is to blame.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class BulletinError(Exception):
    """Anything the editor can fix: bad input, a missing system library, a refused write."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in an input file."""

    path: Path
    """The file to blame, as the editor knows it (relative to the project where possible)."""
    line: int
    """1-based line number; 0 when the problem concerns the whole file."""
    message: str
    """What is wrong and what is allowed, in Vietnamese."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"


class InputError(BulletinError):
    """One or more problems in an input file (issue file or settings), all reported at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in problems))


class ConfigError(InputError):
    """Problems in the publication settings (``sources.yaml``)."""


class IssueFormatError(InputError):
    """Problems in an issue file (``issues/<year>/<NN>.md``)."""


class FileChanged(BulletinError):
    """A file changed on disk after it was read: the write was refused so that nothing is lost."""


class IssueNotFound(BulletinError):
    """No file for the issue asked for; the CLI adds how to start one."""

    def __init__(self, message: str, number: int, year: int | None):
        super().__init__(message)
        self.number = number
        """The issue number asked for."""
        self.year = year
        """The year asked for, or None (the newest year was searched)."""
