"""One digest and one build record, shared by the editions and the archive.

An issue's editions depend on its file, its pictures, the settings file, and the edition templates
and code. The **digest** is a SHA-256 over all of them; the **record** (``.record.json`` in the
edition folder, copied into the issue's archive folder) keeps that digest and, for the issue file
and each picture, its size, modification time and content hash.

Deciding that nothing changed then costs one ``stat`` per input: a file whose size and time
match the record keeps its recorded hash, as ``git`` does with its index. A file changed less
than :data:`RACY_SECONDS` before it was recorded is recorded without a time, so that it is
checked by content next time (a later edit within the file system's clock tick would otherwise
go unnoticed).
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from .atomic import atomic_write
from .model import Issue
from .project import Project

log = logging.getLogger(__name__)

RECORD = ".record.json"
"""File name of the record, in an edition folder and in an archive folder."""
VERSION = 1
"""Bump when what the digest covers or the record's shape changes."""
RACY_SECONDS = 2.0
"""Inputs modified this recently are recorded without a time (checked by content next time)."""
_PACKAGE = Path(__file__).parent


@dataclass(frozen=True, slots=True)
class Input:
    """One file an issue's editions are made from."""

    path: str
    """Absolute path."""
    size: int
    """Size in bytes when hashed."""
    mtime_ns: int
    """Modification time when hashed; 0 when it was too recent to trust (see :data:`RACY_SECONDS`)."""
    sha256: str
    """Content hash (of the decoded text for the issue file, of the bytes for a picture)."""


@dataclass(frozen=True, slots=True)
class BuildRecord:
    """What one issue's editions were made from."""

    digest: str
    """SHA-256 over the common inputs and every :class:`Input`'s name and hash."""
    inputs: tuple[Input, ...]
    """The issue file first, then its pictures."""
    built_at: float
    """When the editions were rendered (seconds since the epoch)."""


def edition_folder(out_root: Path, year: int, number: int) -> Path:
    """``out_root/<year>-<NN>``: where the editions of one issue go, with their record."""
    return out_root / f"{year}-{number:02d}"


def looks_current(folder: Path, settings_path: Path) -> bool:
    """True when ``folder`` holds a record that is still current (:func:`is_current`): a stat per
    input, without reading the issue. A quick guess made before a build, which decides for itself."""
    record = load_record(folder)
    return record is not None and is_current(record, common_digest(settings_path))


def edition_sources() -> list[Path]:
    """The templates and code every edition is made with (not the collector's, CLI's or site's)."""
    from .render import TEMPLATES

    templates = sorted(p for p in TEMPLATES.glob("*") if p.is_file())  # templates/site/ is the archive's
    assets = sorted(p for p in (TEMPLATES / "assets").rglob("*") if p.is_file())
    return templates + assets + sorted(_PACKAGE.glob("*.py")) + sorted((_PACKAGE / "render").rglob("*.py"))


def common_digest(settings_path: Path) -> str:
    """Digest of what every issue's editions depend on: the settings file, edition templates and code."""
    h = hashlib.sha256(f"bulletin-record-{VERSION}".encode())
    for file in [Path(settings_path), *edition_sources()]:
        h.update(f"{file.name}\0{hashlib.sha256(file.read_bytes()).hexdigest()}\0".encode())
    return h.hexdigest()


def issue_record(issue: Issue, common: str, known: BuildRecord | None, built_at: float) -> BuildRecord:
    """The record of ``issue`` as read, reusing ``known`` hashes of pictures whose size and time match."""
    now = time.time()
    previous = {i.path: i for i in known.inputs} if known else {}
    inputs = [_issue_input(issue, now)]
    for path in dict.fromkeys(img.path.resolve() for img in issue.images):
        inputs.append(_picture_input(path, previous.get(str(path)), now))
    return BuildRecord(_digest(common, inputs), tuple(inputs), built_at)


def is_current(record: BuildRecord, common: str) -> bool:
    """True when the common inputs are the same and every input still holds its recorded content:
    judged from its size and time, or by content for an input recorded without a time."""
    if _digest(common, record.inputs) != record.digest:
        return False
    for n, recorded in enumerate(record.inputs):
        try:
            stat = os.stat(recorded.path)
        except OSError:
            return False
        if recorded.mtime_ns and (stat.st_size, stat.st_mtime_ns) == (recorded.size, recorded.mtime_ns):
            continue
        if recorded.mtime_ns or _content_hash(Path(recorded.path), is_issue=n == 0) != recorded.sha256:
            return False
    return True


def load_record(folder: Path) -> BuildRecord | None:
    """The record in ``folder``, or None when it is missing, from another version, or damaged."""
    try:
        data = json.loads((folder / RECORD).read_text(encoding="utf-8"))
        if data.pop("version") != VERSION:
            return None
        inputs = tuple(Input(**i) for i in data.pop("inputs"))
        return BuildRecord(inputs=inputs, **data)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        log.debug("bản ghi %s hỏng hoặc cũ; sẽ tạo lại", folder / RECORD)
        return None


def write_record(folder: Path, record: BuildRecord) -> None:
    """Write ``record`` into ``folder`` (atomically)."""
    data = {"version": VERSION, **asdict(record)}
    atomic_write(folder / RECORD, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def _digest(common: str, inputs: Iterable[Input]) -> str:
    h = hashlib.sha256(common.encode())
    for entry in inputs:
        h.update(f"{Path(entry.path).name}\0{entry.sha256}\0".encode())
    return h.hexdigest()


def _content_hash(path: Path, is_issue: bool) -> str:
    """The issue file's decoded text's hash (what the editions are made from), or a picture's bytes'."""
    if is_issue:
        return _text_hash(Project.around(path).read_text(path).text)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _issue_input(issue: Issue, now: float) -> Input:
    """The issue file, hashed as read; its time is kept only if the file still holds that text."""
    path = issue.path.resolve()
    stat = path.stat()
    sha = _text_hash(issue.source)
    trusted = stat.st_mtime_ns / 1e9 < now - RACY_SECONDS and _content_hash(path, is_issue=True) == sha
    return Input(str(path), stat.st_size, stat.st_mtime_ns if trusted else 0, sha)


def picture_hash(path: Path) -> str:
    """SHA-256 (hex) of a picture's bytes: the hash the record keeps, read from :data:`_HASHED` when this
    process has already hashed or recorded the file with its current size and time (the image cache's
    key: a build does not read its pictures a second time)."""
    return _picture_input(Path(path).resolve(), None, time.time()).sha256


_HASHED: dict[tuple[str, int, int], str] = {}
"""(path, size, modification time) -> content hash, for pictures this process has hashed or found in a
record, whose time was old enough to trust (:data:`RACY_SECONDS`), as in the record itself."""


def _picture_input(path: Path, known: Input | None, now: float) -> Input:
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if known and known.mtime_ns and (stat.st_size, stat.st_mtime_ns) == (known.size, known.mtime_ns):
        _HASHED[key] = known.sha256
        return known
    trusted = stat.st_mtime_ns / 1e9 < now - RACY_SECONDS
    sha = _HASHED.get(key) if trusted else None
    if sha is None:
        sha = _content_hash(path, is_issue=False)
        if trusted:
            _HASHED[key] = sha
    return Input(str(path), stat.st_size, stat.st_mtime_ns if trusted else 0, sha)
