"""Parts, tags, labels and masthead come from the configuration (issue 17 §1–§2).

The shipped Hải Phòng configuration must print exactly what it printed before parts became
configurable: ``fixtures/editions/haiphong-16.txt`` is the text and structure of its three
editions as built before the change (cover lines, MỤC LỤC, headings, outline, source lines,
Word headings and TOC), compared line by line.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.shared import RGBColor
from pypdf import PdfReader

from bulletin.build import build_issue
from bulletin.cli import main
from bulletin.config import load_settings
from bulletin.errors import IssueFormatError
from bulletin.model import PartSpec
from bulletin.reader import read_issue

from .collect_support import feed_yaml, server, sources  # noqa: F401
from .editions_support import snapshot
from .helpers import FIXTURES, ROOT, copy_sample_issues, Inspector, make_photo, scratch_project


@pytest.fixture(scope="module")
def haiphong(tmp_path_factory) -> str:
    """The shipped sample issue 16 built with the shipped configuration, read back."""
    tmp = tmp_path_factory.mktemp("haiphong")
    shutil.copy(ROOT / "sources.yaml", tmp / "sources.yaml")
    copy_sample_issues(tmp)
    settings = load_settings(tmp / "sources.yaml")
    issue = read_issue(tmp / "issues" / "2026" / "16.md", settings.publication)
    return snapshot(build_issue(settings, issue, tmp / "build"))


def test_haiphong_editions_are_unchanged_in_text_and_structure(haiphong):
    expected = (FIXTURES / "editions" / "haiphong-16.txt").read_text(encoding="utf-8")
    assert haiphong.splitlines() == expected.splitlines()


def test_shipped_parts_have_their_roles(settings):
    pub = settings.publication
    assert [(p.tag, p.role) for p in pub.parts] == [
        ("trend", "trend"), ("national", "national"), ("spotlight", None), ("local", "local")]
    assert pub.part_with_role("local") == PartSpec("local", "Tin Hải Phòng", "local")
    assert pub.part_with_role("trend").title == "Tổng kết xu hướng"


CONFIG = """publication:
  title: Bản tin thử
  parent: Sở Khoa học và Công nghệ
  department: Phòng Thông tin
  province: Điện Biên
  website: https://example.vn/
parts:
{parts}
"""


@pytest.mark.parametrize(("parts", "expected"), [
    # No role written: a tag named after a role takes it, as older configurations expect.
    ("  - {tag: trend, title: A}\n  - {tag: local, title: B}", [("trend", "trend"), ("local", "local")]),
    # An explicit role wins over the implicit one of another part's tag.
    ("  - {tag: local, title: A}\n  - {tag: tinh, title: B, role: local}", [("local", None), ("tinh", "local")]),
    # An empty role switches the implicit one off.
    ("  - {tag: trend, title: A, role: ''}", [("trend", None)]),
    # Any number of parts with any tags.
    ("  - {tag: chinh-sach, title: A, role: national}\n  - {tag: su-kien, title: B}\n  - {tag: p3, title: C}",
     [("chinh-sach", "national"), ("su-kien", None), ("p3", None)]),
], ids=["implicit", "explicit-wins", "empty-role", "three-parts"])
def test_roles_from_configuration(tmp_path, parts, expected):
    (tmp_path / "sources.yaml").write_text(CONFIG.format(parts=parts), encoding="utf-8")
    pub = load_settings(tmp_path / "sources.yaml").publication
    assert [(p.tag, p.role) for p in pub.parts] == expected
    assert pub.part_with_role("trend") == next((p for p in pub.parts if p.role == "trend"), None)


def test_items_follow_the_configured_tags_and_roles(tmp_path):
    parts = "  - {tag: chinh-sach, title: Chính sách, role: trend}\n  - {tag: su-kien, title: Sự kiện}"
    (tmp_path / "sources.yaml").write_text(CONFIG.format(parts=parts), encoding="utf-8")
    pub = load_settings(tmp_path / "sources.yaml").publication
    issue = tmp_path / "03.md"
    issue.write_text(
        "---\nsố: 3\nnăm: 2026\ntuần: 15/3/2026 - 20/3/2026\nchủ đề: Thử\n---\n\n"
        "## Định hướng\n- tag: chinh-sach\n\nMở đầu.\n\n### 1. Một\n\nNội dung.\n\n"
        "## Sự kiện\n- tag: su-kien\n- ngày: 16/3\n- nguồn: Báo Điện Biên Phủ\n\nMở đầu.\n\n"
        "## Gõ sai\n- tag: su-kein\n", encoding="utf-8")
    with pytest.raises(IssueFormatError) as raised:
        read_issue(issue, pub)
    assert [p.message for p in raised.value.problems] == [
        'tag "su-kein" không hợp lệ; chỉ được dùng: chinh-sach, su-kien (để trống nếu chưa chọn tin). '
        'Có phải ý bạn là "su-kien"?']
    issue.write_text(issue.read_text(encoding="utf-8").replace("- tag: su-kein\n", ""), encoding="utf-8")
    read = read_issue(issue, pub)
    assert [(p.tag, p.role, len(p.items)) for p in read.parts] == [("chinh-sach", "trend", 1), ("su-kien", None, 1)]
    assert read.items[1].sources[0].name == "Báo Điện Biên Phủ" and read.items[1].sources[0].url == ""


def test_collector_suggests_the_configured_tags_and_names_the_department(project, server):
    config = project / "sources.yaml"
    text = config.read_text(encoding="utf-8").replace("""  - tag: national
    title: Tin trong nước
    role: national""", """  - tag: su-kien
    title: Sự kiện nổi bật
    role: national""").replace("""  - tag: local
    title: Tin {province}
    role: local""", """  - tag: dia-phuong
    title: Tin {province}
    role: local""").replace("department: Trung tâm Công nghệ thông tin và Truyền thông Hải Phòng",
                            "department: Sở Khoa học và Công nghệ tỉnh Điện Biên")
    config.write_text(text, encoding="utf-8")
    feeds = feed_yaml(project / "nguon.yaml", sources(server, ["VnExpress", "Báo Hải Phòng"]))
    assert main(["collect", "17", "--config", str(config), "--sources", str(feeds), "--allow-private-hosts"]) == 0
    hints = re.findall(r"gợi ý: ([\w-]+)", (project / "issues" / "2026" / "17.md").read_text(encoding="utf-8"))
    assert set(hints) == {"su-kien", "dia-phuong"}
    agents = {headers["user-agent"] for _, headers in server.requests}
    assert agents == {"Mozilla/5.0 (compatible; bulletin-collector/0.1; +https://sokhcn.haiphong.gov.vn/; "
                      "So Khoa hoc va Cong nghe tinh Dien Bien, Hai Phong)"}


@pytest.mark.expect_log_warnings  # an issue without items is a draft, and the build says so
def test_the_masthead_takes_its_colours_and_logo_from_the_configuration(tmp_path):
    path = scratch_project(tmp_path, (ROOT / "issues" / "2026" / "16.md").read_text(encoding="utf-8").split("\n# Tin đã chọn")[0]
                           .replace("ảnh bìa: 16/bia.jpg\n", "") + "\n# Tin đã chọn\n")
    make_photo(tmp_path / "logo.png", size=(400, 400), color=(200, 30, 40))
    config = tmp_path / "sources.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("  docx_font: Times New Roman\n",
                      "  docx_font: Times New Roman\n  logo: logo.png\n").replace('background: "#0b4f8a"', 'background: "#0f5c3a"'),
                      encoding="utf-8")
    settings = load_settings(config)
    editions = build_issue(settings, read_issue(path, settings.publication), tmp_path / "build")
    html = editions.html.read_text(encoding="utf-8")
    assert "--masthead: #0f5c3a;" in html
    logo = Inspector(html).find("img", alt="Sở Khoa học và Công nghệ Hải Phòng")
    assert len(logo) == 1 and (editions.folder / str(logo[0]["src"])).is_file()
    cover = PdfReader(editions.pdf).pages[0]
    assert len(cover.images) == 1  # the logo (this issue has no cover photo)
    doc = Document(str(editions.docx))
    first = doc.paragraphs[0]
    assert first._p.xpath(".//pic:pic") and doc.paragraphs[1].runs[0].font.color.rgb == RGBColor.from_string("0F5C3A")
