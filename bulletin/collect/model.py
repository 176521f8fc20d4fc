"""Typed values passed between the collector's stages: fetch -> parse -> select -> append."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from ..config import FeedSource
from ..model import Publication, Source

MiB = 1024 * 1024


class Status(StrEnum):
    """How reading one source ended."""

    OK = "ok"
    NOT_MODIFIED = "304"
    TIMEOUT = "timeout"
    HTTP_ERROR = "http"
    NOT_FEED = "not-feed"
    CHALLENGE = "challenge"
    """The site answered a JavaScript/cookie challenge meant to stop scripts."""
    PARSE_ERROR = "parse-error"
    TOO_LARGE = "too-large"
    REFUSED = "refused"
    REDIRECTS = "redirects"
    NETWORK = "network"


GOOD = frozenset({Status.OK, Status.NOT_MODIFIED})
"""Statuses of a source that was read."""
MAX_ITEMS_READ = 2000
"""Items read from one feed body (the rest is cut before parsing, and reported)."""
MAX_ITEMS_TAKEN = 30
"""Candidates taken from one source in one run, newest first (the rest is reported)."""


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """Limits of one collector run's HTTP client."""

    connect_timeout: float = 20.0
    """Seconds to wait for a TCP/TLS connection (and for DNS)."""
    read_timeout: float = 20.0
    """Seconds to wait for the next bytes of an answer."""
    total_timeout: float = 120.0
    """Seconds one feed may take in all, redirects included (stops a server that trickles bytes)."""
    max_bytes: int = 15 * MiB
    """Largest body accepted, counted after decompression."""
    max_redirects: int = 5
    """Redirect hops followed before giving up."""
    concurrency: int = 16
    """Feeds fetched at once."""
    user_agent: str = "Mozilla/5.0 (compatible; bulletin-collector/0.1)"
    """User-Agent header (ASCII); :func:`user_agent` makes the configured department's."""
    allow_private: bool = False
    """Allow every loopback and private address (tests, intranet portals)."""
    allowed_hosts: tuple[str, ...] = ()
    """Host names, addresses or networks (``10.1.2.0/24``) allowed even when private addresses are
    refused. Link-local (cloud metadata), multicast, unspecified and IPv4-mapped addresses are never
    allowed, and a feed on a public address never redirects to a private one."""


@dataclass(frozen=True, slots=True)
class Cached:
    """What the state remembers of a feed's last good answer."""

    etag: str
    """``ETag`` of the last good answer, or ''."""
    last_modified: str
    """``Last-Modified`` of the last good answer, or ''."""
    body: bytes
    """The last good body, reused on ``304 Not Modified``."""
    url: str
    """The URL the body finally came from (after redirects)."""
    content_type: str
    """Its ``Content-Type``."""


@dataclass(frozen=True, slots=True)
class Got:
    """The outcome of fetching one URL."""

    status: Status
    """How the fetch ended."""
    detail: str
    """Vietnamese reason (``HTTP 403``, ``hết thời gian chờ``), or ''."""
    body: Cached | None = None
    """The answer (the cached one on 304; the start of an error page); None when nothing came."""
    from_network: bool = False
    """True when ``body`` came from the network."""
    http_status: int | None = None
    """The final HTTP status code, when a server answered."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """The outcome of fetching one source."""

    source: FeedSource
    """The source as configured."""
    status: Status
    """How the fetch ended."""
    detail: str
    """Vietnamese reason shown in the report (``HTTP 410``, ``hết thời gian chờ``), or ''."""
    body: Cached | None = None
    """The body to parse (from the network, or the cached one on 304); None on failure."""
    from_network: bool = False
    """True when ``body`` came from the network and should be cached."""
    http_status: int | None = None
    """The final HTTP status code, when a server answered."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One feed item, cleaned: NFC, modern tone marks, no HTML, no tracking parameters."""

    source: FeedSource
    """Where it came from."""
    id: str
    """Stable id (12 hex digits) from the GUID, the link or the title."""
    title: str
    """Plain-text title."""
    link: str
    """Absolute http(s) link without tracking parameters, or ''."""
    summary: str
    """Plain-text sapo (the feed's description), or ''."""
    published: datetime | None
    """Publication time in Asia/Ho_Chi_Minh, or None when the feed gives no usable date."""


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """The outcome of parsing one body (a feed, or a listing page)."""

    status: Status
    """``ok``, ``not-feed``, ``challenge`` or ``parse-error``."""
    detail: str
    """Vietnamese reason when not ``ok``; for a feed read in part, what was left out."""
    entries: tuple[Entry, ...]
    """Cleaned items, in feed (or page) order."""
    bad_dates: int = 0
    """Items whose date was written but could not be read."""
    feeds: tuple[str, ...] = ()
    """For an HTML page: the feeds it declares (``<link rel="alternate">``)."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One new untagged item for the issue file: a story, possibly syndicated by several sources."""

    id: str
    """The id written in the ``<!-- bulletin: id=… -->`` comment (its first entry's id)."""
    title: str
    """Plain-text title."""
    day: date | None
    """Earliest publication day among its entries."""
    sources: tuple[Source, ...]
    """Every source that carried the story, in ``sources.yaml`` order."""
    summary: str
    """Plain-text sapo."""
    hint: str
    """Suggested tag: ``local`` or ``national``."""
    notes: tuple[str, ...]
    """Flags for the editor (no date, future date)."""
    members: tuple[tuple[str, str], ...]
    """``(id, link)`` of every entry merged into it."""


@dataclass(slots=True)
class Tally:
    """Counts for one source (filled while selecting)."""

    seen: int = 0
    """Items in the feed."""
    undated: int = 0
    """Items without a usable date (never placed in a week)."""
    in_week: int = 0
    """Items dated inside the issue's week."""
    relevant: int = 0
    """Of those, items matching the keywords."""
    new: int = 0
    """Items that became a new candidate (or joined one)."""
    duplicates: int = 0
    """Items merged with another source's story, or matching an item already in the file."""
    known: int = 0
    """Items already in the file or seen (or rejected) in an earlier run."""
    capped: int = 0
    """New items left out because the source gave more than the per-run cap (oldest first)."""


@dataclass(frozen=True, slots=True)
class SourceReport:
    """One row of the final table."""

    name: str
    """Display name of the source."""
    url: str
    """Feed URL."""
    status: Status
    """How reading it ended."""
    detail: str
    """Reason, for failures; for a feed read in part, what was left out."""
    tally: Tally = field(default_factory=Tally)
    """Counts."""
    failing_weeks: int = 0
    """Consecutive weeks (this one included) in which the source only failed."""


@dataclass(frozen=True, slots=True)
class CollectResult:
    """What a collector run did."""

    path: str
    """The issue file, as shown to the editor."""
    created: bool
    """True when the run created the file."""
    added: int
    """Candidates appended."""
    sources: tuple[SourceReport, ...]
    """One row per enabled source, in ``sources.yaml`` order."""
    cap: int = MAX_ITEMS_TAKEN
    """New candidates taken from one source in the run."""
    unread: tuple[tuple[str, str, str], ...] = ()
    """(title, link, reason) of each new candidate whose article page could not be read: it keeps
    the feed's text."""
    filled: int = 0
    """Hand-written items (a title and a ``- nguồn:`` link) filled in from their page."""

    @property
    def succeeded(self) -> bool:
        """At least one source was read."""
        return any(s.status in GOOD for s in self.sources)


def user_agent(publication: Publication) -> str:
    """The User-Agent naming who collects: the department and its website from the configuration,
    folded to ASCII as HTTP headers require ("Sở KH&CN Điện Biên" -> "So KH&CN Dien Bien")."""
    def ascii_only(text: str) -> str:
        folded = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
        return "".join(ch for ch in folded if ch.isascii() and ch.isprintable() and ch not in "();")

    who = " ".join(ascii_only(f"{publication.department}, {publication.province}").split())
    site = f"; +{publication.website}" if publication.website.isascii() else ""
    return f"Mozilla/5.0 (compatible; bulletin-collector/0.1{site}; {who})"


@dataclass(frozen=True, slots=True)
class Picture:
    """A lead picture, downloaded and checked by Pillow (JPEG or PNG; WebP is converted)."""

    data: bytes
    """The file's bytes."""
    suffix: str
    """``.jpg`` or ``.png``."""
    width: int
    """Pixel width."""
    height: int
    """Pixel height."""


@dataclass(frozen=True, slots=True)
class Article:
    """What the page behind a link holds, or why it could not be read (``failure``)."""

    url: str
    """The link that was read (as asked, before redirects)."""
    title: str = ""
    """The page's title, plain text."""
    site: str = ""
    """The page's own name for its site (``og:site_name``, …), plain text, or ''."""
    text: str = ""
    """The main text, plain NFC text; paragraphs separated by a blank line."""
    lead: str = ""
    """The page's own sapo (its description), plain text, or ''."""
    date: date | None = None
    """The publication day the page states, or None."""
    author: str = ""
    """Author(s) as the page names them, or ''."""
    picture_url: str = ""
    """The lead picture's address (``og:image``, else the first figure), or ''."""
    picture_caption: str = ""
    """The picture's caption (the page's figcaption or alt text) without its credit, or ''."""
    picture_credit: str = ""
    """Who the caption says took the picture (``Reuters``), or ''."""
    picture: Picture | None = None
    """The lead picture itself, when it was downloaded and usable."""
    picture_failure: str = ""
    """Why the lead picture was left out (Vietnamese: ``ảnh quá nhỏ …``), or ''."""
    failure: str = ""
    """Why the page could not be read (Vietnamese: ``HTTP 403``, ``trang cần JavaScript``…), or ''."""

    @property
    def readable(self) -> bool:
        """True when the page gave a text to draft from."""
        return not self.failure and bool(self.text)
