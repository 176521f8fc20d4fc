"""Real outlets' pages (served from 127.0.0.1) read field by field, the per-site rules of
sources.yaml, and their schema errors reported all at once with their lines."""
from __future__ import annotations

import dataclasses

import pytest

from bulletin.collect.article import read_articles
from bulletin.config import load_settings
from bulletin.errors import ConfigError

from .article_support import ARTICLES, FAST, HTML
from .feedserver import FEEDS, FeedServer, Route
from .helpers import read_tsv

REAL = ARTICLES / "realworld"
"""Real pages (the VietNamNet one is shared with the feed tests, in fixtures/feeds/realworld)."""


def _page(name: str) -> bytes:
    path = REAL / name
    return (path if path.is_file() else FEEDS / "realworld" / name).read_bytes()


def _append(project, fixture) -> int:
    """Append a fixture block to the project's sources.yaml; the number of lines before it."""
    path = project / "sources.yaml"
    before = path.read_text(encoding="utf-8")
    path.write_text(before.rstrip("\n") + "\n" + fixture.read_text(encoding="utf-8"), encoding="utf-8")
    return before.rstrip("\n").count("\n") + 1


def _expected():
    rows: dict[str, list[tuple[str, str]]] = {}
    for page, field, value in read_tsv(REAL / "expected.tsv", 3):
        rows.setdefault(page, []).append((field, value))
    return [pytest.param(page, fields, id=page) for page, fields in rows.items()]


@pytest.mark.parametrize("page, fields", _expected())
def test_real_pages_give_their_fields(project, page, fields):
    _append(project, REAL / "sites.yaml")
    sites = load_settings(project / "sources.yaml").sites
    # The page is served from 127.0.0.1: its outlet's rule (if any) is moved to that host.
    outlet = page.split("-")[0] + ".vn"
    rules = tuple(dataclasses.replace(s, host="127.0.0.1") for s in sites if s.host == outlet)
    srv = FeedServer()
    srv.routes[f"/{page}"] = Route(body=_page(page), content_type=HTML)
    try:
        url = srv.url(f"/{page}")
        article = read_articles([url], FAST, rules, pictures=False)[url]
    finally:
        srv.close()
    assert article.readable, article.failure
    for field, value in fields:
        name = field.removesuffix(" starts")
        got = str(getattr(article, name) or "")
        assert got.startswith(value) if field.endswith("starts") else got == value, (field, got[:120])


def test_site_rules_are_read_from_sources_yaml(project):
    _append(project, REAL / "sites.yaml")
    (rule,) = load_settings(project / "sources.yaml").sites
    assert (rule.host, rule.body, rule.drop) == ("baochinhphu.vn", ".detail-content", (".detail-like-fb",))


def test_bad_site_rules_are_all_reported_with_their_lines(project):
    offset = _append(project, ARTICLES / "bad-sites.yaml")
    with pytest.raises(ConfigError) as caught:
        load_settings(project / "sources.yaml")
    problems = [(p.line, p.message) for p in caught.value.problems]
    expected = read_tsv(ARTICLES / "bad-sites.tsv", 2)
    assert len(problems) == len(expected), problems
    for (line, message), (want_line, fragment) in zip(problems, expected):
        assert line == offset + int(want_line) and fragment in message, (line, message)
