"""Feed text -> plain NFC text -> Markdown that cannot change the file's structure.

Feed titles and descriptions are hostile: HTML (scripts, event handlers, image wrappers), entity
tricks (``&lt;script&gt;``), and text that would be Markdown structure once written into the
issue file (a title ``# …``, a line ``- tag: national``). Everything goes through nh3 until no
tag is left, and every Markdown-significant character is then backslash-escaped.
"""
from __future__ import annotations

import html
import re
from urllib.parse import quote

import nh3

from ..text import clean, modern_tones

_BLOCK_TAG = re.compile(r"<\s*/?\s*(?:br|p|div|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|figure|figcaption)\b[^>]*>", re.I)
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")
_ENTITY_LIKE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_LINE_START = re.compile(r"^([>+=-]|\d+(?=[.)]))")
_SENTENCE_END = re.compile(r"[.!?…](?=\s)")
_INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f\u2028\u2029]")
"""Unicode's format characters (category Cf: bidi overrides and isolates, zero-width spaces and
joiners, soft hyphens, BOMs, tags) and the line/paragraph separators: Vietnamese needs none of them."""
TITLE_LIMIT = 250
"""Characters of a title kept (the rest becomes " …")."""
SUMMARY_LIMIT = 600
"""Characters of a summary kept, cut at a sentence end where possible."""
FRAGMENT_LIMIT = 20_000
"""Characters of one feed fragment looked at; a longer one is cut (its text is shortened anyway)."""


def feed_text(fragment: str) -> str:
    """HTML or text from a feed -> one line of plain NFC text, modern tone marks, no tags and no
    invisible characters at all."""
    text = (fragment or "")[:FRAGMENT_LIMIT]
    for _ in range(5):  # entity-escaped markup turns into markup once unescaped: strip again
        before = text
        text = html.unescape(nh3.clean(_BLOCK_TAG.sub(" ", text), tags=set(), attributes={}))
        if text == before:
            break
    text, _removed = clean(_INVISIBLE.sub("", text))
    return modern_tones(" ".join(text.split()))


def shorten(text: str, limit: int = 600, sentences: bool = True) -> str:
    """Cut a long text to at most ``limit`` characters: at the last sentence end (when ``sentences``
    and one comes late enough), else at the last space, with " …"."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    ends = [m.end() for m in _SENTENCE_END.finditer(head)] if sentences else []
    if ends and ends[-1] > limit // 3:
        return head[: ends[-1]]
    cut = head[: limit - 2]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + " …"


def md_text(text: str) -> str:
    """Plain one-line text -> Markdown inline text that renders as exactly that text.

    Escapes emphasis, code, links, HTML, tables, headings and entities anywhere, and list,
    quote and setext markers at the start of the line.
    """
    text = _INLINE_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    text = _ENTITY_LIKE.sub(r"\\&", text)
    m = _LINE_START.match(text)
    if m:
        text = text[: m.end()] + "\\" + text[m.end():] if m.group(1)[0].isdigit() else "\\" + text
    return text


def md_url(url: str) -> str:
    """An http(s) URL safe inside ``[name](…)``: no spaces, brackets, parentheses or angle brackets."""
    return quote(url, safe=":/?#@!$&'*+,;=%~-._")
