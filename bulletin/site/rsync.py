"""Where a publish goes and how commands reach it: this machine, or a web server over SSH.

Both kinds of target run the same steps (:mod:`.releases`): short POSIX shell scripts and one
rsync transfer. A local target runs them with ``sh -c`` here; an rsync target
(``user@host:/var/www/diem-tin``) runs them through ``ssh host sh -c …`` and sends the files with
``rsync -e ssh``. So the local tests exercise exactly what runs on a server.
"""
from __future__ import annotations

import logging
import posixpath
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..errors import BulletinError
from .changes import Changes

log = logging.getLogger(__name__)

SHELL_TIMEOUT = 600
"""Seconds one step's shell script may take (deleting an old release of many files included)."""
RSYNC_OPTIONS = ("-rLt", "--modify-window=-1", "--exclude=.*", "--timeout=120")
"""Recursive, the files symlinks point to, modification times compared to the nanosecond (rsync's
quick check: a page the site build rewrote has a new time); dot files (markers) are never sent."""


class TransportError(BulletinError):
    """A step could not run on the target (SSH or rsync missing, refused or failed)."""


@dataclass(frozen=True, slots=True)
class Place:
    """A publish target folder and the way to reach it."""

    root: str
    """Absolute POSIX path of the target folder (the web server serves ``root/current``)."""
    host: str | None = None
    """``user@host`` for an rsync target; None for a folder on this machine."""
    ssh: str = "ssh"
    """The SSH command line for an rsync target, e.g. ``ssh -p 2222``."""

    @property
    def label(self) -> str:
        """How messages name the target."""
        return f"{self.host}:{self.root}" if self.host else self.root

    def url(self, path: str) -> str:
        """``path`` (inside the target) as rsync names it."""
        full = posixpath.join(self.root, path)
        return f"{self.host}:{full}" if self.host else full

    def run(self, script: str) -> subprocess.CompletedProcess:
        """Run a POSIX shell script on the target; the caller checks the exit code."""
        command = ["sh", "-c", script]
        if self.host:
            command = [*_ssh_words(self.ssh), self.host, "sh -c " + shlex.quote(script)]
        log.debug("%s: %s", self.label, script)
        try:
            return subprocess.run(command, capture_output=True, text=True, timeout=SHELL_TIMEOUT, check=False)
        except FileNotFoundError:
            raise TransportError(f'không chạy được lệnh "{command[0]}" (lệnh SSH: sudo apt-get install openssh-client)') from None
        except subprocess.TimeoutExpired:
            raise TransportError(f"{self.label} không trả lời sau {SHELL_TIMEOUT} giây") from None

    def rsync(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        """Run rsync with the common options (``-e ssh`` for a remote target)."""
        if not shutil.which("rsync"):
            raise TransportError("chưa cài rsync: sudo apt-get install rsync")
        remote = ["-e", self.ssh] if self.host else []
        return subprocess.run(["rsync", *RSYNC_OPTIONS, *remote, *args], input=stdin, capture_output=True,
                              text=True, check=False)


def remote_place(target: str, ssh: str) -> Place:
    """``user@host:/a/b`` -> Place(root="/a/b", host="user@host")."""
    host, sep, path = target.partition(":")
    path = posixpath.normpath(path) if path else ""
    if not sep or not host or not path.startswith("/") or path == "/" or "\n" in target:
        raise BulletinError(f'nơi xuất bản rsync "{target}" phải có dạng user@máy-chủ:/đường/dẫn/tuyệt/đối')
    _ssh_words(ssh)
    return Place(root=path, host=host, ssh=ssh)


def local_place(folder: Path) -> Place:
    """A folder on this machine (already resolved and checked by the caller)."""
    return Place(root=folder.as_posix())


def _ssh_words(ssh: str) -> list[str]:
    words = shlex.split(ssh)
    if not words:
        raise BulletinError("lệnh SSH (--ssh) đang để trống")
    return words


def failed(what: str, result: subprocess.CompletedProcess) -> TransportError:
    """A TransportError quoting the last lines the command printed."""
    detail = (result.stderr or result.stdout).strip().splitlines()[-3:]
    return TransportError(f"{what} (mã lỗi {result.returncode}): {' / '.join(detail)}")


def itemized(output: str) -> Changes:
    """Changes from ``rsync --dry-run --delete --itemize-changes`` lines (files only)."""
    added, changed, removed = [], [], []
    for line in output.splitlines():
        flags, _, path = line.partition(" ")
        if flags == "*deleting":
            if not path.strip().endswith("/"):
                removed.append(path.strip())
        elif len(flags) == 11 and flags[0] in "<>" and flags[1] == "f":  # < sent to a host, > received here
            (added if "+++++++" in flags else changed).append(path)
    return Changes(tuple(added), tuple(changed), tuple(removed))


def time_only(output: str) -> list[str]:
    """Files of ``--itemize-changes`` lines that differ by modification time alone (same size)."""
    return [path for flags, _, path in (line.partition(" ") for line in output.splitlines())
            if len(flags) == 11 and flags[0] in "<>" and flags[1] == "f" and flags[2:4] == ".." and flags[4] in "tT"]
