"""Checks on what an item's Markdown holds beyond its form: things no edition prints as the editor
meant them (inline HTML, links with other schemes, image syntax left as text), pictures named
almost right, and titles used twice.

Each check reports through the reader's :class:`~bulletin.items.Report`-like ``error``/``warn``
callables, with the line in the issue file.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from markdown_it.token import Token

from .markdown import safe_link
from .text import fold

Say = Callable[[int, str], None]
"""``report.error`` or ``report.warn``: (1-based line, Vietnamese message)."""

_IMAGE_AS_TEXT = re.compile(r"!\[[^\]\n]*\]\(([^)\n]*)\)?")


def inline_children(tokens: Iterable[Token], first_line: int) -> Iterator[tuple[int, Token]]:
    """Every inline child with the file line it sits on (softbreaks counted)."""
    for tok in tokens:
        if tok.type != "inline":
            continue
        line = (tok.map[0] if tok.map else first_line) + 1
        for kid in tok.children or []:
            if kid.type in ("softbreak", "hardbreak"):
                line += 1
            yield line, kid


def check_inline(tokens: Iterable[Token], first_line: int, error: Say, warn: Say) -> None:
    """Inline HTML and non-http links are warned about; image syntax that stayed text is an error."""
    html: dict[int, list[str]] = {}
    for line, kid in inline_children(tokens, first_line):
        if kid.type == "html_inline":
            html.setdefault(line, []).append(kid.content)
        elif kid.type == "link_open" and not safe_link(str(kid.attrGet("href"))):
            warn(line, f'liên kết "{kid.attrGet("href")}" không được in thành liên kết: chỉ dùng http://, https:// '
                       "hoặc mailto:; chữ của nó được in như chữ thường")
        elif kid.type == "text":
            for m in _IMAGE_AS_TEXT.finditer(kid.content):
                error(line, _image_as_text(m.group(0), m.group(1)))
    for line, tags in html.items():
        warn(line, f"mã HTML {' '.join(tags)} không được dùng trong bản tin; nó sẽ được in ra như chữ thường")


def _image_as_text(written: str, target: str) -> str:
    ref = target.split(' "')[0].strip()
    if " " in ref:
        fixed = re.sub(r"\s+", "-", ref)
        return (f'ảnh "{ref}" có dấu cách trong đường dẫn nên không đọc được; hãy đổi tên tệp ảnh bỏ dấu cách, '
                f'ví dụ "{fixed}", và sửa dòng này cho khớp')
    return f'"{written}" chưa đúng dạng ảnh; hãy viết ![Chú thích](16/anh.jpg "Ảnh: nguồn")'


def similar_file(ref: str, wanted: Path) -> str | None:
    """The reference as it should be written when a file differs from ``wanted`` only in case or
    extension (``Anh.JPG`` for ``anh.jpg``, ``anh.jpeg`` for ``anh.jpg``), else None."""
    folder = wanted.parent
    if not folder.is_dir():
        return None
    files = sorted(p.name for p in folder.iterdir() if p.is_file())
    same = [n for n in files if n.casefold() == wanted.name.casefold()]
    same = same or [n for n in files if Path(n).stem.casefold() == wanted.stem.casefold()]
    if not same:
        return None
    head, _, _ = ref.rpartition("/")
    return f"{head}/{same[0]}" if head else same[0]


LARGE_ISSUE = 200
"""Published items above which an issue is far larger than any real one (the sample has 38, the
other department's issues about 40; the benchmark's L issue 120)."""


def check_size(published: int, warn: Say) -> None:
    """Warn (naming the whole file) when an issue is far larger than any real one: its PDF runs to
    hundreds of pages and takes minutes, and the usual cause is a batch of candidates tagged by mistake."""
    if published > LARGE_ISSUE:
        warn(0, f"số này có {published} tin sẽ in, nhiều hơn hẳn một số bình thường (khoảng 40 tin; trên "
                f"{LARGE_ISSUE} tin là bất thường): bản PDF sẽ dài hàng trăm trang và mất nhiều phút để tạo. "
                "Có phải cả loạt tin ứng viên đã bị gắn tag nhầm?")


def check_duplicate_titles(titles: Iterable[tuple[str, int]], warn: Say) -> None:
    """Warn about every title (compared without case and diacritics) that an earlier item used."""
    seen: dict[str, int] = {}
    for title, line in titles:
        key = fold(title)
        if key and key in seen:
            warn(line, f'tiêu đề "{title}" trùng với tin ở dòng {seen[key]}; hãy sửa hoặc xóa một trong hai tin')
        else:
            seen.setdefault(key, line)
