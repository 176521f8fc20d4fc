"""Near-duplicate texts: the same story carried by several outlets, under different titles.

A text is normalised (NFC, modern tone marks, case-folded, punctuation out), cut into
overlapping word shingles (:data:`SHINGLE_WORDS` words each), and summarised by a MinHash signature
(datasketch). A MinHashLSH index finds the texts likely to be alike without comparing every pair;
the signatures' estimated Jaccard similarity of shingles then decides (at least :data:`SIMILAR`).
A copy whose title, first sentence and last paragraph were rewritten still shares about half its
shingles with the original (0.5 measured on ``tests/fixtures/neardup``); two stories on the same
subject written separately share almost none (0.01), so the threshold sits well between them.
"""
from __future__ import annotations

import re
from collections.abc import Hashable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # datasketch imports scipy (seconds): only a run that compares texts loads it
    from datasketch import LeanMinHash, MinHash

from ..text import modern_tones

SHINGLE_WORDS = 3
"""Words in one shingle."""
NUM_PERM = 128
"""Permutations of a signature (estimate error about 1/sqrt(128) = 0.09)."""
SIMILAR = 0.3
"""Estimated Jaccard similarity of shingles from which two texts tell the same story (the estimate's
standard error at 0.3 is about 0.04 with :data:`NUM_PERM` permutations)."""
MIN_WORDS = 25
"""Texts with fewer words are not compared: a one-line sapo says too little to be sure."""
_PUNCTUATION = re.compile(r"[^\w\s]")
_JOINER = re.compile(r"(?<=\w)[&./'’,-](?=\w)")


def shingles(text: str) -> set[bytes]:
    """The folded word shingles of ``text`` (empty when it has fewer than :data:`MIN_WORDS` words)."""
    if len(text.split()) < MIN_WORDS:
        return set()
    folded = _JOINER.sub("", modern_tones(text).casefold())  # "6,5" = "65", "KH&CN" = "KHCN"
    words = _PUNCTUATION.sub(" ", folded).split()
    return {" ".join(words[n:n + SHINGLE_WORDS]).encode("utf-8") for n in range(len(words) - SHINGLE_WORDS + 1)}


def signature(text: str) -> LeanMinHash | None:
    """The MinHash signature of ``text``, or None when it is too short to compare."""
    found = shingles(text)
    if not found:
        return None
    from datasketch import LeanMinHash

    minhash = _empty().copy()
    minhash.update_batch(list(found))
    return LeanMinHash(minhash)


@lru_cache(maxsize=1)
def _empty() -> MinHash:
    """An empty MinHash, copied for each text: drawing its permutations costs more than hashing an article."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1)


def similarity(a: str, b: str) -> float:
    """Estimated Jaccard similarity of two texts' shingles (0 when either is too short)."""
    first, second = signature(a), signature(b)
    return first.jaccard(second) if first is not None and second is not None else 0.0


class TextIndex:
    """Texts seen so far, each under a label; :meth:`find` gives the label of a near-duplicate."""

    def __init__(self, threshold: float = SIMILAR):
        self._threshold = threshold
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: list[LeanMinHash] = []
        self._labels: list[Hashable] = []

    def add(self, text: str | LeanMinHash | None, label: Hashable) -> None:
        """Remember ``text`` (or its signature) under ``label``; too short a text is ignored."""
        found = signature(text) if isinstance(text, str) else text
        if found is None:
            return
        self._lsh.insert(len(self._signatures), found)
        self._signatures.append(found)
        self._labels.append(label)

    def find(self, text: str | LeanMinHash | None) -> Hashable | None:
        """The label of the most similar remembered text at or above the threshold, or None."""
        found = signature(text) if isinstance(text, str) else text
        if found is None:
            return None
        best, best_score = None, self._threshold
        for key in self._lsh.query(found):
            score = found.jaccard(self._signatures[key])
            if score >= best_score:
                best, best_score = self._labels[key], score
        return best
