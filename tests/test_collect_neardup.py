"""Smarter duplicates: the same story from several outlets, under different titles, is recognised by
its text (MinHash on word shingles). Texts and feeds live in ``fixtures/neardup``."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from bulletin.collect import collect
from bulletin.collect.neardup import SIMILAR, TextIndex, similarity
from bulletin.config import FeedSource

from .collect_support import request
from .feedserver import FeedServer, Route
from .helpers import FIXTURES, read_tsv

TEXTS = FIXTURES / "neardup"
PAIRS = read_tsv(TEXTS / "pairs.tsv", 3)
ISSUE = ("issues", "2026", "17.md")


def _text(name: str) -> str:
    return (TEXTS / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("first, second, verdict", PAIRS, ids=lambda cell: cell)
def test_minhash_tells_the_same_story_from_a_different_one(first, second, verdict):
    score = similarity(_text(first), _text(second))
    assert (score >= SIMILAR) == (verdict == "same"), score


def test_a_short_text_is_never_compared():
    index = TextIndex()
    index.add("Hội thảo khoa học", "a")
    assert index.find("Hội thảo khoa học") is None


@pytest.fixture
def outlets() -> Iterator[FeedServer]:
    srv = FeedServer()
    srv.routes["/a.rss"] = Route(body=(TEXTS / "bao-a.rss").read_bytes())
    srv.routes["/b.rss"] = Route(body=(TEXTS / "bao-b.rss").read_bytes())
    yield srv
    srv.close()


def _feeds(server: FeedServer) -> tuple[FeedSource, ...]:
    return (FeedSource("Báo A", server.url("/a.rss"), "national", True, (), ()),
            FeedSource("Báo B", server.url("/b.rss"), "national", True, (), ()))


def test_two_outlets_with_different_titles_make_one_candidate_listing_both(project, outlets):
    result = collect(request(project, _feeds(outlets)))
    assert result.added == 2
    text = project.joinpath(*ISSUE).read_text(encoding="utf-8")
    assert "## Công bố kết quả chế tạo vệ tinh quan sát Trái Đất cỡ nhỏ\n" in text
    assert "made in Vietnam" not in text.split("\n## ")[-2]  # the copy is not a candidate of its own
    assert ("- nguồn: [Báo A](https://baoa.example.vn/cong-bo-ve-tinh-quan-sat-trai-dat-123.html), "
            "[Báo B](https://baob.example.vn/khoa-hoc/ve-tinh-made-in-vietnam-456.htm)\n") in text
    assert "## Hợp tác đào tạo kỹ sư vệ tinh với châu Âu\n" in text
    tallies = {row.name: row.tally for row in result.sources}
    assert (tallies["Báo B"].new, tallies["Báo B"].duplicates) == (1, 1)


def test_a_story_already_in_the_file_under_another_title_is_not_added(project, outlets):
    collect(request(project, _feeds(outlets)[:1]))
    result = collect(request(project, _feeds(outlets)[1:]))
    assert result.added == 1 and result.sources[0].tally.duplicates == 1
    assert "made in Vietnam" not in project.joinpath(*ISSUE).read_text(encoding="utf-8")


def _short_feed(server: FeedServer, outlet: str, title: str, sapo: str) -> bytes:
    text = (TEXTS / "ngan.rss").read_text(encoding="utf-8")
    for key, value in (("{server}", server.url("")), ("{outlet}", outlet), ("{title}", title), ("{sapo}", sapo)):
        text = text.replace(key, value)
    return text.encode("utf-8")


def test_the_article_texts_group_two_outlets_whose_titles_and_sapos_differ(project, outlets):
    outlets.routes["/a-ngan.rss"] = Route(body=_short_feed(outlets, "a", "Công bố vệ tinh quan sát Trái Đất", "Khoa học vũ trụ."))
    outlets.routes["/b-ngan.rss"] = Route(body=_short_feed(outlets, "b", "Vệ tinh made in Vietnam", "Công nghệ vệ tinh."))
    for outlet in "ab":
        outlets.routes[f"/bai/{outlet}.html"] = Route(body=(TEXTS / f"bai-{outlet}.html").read_bytes(),
                                                      content_type="text/html; charset=utf-8")
    feeds = (FeedSource("Báo A", outlets.url("/a-ngan.rss"), "national", True, (), ()),
             FeedSource("Báo B", outlets.url("/b-ngan.rss"), "national", True, (), ()))
    without = collect(request(project, feeds, articles=False))
    assert without.added == 2  # titles and sapos alone do not tell
    project.joinpath(*ISSUE).unlink()
    result = collect(request(project, feeds, articles=True, state_dir=project / "moi"))
    assert result.added == 1
    text = project.joinpath(*ISSUE).read_text(encoding="utf-8")
    assert f"- nguồn: [Báo A]({outlets.url('/bai/a.html')}), [Báo B]({outlets.url('/bai/b.html')})\n" in text

