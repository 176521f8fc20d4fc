"""The collector's memory, in SQLite under the state directory (never in the Markdown).

Tables: ``feeds`` (validators and the last good body of each feed), ``parsed`` (the entries of
that body, so a 304 skips parsing), ``seen`` (entries written into an issue's file, with the
run's time), ``runs`` (each run that read some source, per issue), ``rejected`` (entries the
editor deleted or rejected on the desk: they never come back), ``outcomes`` (per source and
ISO week: how many runs failed or succeeded) and ``unread`` (pages behind hand-written items that
could not be read: how often, why, and when to try again).
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from .model import Cached, Candidate
from .urls import canonical, item_id

SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, body BLOB,
    final_url TEXT, content_type TEXT, fetched_at TEXT);
CREATE TABLE IF NOT EXISTS parsed (url TEXT PRIMARY KEY, version TEXT, entries TEXT);
CREATE TABLE IF NOT EXISTS seen (issue TEXT, candidate TEXT, member TEXT, title TEXT, link TEXT, at TEXT,
    PRIMARY KEY (issue, member));
CREATE TABLE IF NOT EXISTS pages (url TEXT PRIMARY KEY, day TEXT, at TEXT);
CREATE TABLE IF NOT EXISTS runs (issue TEXT, at TEXT, added INTEGER, PRIMARY KEY (issue, at));
CREATE TABLE IF NOT EXISTS rejected (member TEXT PRIMARY KEY, candidate TEXT, issue TEXT, title TEXT,
    link TEXT, at TEXT);
CREATE TABLE IF NOT EXISTS outcomes (source TEXT, week TEXT, failures INTEGER, successes INTEGER,
    PRIMARY KEY (source, week));
CREATE TABLE IF NOT EXISTS unread (url TEXT PRIMARY KEY, tries INTEGER, failure TEXT, at TEXT, retry TEXT);
"""
RETRY_AFTER = (timedelta(hours=1), timedelta(hours=6), timedelta(days=1), timedelta(days=3), timedelta(days=7))
"""How long to leave a page that could not be read, after its 1st, 2nd, … failure in a row (the last
delay repeats): a passing outage is retried within the hour, a page that stays shut only weekly."""


class Seen(NamedTuple):
    """One entry written into an issue's file."""

    candidate: str
    """The id of the candidate it was written as."""
    member: str
    """The entry's own id."""
    title: str
    """The candidate's title."""
    link: str
    """The entry's link."""


class LastRun(NamedTuple):
    """The latest run that read some source for an issue."""

    at: str
    """When it ran (ISO 8601, with the offset)."""
    added: int
    """How many candidates it wrote."""
    candidates: frozenset[str]
    """The ids of the candidates it wrote."""


class Rejected(NamedTuple):
    """One entry an editor deleted from an issue's file: it never comes back."""

    member: str
    """The entry's id."""
    title: str
    """The title it had."""
    link: str
    """Its link."""
    issue: str
    """The issue it was deleted from (``2026-17``)."""


class RejectedItem(NamedTuple):
    """An item of the issue file that the editor rejected on the desk."""

    candidate: str
    """Its ``<!-- bulletin: id=… -->`` id, or '' (an item written by hand)."""
    title: str
    """Its title."""
    links: tuple[str, ...]
    """The links of its sources."""


class Unread(NamedTuple):
    """A page behind a hand-written item that could not be read."""

    url: str
    """Its address."""
    tries: int
    """Failed reads in a row."""
    failure: str
    """Why the last read failed (Vietnamese)."""
    retry: datetime
    """When it may be read again."""


def week_key(day: date) -> str:
    """ISO year and week: ``2026-W19``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


class Store:
    """One SQLite database; use as a context manager (commits on success)."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(path)
        self._db.row_factory = sqlite3.Row
        self._db.executescript(SCHEMA)
        if "at" not in {row["name"] for row in self._db.execute("PRAGMA table_info(seen)")}:
            self._db.execute("ALTER TABLE seen ADD COLUMN at TEXT")  # a state folder from before runs were kept

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self._db.commit()
        self._db.close()

    def commit(self) -> None:
        """Make what was recorded so far durable."""
        self._db.commit()

    def cached(self, urls: Iterable[str]) -> dict[str, Cached]:
        """The last good answer of each feed URL that has one."""
        found = {}
        for url in urls:
            row = self._db.execute("SELECT etag, last_modified, body, final_url, content_type FROM feeds WHERE url = ?",
                                   (url,)).fetchone()
            if row:
                found[url] = Cached(etag=row["etag"], last_modified=row["last_modified"], body=bytes(row["body"]),
                                    url=row["final_url"], content_type=row["content_type"])
        return found

    def save_body(self, url: str, body: Cached, when: str) -> None:
        """Remember a fresh good answer of ``url``."""
        self._db.execute("INSERT OR REPLACE INTO feeds VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (url, body.etag, body.last_modified, body.body, body.url, body.content_type, when))

    def parsed(self, versions: Mapping[str, str]) -> dict[str, str]:
        """Entries (as JSON) of each feed's last good body, when parsed by the parser version given for its URL."""
        found = {}
        for url, version in versions.items():
            row = self._db.execute("SELECT entries FROM parsed WHERE url = ? AND version = ?", (url, version)).fetchone()
            if row:
                found[url] = row["entries"]
        return found

    def save_parsed(self, url: str, version: str, entries: str) -> None:
        """Remember the entries of the body just saved for ``url``."""
        self._db.execute("INSERT OR REPLACE INTO parsed VALUES (?, ?, ?)", (url, version, entries))

    def record_outcome(self, source: str, day: date, ok: bool) -> None:
        """Count one run of ``source`` in the ISO week of ``day``."""
        self._db.execute(
            "INSERT INTO outcomes VALUES (?, ?, ?, ?) ON CONFLICT (source, week) DO UPDATE SET "
            "failures = failures + excluded.failures, successes = successes + excluded.successes",
            (source, week_key(day), int(not ok), int(ok)))

    def failing_weeks(self, source: str, day: date) -> int:
        """Consecutive ISO weeks, back from the week of ``day``, in which ``source`` only failed."""
        count = 0
        while True:
            row = self._db.execute("SELECT failures, successes FROM outcomes WHERE source = ? AND week = ?",
                                   (source, week_key(day - timedelta(weeks=count)))).fetchone()
            if not row or row["failures"] == 0 or row["successes"] > 0:
                return count
            count += 1

    def seen(self, issue: str) -> list[Seen]:
        """Every entry written into ``issue``'s file."""
        rows = self._db.execute("SELECT candidate, member, title, link FROM seen WHERE issue = ?", (issue,))
        return [Seen(**row) for row in rows]

    def rejected(self) -> list[Rejected]:
        """Every entry an editor deleted, in any issue."""
        return [Rejected(**row) for row in self._db.execute("SELECT member, title, link, issue FROM rejected")]

    def reject(self, issue: str, candidates: Iterable[str], when: str) -> int:
        """Move the entries of deleted ``candidates`` of ``issue`` to ``rejected``; how many were new there."""
        added = 0
        for candidate in candidates:
            added += self._db.execute(
                "INSERT OR IGNORE INTO rejected SELECT member, candidate, issue, title, link, ? FROM seen "
                "WHERE issue = ? AND candidate = ?", (when, issue, candidate)).rowcount
        return added

    def reject_item(self, issue: str, item: RejectedItem, when: str) -> None:
        """Record that the editor rejected ``item`` of ``issue``: every entry the collector wrote as
        it, and its id and links even when no run wrote it (a hand-added item, a lost state)."""
        if item.candidate:
            self.reject(issue, [item.candidate], when)
        members = [(item.candidate, item.links[0] if item.links else "")] if item.candidate else []
        members += [(item_id("", "", link, ""), link) for link in item.links]
        for member, link in members:
            self._db.execute("INSERT OR IGNORE INTO rejected VALUES (?, ?, ?, ?, ?, ?)",
                             (member, item.candidate or member, issue, item.title, link, when))

    def unreject(self, issue: str, when: str) -> None:
        """Forget the rejections of ``issue`` recorded at ``when`` (the editor took one back)."""
        self._db.execute("DELETE FROM rejected WHERE issue = ? AND at = ?", (issue, when))

    def unread(self, urls: Iterable[str]) -> dict[str, Unread]:
        """What the state remembers of those of ``urls`` that could not be read."""
        found = {}
        for url in set(urls):
            row = self._db.execute("SELECT tries, failure, retry FROM unread WHERE url = ?", (url,)).fetchone()
            if row:
                found[url] = Unread(url, row["tries"], row["failure"], datetime.fromisoformat(row["retry"]))
        return found

    def record_unread(self, url: str, failure: str, now: datetime) -> Unread:
        """Remember that ``url`` could not be read at ``now``; when to try it again (:data:`RETRY_AFTER`)."""
        before = self.unread([url]).get(url)
        tries = before.tries + 1 if before else 1
        page = Unread(url, tries, failure, now + RETRY_AFTER[min(tries, len(RETRY_AFTER)) - 1])
        self._db.execute("INSERT OR REPLACE INTO unread VALUES (?, ?, ?, ?, ?)",
                         (url, tries, failure, now.isoformat(), page.retry.isoformat()))
        return page

    def forget_unread(self, urls: Iterable[str]) -> None:
        """Forget the failures of ``urls`` (they were read)."""
        self._db.executemany("DELETE FROM unread WHERE url = ?", [(url,) for url in urls])

    def unreject_links(self, links: Iterable[str]) -> None:
        """Forget every rejection of an entry with one of ``links`` (the editor added it back)."""
        keys = {canonical(link) for link in links} - {""}
        for row in self._db.execute("SELECT member, link FROM rejected").fetchall():
            if canonical(row["link"] or "") in keys:
                self._db.execute("DELETE FROM rejected WHERE member = ?", (row["member"],))

    def mark_seen(self, issue: str, candidates: Iterable[Candidate], when: str = "") -> None:
        """Remember every entry of ``candidates`` as written into ``issue``'s file at ``when``."""
        for c in candidates:
            for member, link in c.members:
                self._db.execute("INSERT OR IGNORE INTO seen VALUES (?, ?, ?, ?, ?, ?)",
                                 (issue, c.id, member, c.title, link, when))

    def page_days(self, urls: Iterable[str]) -> dict[str, date]:
        """The day each article page stated when an earlier run read it, for those of ``urls`` read."""
        found = {}
        for url in urls:
            row = self._db.execute("SELECT day FROM pages WHERE url = ?", (url,)).fetchone()
            if row and row["day"]:
                found[url] = date.fromisoformat(row["day"])
        return found

    def save_page_days(self, days: Mapping[str, date], when: str) -> None:
        """Remember the day each article page (URL -> day) states."""
        for url, day in days.items():
            self._db.execute("INSERT OR REPLACE INTO pages VALUES (?, ?, ?)", (url, day.isoformat(), when))

    def record_run(self, issue: str, when: str, added: int) -> None:
        """Remember a run for ``issue`` that read some source and wrote ``added`` candidates."""
        self._db.execute("INSERT OR REPLACE INTO runs VALUES (?, ?, ?)", (issue, when, added))

    def last_run(self, issue: str) -> LastRun | None:
        """The latest run recorded for ``issue``, with the candidates it wrote."""
        row = self._db.execute("SELECT at, added FROM runs WHERE issue = ? ORDER BY at DESC LIMIT 1", (issue,)).fetchone()
        if row is None:
            return None
        ids = self._db.execute("SELECT DISTINCT candidate FROM seen WHERE issue = ? AND at = ?", (issue, row["at"]))
        return LastRun(row["at"], row["added"], frozenset(r["candidate"] for r in ids))
