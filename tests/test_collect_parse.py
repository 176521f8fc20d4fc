"""Feed bytes -> entries: byte cleaning, feedparser on BytesIO, Vietnamese dates, hostile text."""
from __future__ import annotations

import re

import pytest

from bulletin.collect.clean import feed_text, md_text, shorten
from bulletin.collect.dates import parse_date
from bulletin.collect.decode import decode_body
from bulletin.collect.model import Cached, Status
from bulletin.collect.parse import parse_feed
from bulletin.config import FeedSource
from bulletin.markdown import parser

from .feedserver import FEEDS
from .helpers import read_tsv

SOURCE = FeedSource("Nguồn thử", "https://nguon.example/rss/feed.rss", "national", True, (), ())


def _parse(name: str, url: str = SOURCE.url, content_type: str = "application/rss+xml"):
    return parse_feed(SOURCE, Cached("", "", (FEEDS / name).read_bytes(), url, content_type))


@pytest.mark.parametrize("given,expected,_cdata", read_tsv(FEEDS / "dates.tsv", columns=3))
def test_dates_read_directly_agree_with_the_table(given, expected, _cdata):
    found = parse_date(given)
    assert (found.replace(microsecond=0).isoformat() if found else "-") == expected


def test_vnexpress_style_item_is_cleaned():
    feed = _parse("vnexpress.rss")
    assert feed.status == Status.OK and len(feed.entries) == 6
    first = feed.entries[0]
    assert first.title == "Việt Nam đặt mục tiêu làm chủ công nghệ bán dẫn vào năm 2030"  # padding gone
    assert first.summary == ("Bộ Khoa học và Công nghệ đề xuất chương trình đào tạo 50.000 kỹ sư thiết kế vi mạch, "
                             "gắn với các trung tâm nghiên cứu tại Hà Nội và TP HCM.")  # no image wrapper
    assert first.published.isoformat() == "2026-05-05T08:15:00+07:00"
    ai = feed.entries[3]
    assert ai.link == "https://vnexpress.net/doanh-nghiep-viet-ung-dung-ai-tao-sinh-4902001.html"
    assert feed.entries[2].title.startswith("Hòa Lạc")  # modern tone placement


def test_guid_equal_to_the_link_gives_the_same_id_as_the_link_elsewhere():
    vne = {e.title: e for e in _parse("vnexpress.rss").entries}
    syndicated = {e.title: e for e in _parse("syndicated-gmt7.rss").entries}
    assert vne["Doanh nghiệp Việt ứng dụng AI tạo sinh trong chăm sóc khách hàng"].id == \
        syndicated["AI tạo sinh vào tổng đài chăm sóc khách hàng"].id
    assert len({e.id for e in syndicated.values()}) == len(syndicated)  # no guid: ids from links


def test_atom_entries_with_relative_links_and_html_titles():
    feed = _parse("atom.xml", url="https://tiasang.example/feeds/atom.xml", content_type="application/atom+xml")
    assert feed.status == Status.OK
    first, second, third = feed.entries
    assert first.title == "Mô hình ngôn ngữ lớn tiếng Việt được công bố mã nguồn mở"
    assert first.link == "https://tiasang.example/bai-viet/mo-hinh-ngon-ngu-lon-tieng-viet"
    assert second.summary == "Các dự án được chọn trong lĩnh vực nông nghiệp thông minh và y tế số. Đoạn thứ hai của bài."
    assert second.published.isoformat() == "2026-05-07T09:00:00+07:00"
    assert third.published.isoformat() == "2026-05-03T23:00:00+07:00"  # no zone = Vietnam time


def test_one_stray_byte_does_not_turn_the_feed_into_mojibake():
    raw = (FEEDS / "stray-byte.rss").read_bytes()
    assert b"\xff" in raw
    decoded = decode_body(raw, "application/rss+xml")
    assert decoded.dropped == 1 and b"\xff" not in decoded.data
    feed = _parse("stray-byte.rss")
    assert [e.title for e in feed.entries] == ["Khởi nghiệp sáng tạo: 30 dự án vào vòng chung kết",
                                               "Viện nghiên cứu biển công bố bản đồ số rạn san hô"]
    assert feed.entries[0].summary.endswith("Hải Phòng năm 2026 chọn ra 30 dự án.")


def test_control_characters_are_removed():
    raw = (FEEDS / "control-char.rss").read_bytes()
    assert b"\x01" in raw and b"\x0b" in raw and b"\x1b" in raw
    (entry,) = _parse("control-char.rss").entries
    assert entry.title == "Robot phẫu thuật nội soi đầu tiên do kỹ sư Việt chế tạo"
    assert entry.summary == "Thiết bị đã qua thử nghiệm lâm sàng tại hai bệnh viện."


def test_declared_vietnamese_codepage_is_decoded_to_nfc_and_declared_utf8():
    title = b"H\xf4\xf2i tha\xd2o khoa ho\xf2c"  # windows-1258: base letters + combining tone marks
    raw = b'<?xml version="1.0" encoding="windows-1258"?><rss version="2.0"><channel><title>Tin</title>' \
          b"<item><title>" + title + b"</title><link>https://x.example/a</link></item></channel></rss>"
    decoded = decode_body(raw, "")
    assert decoded.dropped == 0 and decoded.data.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert "Hội thảo khoa học".encode() in decoded.data


def test_an_html_challenge_page_is_reported_as_a_challenge():
    feed = _parse("challenge.html", content_type="text/html")
    assert feed.status == Status.CHALLENGE and feed.entries == ()


@pytest.mark.parametrize("body", [b"/etc/passwd", b"{\"items\": []}", b"\x00\x01\x02 binary", b""])
def test_anything_else_is_a_parse_error_and_no_path_is_ever_opened(body):
    feed = parse_feed(SOURCE, Cached("", "", body, SOURCE.url, "application/xml"))
    assert feed.status == Status.PARSE_ERROR and feed.entries == ()
    assert "root:" not in repr(feed)


def test_scripts_and_event_handlers_never_survive():
    first, second = _parse("hostile.rss").entries
    for text in (first.title, first.summary, second.title, second.summary):
        assert "<" not in text and not re.search(r"(?i)\bon[a-z]+\s*=", text)
    assert first.title == "# Tiêu đề giả về AI"
    assert first.summary == "Đoạn mở đầu về công nghệ có mã độc và chữ cùng hết."
    assert "bulletin: id=" not in second.summary and "iframe" not in second.summary
    assert second.link == ""  # a javascript: link is no link


@pytest.mark.parametrize("fragment,expected", [
    ('<a href="/x"><img src="/a.jpg"></a></br>Sapo <b>đậm</b>', "Sapo đậm"),
    ("<p>Đoạn một.</p><p>Đoạn hai.</p>", "Đoạn một. Đoạn hai."),
    ("&lt;script&gt;alert(1)&lt;/script&gt;Còn lại", "Còn lại"),
    ("Giá 5 &lt; 7 &amp; R&amp;D", "Giá 5 < 7 & R&D"),
    ("Hoà   bình\n\tthuỷ  lợi", "Hòa bình thủy lợi"),
    ("<style>p{}</style><!-- ẩn -->Hiện", "Hiện"),
])
def test_plain_text(fragment, expected):
    assert feed_text(fragment) == expected


def test_long_descriptions_are_cut_at_a_sentence():
    text = "Câu một khá dài về khoa học. " * 40
    short = shorten(text.strip(), 200)
    assert len(short) <= 200 and short.endswith("khoa học.")


def _cases() -> list[str]:
    lines = (FEEDS / "markdown_escape.txt").read_text(encoding="utf-8").split("\n")
    return [line for line in lines[1:] if line]


def _inline_text(token) -> str:
    return "".join(c.content for c in token.children if c.type in ("text", "code_inline")) \
        if all(c.type in ("text", "softbreak") for c in token.children) else "<structure>"


@pytest.mark.parametrize("text", _cases())
def test_feed_text_cannot_become_markdown_structure(text):
    doc = f"## {md_text(text)}\n- tag:\n\n{md_text(text)}\n"
    tokens = parser().parse(doc)
    kinds = [t.type for t in tokens if t.level == 0]
    assert kinds == ["heading_open", "heading_close", "bullet_list_open", "bullet_list_close",
                     "paragraph_open", "paragraph_close"]
    inlines = [t for t in tokens if t.type == "inline"]
    heading, paragraph = inlines[0], inlines[-1]
    assert _inline_text(heading) == _inline_text(paragraph) == " ".join(text.split())


def test_every_format_character_is_stripped_from_feed_text():
    import sys
    import unicodedata
    format_chars = "".join(chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf")
    assert len(format_chars) > 150
    assert feed_text(f"Công{format_chars}nghệ\u2028số") == "Côngnghệsố"  # the text joins: nothing invisible stays
