"""Issue -> the email edition: a table-laid HTML body with inlined CSS, and its plain-text twin.

Phần 1 (the trend summary) is given in full; every other item as its title, lead and a link to
the item on the archive site. Every link and picture is an absolute URL under ``base_url``.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, urljoin

import css_inline
from markupsafe import Markup

from ..items import heading_ids
from ..links import IssueLinks, issue_links
from ..markdown import to_html
from ..model import Issue, Item
from ..render.html import TEMPLATES, environment
from ..text import day_label
from .plain import in_full, plain_text

MAX_HTML_BYTES = 100 * 1024
"""Gmail clips a message whose HTML is larger (about 102 KB); the body stays under this."""


@dataclass(frozen=True, slots=True)
class EmailEdition:
    """The body of the email edition, the same for every recipient."""

    subject: str
    """E.g. "Điểm tin khoa học công nghệ số 17/2026 (04/5–10/5/2026)"."""
    html: str
    """The HTML part: inlined styles, no script, absolute links only."""
    text: str
    """The plain-text alternative."""
    links: IssueLinks
    """The issue's public addresses."""
    unsubscribe: str
    """The ``mailto:`` address readers unsubscribe with, or ''."""


def subject(issue: Issue, fmt: str = "") -> str:
    """The subject line: ``fmt`` (``mail.subject``) filled in, or by default the title, number and
    week, e.g. "Điểm tin khoa học công nghệ số 17/2026 (04/5–10/5/2026)"."""
    if fmt:
        return issue.line(fmt)
    week = f"{day_label(issue.week_start)}–{day_label(issue.week_end)}/{issue.week_end.year}"
    return f"{issue.name} ({week})"


def unsubscribe_address(sender: str) -> str:
    """``mailto:`` link that asks the sender to stop sending, or '' without a sender (ASCII, so the
    ``List-Unsubscribe`` header stays unencoded)."""
    if not sender:
        return ""
    return f"mailto:{sender}?subject={quote('Huy dang ky')}"


def compose(issue: Issue, image_names: Mapping[str, str], sender: str = "", subject_format: str = "") -> EmailEdition:
    """Render the email edition. ``image_names`` maps an image reference of the issue to the file
    name of its web picture (``img/<name>`` in the issue's archive folder)."""
    links = issue_links(issue)
    images = {ref: f"{links.page}img/{name}" for ref, name in image_names.items()}
    unsubscribe = unsubscribe_address(sender)
    title = subject(issue, subject_format)
    html = environment().get_template("email.html").render(
        issue=issue, pub=issue.publication, links=links, subject=title, unsubscribe=unsubscribe,
        css=Markup((TEMPLATES / "email.css").read_text(encoding="utf-8")), in_full=in_full(issue),
        full=lambda item: _item_html(item, images, whole=True),
        lead=lambda item: _item_html(item, images, whole=False))
    html = absolute_links(_inline(html), links.page)
    return EmailEdition(title, html, plain_text(issue, links, title, unsubscribe), links, unsubscribe)


def _item_html(item: Item, images: Mapping[str, str], whole: bool) -> Markup:
    def image_src(ref: str) -> str:
        return images.get(ref, "")

    ids = heading_ids(item)
    lead = to_html(item.lead, image_src, ids).replace("<p>", '<p class="lead">', 1)
    if not whole:
        return Markup(lead)
    heading = f"<h3>{Markup.escape(item.title)}</h3>" if item.day else ""
    return Markup(heading + lead + to_html(item.body, image_src, ids))


def _inline(html: str) -> str:
    """Copy the ``<style>`` rules into style attributes; nothing remote is ever loaded."""
    inliner = css_inline.CSSInliner(load_remote_stylesheets=False, keep_style_tags=False, keep_link_tags=False,
                                    minify_css=True)
    return _CLASS.sub("", inliner.inline(html))


_CLASS = re.compile(r' class="[^"]*"')
"""Class attributes are dead weight once the styles are inlined."""


_URL_ATTR = re.compile(r'\b(href|src)="([^"]*)"')


def absolute_links(html: str, page: str) -> str:
    """Make every ``href``/``src`` absolute against the issue's page (editor links may be relative)."""
    return _URL_ATTR.sub(lambda m: f'{m.group(1)}="{urljoin(page, m.group(2))}"', html)
