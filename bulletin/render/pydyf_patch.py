"""Two patches of pydyf (``pyproject.toml`` pins ``pydyf>=0.13,<0.14``): ``PDF.page_references``
cached, and content streams compressed at zlib's default level instead of its slowest.

pydyf 0.13 rebuilds the tuple of every page's reference on each access, and WeasyPrint reads it
once per tagged element and per internal link: a 1,000-item issue read it about 40,000 times over
450 pages, which made writing the PDF grow with items × pages. Pages are only ever appended (to
the flat ``Kids`` array ``[number, 0, 'R', …]``), so the page count is a sufficient cache key.

pydyf 0.13 deflates every stream at level 9. On the text-only T issue that was about 0.2 s of the
PDF's 1.3 s of writing, for a file 3 % smaller than level 6 gives (233 against 240 kB; the
sample, whose pictures are JPEG and not deflated again: 0.4 %). Level 6, zlib's own default, is
used instead (bench/README.md).

The first patch is applied only when pydyf still behaves as assumed: its ``page_references`` is a
property giving, on a probe document, exactly what the cached one gives. Otherwise pydyf is left
alone (correct, only slower), :data:`APPLIED` is False and a warning is logged; a test fails on it.
"""
from __future__ import annotations

import logging
import types
import zlib

import pydyf

log = logging.getLogger(__name__)

_ORIGINAL = pydyf.PDF.__dict__.get("page_references")


def cached_page_references(pdf: pydyf.PDF) -> tuple[bytes, ...]:
    """``pdf.page_references``, rebuilt only when a page was added since the last call."""
    kids = pdf.pages["Kids"]
    cached = pdf.__dict__.get("_bulletin_page_refs")
    if cached is None or cached[0] != len(kids):
        cached = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        pdf.__dict__["_bulletin_page_refs"] = cached
    return cached[1]


def holds() -> bool:
    """True when pydyf's own ``page_references`` gives what :func:`cached_page_references` gives,
    on a probe document read before and after pages are added."""
    if not isinstance(_ORIGINAL, property) or _ORIGINAL.fget is None:
        return False
    probe = pydyf.PDF()
    seen = []
    for _ in range(3):
        probe.add_object(pydyf.Dictionary({"Type": "/Font"}))  # page numbers that are not consecutive
        probe.add_page(pydyf.Dictionary({"Type": "/Page"}))
        seen.append((_ORIGINAL.fget(probe), cached_page_references(probe)))
    return all(ours == theirs for theirs, ours in seen) and len(seen[-1][0]) == 3


def _apply() -> bool:
    if not holds():
        log.warning("pydyf %s không còn như bulletin/render/pydyf_patch.py giả định: không vá, "
                    "số bản tin rất lớn sẽ ghi PDF chậm hơn", getattr(pydyf, "__version__", "?"))
        return False
    pydyf.PDF.page_references = property(cached_page_references)  # type: ignore[assignment]
    return True


APPLIED = _apply()
"""Whether pydyf is patched (it is, unless pydyf changed)."""

FLATE_LEVEL = 6
"""The zlib level of the PDF's streams (zlib's default; pydyf asks for 9)."""


class _DefaultLevelZlib(types.ModuleType):
    """``zlib`` as pydyf sees it: the same module, except that a compressor asked for level 9
    gets :data:`FLATE_LEVEL`."""

    def __getattr__(self, name: str):
        return getattr(zlib, name)

    @staticmethod
    def compressobj(level: int = -1, *args, **kwargs):
        return zlib.compressobj(FLATE_LEVEL if level == 9 else level, *args, **kwargs)


if getattr(pydyf, "zlib", None) is zlib:  # pydyf deflates through its module-level ``zlib``
    pydyf.zlib = _DefaultLevelZlib("zlib")
