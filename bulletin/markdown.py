"""The one Markdown dialect of issue files, and its safe HTML rendering.

Parsing keeps raw HTML as tokens (so comments can be recognised and dropped) and every link
whatever its scheme (so the reader can warn about the ones no edition prints); rendering never
emits raw HTML: it is escaped, links are limited to http, https and mailto, and the result goes
through nh3 as a second line of defence.

markdown-it stops at :data:`MAX_NESTING` levels (a list level counts twice) and silently drops the
rest of the file. :func:`parse` turns that into an :class:`~bulletin.errors.IssueFormatError`
naming the first line it would have dropped, so nothing is ever lost without a message.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from .figures import OPEN, figures_html, figures_plugin, read_figures
from .errors import IssueFormatError, Problem

LINK_SCHEMES = frozenset({"http", "https", "mailto"})
"""The only link schemes any edition renders."""

MAX_NESTING = 40
"""Deepest block nesting accepted: 20 list levels or 40 quote levels (markdown-it's default, 20,
drops whatever follows a list nested ten deep). Deeper input is an error, never truncated."""
_TOO_DEEP = "bulletin_too_deep"

_TAGS = {"p", "a", "em", "strong", "ul", "ol", "li", "blockquote", "h3", "h4", "figure",
         "figcaption", "img", "br", "hr", "code", "pre", "table", "thead", "tbody", "tr", "th",
         "td", "span", "s", "sup", "sub"}
_ATTRS = {"ul": {"class"}, "a": {"href", "title"}, "img": {"src", "alt", "width", "height", "loading"},
          "h3": {"id"}, "figure": {"class"}, "span": {"class"}, "figcaption": set(),
          "th": {"style"}, "td": {"style"}}


def safe_link(url: str) -> bool:
    """True for http(s)/mailto URLs; everything else (javascript:, data:, file:) is refused."""
    return urlsplit(url.strip()).scheme.lower() in LINK_SCHEMES


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The parser of issue files: CommonMark + tables + front matter + key figures, raw HTML and every link kept
    as tokens. Use :func:`parse`, which refuses input nested deeper than :data:`MAX_NESTING`."""
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING}).use(front_matter_plugin).use(figures_plugin).enable("table")
    md.validateLink = lambda url: True
    return _guard_depth(md)


def parse(text: str, path: Path) -> list[Token]:
    """Block tokens of a whole issue file. Raises :class:`IssueFormatError` (``path``:line) when
    markdown-it would drop part of it for nesting too deep."""
    env: dict = {}
    tokens = parser().parse(text, env)
    if _TOO_DEEP in env:
        raise IssueFormatError([Problem(path, env[_TOO_DEEP] + 1, too_deep_message())])
    return tokens


def too_deep_message() -> str:
    """The editor's message for input nested deeper than :data:`MAX_NESTING`."""
    return (f"danh sách hoặc trích dẫn (dấu >) lồng nhau quá sâu (tối đa {MAX_NESTING // 2 - 1} cấp danh sách hoặc "
            f"{MAX_NESTING - 1} cấp trích dẫn) nên từ đây đến hết không đọc được; hãy bớt số cấp lồng nhau")


def _guard_depth(md: MarkdownIt) -> MarkdownIt:
    """Record in ``env`` the first line markdown-it skips because of ``maxNesting``."""
    tokenize = md.block.tokenize
    limit = md.options.maxNesting

    def guarded(state: StateBlock, start: int, end: int) -> None:
        if state.level >= limit:
            skipped = next((n for n in range(start, end) if not state.isEmpty(n)), None)
            if skipped is not None:
                state.env.setdefault(_TOO_DEEP, skipped)
        tokenize(state, start, end)

    md.block.tokenize = guarded  # type: ignore[method-assign]
    return md


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False, "maxNesting": MAX_NESTING}).use(figures_plugin).enable("table")
    md.validateLink = lambda url: safe_link(url) or not urlsplit(url).scheme
    return md


def tokens(text: str) -> list:
    """Block tokens of editor Markdown as every edition renders it: raw HTML stays text and
    links with unsafe schemes stay text. The Word edition walks these."""
    return _renderer().parse(text)


def to_html(text: str, image_src: Callable[[str], str], heading_id: Callable[[str], str]) -> str:
    """Render editor Markdown to safe HTML.

    ``image_src`` maps an image reference as written to the URL the edition uses;
    ``heading_id`` gives the id of a ``###`` heading from its text. A paragraph holding only an
    image becomes a ``<figure>`` with its caption and credit.
    """
    md = _renderer()
    tokens = md.parse(text)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "paragraph_open" and _lone_image(tokens[i + 1]):
            out.append(_figure(tokens[i + 1].children[0], image_src))
            i += 3
            continue
        if tok.type == OPEN:
            figures, _, i = read_figures(tokens, i)  # problems were reported when the issue was read
            out.append(figures_html(figures))
            continue
        if tok.type == "heading_open" and tok.tag == "h3":
            tok.attrSet("id", heading_id(tokens[i + 1].content))
        if tok.type == "inline":
            _rewrite_inline(tok, image_src)
        out.append(md.renderer.render([tok], md.options, {}))
        i += 1
    return sanitize("".join(out))


def _lone_image(inline) -> bool:
    kids = [c for c in (inline.children or []) if not (c.type == "text" and not c.content.strip())]
    return len(kids) == 1 and kids[0].type == "image"


def _figure(img, image_src: Callable[[str], str]) -> str:
    from markupsafe import escape

    caption = img.content
    credit = img.attrGet("title") or ""
    src = escape(image_src(str(img.attrGet("src"))))
    parts = [f'<figure class="photo"><img src="{src}" alt="{escape(caption)}" loading="lazy">']
    if caption or credit:
        credit_html = f' <span class="credit">{escape(credit)}</span>' if credit else ""
        parts.append(f"<figcaption>{escape(caption)}{credit_html}</figcaption>")
    parts.append("</figure>\n")
    return "".join(parts)


def _rewrite_inline(tok, image_src: Callable[[str], str]) -> None:
    for child in tok.children or []:
        if child.type == "image":
            child.attrSet("src", image_src(str(child.attrGet("src"))))


def sanitize(html: str) -> str:
    """nh3 pass over rendered HTML: only the tags and attributes the editions use survive."""
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRS, url_schemes=set(LINK_SCHEMES),
                     link_rel="noopener")


def plain(text: str) -> str:
    """Markdown inline text -> plain text (for titles in the MỤC LỤC, meta descriptions)."""
    tokens = _renderer().parseInline(text)
    return "".join(c.content for t in tokens for c in (t.children or []) if c.type in ("text", "code_inline"))
