"""Split Vietnamese news text into sentences.

A sentence ends at ``.``, ``!``, ``?`` or ``…`` (closing quotes and brackets stay with it) when
whitespace and the start of a new sentence follow: a capital letter, a digit or an opening quote.
It does not end:

- after a title or place abbreviation: ``TP. Huế``, ``TS. Lê``, ``PGS.TS. Nguyễn``, ``ThS.``,
  ``Th.S.``, ``GS.``, ``Q. Bình Tân``, ``St. Petersburg``, or a single initial (``Nguyễn V. An``);
- inside a company name: ``Samsung Electronics Co. Ltd.`` (``Co.`` before ``Ltd``);
- inside a number or date, which has no space after its dots: ``1.100``, ``8.6.2012``, ``27/4``;
- inside a quotation: ``nói: “A. B.”`` is one sentence (unless the quotes do not balance);
- after a list number at the start: ``1. Xu hướng chung`` stays whole.

``v.v.`` ends a sentence only when a capital letter follows, as any other word would.
Blank lines always end a sentence. Whitespace inside a sentence is collapsed to single spaces.
"""
from __future__ import annotations

import re

from .text import nfc

TITLES = frozenset({
    "TP", "Tp", "tp", "TS", "PGS", "GS", "ThS", "Th.S", "Ths", "BS", "KS", "CN", "NCS", "TSKH", "NGND", "NGƯT",
    "NSND", "NSƯT", "TTND", "TTƯT", "Q", "P", "TX", "TT", "Đ", "NXB", "St", "Dr", "Mr", "Mrs", "Ms", "Prof", "No",
})
"""Abbreviations after which a period never ends a sentence (a name or a place follows)."""

BEFORE = {"co": ("ltd", "limited", "kg")}
"""Abbreviations (lower case) that may end a sentence, but not before these words: ``Samsung Co. Ltd.``,
``Co. LTD``, ``Co. Limited``, ``Co. KG``; "Apple Inc." and "Vingroup JSC." may end one and stay as they are."""

_TERMINAL = ".!?…"
_CLOSERS = "\"”’'»)]"
_OPENERS = "“‘«(["
_COMPOUND = re.compile(r"^(?:[A-ZĐ][A-Za-zĐđ]{0,4}\.)+[A-ZĐ][A-Za-zĐđ]{0,4}$")
"""``PGS.TS``, ``GS.TSKH``, ``TS.BS``: joined titles."""
_LIST_NUMBER = re.compile(r"^(?:\d{1,2}|[IVXLC]{1,5}|[a-z])$")
_BOUNDARY = re.compile(r"[.!?…]+[\"”’'»)\]]*(?=\s)")


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` in order, each with its whitespace collapsed."""
    sentences: list[str] = []
    for paragraph in re.split(r"\n\s*\n", nfc(text)):
        flat = " ".join(paragraph.split())
        if flat:
            sentences += _split_paragraph(flat)
    return sentences


def _split_paragraph(text: str) -> list[str]:
    cuts = _cuts(text, quotes=True)
    if cuts is None:  # unbalanced quotation marks: ignore them rather than swallow the paragraph
        cuts = _cuts(text, quotes=False) or []
    pieces, start = [], 0
    for cut in cuts:
        pieces.append(text[start:cut].strip())
        start = cut
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


def _cuts(text: str, quotes: bool) -> list[int] | None:
    """Offsets where a new sentence starts; None when ``quotes`` and the quotes do not balance."""
    depth = _quote_depths(text) if quotes else None
    if depth is not None and depth[-1] != 0:
        return None
    cuts, start = [], 0
    for m in _BOUNDARY.finditer(text):
        after = m.end() + 1
        if after >= len(text) or (depth and depth[m.end() - 1] > 0):
            continue
        if _starts_sentence(text[after:]) and not _abbreviation(text[start:m.start()], m.group(), text[after:]):
            cuts.append(after)
            start = after
    return cuts


def _quote_depths(text: str) -> list[int]:
    """Quotation depth after each character (curly quotes nest; straight ones toggle)."""
    depths, depth, straight = [], 0, False
    for ch in text:
        if ch == "“":
            depth += 1
        elif ch == "”":
            depth = max(depth - 1, 0)
        elif ch == '"':
            straight = not straight
            depth += 1 if straight else -1
        depths.append(depth)
    return depths or [0]


def _starts_sentence(rest: str) -> bool:
    first = rest.lstrip(_OPENERS + "\"'-–— ")[:1]
    return bool(first) and (first.isupper() or first.isdigit())


def _abbreviation(before: str, punct: str, rest: str) -> bool:
    """True when the period of ``punct`` belongs to the last word of ``before`` (``rest`` follows it)."""
    if not punct.startswith(".") or punct.startswith(".."):
        return False
    words = before.split()
    if not words:
        return False
    word = words[-1].lstrip(_OPENERS + "\"'")
    if len(words) == 1 and _LIST_NUMBER.match(word):
        return True
    if rest.split(maxsplit=1)[0].rstrip(".,").lower() in BEFORE.get(word.lower(), ()):
        return True
    return word in TITLES or _joined_titles(word) or (len(word) == 1 and word.isupper())


def _joined_titles(word: str) -> bool:
    """``PGS.TS``, ``GS.TSKH``, ``TS.BS`` or initials ``H.Y.T``; not ``TP.HCM``, which may end a sentence."""
    return bool(_COMPOUND.match(word)) and all(part in TITLES or (len(part) == 1 and part.isupper())
                                               for part in word.split("."))
