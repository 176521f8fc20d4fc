"""Key figures: a ``::: số liệu`` block of ``- 100%: thôn bản có sóng 4G`` lines.

::

    ::: số liệu
    - 100%: thôn bản có sóng 4G
    - 70%: dân số trưởng thành có chữ ký số
    :::

The HTML and PDF editions print each figure as a box with the number big and the caption under
it (the number stays text); the Word edition prints a one-row table styled to match.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import escape
from mdit_py_plugins.container import container_plugin

from .text import fold

NAME = "figures"
"""The container's name in the token stream: ``container_figures_open``."""
OPEN, CLOSE = f"container_{NAME}_open", f"container_{NAME}_close"
TITLES = ("so lieu", "figures")
"""What may follow ``:::`` (diacritics and case ignored): ``số liệu``."""
EXAMPLE = "- 100%: thôn bản có sóng 4G"
MAX_FIGURES = 12
"""More boxes than this in one block is surely a mistake (a missing closing ``:::``)."""


@dataclass(frozen=True, slots=True)
class KeyFigure:
    """One box: the number and what it counts."""

    value: str
    """The number as written, e.g. "100%" or "1,2 triệu"."""
    caption: str
    """What the number counts, e.g. "thôn bản có sóng 4G"."""
    line: int
    """0-based line of the figure in the Markdown it came from."""


def figures_plugin(md: MarkdownIt) -> None:
    """Teach a parser the ``::: số liệu`` block."""
    container_plugin(md, NAME, validate=lambda params, *_: fold(params.strip()) in TITLES)


def read_figures(toks: Sequence[Token], start: int) -> tuple[list[KeyFigure], list[tuple[int, str]], int]:
    """The figures of the block opened at ``toks[start]``: (figures, problems as (0-based line,
    message), index after the block's closing token)."""
    opened = toks[start].map[0] if toks[start].map else 0
    figures: list[KeyFigure] = []
    problems: list[tuple[int, str]] = []
    depth, i = 0, start
    while i < len(toks):
        tok = toks[i]
        depth += tok.nesting
        if tok.type == CLOSE and depth == 0:
            if not tok.markup:  # it ran to the end of the file: everything after it is inside
                problems = [(opened, 'khối "::: số liệu" chưa được đóng: thêm một dòng ":::" ngay sau dòng số liệu '
                                     'cuối (mọi thứ phía sau đang bị coi là một phần của khối)')]
            break
        if tok.type == "inline" or (tok.nesting == 1 and tok.type not in _ALLOWED):
            figures, problems = _line(tok, depth, figures, problems)
        i += 1
    if len(figures) > MAX_FIGURES:
        problems.append((opened, f"khối số liệu có {len(figures)} ô; nhiều nhất {MAX_FIGURES} ô mỗi khối"))
    return figures, problems, i + 1


_ALLOWED = {OPEN, "bullet_list_open", "list_item_open", "paragraph_open"}


def _line(tok: Token, depth: int, figures: list, problems: list) -> tuple[list, list]:
    line = tok.map[0] if tok.map else 0
    text = "".join(c.content if c.type != "softbreak" else " " for c in tok.children or [])
    value, colon, caption = text.partition(":")
    if tok.type != "inline" or depth != 4 or not colon or not value.strip() or not caption.strip():
        if not problems or problems[-1][0] != line:
            problems.append((line, f'mỗi dòng trong khối số liệu phải có dạng "{EXAMPLE}"'))
        return figures, problems
    return figures + [KeyFigure(value.strip(), " ".join(caption.split()), line)], problems


def figures_html(figures: Sequence[KeyFigure]) -> str:
    """The boxes as HTML: a list, so screen readers announce how many figures there are."""
    boxes = "".join(f'<li><span class="figure-value">{escape(f.value)}</span> '
                    f'<span class="figure-caption">{escape(f.caption)}</span></li>' for f in figures)
    return f'<ul class="figures">{boxes}</ul>\n'
