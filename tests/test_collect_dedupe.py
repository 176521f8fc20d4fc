"""Links, titles and keywords: what makes two items one story, and an item relevant."""
from __future__ import annotations

import itertools
import random

import pytest

from bulletin.collect.dedupe import SIMILAR, TitleIndex, jaccard, title_key
from bulletin.collect.select import compile_keywords, names_province, relevant
from bulletin.collect.urls import canonical, item_id, strip_tracking

from .feedserver import FEEDS
from .helpers import read_tsv


@pytest.mark.parametrize("link,stripped,key", read_tsv(FEEDS / "urls.tsv", columns=3))
def test_tracking_parameters_and_canonical_links(link, stripped, key):
    assert strip_tracking(link) == stripped
    assert canonical(link) == key


def test_links_that_differ_only_by_tracking_share_an_id():
    feed = "https://nguon.example/rss"
    a = item_id(feed, "", "https://vnexpress.net/a-4901.html?utm_source=rss", "Tiêu đề")
    b = item_id(feed, "https://www.vnexpress.net/a-4901.html?fbclid=1", "", "Khác")
    assert a == b and len(a) == 12
    assert item_id(feed, "512345", "https://x.example/1", "") != item_id("https://other.example/rss", "512345", "", "")


@pytest.mark.parametrize("a,b,same", read_tsv(FEEDS / "titles.tsv", columns=3))
def test_title_similarity(a, b, same):
    score = jaccard(title_key(a), title_key(b))
    assert (score >= SIMILAR) == (same == "yes"), score
    index = TitleIndex([title_key(a), title_key(b)])
    index.add(title_key(a), "a")
    assert (index.find(title_key(b)) == "a") == (same == "yes")


def test_prefix_filtering_finds_exactly_what_comparing_every_pair_finds():
    rng = random.Random(7)
    words = "khoa học công nghệ hải phòng chuyển đổi số bán dẫn dữ liệu trung tâm khởi công dự án mới năm".split()
    titles = [" ".join(rng.choice(words) for _ in range(rng.randint(3, 9))) for _ in range(300)]
    keys = [title_key(t) for t in titles]
    index = TitleIndex(keys)
    for n, key in enumerate(keys):
        found = index.find(key)
        best = max((jaccard(key, keys[m]), m) for m in range(n)) if n else (0.0, None)
        if best[0] >= SIMILAR:
            assert found is not None and jaccard(key, keys[found]) == best[0]
        else:
            assert found is None
        index.add(key, n)


@pytest.mark.parametrize("keyword,text,expected", read_tsv(FEEDS / "keywords.tsv", columns=3))
def test_keywords(keyword, text, expected):
    assert compile_keywords([keyword]).match(text) == (expected == "yes")


def test_relevance_with_source_include_and_exclude():
    words, none = compile_keywords(["công nghệ"]), compile_keywords([])
    assert relevant("Ứng dụng công nghệ mới", words, none, none)
    assert not relevant("Giải bóng đá", words, none, none)
    assert relevant("Giải bóng đá thiếu niên", words, compile_keywords(["bóng đá"]), none)
    assert not relevant("Tuyển dụng kỹ sư công nghệ", words, none, compile_keywords(["tuyen dung"]))
    assert relevant("Bất cứ tin gì", none, none, none)


@pytest.mark.parametrize("text,names", [
    ("Hải Phòng thử nghiệm xe buýt tự lái", True),
    ("HAI PHONG thu nghiem", True),
    ("Tin từ Hà Nội", False),
    ("Hải Phòngxyz", False),
])
def test_province_suggests_local(text, names):
    assert names_province(text, "Hải Phòng") == names


def test_every_pair_of_distinct_fixture_titles_is_apart():
    titles = [r[1] for r in read_tsv(FEEDS / "titles.tsv", columns=3) if r[2] == "no"]
    for a, b in itertools.combinations(titles, 2):
        if a != b:
            assert jaccard(title_key(a), title_key(b)) < SIMILAR, (a, b)
