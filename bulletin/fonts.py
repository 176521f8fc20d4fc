"""The fonts the editions use, shipped as Python packages (``fontpkg-*``), never the system's.

Two families: Be Vietnam Pro (sans) for headings, the cover and the web edition, and IBM Plex
Serif for the body text of the print edition. Both have a glyph for every precomposed Vietnamese
letter and ship static (non-variable) TTF files, so WeasyPrint embeds subsets without having to
instantiate variable fonts on every render. :func:`faces` is the sans family (the web edition
and the site use only that); :func:`print_faces` adds the serif. :func:`font_face_css` writes
the ``@font-face`` rules for an edition.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import fontpkg

FAMILY = "Be Vietnam Pro"
"""A Vietnamese-first sans family: every precomposed Vietnamese letter has its own glyph."""

WEIGHTS = ((400, "normal"), (400, "italic"), (600, "normal"), (700, "normal"), (700, "italic"), (800, "normal"))
"""Weights and styles of the sans family the stylesheets use."""

SERIF = "IBM Plex Serif"
"""The print edition's body face: a sturdy text serif with full Vietnamese coverage."""

SERIF_WEIGHTS = ((400, "normal"), (400, "italic"), (600, "normal"), (700, "normal"), (700, "italic"))
"""Weights and styles of the serif family ``print.css`` uses."""


@dataclass(frozen=True, slots=True)
class Face:
    """One font file of a family."""

    family: str
    """CSS family name."""
    weight: int
    """CSS font-weight."""
    style: str
    """``normal`` or ``italic``."""
    path: Path
    """The TTF file inside the installed package."""


def _resolve(family: str, weights: Iterable[tuple[int, str]]) -> tuple[Face, ...]:
    return tuple(Face(family, w, s, Path(fontpkg.path(family, w, s, nearest=True))) for w, s in weights)


@lru_cache(maxsize=1)
def faces() -> tuple[Face, ...]:
    """Every face of the sans family, resolved from the installed font package."""
    return _resolve(FAMILY, WEIGHTS)


@lru_cache(maxsize=1)
def serif_faces() -> tuple[Face, ...]:
    """Every face of the serif body family."""
    return _resolve(SERIF, SERIF_WEIGHTS)


def print_faces() -> tuple[Face, ...]:
    """The faces of the print edition: sans first, then serif."""
    return faces() + serif_faces()


def print_font_folders() -> tuple[Path, ...]:
    """The folders holding the print fonts' files (what WeasyPrint may read for them)."""
    return tuple(sorted({face.path.parent for face in print_faces()}))


def print_fonts_css() -> str:
    """The print edition's ``@font-face`` rules, naming the shipped font files."""
    return font_face_css(lambda f: f.path.resolve().as_uri(), print_faces())


def font_face_css(url_for, chosen: Iterable[Face] | None = None) -> str:
    """``@font-face`` rules for ``chosen`` (default: :func:`faces`); ``url_for(face)`` gives the
    URL of a face's file in this edition."""
    rules = []
    for face in faces() if chosen is None else chosen:
        rules.append(
            f'@font-face {{ font-family: "{face.family}"; font-weight: {face.weight}; '
            f'font-style: {face.style}; src: url("{url_for(face)}") format("truetype"); }}'
        )
    return "\n".join(rules) + "\n"
