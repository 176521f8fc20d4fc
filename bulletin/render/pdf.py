"""Print HTML -> tagged PDF/A-3 with WeasyPrint, reading only the project's own files.

WeasyPrint lays out the print HTML with ``templates/print.css``; this module adds what only the
PDF has: the running header text, the archive metadata (title, author, subject, keywords, dates,
``/Lang``), the issue's Markdown source as an embedded file, and a URL fetcher that refuses
anything outside the allowed folders.

WeasyPrint 70 takes one ``pdf_variant``: ``pdf/a-3a`` is PDF/A-3 at conformance level A, which
turns tagging on (``pdf_tags``) and allows attachments. PDF/UA is a separate variant there
(``pdf/ua-1``) and cannot be requested together with PDF/A.
"""
from __future__ import annotations

import functools
import gc
import logging
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..deps import require_weasyprint

require_weasyprint()  # the project's one way to load WeasyPrint (its system libraries found fast)

import weasyprint  # noqa: E402  (loaded just above)
from weasyprint import CSS, HTML, Attachment
from weasyprint.document import Document, DocumentMetadata
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from ..atomic import atomic_path
from ..fonts import print_font_folders
from ..model import Issue
from ..text import TZ
from . import pydyf_patch  # noqa: F401  (applied on import: PDF page references cached)
from .fit import defer_figures, fitting, fitting_key, recall, remember
from . import TEMPLATES

log = logging.getLogger(__name__)

PDF_VARIANT = "pdf/a-3a"
"""PDF/A-3, level A (tagged, Unicode text): archival, and attachments are allowed."""

COLOR_PROFILE = TEMPLATES / "assets" / "sRGB2014.icc"
"""The ICC's sRGB profile (freely distributable), declared as the PDF/A output intent."""

OPTIONS: Mapping[str, object] = {"pdf_variant": PDF_VARIANT, "pdf_tags": True, "output_intent": "--srgb"}
"""WeasyPrint rendering options of the print edition. The output intent is our own
``@color-profile`` (see :func:`shared_css`) rather than WeasyPrint's built-in ``srgb``, whose ICC
file WeasyPrint 70 opens and never closes on every render."""

GC_THRESHOLD = (20_000, 50, 100)
"""Garbage-collector thresholds while WeasyPrint lays out and draws (CPython's are 700, 10, 10)."""
PRINT_CSS = TEMPLATES / "print.css"
"""The print edition's stylesheet."""



class RefusedURL(ValueError):
    """WeasyPrint asked for something outside the allowed folders."""


class LocalOnlyFetcher(URLFetcher):
    """Serve ``file:`` URLs under the allowed folders; refuse everything else.

    Paths are resolved first, so ``..`` and a symlink that points out of an allowed folder are
    refused too. Each refusal is logged as a warning naming the URL.
    """

    def __init__(self, roots: Iterable[Path]):
        super().__init__(timeout=5, allowed_protocols={"file"}, allow_redirects=False)
        self.roots = tuple(Path(r).resolve() for r in roots)

    def fetch(self, url, headers=None):
        return super().fetch(self.local_path(url).as_uri(), headers)

    def local_path(self, url: str) -> Path:
        """The resolved file ``url`` names, or :class:`RefusedURL`."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            raise self._refuse(url, "chỉ được đọc tệp trên máy này")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            raise self._refuse(url, "tệp nằm ngoài thư mục số bản tin, ảnh đã chuẩn bị, templates và phông chữ")
        return path

    @staticmethod
    def _refuse(url: str, why: str) -> RefusedURL:
        shown = url if len(url) <= 120 else url[:117] + "…"
        log.warning("bản PDF: đã chặn đọc %s (%s)", shown, why)
        return RefusedURL(f"refused: {shown}")


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the garbage collector's older generations less often while WeasyPrint works.

    Laying out and drawing create millions of short-lived objects; with the default thresholds
    each full collection walks every object of the process (the imported libraries included)
    again and again: about 12 % of the PDF's CPU time on a 26-page issue, for about 4 % more peak
    memory without it (bench/README.md). The young generation is still collected as usual."""
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def issue_css(issue: Issue) -> str:
    """The per-issue stylesheet: the running header's text."""
    running = f"{issue.publication.title} · Số {issue.label}"
    return f"html {{ string-set: bulletin {css_string(running)}; }}\n"


def shared_css(fonts_css: str) -> str:
    """The stylesheet every issue shares before ``print.css``: the ``@font-face`` rules and the
    output intent's colour profile."""
    return fonts_css + f'@color-profile --srgb {{ src: url("{COLOR_PROFILE.as_uri()}"); components: r, g, b; }}\n'


@dataclass(frozen=True, slots=True)
class _Styles:
    """What every layout with the same fonts, stylesheet and readable folders shares."""

    fonts: FontConfiguration
    """The font configuration the ``@font-face`` rules filled."""
    profiles: dict
    """Colour profiles by name (the output intent's)."""
    sheets: tuple[CSS, ...]
    """:func:`shared_css` and ``print.css``, parsed."""


@functools.lru_cache(maxsize=2)
def _styles(fonts_css: str, print_css: str) -> _Styles:
    """Parse the shared stylesheets and load the fonts once per process and set of inputs: the
    fitting's second layout and the preview's next PDF reuse them (WeasyPrint lets a font
    configuration and parsed stylesheets serve several documents). They may read only the
    shipped fonts and the templates (the colour profile)."""
    fonts, profiles = FontConfiguration(), {}
    shared = {"url_fetcher": LocalOnlyFetcher(style_roots()), "font_config": fonts, "color_profiles": profiles,
              "base_url": TEMPLATES.as_uri() + "/"}
    return _Styles(fonts, profiles, (CSS(string=shared_css(fonts_css), **shared), CSS(string=print_css, **shared)))


def style_roots() -> tuple[Path, ...]:
    """The folders the shared stylesheets may read: the templates and the shipped print fonts."""
    return (TEMPLATES, *print_font_folders())


def load_styles(fonts_css: str) -> None:
    """Parse the shared stylesheets and load the fonts now (a process waiting for its first
    document does it while the issue is read elsewhere), so that the first layout finds them."""
    _styles(fonts_css, PRINT_CSS.read_text(encoding="utf-8"))


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string (backslashes, quotes and line breaks escaped)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ").replace("\r", "")
    return f'"{escaped}"'


def render_pdf(issue: Issue, html: str, target: Path, roots: Iterable[Path], fonts_css: str,
               base: Path = TEMPLATES) -> dict[str, int]:
    """Write the PDF of ``html`` (the print edition, pictures fitted) to ``target``, atomically.
    Relative URLs in ``html`` resolve against the folder ``base``.

    Returns where each element id landed: id -> 1-based page number.
    """
    document = layout_fitted(issue, html, roots, fonts_css, base)
    write_document(document, issue, target)
    return page_of_anchors(document)


def write_document(document: Document, issue: Issue, target: Path) -> None:
    """Write the laid-out print edition to ``target``, atomically: PDF/A-3a with tags, the
    archive metadata and the issue's Markdown source attached."""
    fill_metadata(document.metadata, issue)
    with atomic_path(target) as tmp:
        with fewer_collections():
            document.write_pdf(tmp, attachments=[source_attachment(issue)], **OPTIONS)
    log.debug("PDF: %d trang", len(document.pages))


def layout_fitted(issue: Issue, html: str, roots: Iterable[Path], fonts_css: str, base: Path = TEMPLATES,
                  memo: Path | None = None) -> Document:
    """Lay out the print HTML; when pictures pushed to the next page left blank space behind them,
    lay it out once more with those pictures fitted (:mod:`bulletin.render.fit`).

    With a ``memo`` folder, the fitting decision for exactly this HTML and these stylesheets is
    kept there, and a later call with the same input lays the document out once."""
    key = fitting_key(html, (shared_css(fonts_css), issue_css(issue), PRINT_CSS.read_text(encoding="utf-8")),
                      weasyprint.__version__)
    fit = recall(memo, key) if memo else None
    if fit is None:
        first = layout(issue, html, roots, fonts_css, base)
        fit = fitting(first)
        if memo:
            remember(memo, key, fit)
        if not fit:
            return first
        del first  # free the first layout before the second: one laid-out document in memory at a time
        gc.collect()
    if not fit:
        return layout(issue, html, roots, fonts_css, base)
    log.debug("PDF: xếp trang để lấp chỗ trống trước %d ảnh", fit.css.count("max-height") + len(fit.deferred))
    return layout(issue, defer_figures(html, fit.deferred), roots, fonts_css, base, extra_css=fit.css)


def layout(issue: Issue, html: str, roots: Iterable[Path], fonts_css: str, base: Path = TEMPLATES,
           extra_css: str = "") -> Document:
    """Lay out and paginate the print HTML (no PDF written yet); ``extra_css`` comes last."""
    fetcher = LocalOnlyFetcher(roots)
    styles = _styles(fonts_css, PRINT_CSS.read_text(encoding="utf-8"))
    shared = {"url_fetcher": fetcher, "font_config": styles.fonts, "color_profiles": styles.profiles,
              "base_url": TEMPLATES.as_uri() + "/"}  # one font configuration for stylesheets and document
    first, print_css = styles.sheets
    stylesheets = [first, CSS(string=issue_css(issue), **shared), print_css]
    if extra_css:
        stylesheets.append(CSS(string=extra_css, **shared))
    with fewer_collections():
        return HTML(string=html, base_url=base.resolve().as_uri() + "/", url_fetcher=fetcher).render(
            stylesheets=stylesheets, font_config=styles.fonts, color_profiles=styles.profiles, **OPTIONS)


def fill_metadata(metadata: DocumentMetadata, issue: Issue) -> None:
    """Fill the document metadata WeasyPrint writes to the Info dictionary and the XMP packet."""
    pub = issue.publication
    metadata.title = issue.name
    metadata.authors = [pub.department]
    metadata.description = issue.description
    metadata.keywords = list(issue.keywords)
    metadata.generator = "bulletin (WeasyPrint)"
    metadata.created = f"{issue.week_end.isoformat()}T00:00:00+07:00"
    metadata.modified = datetime.now(TZ).replace(microsecond=0).isoformat()
    metadata.lang = "vi"


def source_attachment(issue: Issue) -> Attachment:
    """The issue's Markdown text, embedded in the PDF as its source (PDF/A-3 ``/AF``)."""
    now = datetime.now(timezone.utc)
    return Attachment(string=issue.source.encode("utf-8"), name=issue.path.name,
                      description=f"Tệp nguồn Markdown của {issue.name}",
                      created=now, modified=now, relationship="Source")


def page_of_anchors(document: Document) -> dict[str, int]:
    """Element id -> 1-based number of the page where it starts.

    WeasyPrint lists an anchor on every page its box reaches, so the first page wins."""
    pages: dict[str, int] = {}
    for n, page in enumerate(document.pages, 1):
        for anchor in page.anchors:
            pages.setdefault(anchor, n)
    return pages
