"""What the desk page shows, computed from one :class:`~.sheet.Sheet`: the candidates with their
suggestion, whether the latest collector run added them and which items look like the same story;
then each part's items in print order, with the moves that would change that order."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..collect.store import LastRun
from ..markdown import safe_link
from ..model import PartSpec, Publication
from ..reader import print_order
from ..text import day_label
from .sheet import Row, Sheet, same_story


@dataclass(frozen=True, slots=True)
class Related:
    """Another item that looks like the same story."""

    line: int
    """Its heading line."""
    title: str
    """Its title."""
    where: str
    """"tin ứng viên", or the title of the part it is in."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One row of the candidates table."""

    row: Row
    """The item."""
    new: bool
    """True when the latest collector run added it."""
    related: tuple[Related, ...]
    """Items that look like the same story."""
    link: str
    """Its first source's address when it is a web link, else ''."""


@dataclass(frozen=True, slots=True)
class Placed:
    """One published item in its part, in print order."""

    row: Row
    """The item."""
    up: str
    """'' when it can move up; otherwise why not (Vietnamese)."""
    down: str
    """'' when it can move down; otherwise why not."""
    link: str
    """Its first source's web link, or ''."""


@dataclass(frozen=True, slots=True)
class PartView:
    """One part of the bulletin with its items."""

    spec: PartSpec
    """The part as ``sources.yaml`` defines it."""
    items: tuple[Placed, ...]
    """Its items, in print order."""


@dataclass(frozen=True, slots=True)
class DeskView:
    """Everything the desk page shows."""

    digest: str
    """The hash of the file the page is built from (every button sends it back)."""
    candidates: tuple[Candidate, ...]
    """The untagged items, in file order."""
    parts: tuple[PartView, ...]
    """The parts, in print order."""
    strays: tuple[Row, ...]
    """Items whose tag is no part's (the page offers to fix the tag)."""
    last_run: str
    """When the latest collector run was and what it added, in Vietnamese ('' when none is known)."""


def desk_view(sheet: Sheet, publication: Publication, last: LastRun | None) -> DeskView:
    """The desk's content for ``sheet``."""
    where = {spec.tag: spec.title for spec in publication.parts}
    lines = {r.line: r for r in sheet.rows}
    related = same_story(sheet.rows)
    fresh = last.candidates if last else frozenset()
    candidates = tuple(
        Candidate(r, bool(r.candidate) and r.candidate in fresh,
                  tuple(Related(n, lines[n].title, _where(lines[n], where)) for n in related[r.line]),
                  _link(r))
        for r in sheet.rows if not r.tag)
    parts = tuple(PartView(spec, _placed(print_order(r for r in sheet.rows if r.tag == spec.tag)))
                  for spec in publication.parts)
    strays = tuple(r for r in sheet.rows if r.tag and r.tag not in where)
    return DeskView(sheet.digest, candidates, parts, strays, _last_run(last))


def _where(row: Row, parts: dict[str, str]) -> str:
    if not row.tag:
        return "tin ứng viên"
    return parts.get(row.tag, f"tag “{row.tag}”")


def _placed(order: list[Row]) -> tuple[Placed, ...]:
    return tuple(Placed(row, _why_not(order, n, -1), _why_not(order, n, 1), _link(row)) for n, row in enumerate(order))


def _why_not(order: list[Row], n: int, step: int) -> str:
    if not 0 <= n + step < len(order):
        return "đã ở đầu phần" if step < 0 else "đã ở cuối phần"
    if order[n + step].day != order[n].day:
        return "các tin được in theo ngày đăng: chỉ đổi chỗ được với tin cùng ngày"
    return ""


def _link(row: Row) -> str:
    return next((s.url for s in row.sources if s.url and safe_link(s.url) and not s.url.startswith("mailto:")), "")


def _last_run(last: LastRun | None) -> str:
    if last is None:
        return ""
    when = datetime.fromisoformat(last.at)
    added = f"thêm {last.added} tin" if last.added else "không có tin mới"
    return f"Lần thu thập gần nhất: {day_label(when.date())}/{when.year} lúc {when:%H:%M}, {added}."
