"""Issue -> HTML: the web edition, and the print HTML that WeasyPrint turns into the PDF.

Jinja autoescape is on for every template; Markdown goes through :func:`bulletin.markdown.to_html`.
The renderer reads no files of its own beyond the templates: image URLs come in a mapping.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..items import heading_ids
from ..markdown import plain, to_html
from ..model import Issue, Item
from ..text import day_label, week_label
from . import TEMPLATES



@dataclass(frozen=True, slots=True)
class Page:
    """What a template needs beyond the issue."""

    edition: str
    """``web`` or ``print``."""
    stylesheets: tuple[str, ...]
    """Stylesheet URLs to link (empty for print: WeasyPrint gets them directly)."""
    image_url: Mapping[str, str]
    """Image reference as written in the issue -> URL in this edition."""
    cover_url: str
    """URL of the cover picture in this edition, or ''."""
    canonical: str
    """Absolute URL of the web edition when the archive's base URL is known, else ''."""
    og_image: str
    """Absolute URL of the sharing picture, else ''."""
    logo_url: str = ""
    """URL of the publication's logo in this edition, or ''."""
    archive: str = ""
    """Link to the archive's index (the web edition's way home), or ''."""


@lru_cache(maxsize=4)
def environment(folder: Path = TEMPLATES) -> Environment:
    """The Jinja environment: autoescape on for every template, undefined names are errors."""
    env = Environment(loader=FileSystemLoader(str(folder)), autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["day"] = day_label
    env.filters["plain"] = plain
    env.globals["week_label"] = week_label
    return env


def render_html(issue: Issue, page: Page) -> str:
    """Render the whole issue as one HTML document."""
    from ..trend.chart import week_chart

    template = environment().get_template("issue.html")
    chart = Markup(week_chart(issue)) if page.edition == "web" else ""
    return template.render(issue=issue, pub=issue.publication, page=page, week_chart=chart,
                           content=lambda item: item_html(item, page), description=issue.description)


def item_html(item: Item, page: Page) -> Markup:
    """Lead and body of one item as safe HTML."""
    def image_src(ref: str) -> str:
        return page.image_url.get(ref, "")

    heading_id = heading_ids(item)
    lead = to_html(item.lead, image_src, heading_id).replace("<p>", '<p class="lead">', 1)
    return Markup(lead + to_html(item.body, image_src, heading_id))

