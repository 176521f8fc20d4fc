"""Links from each issue page of the archive to the previous and the next issue.

The web edition carries an empty ``<!--ke-ben--><!--/ke-ben-->`` slot in its top bar; after every
site build the slot of each issue page is filled with relative links to its neighbours, so adding
an issue also updates the page of the one before it.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from markupsafe import escape

from ..atomic import write_if_changed
from .model import ArchiveIssue

SLOT = re.compile(r"<!--ke-ben-->.*?<!--/ke-ben-->", re.S)
"""The neighbours slot of an issue page."""


def neighbours_html(older: ArchiveIssue | None, newer: ArchiveIssue | None) -> str:
    """The slot's content: ``← Số 15/2026`` and ``Số 17/2026 →`` (relative links)."""
    links = []
    if older:
        links.append(f'<a href="../../{older.page}" rel="prev">← Số trước: {escape(older.label)}</a>')
    if newer:
        links.append(f'<a href="../../{newer.page}" rel="next">Số sau: {escape(newer.label)} →</a>')
    return f"<!--ke-ben-->{''.join(links)}<!--/ke-ben-->"


def link_neighbours(site: Path, issues: Sequence[ArchiveIssue]) -> list[str]:
    """Fill every issue page's slot; return the pages that changed."""
    ordered = sorted(issues, key=lambda i: i.key)
    changed = []
    for n, issue in enumerate(ordered):
        page = site / issue.page
        try:
            html = page.read_text(encoding="utf-8")
        except OSError:
            continue
        older = ordered[n - 1] if n else None
        newer = ordered[n + 1] if n + 1 < len(ordered) else None
        filled = SLOT.sub(lambda _: neighbours_html(older, newer), html, count=1)
        if write_if_changed(page, filled.encode("utf-8")):
            changed.append(issue.page)
    return changed
