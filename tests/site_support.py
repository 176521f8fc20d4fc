"""Helpers of the archive tests: a scratch project with several issues, a link checker, a web server."""
from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .helpers import FIXTURES, ROOT, copy_sample_issues, Inspector, make_photo, read_tsv

SITE_FIXTURES = FIXTURES / "site"


def site_project(tmp: Path, broken: bool = False) -> Path:
    """A project with the shipped sample issue plus the fixture issues (pictures drawn here)."""
    shutil.copy(ROOT / "sources.yaml", tmp / "sources.yaml")
    copy_sample_issues(tmp)
    for name in ("2025-52.md", "2026-15.md") + (("2026-17-broken.md",) if broken else ()):
        year, number = name.split("-")[:2]
        target = tmp / "issues" / year / f"{number.removesuffix('.md')}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SITE_FIXTURES / name, target)
    make_photo(tmp / "issues" / "2026" / "15" / "bia.jpg", size=(1200, 1700), color=(20, 80, 60))
    make_photo(tmp / "issues" / "2026" / "15" / "lo-say.jpg", size=(2000, 1300))
    return tmp


def expected_searches() -> list[tuple[str, str]]:
    """(query, title of the first hit) rows of ``tests/fixtures/site/expected.tsv``."""
    return read_tsv(SITE_FIXTURES / "expected.tsv", columns=2)  # type: ignore[return-value]


_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def references(page: Path) -> list[str]:
    """Every href/src of an HTML page, or every url() of a stylesheet."""
    text = page.read_text(encoding="utf-8")
    if page.suffix == ".css":
        return _CSS_URL.findall(text)
    found = []
    for tag, attrs in Inspector(text).tags:
        for name in ("href", "src"):
            if attrs.get(name) and not (tag == "link" and attrs.get("rel") == "canonical"):
                found.append(str(attrs[name]))
    return found


def resolve(site: Path, page: Path, ref: str) -> tuple[Path, str] | None:
    """The file and fragment a relative reference points to; None for absolute URLs."""
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc:
        return None
    target = page if not parts.path else (page.parent / unquote(parts.path))
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target.resolve(), parts.fragment


def broken_references(site: Path) -> list[str]:
    """Every relative link, image, stylesheet, script or font in ``site`` that does not resolve."""
    broken, ids = [], {}
    pages = sorted(site.rglob("*.html")) + sorted(site.rglob("*.css"))
    for page in pages:
        for ref in references(page):
            hit = resolve(site, page, ref)
            if hit is None:
                continue
            target, fragment = hit
            if not target.is_relative_to(site.resolve()) or not target.is_file():
                broken.append(f"{page.relative_to(site)}: {ref}")
            elif fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(Inspector(target.read_text(encoding="utf-8")).ids)
                if fragment not in ids[target]:
                    broken.append(f"{page.relative_to(site)}: {ref} (no id)")
    return broken


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port); yields the base URL with a trailing slash."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
