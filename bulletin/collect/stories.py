"""Entries of every source -> new candidates: week, relevance, already known, syndicated stories."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from ..config import FeedSource
from ..model import Source
from ..text import TZ
from .dedupe import TitleIndex, title_key
from .model import Candidate, Entry, Tally
from .neardup import TextIndex, signature
from .select import Keywords, compile_keywords, in_week, names_province, relevant
from .urls import canonical

_KNOWN = "known"
"""Label of titles already in the file (or rejected) inside the title index."""


@dataclass(frozen=True, slots=True)
class Known:
    """What must not come back: items in the file, seen for this issue, or rejected."""

    ids: frozenset[str]
    """Entry ids."""
    links: frozenset[str]
    """Canonical links."""
    titles: tuple[str, ...]
    """Titles (compared by similarity)."""
    texts: tuple[str, ...] = ()
    """Texts of the items in the file (compared as near-duplicates)."""


@dataclass(frozen=True, slots=True)
class Rules:
    """How entries are chosen for one issue."""

    week: tuple[date, date]
    """First and last day of the issue's week."""
    keywords: Keywords
    """Global relevance keywords."""
    province: str
    """The province: naming it suggests the ``local`` tag."""
    now: datetime
    """The run's time, to flag future dates."""
    national_tag: str = "national"
    """The tag suggested for other news: the tag of the configured part with role ``national``."""
    local_tag: str = "local"
    """The tag suggested for local news: the tag of the configured part with role ``local``."""
    cap: int = 30
    """New entries taken from one source, newest first; the rest are counted as capped."""


def choose(feeds: Sequence[tuple[FeedSource, Sequence[Entry]]], rules: Rules, known: Known,
           texts: Mapping[str, str] | None = None) -> tuple[list[Candidate], dict[str, Tally]]:
    """New candidates, in date order, and the counts per source URL. ``texts`` (link -> the article's
    full text, for the pages that were read) lets the same story under different titles be recognised."""
    tallies = {source.url: Tally() for source, _ in feeds}
    pool = [e for source, entries in feeds for e in _filter(source, entries, rules, known, tallies[source.url])]
    clusters = _cluster(pool, known, tallies, texts or {})
    candidates = [_candidate(c, rules) for c in clusters]
    candidates.sort(key=lambda c: (c.day is None, c.day or rules.week[0]))
    return candidates, tallies


def pending(feeds: Sequence[tuple[FeedSource, Sequence[Entry]]], rules: Rules, known: Known) -> list[Entry]:
    """Entries whose article page is worth reading: relevant, not known, and dated in the week or
    not dated at all (the page may give the date). At most ``rules.cap`` per source."""
    return [e for source, entries in feeds for e in _filter(source, entries, rules, known, Tally(), undated=True)]


def _filter(source: FeedSource, entries: Sequence[Entry], rules: Rules, known: Known, tally: Tally,
            undated: bool = False) -> list[Entry]:
    include, exclude = compile_keywords(source.include), compile_keywords(source.exclude)
    kept, ids = [], set()
    for entry in entries:
        if entry.id in ids:
            continue
        ids.add(entry.id)
        tally.seen += 1
        if entry.published is None and not undated:
            tally.undated += 1
            continue
        if entry.published is not None and not in_week(entry.published, rules.week):
            continue
        tally.in_week += 1
        if not relevant(f"{entry.title}\n{entry.summary}", rules.keywords, include, exclude):
            continue
        tally.relevant += 1
        if entry.id in known.ids or (entry.link and canonical(entry.link) in known.links):
            tally.known += 1
            continue
        kept.append(entry)
    return _newest(kept, rules.cap, tally)


def _newest(entries: list[Entry], cap: int, tally: Tally) -> list[Entry]:
    """The ``cap`` newest of ``entries`` (all dated), in feed order; the rest are counted as capped."""
    if len(entries) <= cap:
        return entries
    tally.capped = len(entries) - cap
    chosen = {id(e) for e in sorted(entries, key=lambda e: e.published or datetime.max.replace(tzinfo=TZ),
                                    reverse=True)[:cap]}
    return [e for e in entries if id(e) in chosen]


def _cluster(pool: list[Entry], known: Known, tallies: dict[str, Tally], full: Mapping[str, str]) -> list[list[Entry]]:
    """Entries grouped into stories: same link, alike titles, or near-duplicate texts (the article's
    text from ``full`` when its page was read, else the feed's sapo)."""
    known_keys = [title_key(t) for t in known.titles]
    keys = [title_key(e.title) for e in pool]
    titles, texts = TitleIndex(known_keys + keys), TextIndex()
    for key in known_keys:
        titles.add(key, _KNOWN)
    for text in known.texts:
        texts.add(text, _KNOWN)
    clusters: list[list[Entry]] = []
    by_link: dict[str, int] = {}
    for entry, key in zip(pool, keys):
        link, text = canonical(entry.link), signature(full.get(entry.link) or entry.summary)
        label = by_link.get(link) if link else None
        label = titles.find(key) if label is None else label
        label = texts.find(text) if label is None else label
        tally = tallies[entry.source.url]
        if label == _KNOWN:
            tally.duplicates += 1
            continue
        if not isinstance(label, int):
            clusters.append([])
            label = len(clusters) - 1
            titles.add(key, label)
            tally.new += 1
        else:
            tally.duplicates += 1
        clusters[label].append(entry)
        texts.add(text, label)
        if link:
            by_link.setdefault(link, label)
    return clusters


def _candidate(entries: list[Entry], rules: Rules) -> Candidate:
    first = entries[0]
    dates = [e.published for e in entries if e.published]
    sources: dict[str, Source] = {}
    for e in entries:
        sources.setdefault(e.source.name, Source(name=e.source.name, url=e.link or e.source.url))
    text = " ".join(f"{e.title} {e.summary}" for e in entries)
    local = any(e.source.scope == "local" for e in entries) or names_province(text, rules.province)
    notes = []
    if dates and min(dates) > rules.now:
        notes.append("ngày đăng ở tương lai")
    return Candidate(
        id=first.id,
        title=first.title,
        day=min(dates).date() if dates else None,  # every entry is dated: undated ones are never chosen
        sources=tuple(sources.values()),
        summary=next((e.summary for e in entries if e.summary), ""),
        hint=rules.local_tag if local else rules.national_tag,
        notes=tuple(notes),
        members=tuple({e.id: (e.id, e.link) for e in entries}.values()),
    )
