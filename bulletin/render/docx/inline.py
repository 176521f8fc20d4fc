"""Markdown inline tokens -> runs of one Word paragraph (bold, italic, links, line breaks)."""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph
from markdown_it.token import Token

from ...markdown import safe_link
from .ooxml import add_run, external_link

MONO = "Courier New"
"""Font of inline code."""


@dataclass(slots=True)
class _Runs:
    """Formatting open at this point of one paragraph's inline tokens."""

    paragraph: Paragraph
    bold: int = 0
    italic: int = 0
    strike: int = 0
    link: BaseOxmlElement | None = None
    images: list[Token] = field(default_factory=list)

    def text(self, text: str, mono: bool = False) -> None:
        if not text:
            return
        run = add_run(self.paragraph, self.link, text)
        if self.bold:
            run.bold = True
        if self.italic:
            run.italic = True
        if self.strike:
            run.font.strike = True
        if mono:
            run.font.name = MONO
        if self.link is not None:
            run._r.style = "Hyperlink"

    def open_link(self, token: Token) -> None:
        href = str(token.attrGet("href") or "")
        if safe_link(href) and urlsplit(href).scheme:
            self.link = external_link(self.paragraph, href)

    def line_break(self) -> None:
        add_run(self.paragraph, self.link, "").add_break()


_COUNTERS = {"strong": "bold", "em": "italic", "s": "strike"}


def write_inline(paragraph: Paragraph, children: list[Token] | None, bold: bool = False) -> list[Token]:
    """Add runs for ``children`` to ``paragraph``; return the image tokens met (placed after it).

    Links to http(s)/mailto become real hyperlinks; any other link keeps only its text.
    """
    runs = _Runs(paragraph, bold=int(bold))
    for tok in children or []:
        kind, _, edge = tok.type.rpartition("_")
        if kind in _COUNTERS and edge in ("open", "close"):
            name = _COUNTERS[kind]
            setattr(runs, name, getattr(runs, name) + (1 if edge == "open" else -1))
        elif tok.type == "link_open":
            runs.open_link(tok)
        elif tok.type == "link_close":
            runs.link = None
        elif tok.type in ("text", "html_inline"):
            runs.text(tok.content)
        elif tok.type == "code_inline":
            runs.text(tok.content, mono=True)
        elif tok.type == "softbreak":
            runs.text(" ")
        elif tok.type == "hardbreak":
            runs.line_break()
        elif tok.type == "image":
            runs.images.append(tok)
    return runs.images
