"""The archive's own pages: the index, one page per year, and ``sitemap.xml``.

Templates live in ``templates/site/`` (autoescape on for every template, HTML and XML alike).
Every link is relative to the page, so the folder works under any sub-path and from file://;
absolute URLs appear only where a standard requires them (Open Graph, canonical, sitemap) and
only when the settings give ``base_url``.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from itertools import groupby

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..model import Publication
from ..render.html import TEMPLATES
from .model import ArchiveIssue

log = logging.getLogger(__name__)

SITE_TEMPLATES = TEMPLATES / "site"
"""Templates, stylesheet and script of the archive."""

MIME = {"HTML": "text/html", "PDF": "application/pdf",
        "DOCX": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
"""Edition kind -> media type."""
NAMES = {"HTML": "Đọc bản web", "PDF": "Bản PDF", "DOCX": "Bản Word (DOCX)"}
"""Edition kind -> link text."""
TRENDS = "xu-huong/"
"""The "Xu hướng" page's folder, relative to the site root."""


def human_size(size: int) -> str:
    """``1,2 MB``, ``37 KB``, ``900 B``: Vietnamese decimal comma."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


@lru_cache(maxsize=2)
def environment(folder=SITE_TEMPLATES) -> Environment:
    """Jinja for the archive: autoescape always on, undefined names are errors."""
    env = Environment(loader=FileSystemLoader(str(folder)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["size"] = human_size
    env.globals.update(mime=MIME, names=NAMES)
    return env


def base_url(pub: Publication) -> str:
    """The archive's public URL with a trailing slash, or '' when not configured."""
    return pub.base_url.rstrip("/") + "/" if pub.base_url else ""


def newest_first(issues: Sequence[ArchiveIssue]) -> list[ArchiveIssue]:
    """Issues sorted newest first."""
    return sorted(issues, key=lambda i: i.key, reverse=True)


def years_of(issues: Sequence[ArchiveIssue]) -> list[int]:
    """The years that have issues, newest first."""
    return sorted({i.year for i in issues}, reverse=True)


def _render_list(pub: Publication, issues: list[ArchiveIssue], year: int | None, years: list[int]) -> str:
    base, root = base_url(pub), ("" if year is None else "../")
    path = "" if year is None else f"{year}/"
    if year is None:
        title = f"{pub.title} – Lưu trữ các số"
        heading = "Các số bản tin"
    else:
        title = f"{pub.title} – Các số năm {year}"
        heading = f"Các số năm {year}"
    latest = f"; mới nhất: số {issues[0].label}, {issues[0].theme}" if issues else ""
    description = f"{pub.title} của {pub.department}: {len(issues)} số{latest}."
    groups = [(y, list(g)) for y, g in groupby(issues, key=lambda i: i.year)]
    return environment().get_template("list.html").render(
        pub=pub, root=root, title=title, heading=heading, description=description,
        url=f"{base}{path}" if base else "", image=f"{base}{issues[0].thumb}" if base and issues else "",
        years=years, current=year, groups=groups)


def render_index(pub: Publication, issues: Sequence[ArchiveIssue]) -> str:
    """``index.html``: every issue, newest first, grouped by year."""
    ordered = newest_first(issues)
    return _render_list(pub, ordered, None, years_of(ordered))


def render_year(pub: Publication, year: int, issues: Sequence[ArchiveIssue]) -> str:
    """``<year>/index.html``: that year's issues, newest first."""
    return _render_list(pub, newest_first([i for i in issues if i.year == year]), year, years_of(issues))


def render_sitemap(pub: Publication, issues: Sequence[ArchiveIssue]) -> str:
    """``sitemap.xml``: the index, the trend page, the year pages and every issue page.

    The sitemap protocol wants absolute URLs; without ``base_url`` they stay relative and the
    editor is told to set it.
    """
    base = base_url(pub)
    if not base:
        log.warning("sources.yaml chưa có publication.base_url (địa chỉ công khai của kho lưu trữ) "
                    "nên sitemap.xml chỉ có đường dẫn tương đối")
    ordered = newest_first(issues)
    newest = ordered[0].updated[:10] if ordered else ""
    urls = [("", newest), (TRENDS, newest)]  # the trend page changes with every issue
    for year in years_of(ordered):
        urls.append((f"{year}/", max(i.updated for i in ordered if i.year == year)[:10]))
    urls += [(i.folder, i.updated[:10]) for i in ordered]
    return environment().get_template("sitemap.xml").render(base=base, urls=urls)
