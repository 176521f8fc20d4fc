"""Blank space at the foot of PDF pages: measure it, and fit pictures that left it.

A figure never splits (``print.css``), so one that does not fit in the space left on a page moves
to the next and leaves that space empty. After a first layout, :func:`fitting` looks at every
page that is followed by a page opening with a figure of the same part:

- if shrinking the picture by at most :data:`MAX_SHRINK` of its height makes the figure fit, the
  picture gets that smaller ``max-height``;
- otherwise, when paragraphs follow the figure, as many of them as fill the space (measured in
  the first layout) are printed before the figure, so their text fills the space.

The caller lays the document out once more with the returned changes. :func:`page_gaps`
measures the result (the tests and the benchmark read it too).

The decision depends only on the print HTML, the stylesheets, this module and WeasyPrint:
:func:`fitting_key` digests them, and :func:`remember`/:func:`recall` keep the decision in the
build cache, so that building the same print edition again (``--force``, the preview's PDF button)
lays it out once.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import atomic_write

PX_MM = 25.4 / 96
"""Millimetres per CSS pixel (WeasyPrint lays out in CSS pixels)."""
MAX_SHRINK = 0.25
"""A picture may lose at most this share of its height to fit the space left on a page."""
_SAFETY_PX = 4.0
"""Rounding slack kept when computing a shrunk height."""
REMEMBERED = 64
"""Fitting decisions kept in the build cache (one per print edition built; a few hundred bytes each)."""
_LEAVES = ("LineBox", "BlockReplacedBox", "InlineReplacedBox")


@dataclass(frozen=True, slots=True)
class PageGap:
    """The empty space at the foot of one page."""

    page: int
    """1-based page number."""
    gap_mm: float
    """Height between the last line or picture and the bottom of the page's content area."""
    ends_part: bool
    """True for the last page of a part (or of the cover, the MỤC LỤC, the document)."""
    opens_next: object | None = field(default=None, compare=False)
    """The figure box that opens the next page (same part), if one does."""
    img: object | None = field(default=None, compare=False)
    """Its picture box."""
    after: tuple = field(default=(), compare=False)
    """The paragraph boxes that follow that figure directly, in order."""


@dataclass(frozen=True, slots=True)
class Fitting:
    """What the second layout changes."""

    css: str
    """Rules giving shrunk pictures their ``max-height``."""
    deferred: Mapping[str, int]
    """``src`` of a figure -> how many of the paragraphs that follow it to print before it."""

    def __bool__(self) -> bool:
        return bool(self.css or self.deferred)


def _walk(box, ancestors: tuple = ()) -> Iterator[tuple[object, tuple]]:
    """Every leaf (line or picture) with its ancestor boxes, in document order."""
    if type(box).__name__ in _LEAVES:
        yield box, ancestors
        return
    for child in getattr(box, "children", ()):
        yield from _walk(child, ancestors + (box,))


def _classes(box) -> set[str]:
    element = getattr(box, "element", None)
    return set((element.get("class") or "").split()) if element is not None else set()


def _section(ancestors: tuple):
    """The top-level element (cover, MỤC LỤC, part) a leaf belongs to."""
    for box in ancestors:
        if getattr(box, "element_tag", None) in ("section", "nav", "header", "div") and box.element is not None:
            return box.element
    return None


def page_gaps(document) -> list[PageGap]:
    """The blank space at the foot of every page of a laid-out WeasyPrint document."""
    pages = [list(_walk(_root(p._page_box))) for p in document.pages]
    gaps = []
    for n, (page, leaves) in enumerate(zip(document.pages, pages), 1):
        box = page._page_box
        bottom = box.content_box_y() + box.height
        last = max((leaf.position_y + leaf.margin_height() for leaf, _ in leaves), default=box.content_box_y())
        following = pages[n] if n < len(pages) else []
        here = _section(leaves[-1][1]) if leaves else None
        there = _section(following[0][1]) if following else None
        ends = here is None or there is None or here is not there
        figure, img, after = (None, None, ()) if ends else _opening_figure(following)
        gaps.append(PageGap(n, (bottom - last) * PX_MM, ends, figure, img, after))
    return gaps


def _root(page_box):
    """The page's ``html`` box (not its margin boxes: header, footer)."""
    return next((c for c in page_box.children if getattr(c, "element_tag", None) == "html"), page_box)


def _opening_figure(leaves: list) -> tuple[object | None, object | None, tuple]:
    """The figure box, its picture box and the paragraphs right after it, when the first leaf of
    a page is inside a figure."""
    _, ancestors = leaves[0]
    at = next((n for n, b in enumerate(ancestors) if "photo" in _classes(b)), None)
    if at is None or at == 0:
        return None, None, ()
    figure = ancestors[at]
    img = next((b for b in figure.descendants() if type(b).__name__ in _LEAVES[1:]), None)
    siblings = ancestors[at - 1].children
    after = []
    for box in siblings[siblings.index(figure) + 1:]:
        if getattr(box, "element_tag", None) != "p" or _classes(box):
            break
        after.append(box)
    return figure, img, tuple(after)


def fitting(document, min_gap_mm: float = 20.0) -> Fitting:
    """The changes that fill gaps of at least ``min_gap_mm`` left by a figure moved to the next page."""
    rules: list[str] = []
    deferred: dict[str, int] = {}
    for gap in page_gaps(document):
        if gap.ends_part or gap.opens_next is None or gap.img is None or gap.gap_mm < min_gap_mm:
            continue
        src = gap.img.element.get("src") or ""
        excess = gap.opens_next.margin_height() - gap.gap_mm / PX_MM + _SAFETY_PX
        height = gap.img.height
        if excess <= MAX_SHRINK * height:
            rules.append(f'.photo img[src="{_css_escape(src)}"] {{ max-height: {(height - excess) * PX_MM:.2f}mm; }}')
        elif gap.after:
            deferred[src] = _paragraphs_to_fill(gap.after, gap.gap_mm / PX_MM)
    return Fitting("\n".join(rules), deferred)


def _paragraphs_to_fill(paragraphs: tuple, space: float) -> int:
    """How many of ``paragraphs`` it takes to fill ``space`` (all of them if they do not)."""
    total = 0.0
    for n, box in enumerate(paragraphs, 1):
        total += box.margin_height()
        if total >= space:
            return n
    return len(paragraphs)


def _css_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


_FIGURE = re.compile(r'<figure class="photo"><img src="([^"]*)"(?:(?!</figure>).)*</figure>\n', re.S)
_PARAGRAPH = re.compile(r"<p>(?:(?!</p>).)*</p>\n", re.S)


def defer_figures(html: str, deferred: Mapping[str, int]) -> str:
    """Print the given number of paragraphs that follow each deferred figure before it."""
    if not deferred:
        return html
    out, pos = [], 0
    for m in _FIGURE.finditer(html):
        count = deferred.get(m.group(1), 0)
        if not count or m.start() < pos:
            continue
        end = m.end()
        for _ in range(count):
            p = _PARAGRAPH.match(html, end)
            if not p:
                break
            end = p.end()
        out += [html[pos:m.start()], html[m.end():end], m.group(0)]
        pos = end
    return "".join(out) + html[pos:]


def fitting_key(html: str, stylesheets: Iterable[str], engine: str) -> str:
    """Digest of everything a fitting decision depends on: the print HTML, the stylesheets' text,
    this module's code and the layout engine's version (``engine``)."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for text in (engine, html, *stylesheets):
        digest.update(len(text).to_bytes(8, "big") + text.encode("utf-8"))
    return digest.hexdigest()


def recall(folder: Path, key: str) -> Fitting | None:
    """The decision remembered under ``key`` in ``folder``, or None."""
    try:
        data = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
        return Fitting(str(data["css"]), {str(k): int(v) for k, v in data["deferred"].items()})
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def remember(folder: Path, key: str, fit: Fitting) -> None:
    """Keep ``fit`` under ``key`` in ``folder`` (created when missing), with at most
    :data:`REMEMBERED` decisions: the oldest go first."""
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write(folder / f"{key}.json", json.dumps({"css": fit.css, "deferred": dict(fit.deferred)}))
    kept = sorted(folder.glob("*.json"), key=_modified, reverse=True)
    for old in kept[REMEMBERED:]:
        old.unlink(missing_ok=True)


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
