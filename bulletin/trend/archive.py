"""The archive as trend data: every issue's published news items, prepared for subject matching."""
from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from ..atomic import atomic_write
from ..errors import BulletinError
from ..model import Issue, Publication
from ..project import Project, shown
from ..reader import read_issue
from .subjects import ItemText, Subject, counts, prepare
from .themes import item_text

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IssueTexts:
    """One issue's news items (the trend summary left out), ready for counting."""

    year: int
    """Year of the number."""
    number: int
    """Issue number."""
    label: str
    """``16/2026``."""
    parts: tuple[tuple[str, int], ...]
    """(part title, item count) for every part but the trend summary."""
    items: tuple[ItemText, ...]
    """Its published news items."""


def texts_of(issue: Issue) -> IssueTexts:
    """The trend view of an issue that has been read."""
    news = [p for p in issue.parts if p.role != "trend"]
    return IssueTexts(issue.year, issue.number, issue.label, tuple((p.title, len(p.items)) for p in news),
                      tuple(prepare(item_text(i)) for p in news for i in p.items))


def read_texts(paths: Sequence[Path], publication: Publication) -> list[IssueTexts]:
    """Read each issue; one that cannot be read is left out with a warning naming it."""
    found = []
    for path in paths:
        try:
            found.append(texts_of(read_issue(path, publication)))
        except BulletinError as exc:
            log.warning("%s chưa đọc được nên không được tính vào xu hướng: %s", shown(path),
                        str(exc).splitlines()[0])
    return found


CACHE_VERSION = "2"
"""Part of every cache key: bump it when counting changes (stop words, matching rules) or the
entries' shape does."""


@dataclass(frozen=True, slots=True)
class IssueCounts:
    """One issue's subject figures, as the archive page needs them."""

    label: str
    """``16/2026``."""
    year: int
    """Year of the number."""
    items: int
    """Its published news items."""
    counts: tuple[int, ...]
    """Items carrying each subject, in the subjects' order."""


def cached_counts(issues: Mapping[Path, str], publication: Publication, followed: Sequence[Subject],
                  cache: Path) -> list[IssueCounts]:
    """Each issue's subject counts, in the order given, cached under its build record's digest
    (:mod:`bulletin.record`: issue text, settings, edition code): an issue whose digest is unchanged
    since the last call is not read again. ``issues`` maps each issue file to that digest."""
    cache.mkdir(parents=True, exist_ok=True)
    found = []
    for path, digest in issues.items():
        key = {"version": CACHE_VERSION, "digest": digest}
        stored = cache / f"{path.parent.name}-{path.stem}.json"
        entry = _load(stored, key)
        if entry is None:
            read = read_texts([path], publication)
            if not read:
                continue
            entry = IssueCounts(read[0].label, read[0].year, len(read[0].items), counts(followed, read[0].items))
            atomic_write(stored, json.dumps({"key": key, **asdict(entry)}, ensure_ascii=False))
        found.append(entry)
    return found


def _load(stored: Path, key: dict[str, str]) -> IssueCounts | None:
    try:
        data = json.loads(stored.read_bytes())
        if data["key"] != key:
            return None
        return IssueCounts(str(data["label"]), int(data["year"]), int(data["items"]), tuple(int(n) for n in data["counts"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def before(project: Project, year: int, number: int, limit: int) -> list[Path]:
    """Up to ``limit`` issue files before issue ``number``/``year``, oldest first."""
    earlier = [i.path for i in project.all_issues() if (i.year, i.number) < (year, number)]
    return earlier[-limit:] if limit else earlier


def table(subject_list: Sequence[Subject], issues: Sequence[IssueTexts]) -> list[tuple[int, ...]]:
    """Counts per issue (rows, oldest first) and subject (columns)."""
    return [counts(subject_list, issue.items) for issue in issues]
