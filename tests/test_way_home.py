"""A way home from every edition: the web edition's links to the archive and to the PDF/DOCX of the
same issue, and the PDF's last page with the archive and subscription addresses when configured."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .helpers import FIXTURES, ROOT, Inspector
from .pdf_support import build, link_uris, squash

ARCHIVE = "https://sokhcn.haiphong.gov.vn/diem-tin/"


def _project(tmp: Path, extra: str, base_url: bool = True) -> Path:
    settings = (ROOT / "sources.yaml").read_text(encoding="utf-8")
    if not base_url:
        settings = "\n".join(line for line in settings.splitlines() if not line.strip().startswith("base_url:")) + "\n"
    settings = settings.replace("  docx_font:", f"{extra}  docx_font:", 1)
    (tmp / "sources.yaml").write_text(settings, encoding="utf-8")
    issue = tmp / "issues" / "2026" / "16.md"
    issue.parent.mkdir(parents=True)
    shutil.copy(FIXTURES / "issues" / "basic.md", issue)
    return issue


@pytest.mark.parametrize("subscribe, shown, target", [
    ("diemtin@sokhcn.example.vn", "diemtin@sokhcn.example.vn", "mailto:diemtin@sokhcn.example.vn"),
    ("https://sokhcn.haiphong.gov.vn/dang-ky/", "https://sokhcn.haiphong.gov.vn/dang-ky/", "https://sokhcn.haiphong.gov.vn/dang-ky/"),
])
def test_pdf_last_page_gives_the_archive_and_subscription_addresses(tmp_path, subscribe, shown, target):
    issue = _project(tmp_path, f"  subscribe: {subscribe}\n")
    built = build(issue, tmp_path / "build")
    last = squash(built.pages[-1])
    assert f"Đọc các số trước tại: {ARCHIVE}" in last and f"Đăng ký nhận bản tin qua thư điện tử: {shown}" in last
    assert {ARCHIVE, target} <= set(link_uris(built.reader, len(built.pages) - 1))
    web = Inspector(built.editions.html.read_text(encoding="utf-8"))
    assert web.find("a", href=ARCHIVE)
    assert web.find("a", href=built.editions.pdf.name) and web.find("a", href=built.editions.docx.name)


def test_without_addresses_the_pdf_prints_none_and_the_web_edition_links_the_archive_relatively(tmp_path):
    issue = _project(tmp_path, "", base_url=False)
    built = build(issue, tmp_path / "build")
    assert "Đọc các số trước" not in "".join(built.pages) and "Đăng ký nhận" not in "".join(built.pages)
    web = Inspector(built.editions.html.read_text(encoding="utf-8"))
    assert web.find("a", href="../../index.html")
    assert not web.find("meta", property="og:image")
