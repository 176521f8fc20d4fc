"""The offline search index: ``search-index.js``, loaded by ``assets/search.js`` on first use.

A plain ``<script>`` file (not JSON fetched over HTTP) because browsers refuse ``fetch`` from
file:// pages; the archive must work straight from a folder. The index is compact: each issue
once, then per item its issue's position, title, lead and anchor. The browser folds text with the
same rule as :func:`bulletin.text.fold` (no diacritics, đ → d, case-folded, single spaces), so
"chuyen doi so" finds "chuyển đổi số".
"""
from __future__ import annotations

import json
from collections.abc import Sequence

from ..markdown import plain
from ..model import Item
from .model import ArchiveIssue, SearchEntry
from .pages import newest_first

GLOBAL = "BULLETIN_SEARCH"
"""The global variable the index file assigns."""


def plain_line(markdown: str) -> str:
    """One paragraph of Markdown as plain text on one line."""
    return " ".join(plain(line) for line in markdown.split("\n") if line.strip()).strip()


def entry(item: Item) -> SearchEntry:
    """What the search keeps of an item."""
    return SearchEntry(title=plain_line(item.title), lead=plain_line(item.lead), anchor=item.anchor)


def search_index(issues: Sequence[ArchiveIssue]) -> str:
    """The JavaScript text of ``search-index.js``, newest issue first."""
    ordered = newest_first(issues)
    data = {
        "issues": [[i.label, i.page, i.theme] for i in ordered],
        "items": [[n, e.title, e.lead, e.anchor] for n, i in enumerate(ordered) for e in i.entries],
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"window.{GLOBAL}={text};\n"
