"""Reading the page behind a link: fields extracted from fixture pages, failures with their reasons,
robots.txt, the User-Agent and at most two requests at a time per site (real server on 127.0.0.1)."""
from __future__ import annotations

import dataclasses

import lxml.html
import pytest

from bulletin.collect.article import PER_HOST, read_articles
from bulletin.collect.extract import site_name
from bulletin.collect.model import user_agent
from bulletin.config import load_settings

from .article_support import ARTICLES, FAST, HTML, site  # noqa: F401
from .feedserver import HangingServer, Route
from .helpers import ROOT, read_tsv


def _expected():
    rows: dict[str, list[tuple[str, str]]] = {}
    for page, field, value in read_tsv(ARTICLES / "expected.tsv", 3):
        rows.setdefault(page, []).append((field, value))
    return [pytest.param(page, fields, id=page) for page, fields in rows.items()]


def _field(article, field: str) -> str:
    text = article.text
    if field in ("text starts", "text ends"):
        return text
    if field == "paragraphs":
        return str(len(text.split("\n\n")))
    value = getattr(article, field)
    return "" if value is None else str(value)


@pytest.mark.parametrize("page, fields", _expected())
def test_each_field_equals_its_expected_value(site, page, fields):
    url = site.url(f"/bai/{page}")
    article = read_articles([url], FAST, pictures=False)[url]
    for field, value in fields:
        expected = value.replace("{server}", site.url(""))
        got = _field(article, field)
        if field == "text starts":
            assert got.startswith(expected), (field, got)
        elif field == "text ends":
            assert got.endswith(expected), (field, got)
        else:
            assert got == expected, (field, got)


def _failures():
    return [pytest.param(path, reason, id=case) for case, path, reason in read_tsv(ARTICLES / "failures.tsv", 3)]


@pytest.mark.parametrize("path, reason", _failures())
def test_an_unreadable_page_says_why(site, path, reason):
    hanging = HangingServer() if path.startswith("(") else None
    try:
        url = hanging.url("/bai.html") if hanging else site.url(path)
        article = read_articles([url], dataclasses.replace(FAST, read_timeout=0.3, total_timeout=1.0))[url]
    finally:
        if hanging:
            hanging.close()
    assert reason in article.failure
    assert not article.readable and article.text == ""


def test_robots_txt_is_read_once_per_site_and_the_user_agent_names_the_department(site):
    publication = load_settings(ROOT / "sources.yaml").publication
    options = dataclasses.replace(FAST, user_agent=user_agent(publication))
    urls = [site.url("/bai/vnexpress-like.html"), site.url("/bai/chinhphu-like.html"), site.url("/rieng/bai.html")]
    articles = read_articles(urls, options, pictures=False)
    assert [bool(a.readable) for a in articles.values()] == [True, True, False]
    paths = [path for path, _headers in site.requests]
    assert paths.count("/robots.txt") == 1 and "/rieng/bai.html" not in paths
    agents = {headers["user-agent"] for _path, headers in site.requests}
    assert agents == {"Mozilla/5.0 (compatible; bulletin-collector/0.1; +https://sokhcn.haiphong.gov.vn/; "
                      "Trung tam Cong nghe thong tin va Truyen thong Hai Phong, Hai Phong)"}


def test_at_most_two_requests_at_a_time_reach_one_site(site):
    body = (ARTICLES / "vnexpress-like.html").read_bytes()
    urls = []
    for n in range(8):
        site.routes[f"/cham/{n}.html"] = Route(body=body, content_type=HTML, delay=0.15)
        urls.append(site.url(f"/cham/{n}.html"))
    articles = read_articles(urls, dataclasses.replace(FAST, concurrency=16), pictures=False)
    assert all(a.readable for a in articles.values())
    assert site.peak == PER_HOST


def test_a_private_address_is_refused_unless_allowed(site):
    url = site.url("/bai/vnexpress-like.html")
    article = read_articles([url], dataclasses.replace(FAST, allow_private=False))[url]
    assert article.failure.startswith("bị chặn") and "địa chỉ nội bộ" in article.failure
    assert site.requests == []


@pytest.mark.parametrize("head,expected", [pytest.param(h, e, id=c)
                                           for c, h, e in read_tsv(ARTICLES / "site-names.tsv", 3)])
def test_the_name_a_page_gives_its_site(head, expected):
    assert site_name(lxml.html.document_fromstring(f"<html><head>{head}</head><body><p>x</p></body></html>")) == expected
