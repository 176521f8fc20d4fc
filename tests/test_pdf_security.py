"""WeasyPrint reads only the issue's folder, the prepared images, the templates and the fonts.

Each refused kind is tried twice: against the fetcher directly, and inside hostile print HTML
rendered to a real PDF, with a real HTTP server on 127.0.0.1 that must receive no request.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from pypdf import PdfReader

from bulletin.config import load_settings
from bulletin.fonts import font_face_css, print_faces
from bulletin.reader import read_issue
from bulletin.render.html import TEMPLATES
from bulletin.render.pdf import LocalOnlyFetcher, RefusedURL, render_pdf

from .helpers import FIXTURES, make_photo, scratch_project
from .pdf_support import drawn_images, pdftotext_pages

SECRET = "bí mật: không được lọt vào bản PDF"


@dataclass(frozen=True, slots=True)
class Place:
    """A scratch project with files inside and outside the allowed folders."""

    issue: Path
    """The issue file (its folder is allowed)."""
    cache: Path
    """The prepared-images folder (allowed)."""
    secret: Path
    """A text file outside every allowed folder."""
    leak: Path
    """A symlink inside the issue folder pointing at a picture outside it."""
    photo: Path
    """A picture inside the cache."""


@pytest.fixture
def place(tmp_path) -> Place:
    issue = scratch_project(tmp_path, (FIXTURES / "issues" / "basic.md").read_text(encoding="utf-8"))
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "passwd"
    secret.write_text(SECRET, encoding="utf-8")
    picture = make_photo(outside / "private.png", size=(300, 200))
    leak = issue.parent / "16" / "leak.png"
    leak.parent.mkdir(parents=True)
    leak.symlink_to(picture)
    cache = tmp_path / "build" / ".cache" / "images"
    photo = make_photo(cache / "ok.jpg", size=(400, 300))
    return Place(issue, cache, secret, leak, photo)


class _Recorder(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's naming)
        self.hits.append(self.path)
        body = b"body { background: red }"
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on 127.0.0.1 that records every request it gets."""
    hits: list[str] = []
    handler = type("Handler", (_Recorder,), {"hits": hits})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def _roots(place: Place) -> tuple[Path, ...]:
    return (place.issue.parent, place.cache, TEMPLATES, *{f.path.parent for f in print_faces()})


def refused_urls(place: Place, base: str) -> dict[str, str]:
    return {
        "system file": "file:///etc/passwd",
        "file outside the project": place.secret.as_uri(),
        "dot-dot out of the issue folder": f"{place.issue.parent.as_uri()}/../outside/passwd",
        "symlink out of the issue folder": place.leak.as_uri(),
        "other host's file": "file://evil.example/etc/passwd",
        "http": f"{base}/x.png",
        "https": "https://example.org/x.png",
        "data": "data:text/plain;base64,aGVsbG8=",
        "ftp": "ftp://127.0.0.1/x",
    }


@pytest.mark.expect_log_warnings
@pytest.mark.parametrize("kind", ["system file", "file outside the project", "dot-dot out of the issue folder",
                                  "symlink out of the issue folder", "other host's file", "http", "https", "data", "ftp"])
def test_fetcher_refuses(kind, place, server, caplog):
    base, hits = server
    url = refused_urls(place, base)[kind]
    with pytest.raises(RefusedURL):
        LocalOnlyFetcher(_roots(place)).fetch(url)
    assert hits == []
    warned = [r.getMessage() for r in caplog.records if r.name == "bulletin.render.pdf"]
    assert len(warned) == 1 and "đã chặn" in warned[0] and url[:60] in warned[0]


def test_fetcher_serves_the_allowed_folders(place):
    fetcher = LocalOnlyFetcher(_roots(place))
    for path in (place.photo, TEMPLATES / "print.css", print_faces()[0].path):
        response = fetcher.fetch(path.as_uri())
        try:
            assert response.read() == path.read_bytes()
        finally:
            response.close()


@pytest.mark.expect_log_warnings
def test_hostile_print_html_reads_nothing_outside(place, server, caplog, tmp_path):
    base, hits = server
    urls = refused_urls(place, base)
    html = f"""<!DOCTYPE html><html lang="vi"><head><title>thử</title>
<link rel="attachment" href="{urls['system file']}">
<style>@import url("{base}/evil.css");
.a {{ background: url("{urls['system file']}") }} .b {{ background-image: url("{urls['file outside the project']}") }}</style>
</head><body><p class="a">A</p><p class="b">B</p>
<img src="{urls['system file']}" alt="1"><img src="{urls['http']}" alt="2"><img src="16/leak.png" alt="3">
<img src="{urls['dot-dot out of the issue folder']}" alt="4"><img src="{place.photo.as_uri()}" alt="ok">
<a rel="attachment" href="{urls['file outside the project']}">tệp đính kèm</a>
<a rel="attachment" href="{urls['http']}">tệp qua mạng</a></body></html>"""
    settings = load_settings(place.issue.parents[2] / "sources.yaml")
    issue = read_issue(place.issue, settings.publication)
    target = tmp_path / "out.pdf"
    fonts_css = f'@import url("{base}/fonts.css");\n' + font_face_css(lambda f: f.path.as_uri(), print_faces())
    render_pdf(issue, html, target, _roots(place), fonts_css, base=place.issue.parent)
    assert hits == [], "WeasyPrint reached the network"
    reader = PdfReader(target)
    assert list(reader.attachments) == ["16.md"], "only the issue's own source is attached"
    assert drawn_images(reader, 0) == 1, "only the allowed picture is drawn"
    assert SECRET not in "".join(pdftotext_pages(target))
    assert "root:" not in "".join(pdftotext_pages(target))
    refused = "\n".join(r.getMessage() for r in caplog.records if r.name == "bulletin.render.pdf")
    for url in (urls["system file"], urls["file outside the project"], f"{base}/evil.css", f"{base}/fonts.css",
                urls["http"], place.leak.as_uri(), urls["dot-dot out of the issue folder"]):
        assert url in refused, f"{url} was not refused"
