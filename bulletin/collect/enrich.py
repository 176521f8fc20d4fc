"""The collector's article stage: dates from the pages, drafted items, and their pictures on disk.

A page's date replaces the feed's when the feed gave none, or one more than a day away from it
(feeds that stamp every item with the time they were generated). A page date in the future is
ignored.
"""
from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping, Sequence
from datetime import datetime, time
from pathlib import Path

from ..atomic import atomic_write
from ..config import FeedSource
from ..text import TZ
from .draft import article_for, draft_block, picture_files
from .model import Article, Candidate, Entry

log = logging.getLogger(__name__)

TOLERANCE_DAYS = 1
"""A feed date this close to the page's is kept (time zones, late edits)."""


def redate(feeds: Sequence[tuple[FeedSource, Sequence[Entry]]], articles: Mapping[str, Article],
           now: datetime) -> list[tuple[FeedSource, tuple[Entry, ...]]]:
    """``feeds`` with each entry dated by its page where the feed's date is missing or wrong."""
    return [(source, tuple(_redated(e, articles.get(e.link), now) for e in entries)) for source, entries in feeds]


def _redated(entry: Entry, article: Article | None, now: datetime) -> Entry:
    day = article.date if article is not None else None
    if day is None or day > now.astimezone(TZ).date():
        return entry
    if entry.published is not None and abs((entry.published.astimezone(TZ).date() - day).days) <= TOLERANCE_DAYS:
        return entry
    log.info("%s: dùng ngày đăng trên trang bài viết (%s) thay cho ngày của feed (%s)", entry.link,
             f"{day:%d/%m/%Y}", f"{entry.published:%d/%m/%Y}" if entry.published else "không có")
    return dataclasses.replace(entry, published=datetime.combine(day, time(0, 0), TZ))


@dataclasses.dataclass(frozen=True, slots=True)
class Drafted:
    """The Markdown of new candidates and the pictures they refer to."""

    text: str
    """Candidate blocks, each ending with a newline, separated by blank lines."""
    pictures: tuple[tuple[Path, bytes], ...]
    """Files to write before the issue file: (path, bytes)."""


def drafted(candidates: Sequence[Candidate], articles: Mapping[str, Article], issue_path: Path) -> Drafted:
    """Every candidate as a drafted item, its picture placed in the issue's folder
    (``issues/<year>/<NN>/``, referred to as ``<NN>/name.jpg`` from the issue file)."""
    folder = issue_path.parent / issue_path.stem
    names = picture_files(candidates, articles, folder)
    blocks, pictures = [], []
    for c in candidates:
        article = article_for(c, articles)
        name = names.get(c.id, "")
        if name and article is not None and article.picture is not None:
            pictures.append((folder / name, article.picture.data))
        blocks.append(draft_block(c, article, f"{issue_path.stem}/{name}" if name else ""))
    return Drafted("\n".join(blocks), tuple(pictures))


def write_pictures(pictures: Sequence[tuple[Path, bytes]]) -> None:
    """Write the pictures (each atomically); they never replace a file that exists."""
    for path, data in pictures:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            atomic_write(path, data)


def remove_pictures(pictures: Sequence[tuple[Path, bytes]]) -> None:
    """Take back pictures written for an issue file that could not be written."""
    for path, data in pictures:
        try:
            if path.read_bytes() == data:
                path.unlink()
        except OSError:
            pass


def unread(candidates: Sequence[Candidate], articles: Mapping[str, Article]) -> tuple[tuple[str, str, str], ...]:
    """(title, link, reason) of every new candidate whose page could not be read."""
    rows = []
    for c in candidates:
        article = article_for(c, articles)
        if article is not None and not article.readable:
            rows.append((c.title, article.url, article.failure or "trang không có nội dung"))
    return tuple(rows)

