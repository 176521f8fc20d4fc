"""``make sources`` (``bulletin sources``) against the loopback server: the table an editor reads when
a source goes quiet. Expected rows live in ``sources-check.tsv``."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from bulletin.cli import main
from bulletin.config import FeedSource

from .collect_support import feed_yaml
from .feedserver import FEEDS, FeedServer, Route
from .helpers import read_tsv
from .test_make import make

ROWS = read_tsv(FEEDS / "sources-check.tsv", 8)


def _route(answer: str) -> Route:
    if answer.isdigit():
        return Route(status=int(answer))
    file, _, kind = answer.partition(" as ")
    status = 403 if kind.endswith("with 403") else 200
    content_type = kind.split(" with ")[0] or "application/rss+xml; charset=utf-8"
    return Route(file=file, content_type=content_type, status=status)


@pytest.fixture
def table(project, capsys) -> Iterator[dict[str, list[str]]]:
    """Run ``bulletin sources`` over every row's source; name -> the cells of its row."""
    srv = FeedServer()
    feeds = []
    for n, (name, answer, *_rest) in enumerate(ROWS):
        if not answer.isdigit():
            srv.routes[f"/nguon-{n}"] = _route(answer)
        feeds.append(FeedSource(name, srv.url(f"/nguon-{n}"), "national", True, (), ()))
    feed_yaml(project / "feeds.yaml", tuple(feeds))
    try:
        assert main(["sources", "--sources", "feeds.yaml", "--allow-private", "127.0.0.1"]) == 0
    finally:
        srv.close()
    out = capsys.readouterr().out
    rows = {}
    for line in out.splitlines():
        cells = [c.strip() for c in line.split("│")[1:-1]]
        if cells and cells[0] in {r[0] for r in ROWS}:
            rows[cells[0]] = cells
    assert f"2/{len(ROWS)} nguồn trả về feed hoặc trang danh sách tin đọc được" in out
    assert 'Gợi ý cho "VietNamNet (trang bài viết)": đổi url thành https://vietnamnet.vn/kinh-doanh/tai-chinh.rss\n' in out
    assert out.count("Gợi ý cho") == 1
    yield {name: rows[name] + [srv.url(f"/nguon-{n}")] for n, (name, *_r) in enumerate(ROWS)}


@pytest.mark.parametrize("name,_answer,http,feed,items,newest,matches,note", ROWS)
def test_each_source_gets_one_row(table, name, _answer, http, feed, items, newest, matches, note):
    *cells, url = table[name]
    assert cells[1:6] == [http, feed, items, newest, matches]
    assert cells[6].startswith(note.format(url=url)[:40])



@pytest.mark.parametrize("allow,reached", [("0", False), ("no", False), ("127.0.0.1", True), ("yes", True)])
def test_real_make_sources_honours_sources_and_allow_private(tmp_path, allow, reached):
    srv = FeedServer()
    srv.routes["/feed.rss"] = Route(file="vnexpress.rss")
    feeds = feed_yaml(tmp_path / "nguon-thu.yaml", (FeedSource("Báo thử qua make", srv.url("/feed.rss"), "national",
                                                             True, (), ()),))
    try:
        run = make("sources", f"SOURCES={feeds}", f"ALLOW_PRIVATE={allow}")
    finally:
        srv.close()
    assert run.returncode == 0, run.stderr
    line = next(line for line in run.stdout.splitlines() if "Báo thử qua make" in line)
    assert (" có " in line) == reached and ("bị chặn" in line) != reached, line
    assert bool(srv.requests) == reached
