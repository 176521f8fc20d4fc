"""Relevance keywords, the issue's week, and the suggested tag.

A keyword written with a capital letter (``AI``, ``IoT``, ``5G``… as acronyms are written) matches
case-sensitively, so "AI" never matches the Vietnamese word "ai". A keyword with diacritics
matches text with those diacritics (any case, either tone-mark placement); a keyword without
diacritics matches any text once diacritics are removed. ``sources.yaml`` lists both variants.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from ..text import TZ, fold, modern_tones


@dataclass(frozen=True, slots=True)
class Keywords:
    """Compiled keywords: one pattern per way of matching."""

    exact: re.Pattern[str] | None
    """Keywords with a capital letter, matched as written."""
    accented: re.Pattern[str] | None
    """Keywords with diacritics, matched case-insensitively on tone-normalised text."""
    folded: re.Pattern[str] | None
    """Keywords without diacritics, matched on folded text."""

    def match(self, text: str) -> bool:
        """True when any keyword occurs in ``text`` as whole words."""
        modern = modern_tones(text)
        return bool(
            (self.exact and self.exact.search(modern))
            or (self.accented and self.accented.search(modern.casefold()))
            or (self.folded and self.folded.search(fold(text)))
        )

    @property
    def empty(self) -> bool:
        """No keyword at all."""
        return not (self.exact or self.accented or self.folded)


def compile_keywords(words: Iterable[str]) -> Keywords:
    """Sort keywords into the three ways of matching and compile each group."""
    exact, accented, folded = [], [], []
    for word in words:
        word = modern_tones(" ".join(word.split()))
        if not word:
            continue
        if any(ch.isupper() for ch in word):
            exact.append(word)
        elif fold(word) != word.casefold():
            accented.append(word.casefold())
        else:
            folded.append(fold(word))
    return Keywords(_pattern(exact), _pattern(accented), _pattern(folded))


def _pattern(words: list[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def relevant(text: str, keywords: Keywords, include: Keywords, exclude: Keywords) -> bool:
    """Relevant = not excluded, and matching a global or per-source keyword (all, when none is set)."""
    if not exclude.empty and exclude.match(text):
        return False
    if keywords.empty and include.empty:
        return True
    return keywords.match(text) or include.match(text)


def in_week(published: datetime | None, week: tuple[date, date]) -> bool:
    """Inside the week in Vietnam time; an item without a usable date is in no week (nothing is guessed)."""
    return published is not None and week[0] <= published.astimezone(TZ).date() <= week[1]


def names_province(text: str, province: str) -> bool:
    """True when ``text`` names the province (diacritics and case ignored)."""
    name = fold(province)
    return bool(name) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", fold(text)) is not None
