"""The email edition: subject, table layout with inlined CSS, no script, absolute links only, both
parts, and the HTML body under Gmail's clipping limit on the benchmark's L issue."""
from __future__ import annotations

import email
import shutil
from email import policy
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bench.bench_email import l_issue
from bulletin.cli import main
from bulletin.config import load_settings
from bulletin.mail.edition import MAX_HTML_BYTES, compose
from bulletin.markdown import plain
from bulletin.reader import read_issue

from .helpers import ROOT, copy_sample_issues, Inspector, make_photo, read_tsv
from .mail_support import MAIL_FIXTURES

BASE = "https://sokhcn.haiphong.gov.vn/diem-tin/"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SUBJECTS = read_tsv(MAIL_FIXTURES / "subjects.tsv", columns=2)


class _Balance(HTMLParser):
    """Every element closed, in order: the check a mail client's lenient parser never needs."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.errors: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> at {self.getpos()} closes {self.open[-1:]}")
        else:
            self.open.pop()


@pytest.fixture
def project17(tmp_path, monkeypatch) -> Path:
    shutil.copy(ROOT / "sources.yaml", tmp_path / "sources.yaml")
    copy_sample_issues(tmp_path)
    shutil.copy(MAIL_FIXTURES / "17.md", tmp_path / "issues" / "2026" / "17.md")
    make_photo(tmp_path / "issues" / "2026" / "17" / "du-lieu.jpg", size=(1600, 900))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("number, expected", SUBJECTS)
def test_make_email_writes_a_complete_message_and_its_html(project17, number, expected):
    assert main(["email", number]) == 0
    folder = project17 / "build" / f"2026-{int(number):02d}"
    message = email.message_from_bytes((folder / f"diem-tin-2026-{int(number):02d}.eml").read_bytes(), policy=policy.default)
    assert message["Subject"] == expected
    assert message["From"].addresses[0].addr_spec and message["Date"] and message["Message-ID"]
    html = message.get_body(("html",)).get_content().replace("\r\n", "\n").rstrip("\n")
    assert html == (folder / f"diem-tin-2026-{int(number):02d}-thu.html").read_text(encoding="utf-8")
    assert expected.upper() in message.get_body(("plain",)).get_content()


def test_html_is_for_mail_clients_and_every_link_is_absolute(project17):
    assert main(["email", "17"]) == 0
    html = (project17 / "build" / "2026-17" / "diem-tin-2026-17-thu.html").read_text(encoding="utf-8")
    page = Inspector(html)
    tags = {tag for tag, _ in page.tags}
    assert not tags & {"script", "style", "link", "iframe", "form", "object"}
    assert page.find("table", role="presentation")
    assert _Balance(html).errors == [] and _Balance(html).open == []
    for tag, attrs in page.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        if tag in ("a", "p", "h2", "h3", "img", "body", "table"):
            assert "style" in attrs, (tag, attrs)  # the stylesheet was inlined
        for name in ("href", "src"):
            if attrs.get(name):
                url = urlsplit(attrs[name])
                assert url.scheme in ("https", "mailto") and (url.scheme == "mailto" or url.netloc), attrs[name]
    hrefs = [a["href"] for a in page.find("a")]
    assert {f"{BASE}2026/17/", f"{BASE}2026/17/diem-tin-2026-17.pdf", f"{BASE}2026/17/diem-tin-2026-17.docx", BASE} <= set(hrefs)
    assert "https://sokhcn.haiphong.gov.vn/lop-hoc" in hrefs
    images = [img["src"] for img in page.find("img")]
    assert images[0] == f"{BASE}2026/17/chia-se.png" and images[1].startswith(f"{BASE}2026/17/img/")
    assert (project17 / "build" / ".cache" / "images" / images[1].rsplit("/", 1)[1]).is_file()


def test_part_one_in_full_then_title_lead_and_link_of_every_item(project17):
    settings = load_settings(project17 / "sources.yaml")
    issue = read_issue(project17 / "issues" / "2026" / "17.md", settings.publication)
    edition = compose(issue, {}, "diemtin@example.org")
    trend, *others = issue.items
    for text in ("Dữ liệu mở:", "1. Xu hướng chung của cả nước", "Tuần làm việc khép lại"):
        assert text in edition.html and text.upper() in edition.text.upper()
    for item in others:
        link = f"{BASE}2026/17/#{item.anchor}"
        assert plain(item.title) in edition.html and link in edition.html
        assert plain(item.lead) in edition.html and plain(item.lead) in " ".join(edition.text.split())
        assert link in edition.text
    assert "Thân bài không xuất hiện trong thư" not in edition.html + edition.text
    order = [edition.html.index(f"Phần {part.number}: {part.title}") for part in issue.parts if part.items]
    assert order == sorted(order)


def test_html_body_stays_under_the_limit_on_the_l_issue(tmp_path):
    settings, issue = l_issue(tmp_path)
    edition = compose(issue, {}, "diemtin@example.org")
    assert len(issue.items) == 120
    assert len(edition.html.encode("utf-8")) < MAX_HTML_BYTES
    assert all(f"#{item.anchor}" in edition.html for item in issue.items[1:])


@pytest.mark.parametrize("subject_line, expected", [
    ("", "Thông tin tổng hợp KHCN, đổi mới sáng tạo và chuyển đổi số – số 03/2026 (15/3–20/3/2026)"),
    ('  subject: "{title} – {week_line}"\n', None),
])
def test_another_departments_email_keeps_every_space_of_a_long_subject(tmp_path, monkeypatch, subject_line, expected):
    project = tmp_path / "dien-bien"
    shutil.copytree(ROOT / "examples" / "dien-bien", project)
    settings_file = project / "sources.yaml"
    settings_file.write_text(settings_file.read_text(encoding="utf-8") + f"mail:\n  sender: tin@example.vn\n{subject_line}",
                             encoding="utf-8")
    monkeypatch.chdir(project)
    if expected is None:
        assert main(["email", "3"]) == 1  # {week_line} is no placeholder: reported, with its line
        return
    assert main(["email", "3"]) == 0
    eml = next((project / "build").glob("2026-03/*.eml"))
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert message["Subject"] == expected
    assert all(len(line) <= 78 for line in eml.read_bytes().split(b"\r\n") if line.startswith((b"Subject", b" ")))
    settings = load_settings(settings_file)
    issue = read_issue(project / "issues" / "2026" / "03.md", settings.publication)
    text = " ".join(message.get_body(("plain",)).get_content().split())
    for item in issue.items:  # no trend part: every item as title, lead and link, none in full
        assert plain(item.lead) in text and f"#{item.anchor}" in text
        if item.body.strip():
            assert plain(item.body.split("\n\n")[0]) not in text


def test_subject_follows_mail_subject_when_set(project17):
    settings_file = project17 / "sources.yaml"
    settings_file.write_text(settings_file.read_text(encoding="utf-8") + 'mail:\n  subject: "Bản tin KH&CN {label}, tuần {week}"\n',
                             encoding="utf-8")
    assert main(["email", "17"]) == 0
    message = email.message_from_bytes(next((project17 / "build").glob("2026-17/*.eml")).read_bytes(), policy=policy.default)
    assert message["Subject"] == "Bản tin KH&CN 17/2026, tuần 04/5-10/5/2026"
