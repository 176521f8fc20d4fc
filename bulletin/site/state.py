"""Content hashes and the archive's build cache (``build/.cache/site.json``).

An issue is rebuilt only when the digest of its inputs changes: the issue file, its pictures,
the edition templates, the settings file and the edition code. Hashes are content hashes; the
cache remembers each file's size and modification time only to avoid re-reading files that
have not been touched since they were last hashed (the way ``git`` keeps its index).
"""
from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..atomic import write_if_changed
from ..build import edition_sources
from .model import ArchiveIssue, from_json, to_json

log = logging.getLogger(__name__)

CACHE_VERSION = 4
"""Bump when the cache's shape or the archive's per-issue folder layout changes."""

class Hasher:
    """SHA-256 of files, re-read only when size or modification time changed since last time."""

    def __init__(self, known: Mapping[str, tuple[int, int, str]]):
        self._known = dict(known)
        self.seen: dict[str, tuple[int, int, str]] = {}
        """Every file hashed in this build: path -> (size, mtime_ns, sha256)."""

    def __call__(self, path: Path) -> str:
        stat = path.stat()
        key = str(path)
        old = self._known.get(key)
        if old and old[0] == stat.st_size and old[1] == stat.st_mtime_ns:
            sha = old[2]
        else:
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
        self.seen[key] = (stat.st_size, stat.st_mtime_ns, sha)
        return sha


def common_digest(settings_path: Path, hasher: Hasher) -> str:
    """Digest of what every issue's editions depend on: settings, edition templates, edition code."""
    h = hashlib.sha256(f"bulletin-site-{CACHE_VERSION}".encode())
    for file in [settings_path.resolve(), *edition_sources()]:
        h.update(f"{file.name}\0{hasher(file)}\0".encode())
    return h.hexdigest()


def issue_digest(common: str, issue_file: Path, images: Iterable[Path], hasher: Hasher) -> str:
    """Digest of one issue's editions' inputs: ``common`` plus the issue file and its pictures."""
    h = hashlib.sha256(common.encode())
    for file in (issue_file, *images):
        h.update(f"{file}\0{hasher(file)}\0".encode())
    return h.hexdigest()


@dataclass(frozen=True, slots=True)
class Record:
    """What the last site build did with one issue file."""

    digest: str
    """:func:`issue_digest` when it was built."""
    edition_stamp: str
    """The foundation's stamp (``build/<year>-<NN>/.inputs``) right after that build."""
    images: tuple[str, ...]
    """Absolute paths of the pictures the issue used."""
    issue: ArchiveIssue
    """The archive's view of the issue."""


@dataclass(frozen=True, slots=True)
class State:
    """The build cache."""

    files: Mapping[str, tuple[int, int, str]]
    """File -> (size, mtime_ns, sha256) as last hashed."""
    records: Mapping[str, Record]
    """Issue file (absolute path) -> its record."""


EMPTY = State(files={}, records={})


def load_state(path: Path) -> State:
    """The cache, or an empty one when it is missing, from another version, or damaged."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != CACHE_VERSION:
            return EMPTY
        files = {k: (int(v[0]), int(v[1]), str(v[2])) for k, v in data["files"].items()}
        records = {k: Record(v["digest"], v["edition_stamp"], tuple(v["images"]), from_json(v["issue"]))
                   for k, v in data["records"].items()}
    except FileNotFoundError:
        return EMPTY
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        log.debug("bộ nhớ đệm %s hỏng hoặc cũ; tạo lại từ đầu", path)
        return EMPTY
    return State(files, records)


def save_state(path: Path, state: State) -> None:
    """Write the cache atomically (and only when it changed)."""
    data = {
        "version": CACHE_VERSION,
        "files": {k: list(v) for k, v in sorted(state.files.items())},
        "records": {k: {"digest": r.digest, "edition_stamp": r.edition_stamp, "images": list(r.images),
                        "issue": to_json(r.issue)} for k, r in sorted(state.records.items())},
    }
    write_if_changed(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
