"""`make collect` with the article stage: drafted items, their pictures, page dates, unreadable
pages keeping the feed's text, and the editor's bytes surviving a second run."""
from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PIL import Image

from bulletin.collect import collect
from bulletin.collect.model import Status
from bulletin.config import load_settings
from bulletin.items import DRAFT_MARKER
from bulletin.reader import read_issue
from bulletin.sentences import split_sentences

from .article_support import ARTICLES, FAST, REALWORLD, HTML, routes
from .collect_support import request
from .feedserver import FeedServer, Route
from .helpers import logged_warnings

ISSUE = ("issues", "2026", "17.md")


@pytest.fixture
def outlet() -> Iterator[FeedServer]:
    srv = FeedServer()
    srv.routes.update(routes())
    for page in ("baochinhphu-1.html", "dantri-2.html"):
        srv.routes[f"/bai/{page}"] = Route(body=(REALWORLD / page).read_bytes(), content_type=HTML)
    feed = (ARTICLES / "feed.rss").read_text(encoding="utf-8").replace("{server}", srv.url(""))
    srv.routes["/rss/khoa-hoc.rss"] = Route(body=feed.encode("utf-8"))
    yield srv
    srv.close()


def _run(project, outlet):
    from bulletin.config import FeedSource

    source = FeedSource("Báo Mẫu", outlet.url("/rss/khoa-hoc.rss"), "national", True, (), ())
    return collect(request(project, (source,), fetch=FAST, articles=True))


def _blocks(text: str) -> dict[str, str]:
    return {m.group(1): m.group(0) for m in re.finditer(r"^## ([^\n]+)\n.*?(?=^## |\Z)", text, re.M | re.S)}


def test_candidates_arrive_as_drafts_with_their_picture(project, outlet):
    result = _run(project, outlet)
    assert result.sources[0].status == Status.OK and result.added == 3
    text = project.joinpath(*ISSUE).read_text(encoding="utf-8")
    blocks = _blocks(text)
    air = blocks["Hải Phòng thử nghiệm trạm quan trắc không khí bằng công nghệ tự động"]
    assert DRAFT_MARKER in air and "- ngày: 06/5" in air
    assert "\n\nThành phố lắp 12 trạm quan trắc tự động, dữ liệu cập nhật mỗi giờ" in air  # the page's sapo
    picture = re.search(r'!\[(.+?)\]\((17/[a-z0-9-]+\.jpg) "Ảnh: (.+?)"\)', air)
    assert picture and picture.group(1) == "Trạm quan trắc đặt tại quận Lê Chân, đo bụi mịn PM2.5 và khí NO2."
    assert picture.group(3) == "Lê Tân (Báo Mẫu)"
    with Image.open(project / "issues" / "2026" / picture.group(2)) as image:
        assert image.format == "JPEG" and image.size == (800, 500)
    webp = re.search(r"\]\((17/[a-z0-9-]+\.jpg) ", blocks["Phê duyệt Chương trình phát triển thị trường khoa học và công nghệ"])
    with Image.open(project / "issues" / "2026" / webp.group(1)) as image:  # the WebP, converted
        assert image.format == "JPEG"


def test_each_draft_sentence_comes_from_the_article(project, outlet):
    _run(project, outlet)
    text = project.joinpath(*ISSUE).read_text(encoding="utf-8")
    for title, page in (("Hải Phòng thử nghiệm", "vnexpress-like.html"), ("Phê duyệt Chương trình", "chinhphu-like.html")):
        block = next(b for t, b in _blocks(text).items() if t.startswith(title))
        prose = [p for p in block.split("\n\n")[1:] if p and not p.startswith(("![", "<!--", "-"))]
        source = " ".join(re.sub(r"<[^>]+>", " ", (ARTICLES / page).read_text(encoding="utf-8")).split())
        sentences = [s for p in prose for s in split_sentences(p.replace("\\", ""))]
        assert len(sentences) >= 3
        assert all(s in source for s in sentences), [s for s in sentences if s not in source]
        assert sum(len(p.split()) for p in prose[1:]) <= 160  # about 120 words of body


def test_page_dates_fix_the_feed_and_unreadable_pages_keep_the_feed_text(project, outlet):
    result = _run(project, outlet)
    text = project.joinpath(*ISSUE).read_text(encoding="utf-8")
    blocks = _blocks(text)
    assert "- ngày: 07/5" in blocks["Phê duyệt Chương trình phát triển thị trường khoa học và công nghệ"]  # undated feed item
    assert not any("Chính sách mới" in t for t in blocks)  # the page says 01/3: not this week's
    locked = blocks["Trung tâm đổi mới sáng tạo khai trương phòng thí nghiệm khoa học mở"]
    assert "Trang bài viết trả lời 403: tin giữ nội dung của feed." in locked and DRAFT_MARKER not in locked
    assert "không đọc được bài gốc: HTTP 403" in locked
    assert result.unread == (("Trung tâm đổi mới sáng tạo khai trương phòng thí nghiệm khoa học mở",
                              outlet.url("/bai/403.html"), "HTTP 403"),)


@pytest.mark.expect_log_warnings  # the new file is a draft until the editor sets its theme and tags
def test_make_collect_lists_the_pages_it_could_not_read(project, outlet, capsys):
    from bulletin.cli import main
    from bulletin.config import FeedSource

    from .collect_support import feed_yaml

    feed_yaml(project / "feeds.yaml", (FeedSource("Báo Mẫu", outlet.url("/rss/khoa-hoc.rss"), "national", True, (), ()),))
    assert main(["collect", "17", "--sources", "feeds.yaml", "--allow-private", "1", "--timeout", "0.5"]) == 0
    out = capsys.readouterr().out
    table = out[out.index("Tin chưa đọc được bài gốc (giữ nội dung của feed)"):]
    row = next(line for line in table.splitlines() if "Trung tâm đổi mới sáng tạo" in line)
    assert "HTTP 403" in row and outlet.url("/bai/403.html") in row
    assert "issues/2026/17.md đã tạo: thêm 3 tin ứng viên." in out


def test_no_articles_reads_only_the_feeds(project, outlet, capsys):
    from bulletin.cli import main
    from bulletin.config import FeedSource

    from .collect_support import feed_yaml

    feed_yaml(project / "feeds.yaml", (FeedSource("Báo Mẫu", outlet.url("/rss/khoa-hoc.rss"), "national", True, (), ()),))
    with logged_warnings() as records:
        assert main(["collect", "17", "--sources", "feeds.yaml", "--allow-private", "1", "--no-articles"]) == 0
    for record in records:
        record.expected = True
    text = project.joinpath(*ISSUE).read_text(encoding="utf-8")
    assert DRAFT_MARKER not in text and text.count("\n- tag:\n") == 3  # the undated item stays out, the March one in
    assert not any(path.startswith("/bai/") for path, _headers in outlet.requests)


def test_a_page_dated_outside_the_week_is_not_read_again(project, outlet):
    _run(project, outlet)
    again = _run(project, outlet)
    assert again.added == 0
    pages = [path for path, _headers in outlet.requests if path.startswith("/bai/")]
    assert pages.count("/bai/dantri-2.html") == 1  # undated in the feed; its page says 25/12/2012
    assert pages.count("/bai/403.html") == 1  # a candidate now: known, not read again


def test_a_tagged_item_still_marked_as_draft_is_a_warning_not_an_error(project, outlet):
    _run(project, outlet)
    path = project.joinpath(*ISSUE)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("- tag:\n", "- tag: national\n", 1), encoding="utf-8")
    settings = load_settings(project / "sources.yaml")
    with logged_warnings() as records:
        issue = read_issue(path, settings.publication)
    marked = [r for r in records if "bản nháp tự động" in r.getMessage()]
    assert len(issue.items) == 1 and len(marked) == 1
    for record in records:
        record.expected = True


def test_editor_edits_survive_a_second_collect_byte_for_byte(project, outlet):
    _run(project, outlet)
    path = project.joinpath(*ISSUE)
    text = path.read_text(encoding="utf-8")
    edited = text.replace(f"{DRAFT_MARKER}\n", "", 1).replace("- tag:\n", "- tag: local\n", 1)
    edited = edited.replace("Thành phố lắp 12 trạm", "Thành phố vừa lắp 12 trạm", 1) + "\nGhi chú của biên tập viên.\n"
    path.write_bytes(edited.encode("utf-8"))
    feed = outlet.routes["/rss/khoa-hoc.rss"].body.decode("utf-8")
    # a story of its own: the same page under another title would be recognised by its text (a duplicate)
    outlet.routes["/bai/ve-tinh.html"] = Route(body=(ARTICLES / "../neardup/bai-a.html").read_bytes(), content_type=HTML)
    extra = ("<item><title>Khoa học mở: tin mới sau lần thu thập đầu</title>"
             f"<link>{outlet.url('/bai/ve-tinh.html')}</link><description>Tin mới.</description>"
             "<pubDate>Sat, 09 May 2026 08:00:00 +0700</pubDate></item>")
    outlet.routes["/rss/khoa-hoc.rss"] = Route(body=feed.replace("</channel>", extra + "</channel>").encode("utf-8"))
    again = _run(project, outlet)
    after = path.read_bytes()
    assert again.added == 1
    assert after.startswith(edited.encode("utf-8"))  # every byte the editor wrote, then the new candidate
