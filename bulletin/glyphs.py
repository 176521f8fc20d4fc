"""Check, before rendering, that the print fonts have a glyph for every character an issue prints.

A character no embedded face covers would come out as an empty box (or in whatever font the
machine happens to have). Every face must cover it, because any text can end up bold, italic or
in a capitalised heading. The check reads the fonts' ``cmap`` tables with fontTools.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING
from pathlib import Path

from fontTools.ttLib import TTFont

from .errors import Problem
from .fonts import Face, print_faces
from .model import Issue, Publication

if TYPE_CHECKING:
    from .config import Settings
from .project import shown

log = logging.getLogger(__name__)

_SKIPPED = frozenset({"Cc", "Cf", "Zl", "Zp"})
"""Unicode categories that never need a glyph: controls, format characters, line separators."""

_BLOCK_HEADING = re.compile(r"#{1,2}\s")
"""A level-1 or level-2 heading ends an item's block in the issue file."""


@lru_cache(maxsize=32)
def _cmap(path: Path) -> frozenset[int]:
    with TTFont(path, lazy=True) as font:
        return frozenset(font["cmap"].getBestCmap())


@lru_cache(maxsize=8)
def _covered(faces: tuple[Face, ...]) -> frozenset[int]:
    """Code points every face of ``faces`` has a glyph for."""
    return frozenset.intersection(*(_cmap(face.path) for face in faces))


def lacking(char: str, faces: Sequence[Face]) -> tuple[str, ...]:
    """Families (in order, once each) with a face that has no glyph for ``char`` or its capital."""
    needed = {ord(c) for c in {char, *char.upper()}}
    names: list[str] = []
    for face in faces:
        if not needed <= _cmap(face.path) and face.family not in names:
            names.append(face.family)
    return tuple(names)


def uncovered(text: str, faces: Sequence[Face]) -> dict[str, tuple[str, ...]]:
    """Characters of ``text`` some face lacks -> the families lacking them, in order of appearance."""
    return dict(_uncovered(text, tuple(faces)))


@lru_cache(maxsize=8192)
def _uncovered(text: str, faces: tuple[Face, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """:func:`uncovered`, remembered per line: the live preview checks an issue on every save, and most
    of its lines have not changed."""
    covered = _covered(faces)
    found: dict[str, tuple[str, ...]] = {}
    for char in dict.fromkeys(text):
        if char in found or unicodedata.category(char) in _SKIPPED:
            continue
        if ord(char) not in covered or any(ord(c) not in covered for c in char.upper()):
            found[char] = lacking(char, faces)
    return tuple(found.items())


def printed_lines(issue: Issue) -> Iterator[tuple[int, str]]:
    """(line number, text) of the lines of the issue file that end up printed: the front matter
    and the blocks of published items. Candidates and organising headings are skipped."""
    lines = issue.source.split("\n")
    end = next((i for i, line in enumerate(lines[1:], 2) if line.strip() == "---"), 1)
    yield from enumerate(lines[:end], 1)
    for item in issue.items:
        number = item.line
        yield number, lines[number - 1]
        while number < len(lines) and not _BLOCK_HEADING.match(lines[number]):
            number += 1
            yield number, lines[number - 1]


def missing_glyphs(issue: Issue, faces: Sequence[Face] | None = None) -> list[Problem]:
    """One problem per printed line of the issue file holding characters the fonts lack."""
    chosen = tuple(faces or print_faces())
    where = shown(issue.path)
    return [Problem(where, number, _message(missing))
            for number, text in printed_lines(issue) if (missing := uncovered(text, chosen))]


def missing_in_settings(publication: Publication, settings: Path, faces: Sequence[Face] | None = None) -> list[Problem]:
    """The same check for the publication texts printed on the cover (from ``sources.yaml``)."""
    chosen = tuple(faces or print_faces())
    texts: Iterable[str] = (publication.title, publication.parent, publication.department, publication.province,
                            *(part.title for part in publication.parts))
    missing = uncovered(" ".join(texts), chosen)
    return [Problem(settings, 0, _message(missing))] if missing else []


def warn_uncovered(settings: Settings, issue: Issue) -> None:
    """Log a warning (file:line) for every printed character the print fonts cannot draw."""
    for problem in missing_glyphs(issue) + missing_in_settings(settings.publication, settings.path):
        log.warning("%s", problem)


def _message(missing: dict[str, tuple[str, ...]]) -> str:
    shown = ", ".join(f'"{c}" (U+{ord(c):04X}, thiếu trong {" và ".join(fams)})' for c, fams in missing.items())
    return (f"phông chữ của bản PDF không có ký tự {shown}: bản in sẽ hiện ô trống hoặc phông khác. "
            "Hãy thay bằng ký tự thông dụng hoặc bỏ đi")
