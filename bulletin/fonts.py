"""The fonts the editions use, shipped as Python packages (``fontpkg-*``), never the system's.

``FACES`` lists the faces; :func:`font_face_css` writes the ``@font-face`` rules for an edition.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import fontpkg

FAMILY = "Be Vietnam Pro"
"""A Vietnamese-first sans family: every precomposed Vietnamese letter has its own glyph."""

WEIGHTS = ((400, "normal"), (400, "italic"), (600, "normal"), (700, "normal"), (700, "italic"), (800, "normal"))
"""Weights and styles the stylesheets use."""


@dataclass(frozen=True, slots=True)
class Face:
    """One font file of the family."""

    family: str
    """CSS family name."""
    weight: int
    """CSS font-weight."""
    style: str
    """``normal`` or ``italic``."""
    path: Path
    """The TTF file inside the installed package."""


@lru_cache(maxsize=1)
def faces() -> tuple[Face, ...]:
    """Every face, resolved from the installed font package."""
    return tuple(Face(FAMILY, w, s, Path(fontpkg.path(FAMILY, w, s, nearest=True))) for w, s in WEIGHTS)


def font_face_css(url_for) -> str:
    """``@font-face`` rules; ``url_for(face)`` gives the URL of a face's file in this edition."""
    rules = []
    for face in faces():
        rules.append(
            f'@font-face {{ font-family: "{face.family}"; font-weight: {face.weight}; '
            f'font-style: {face.style}; src: url("{url_for(face)}") format("truetype"); }}'
        )
    return "\n".join(rules) + "\n"
