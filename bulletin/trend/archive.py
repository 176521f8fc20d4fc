"""The archive as trend data: every issue's published news items, prepared for subject matching."""
from __future__ import annotations

import hashlib
import json
import logging
import zlib
from collections.abc import Sequence
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


def cached_texts(paths: Sequence[Path], publication: Publication, cache: Path, salt: str) -> list[IssueTexts]:
    """:func:`read_texts` with a cache: an issue file whose bytes (and ``salt``: the settings'
    digest) are unchanged since the last call is not read again."""
    cache.mkdir(parents=True, exist_ok=True)
    found = []
    for path in paths:
        raw = path.read_bytes()
        key = hashlib.sha256(salt.encode() + b"\0" + raw).hexdigest()
        stored = cache / f"{path.parent.name}-{path.stem}.json.z"
        texts = _load(stored, key)
        if texts is None:
            read = read_texts([path], publication)
            if not read:
                continue
            texts = read[0]
            atomic_write(stored, zlib.compress(json.dumps({"key": key, "texts": asdict(texts)}).encode("utf-8")))
        found.append(texts)
    return found


def _load(stored: Path, key: str) -> IssueTexts | None:
    try:
        data = json.loads(zlib.decompress(stored.read_bytes()))
        if data["key"] != key:
            return None
        t = data["texts"]
        return IssueTexts(t["year"], t["number"], t["label"], tuple((a, b) for a, b in t["parts"]),
                          tuple(ItemText(i["modern"], i["folded"]) for i in t["items"]))
    except (OSError, ValueError, KeyError, TypeError, zlib.error):
        return None


def before(project: Project, year: int, number: int, limit: int) -> list[Path]:
    """Up to ``limit`` issue files before issue ``number``/``year``, oldest first."""
    earlier = [i.path for i in project.all_issues() if (i.year, i.number) < (year, number)]
    return earlier[-limit:] if limit else earlier


def table(subject_list: Sequence[Subject], issues: Sequence[IssueTexts]) -> list[tuple[int, ...]]:
    """Counts per issue (rows, oldest first) and subject (columns)."""
    return [counts(subject_list, issue.items) for issue in issues]
