"""One collector run: fetch every source, choose new candidates, append them to the issue file.

Gather and check everything first, then write: state (validators, cached bodies, outcomes) is
saved whatever happens to the file; "seen" is recorded only once the file was written.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..config import FeedSource, Settings
from ..errors import BulletinError
from ..model import Publication
from ..project import shown
from ..text import TZ
from .append import insert_text, write_atomically
from .article import read_articles, read_pictures
from .draft import article_for
from .enrich import drafted, redate, remove_pictures, unread, write_pictures
from .fetch import fetch_all
from .issuefile import Contents, IssueFile, scan
from .model import (GOOD, MAX_ITEMS_TAKEN, Article, Candidate, CollectResult, Entry, Fetched, FetchOptions, SourceReport,
                    Status, Tally)
from .pages import looks_like_html
from .parse import ParsedFeed, classify_page, entries_from_json, entries_to_json, parse_source, parser_version
from .select import compile_keywords
from .session import issue_session
from .store import Seen, Store
from .stubs import Stub, drafted_stubs, fill, find_stubs, unread_notes
from .stories import Known, Rules, choose, pending
from .urls import canonical

log = logging.getLogger(__name__)

FAILING_WEEKS = 3
"""A source that only failed for this many weeks running is highlighted."""


@dataclass(frozen=True, slots=True)
class CollectRequest:
    """Everything one run needs."""

    settings: Settings
    """The project settings (root, province)."""
    keywords: tuple[str, ...]
    """Relevance keywords."""
    sources: tuple[FeedSource, ...]
    """Feeds (disabled ones are skipped)."""
    number: int
    """Issue number."""
    year: int | None
    """Issue year; None = the newest year with that number, or the year after the previous issue."""
    fetch: FetchOptions = FetchOptions()
    """HTTP limits."""
    max_per_source: int = MAX_ITEMS_TAKEN
    """New candidates taken from one source in one run, newest first."""
    state_dir: Path | None = None
    """Where the SQLite state lives; None = ``<project>/.state``."""
    now: datetime = field(default_factory=lambda: datetime.now(TZ))
    """The run's time (future dates are flagged; failures are counted per week)."""
    articles: bool = True
    """Read the article page behind each new candidate and draft the item from it."""


def collect(request: CollectRequest, on_fetched: Callable[[Fetched], None] = lambda _f: None,
            on_article: Callable[[Article], None] = lambda _a: None) -> CollectResult:
    """Run the collector once. Raises :class:`BulletinError` when the file cannot be written safely."""
    sources = tuple(s for s in request.sources if s.enabled)
    if not sources:
        raise BulletinError("không có nguồn tin nào đang bật: thêm nguồn vào mục \"sources\" của tệp cấu hình")
    with issue_session(request.settings, request.number, request.year, request.state_dir) as session:
        return _run(request, sources, session.issue, session.key, session.store, (on_fetched, on_article))


def suggested_tags(publication: Publication) -> dict[str, str]:
    """The tags the collector suggests: those of the parts with roles ``national`` and ``local``
    (local news falls back to the national tag when no part is local)."""
    national, local = publication.part_with_role("national"), publication.part_with_role("local")
    national_tag = national.tag if national else ""
    return {"national_tag": national_tag, "local_tag": local.tag if local else national_tag}


def _run(request: CollectRequest, sources: tuple[FeedSource, ...], issue: IssueFile, issue_key: str,
         store: Store, progress: tuple[Callable[[Fetched], None], Callable[[Article], None]]) -> CollectResult:
    log.info("Đang đọc %d nguồn tin cho %s (tuần %s - %s)…", len(sources), shown(issue.path),
             f"{issue.week[0]:%d/%m}", f"{issue.week[1]:%d/%m/%Y}")
    versions = {s.url: parser_version(s) for s in sources}
    results = fetch_all(sources, store.cached(versions), request.fetch, progress[0], _digest(store.parsed(versions)))
    reports, feeds = _reports(results)
    _remember_fetches(store, results, reports, request.now)
    rules = Rules(week=issue.week, keywords=compile_keywords(request.keywords),
                  province=request.settings.publication.province, now=request.now, cap=request.max_per_source,
                  **suggested_tags(request.settings.publication))
    read = _Pages(request, progress[1])
    candidates, tallies, contents, articles = _choose(store, issue, issue_key, feeds, rules, read)
    filled = 0
    if any(r.status in GOOD for r in reports):
        filled = _write(request, issue, contents, candidates, articles, read, store)
    if candidates and any(r.status in GOOD for r in reports):
        store.mark_seen(issue_key, candidates, request.now.isoformat())
        log.info("Đã thêm %d tin ứng viên vào %s", len(candidates), shown(issue.path))
    if any(r.status in GOOD for r in reports):
        store.record_run(issue_key, request.now.isoformat(), len(candidates))
    rows = tuple(SourceReport(r.name, r.url, r.status, r.detail, tallies.get(r.url, Tally()),
                              store.failing_weeks(r.url, request.now.date())) for r in reports)
    for row in rows:
        if row.failing_weeks >= FAILING_WEEKS:
            log.warning("nguồn \"%s\" đã lỗi %d tuần liền (%s): kiểm tra địa chỉ %s trong tệp cấu hình",
                        row.name, row.failing_weeks, row.detail, row.url)
    return CollectResult(str(shown(issue.path)), not issue.exists, len(candidates), rows, request.max_per_source,
                         unread(candidates, articles), filled)


@dataclass(frozen=True, slots=True)
class _Pages:
    """Reads the pages behind entries, then the pictures of the chosen ones (nothing when the
    request says not to)."""

    request: CollectRequest
    """The run."""
    on_article: Callable[[Article], None]
    """Called as each page is read."""

    def __call__(self, entries: list[Entry]) -> dict[str, Article]:
        if not self.request.articles:
            return {}
        links = [e.link for e in entries if e.link]
        log.info("Đang đọc %d bài viết gốc…", len(set(links)))
        return read_articles(links, self.request.fetch, self.request.settings.sites, pictures=False,
                             on_done=self.on_article)

    def pictures(self, articles: list[Article]) -> dict[str, Article]:
        return read_pictures(articles, self.request.fetch) if self.request.articles else {}

    def stubs(self, stubs: list[Stub]) -> dict[str, Article]:
        """The pages behind hand-written stubs, with their pictures."""
        if not self.request.articles or not stubs:
            return {}
        log.info("Đang đọc %d bài viết cho các tin viết tay…", len(stubs))
        return read_articles([s.url for s in stubs], self.request.fetch, self.request.settings.sites,
                             on_done=self.on_article)


def _write(request: CollectRequest, issue: IssueFile, contents: Contents | None, candidates: list[Candidate],
           articles: dict[str, Article], read: _Pages, store: Store) -> int:
    """Fill the hand-written stubs and append the new candidates, in one write; how many stubs were filled.
    A stub whose page could not be read lately waits for its time to be tried again."""
    stubs = find_stubs(issue) if issue.exists and request.articles else []
    waiting = {url for url, page in store.unread(s.url for s in stubs).items() if page.retry > request.now}
    if waiting:
        log.info("%d tin viết tay chưa đọc được trang gốc, chưa đến lúc thử lại (xem ghi chú dưới tin)", len(waiting))
    stub_pages = read.stubs([s for s in stubs if s.url not in waiting])
    notes = unread_notes(stubs, stub_pages, store, request.now)
    if not candidates and issue.exists and not notes and not any(a.readable for a in stub_pages.values()):
        return 0
    contents = contents or scan(issue)
    made = drafted(candidates, articles, issue.path)
    fills, pictures = drafted_stubs(stubs, stub_pages, issue.path, request.settings.sources,
                                    {path.name for path, _data in made.pictures})
    grown, moved = fill(issue, contents, fills, notes)
    data = insert_text(grown, moved, made.text) if candidates or not issue.exists else grown.raw
    write_drafted(issue, data, made.pictures + pictures)
    if fills:
        log.info("Đã điền %d tin viết tay trong %s", len(fills), shown(issue.path))
    return len(fills)


def write_drafted(issue: IssueFile, data: bytes, pictures: Sequence[tuple[Path, bytes]]) -> None:
    """Pictures first (the file refers to them), then the file; pictures are taken back if it fails."""
    write_pictures(pictures)
    try:
        write_atomically(issue, data)
    except BaseException:
        remove_pictures(pictures)
        raise


def _digest(remembered: Mapping[str, str]) -> Callable[[Fetched], ParsedFeed | None]:
    """Parse a fetched body; a 304 reuses the entries remembered with the body."""

    def digest(fetched: Fetched) -> ParsedFeed | None:
        if fetched.body is None:
            return None
        if fetched.status not in GOOD:  # an error page: only a script challenge says more than its status
            page = classify_page(fetched.body) if looks_like_html(fetched.body.body[:4096]) else None
            return page if page is not None and page.status == Status.CHALLENGE else None
        if not fetched.from_network and fetched.source.url in remembered:
            return ParsedFeed(Status.OK, "", entries_from_json(fetched.source, remembered[fetched.source.url]))
        return parse_source(fetched.source, fetched.body)

    return digest


def _reports(results: Sequence[tuple[Fetched, ParsedFeed | None]]) -> tuple[list[SourceReport], list[tuple[FeedSource, tuple[Entry, ...]]]]:
    reports, feeds = [], []
    for f, parsed in results:
        status, detail = (f.status, f.detail) if parsed is None else (
            (f.status if parsed.status == Status.OK else parsed.status), parsed.detail)
        reports.append(SourceReport(f.source.name, f.source.url, status, detail))
        feeds.append((f.source, parsed.entries if parsed else ()))
    return reports, feeds


def _remember_fetches(store: Store, results: Sequence[tuple[Fetched, ParsedFeed | None]],
                      reports: list[SourceReport], now: datetime) -> None:
    for (f, parsed), report in zip(results, reports):
        if f.from_network and f.body is not None and parsed is not None and report.status == Status.OK:
            store.save_body(f.source.url, f.body, now.isoformat())
            store.save_parsed(f.source.url, parser_version(f.source), entries_to_json(parsed.entries))
        store.record_outcome(f.source.url, now.date(), report.status in GOOD)
    store.commit()


def _choose(store: Store, issue: IssueFile, issue_key: str, feeds: list[tuple[FeedSource, tuple[Entry, ...]]],
            rules: Rules, read: _Pages) -> tuple[list[Candidate], dict[str, Tally], Contents | None, dict[str, Article]]:
    """Choose new candidates, the pages behind them read (undated entries too: their page may date
    them). The whole file is parsed only when some item may be new to it."""
    seen = store.seen(issue_key) if issue.exists else []
    known = _known(store, seen, None, issue_key)
    wanted, dated = _to_read(store, pending(feeds, rules, known), rules.week)
    if issue.exists and not wanted:
        return [], choose(redate(feeds, dated, rules.now), rules, known)[1], None, {}
    contents = scan(issue)
    rejected = store.reject(issue_key, _deleted(seen, contents), rules.now.isoformat())
    if rejected:
        log.info("%d tin đã bị biên tập viên xóa; chúng sẽ không được thêm lại", rejected)
    known = _known(store, seen, contents, issue_key)
    wanted, dated = _to_read(store, pending(feeds, rules, known), rules.week)
    articles = read(wanted)
    store.save_page_days({url: a.date for url, a in articles.items() if a.readable and a.date}, rules.now.isoformat())
    texts = {link: article.text for link, article in articles.items() if article.readable}
    candidates, tallies = choose(redate(feeds, dated | articles, rules.now), rules, known, texts)
    chosen = [a for c in candidates if (a := article_for(c, articles)) is not None]
    return candidates, tallies, contents, articles | read.pictures(chosen)


def _to_read(store: Store, entries: list[Entry], week: tuple[date, date]) -> tuple[list[Entry], dict[str, Article]]:
    """The entries whose page must be read now, and the remembered dates of undated entries whose
    page an earlier run read and found dated outside ``week`` (not read again: an undated feed or a
    listing page would otherwise cost the same pages every run)."""
    days = store.page_days(e.link for e in entries if e.published is None and e.link)
    outside = {link: Article(link, date=day) for link, day in days.items() if not week[0] <= day <= week[1]}
    return [e for e in entries if e.link not in outside], outside


def _deleted(seen: list[Seen], contents: Contents) -> set[str]:
    """Candidates written by earlier runs that are no longer in the file (by id or link)."""
    links = {canonical(link) for link in contents.links} - {""}
    kept = {s.candidate for s in seen if s.candidate in contents.ids or (s.link and canonical(s.link) in links)}
    return {s.candidate for s in seen} - kept


def _known(store: Store, seen: list[Seen], contents: Contents | None, issue_key: str) -> Known:
    """Ids, links and titles that must not come back: what the state remembers and, with
    ``contents``, what the file holds. Reads only. A new file starts afresh (``seen`` is empty):
    what an earlier, since deleted, file of this issue held may return, except what editors rejected.
    """
    ids_here = contents.ids if contents else frozenset()
    links_here = {canonical(link) for link in contents.links} if contents else set()
    rejected = store.rejected()
    ids = set(ids_here) | {s.member for s in seen} | {r.member for r in rejected}
    links = links_here | {canonical(r.link) for r in rejected}
    titles = (contents.titles if contents else ()) + tuple(r.title for r in rejected if r.issue == issue_key)
    return Known(ids=frozenset(ids), links=frozenset(links - {""}), titles=titles,
                 texts=contents.texts if contents else ())
