"""Print HTML -> PDF with WeasyPrint, reading only the project's own files."""
from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from ..model import Issue
from .html import TEMPLATES

log = logging.getLogger(__name__)


class LocalOnlyFetcher(URLFetcher):
    """Serve ``file:`` URLs under the allowed folders; refuse everything else.

    Paths are resolved first, so a symlink that points out of an allowed folder is refused too.
    """

    def __init__(self, roots: Iterable[Path]):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.roots = tuple(Path(r).resolve() for r in roots)

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme != "file":
            raise ValueError(f"refused non-local URL: {url}")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            raise ValueError(f"refused file outside the project: {url}")
        return super().fetch(path.as_uri(), headers)


def render_pdf(issue: Issue, html: str, target: Path, roots: Iterable[Path], fonts_css: str) -> dict[str, int]:
    """Write the PDF of ``html`` (the print edition) to ``target``.

    Returns where each element id landed: id -> 1-based page number.
    """
    fetcher = LocalOnlyFetcher(roots)
    stylesheets = [CSS(string=fonts_css, url_fetcher=fetcher),
                   CSS(filename=str(TEMPLATES / "print.css"), url_fetcher=fetcher)]
    document = HTML(string=html, base_url=TEMPLATES.as_uri() + "/", url_fetcher=fetcher).render(
        stylesheets=stylesheets)
    document.write_pdf(target)
    log.debug("PDF: %d trang", len(document.pages))
    return {anchor: n for n, page in enumerate(document.pages, 1) for anchor in page.anchors}
