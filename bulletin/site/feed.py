"""``feed.xml``: an Atom 1.0 feed (RFC 4287) of the newest issues.

Each entry's title is "Số 16/2026 – " and the issue's headline exactly as the editor wrote it; its
``published`` and ``updated`` are the issue's date (the week's last day), never the build time, so a
rebuild does not make readers' feed readers show the issue again; the summary names the
number, the week and the parts with their items; the entry links to the HTML edition, the PDF
(``enclosure``) and the Word edition (``related``). Links are relative to ``xml:base`` (the
archive's public URL) so the same file is right wherever the archive is hosted.
"""
from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from ..model import Publication
from .model import ArchiveIssue
from .pages import base_url, environment, newest_first

FEED_SIZE = 30
"""How many of the newest issues the feed carries."""


def _host(pub: Publication) -> str:
    return urlsplit(pub.base_url or pub.website).hostname or "localhost"


def atom_id(pub: Publication, issue: ArchiveIssue) -> str:
    """A permanent ``tag:`` URI (RFC 4151) for an issue; it does not change if the archive moves."""
    return f"tag:{_host(pub)},{issue.year}:diem-tin/{issue.year}/{issue.number}"


def summary(issue: ArchiveIssue) -> str:
    """``Số 16/2026 — Tuần từ 27/4-03/5/2026. Tin trong nước (2 tin): A; B. …``"""
    parts = []
    for part in issue.parts:
        count = f" ({part.count} tin)" if part.count > 1 else ""
        parts.append(f"{part.title}{count}: {'; '.join(part.items)}.")
    return " ".join([f"{issue.week}.", *parts])


def render_feed(pub: Publication, issues: Sequence[ArchiveIssue]) -> str:
    """The feed's XML text."""
    entries = newest_first(issues)[:FEED_SIZE]
    updated = max((i.published for i in entries), default="1970-01-01T00:00:00+07:00")
    return environment().get_template("feed.xml").render(
        pub=pub, base=base_url(pub), issues=entries, updated=updated,
        feed_id=f"tag:{_host(pub)},2000:diem-tin", entry_id=lambda i: atom_id(pub, i), summary=summary)
