"""Cross-source dedupe: the same story syndicated by several outlets becomes one candidate.

Two items are one story when their canonical links are equal, or when their titles are alike:
Jaccard similarity of word pairs (bigrams) of the titles once NFC, tone-normalised, case-folded
and stripped of diacritics and punctuation. Lookups use prefix filtering (rarest bigrams first),
so a few thousand items compare in well under a second.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

from ..text import fold, modern_tones, nfc

SIMILAR = 0.75
"""Jaccard similarity of title bigrams above which two titles tell the same story."""
_JOINER = re.compile(r"(?<=\w)[&./'’-](?=\w)")


def title_key(title: str) -> frozenset[str]:
    """The set compared between titles: folded word pairs (single words for one-word titles)."""
    text = _JOINER.sub("", fold(modern_tones(nfc(title))))  # "KH&CN" = "KHCN", "50.000" = "50000"
    words = re.sub(r"[^\w\s]", " ", text).split()
    if len(words) < 2:
        return frozenset(words)
    return frozenset(f"{a} {b}" for a, b in zip(words, words[1:]))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a ∩ b| / |a ∪ b| (0 for two empty sets)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


class TitleIndex:
    """Titles seen so far, searchable by similarity; ``order`` fixes the token order for prefixes."""

    def __init__(self, corpus: Iterable[frozenset[str]], threshold: float = SIMILAR):
        counts = Counter(token for key in corpus for token in key)
        self._rank = {token: (n, token) for token, n in counts.items()}
        self._threshold = threshold
        self._postings: dict[str, list[int]] = {}
        self._keys: list[frozenset[str]] = []
        self._labels: list[object] = []

    def _prefix(self, key: frozenset[str]) -> list[str]:
        ordered = sorted(key, key=lambda t: self._rank.get(t, (0, t)))
        return ordered[: len(ordered) - math.ceil(self._threshold * len(ordered)) + 1]

    def add(self, key: frozenset[str], label: object) -> None:
        """Remember ``key`` under ``label``."""
        if not key:
            return
        self._keys.append(key)
        self._labels.append(label)
        for token in self._prefix(key):
            self._postings.setdefault(token, []).append(len(self._keys) - 1)

    def find(self, key: frozenset[str]) -> object | None:
        """The label of the most similar remembered title at or above the threshold, or None."""
        best, best_score = None, self._threshold
        for n in {n for token in self._prefix(key) for n in self._postings.get(token, ())}:
            score = jaccard(key, self._keys[n])
            if score >= best_score:
                best, best_score = self._labels[n], score
        return best

    def similar(self, key: frozenset[str]) -> list[object]:
        """The labels of every remembered title at or above the threshold, most similar first."""
        found = {n: jaccard(key, self._keys[n]) for token in self._prefix(key) for n in self._postings.get(token, ())}
        return [self._labels[n] for n, score in sorted(found.items(), key=lambda kv: -kv[1]) if score >= self._threshold]
