"""Check every configured source now (``bulletin sources``): what an editor needs when a source goes quiet.

For each source: the HTTP status, whether the answer is a feed, how many items it holds, the newest
item's time, how many items match the keywords, and, when the answer is an HTML page that declares
a feed (``<link rel="alternate">``), that feed as a suggestion. Nothing is remembered and no
issue file is touched.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from ..config import FeedSource
from .fetch import fetch_all
from .model import GOOD, Fetched, FetchOptions, Status
from .pages import looks_like_html
from .parse import ParsedFeed, classify_page, parse_source
from .select import compile_keywords, relevant


@dataclass(frozen=True, slots=True)
class Probe:
    """What one source answered."""

    source: FeedSource
    """The source as configured."""
    status: Status
    """How reading it ended."""
    detail: str
    """Vietnamese reason, or what was left out of a long feed; ''."""
    http_status: int | None
    """The final HTTP status, when a server answered."""
    items: int
    """Items read from the feed (0 when it is not one)."""
    newest: datetime | None
    """The newest item's time in Asia/Ho_Chi_Minh."""
    matches: int
    """Items whose title or summary matches the keywords (and the source's include/exclude)."""
    bad_dates: int
    """Items whose date is written but cannot be read."""
    suggestion: str
    """A feed the HTML page declares, when the answer is such a page; ''."""

    @property
    def is_feed(self) -> bool:
        """The answer was read as an RSS/Atom feed."""
        return self.status in GOOD


def probe(sources: Sequence[FeedSource], keywords: Sequence[str], options: FetchOptions,
          on_done: Callable[[Fetched], None] = lambda _f: None) -> tuple[Probe, ...]:
    """Fetch and read every source once, without conditional requests or state."""
    words = compile_keywords(keywords)
    results = fetch_all(sources, {}, options, on_done, _read)
    return tuple(_probe(fetched, parsed, words) for fetched, parsed in results)


def _read(fetched: Fetched) -> ParsedFeed | None:
    if fetched.body is None:
        return None
    if fetched.status in GOOD:
        return parse_source(fetched.source, fetched.body)
    return classify_page(fetched.body) if looks_like_html(fetched.body.body[:4096]) else None


def _probe(fetched: Fetched, parsed: ParsedFeed | None, words) -> Probe:
    status, detail = (fetched.status, fetched.detail) if parsed is None else (
        (fetched.status if parsed.status == Status.OK else parsed.status), parsed.detail or fetched.detail)
    entries = parsed.entries if parsed else ()
    include, exclude = compile_keywords(fetched.source.include), compile_keywords(fetched.source.exclude)
    dated = [e.published for e in entries if e.published]
    return Probe(
        source=fetched.source, status=status, detail=detail, http_status=fetched.http_status,
        items=len(entries), newest=max(dated) if dated else None,
        matches=sum(1 for e in entries if relevant(f"{e.title}\n{e.summary}", words, include, exclude)),
        bad_dates=parsed.bad_dates if parsed else 0,
        suggestion=parsed.feeds[0] if parsed and parsed.feeds else "",
    )
