"""Links an editor pastes (``bulletin add N URL…``): each page becomes a drafted candidate.

Each page is read as the collector reads the page behind a feed item (same guard, limits and
politeness) and appended to the candidate area like the collector's candidates. A link the issue
already holds is not added again: the result says where it is (``issues/2026/17.md:42``). Nor is a
link the editor rejected earlier (deleted, or "Loại" on the desk), unless asked to (``force``): the
rejection is then forgotten, so the item stays.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from ..config import FeedSource, Settings
from ..model import Source
from ..project import shown
from ..text import TZ
from .append import insert_text
from .article import read_articles
from .enrich import drafted
from .issuefile import addresses, scan
from .model import Article, Candidate, FetchOptions
from .run import suggested_tags, write_drafted
from .select import names_province
from .session import issue_session
from .store import Rejected
from .urls import canonical, item_id, site_name, site_source, strip_tracking


@dataclass(frozen=True, slots=True)
class AddRequest:
    """Everything ``bulletin add`` needs."""

    settings: Settings
    """The project settings."""
    number: int
    """Issue number."""
    year: int | None
    """Issue year; None = as for ``collect``."""
    urls: tuple[str, ...]
    """The pasted addresses, in the order given."""
    sources: tuple[FeedSource, ...] = ()
    """The configured sources: a page of one of their sites is credited to it by name."""
    fetch: FetchOptions = FetchOptions()
    """HTTP limits."""
    state_dir: Path | None = None
    """Where the collector's state lives; None = ``<project>/.state``."""
    now: datetime = field(default_factory=lambda: datetime.now(TZ))
    """The run's time."""
    force: bool = False
    """Add links the editor rejected earlier too (their rejection is forgotten)."""


@dataclass(frozen=True, slots=True)
class Pasted:
    """What became of one pasted address."""

    url: str
    """The address as given."""
    title: str = ""
    """The candidate's title, when it was added."""
    where: str = ""
    """``issues/2026/17.md:42`` when the issue already holds the address (nothing added)."""
    failure: str = ""
    """Why it was not added: not an http(s) address, or the page could not be read."""
    rejected: Rejected | None = None
    """The editor's earlier rejection of this address, when that kept it out (nothing added)."""

    @property
    def added(self) -> bool:
        """True when a candidate was appended."""
        return bool(self.title) and not self.where and not self.failure and self.rejected is None


@dataclass(frozen=True, slots=True)
class AddResult:
    """What ``bulletin add`` did."""

    path: str
    """The issue file, as shown to the editor."""
    created: bool
    """True when the command created the file."""
    links: tuple[Pasted, ...]
    """One per pasted address, in the order given."""


def add_links(request: AddRequest, on_read: Callable[[Article], None] = lambda _a: None) -> AddResult:
    """Append a drafted candidate for every new, readable address. Raises :class:`BulletinError`
    when the file cannot be written safely."""
    with issue_session(request.settings, request.number, request.year, request.state_dir) as session:
        issue = session.issue
        refused = {} if request.force else _rejections(session.store.rejected())
        outcomes, wanted = _triage(request.urls, addresses(issue), str(shown(issue.path)), refused)
        articles = read_articles(list(wanted.values()), request.fetch, request.settings.sites, on_done=on_read)
        candidates = []
        for url, clean in wanted.items():
            article = articles[clean]
            if article.readable:
                candidates.append(_candidate(article, request, issue.week))
                outcomes[url] = Pasted(url, title=candidates[-1].title)
            else:
                outcomes[url] = Pasted(url, failure=f"không đọc được trang: {article.failure or 'trang không có nội dung'}")
        if candidates:
            made = drafted(candidates, articles, issue.path)
            write_drafted(issue, insert_text(issue, scan(issue), made.text), made.pictures)
            session.store.mark_seen(session.key, candidates, request.now.isoformat())
            session.store.unreject_links([c.sources[0].url for c in candidates])
        return AddResult(str(shown(issue.path)), not issue.exists and bool(candidates),
                         tuple(outcomes[u] for u in request.urls))


def _rejections(rejected: Sequence[Rejected]) -> dict[str, Rejected]:
    """The editor's rejections by the canonical form of their link."""
    return {canonical(r.link): r for r in rejected if canonical(r.link)}


def _triage(urls: Sequence[str], known: dict[str, int], path: str,
            rejected: dict[str, Rejected]) -> tuple[dict[str, Pasted], dict[str, str]]:
    """Addresses refused at once (not http(s), already in the file, rejected earlier, given twice), and
    those to read (as given -> without tracking parameters)."""
    outcomes: dict[str, Pasted] = {}
    wanted: dict[str, str] = {}
    taken: set[str] = set()
    for url in urls:
        key = canonical(url) if urlsplit(url).scheme.lower() in ("http", "https") else ""
        if not key:
            outcomes[url] = Pasted(url, failure="không phải địa chỉ http:// hoặc https://")
        elif key in known:
            outcomes[url] = Pasted(url, where=f"{path}:{known[key]}")
        elif key in rejected:
            outcomes[url] = Pasted(url, rejected=rejected[key])
        elif key in taken:
            outcomes[url] = Pasted(url, failure="địa chỉ này đã được nêu trước đó trong cùng lệnh")
        else:
            taken.add(key)
            wanted[url] = strip_tracking(url)
    return outcomes, wanted


def _candidate(article: Article, request: AddRequest, week: tuple[date, date]) -> Candidate:
    """A candidate for a pasted page, named after the configured source of its site, else the name the
    page gives its site, else its host."""
    source = site_source(article.url, request.sources)
    name = site_name(article.url, request.sources, article.site)
    tags = suggested_tags(request.settings.publication)
    local = (source is not None and source.scope == "local") or names_province(
        f"{article.title}\n{article.lead}\n{article.text[:2000]}", request.settings.publication.province)
    title = article.title or name
    ident = item_id(article.url, "", article.url, title)
    notes = () if article.date is None or week[0] <= article.date <= week[1] else ("ngày đăng ngoài tuần của số",)
    return Candidate(id=ident, title=title, day=article.date, sources=(Source(name=name, url=article.url),),
                     summary=article.lead, hint=tags["local_tag" if local else "national_tag"], notes=notes,
                     members=((ident, article.url),))
