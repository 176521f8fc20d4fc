"""A drafted summary of an article, ready for the editor to trim: a lead and one or two short
paragraphs of the article's most central sentences, in their original order.

Extractive only: every sentence is the article's own, split by :func:`bulletin.sentences.split_sentences`.
Centrality is TextRank's (Mihalcea & Tarau 2004): sentences are nodes, the weight between two is
their shared words over the logs of their lengths, and PageRank's power iteration scores them.
Plain Python, no model, no download.
"""
from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..sentences import split_sentences

BODY_WORDS = 120
"""About this many words of body in all."""
MAX_SENTENCES = 150
"""Sentences of one article looked at (the rest are past any summary)."""
DAMPING, ROUNDS, EPSILON = 0.85, 50, 1e-6
_WORD = re.compile(r"\w+", re.U)
_STOP = frozenset(
    "và của là có được cho các những một trong với đã để này không người từ khi đến theo về tại như cũng "
    "sẽ thì mà nhưng đó ra vào lại nên do bị nhiều hơn rất năm ngày tháng".split())
"""Words too common to tie two sentences together."""


@dataclass(frozen=True, slots=True)
class Draft:
    """A drafted item text."""

    lead: str
    """The sapo: the page's own, else the article's first sentence or two."""
    body: tuple[str, ...]
    """At most two paragraphs of central sentences, in article order."""


def draft(text: str, sapo: str = "", words: int = BODY_WORDS) -> Draft:
    """The draft of an article's ``text`` (paragraphs separated by blank lines), with its ``sapo``."""
    sentences = split_sentences(text)[:MAX_SENTENCES]
    if sapo:
        lead = " ".join(sapo.split())
        rest = [s for s in sentences if not _words(s) <= _words(lead)]  # the sapo is often the text's start
    else:
        taken = 2 if sentences and len(sentences[0].split()) < 20 else 1
        lead, rest = " ".join(sentences[:taken]), sentences[taken:]
    chosen = _central(rest, words)
    return Draft(lead=lead, body=_paragraphs([rest[i] for i in chosen]))


def _words(sentence: str) -> set[str]:
    return {w for w in _WORD.findall(sentence.lower()) if w not in _STOP and not w.isdigit()}


def rank(sentences: Sequence[str]) -> list[float]:
    """TextRank score of each sentence."""
    bags = [_words(s) for s in sentences]
    n = len(bags)
    weights = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            shared = len(bags[i] & bags[j])
            if shared and len(bags[i]) > 1 and len(bags[j]) > 1:
                weights[i][j] = weights[j][i] = shared / (math.log(len(bags[i])) + math.log(len(bags[j])))
    totals = [sum(row) or 1.0 for row in weights]
    links = [[(j, weights[j][i] / totals[j]) for j in range(n) if weights[j][i]] for i in range(n)]
    scores = [1.0 / n] * n if n else []
    for _ in range(ROUNDS):
        new = [(1 - DAMPING) / n + DAMPING * sum(w * scores[j] for j, w in links[i]) for i in range(n)]
        done = max(abs(a - b) for a, b in zip(new, scores)) < EPSILON
        scores = new
        if done:
            break
    return scores


def _central(sentences: Sequence[str], words: int) -> list[int]:
    """Indexes of the most central sentences that fit in about ``words`` words, in article order."""
    scores = rank(sentences)
    chosen, count = [], 0
    for i in sorted(range(len(sentences)), key=lambda i: (-scores[i], i)):
        size = len(sentences[i].split())
        if count and count + size > words * 1.15:
            continue
        chosen.append(i)
        count += size
        if count >= words * 0.85:
            break
    return sorted(chosen)


def _paragraphs(sentences: Sequence[str]) -> tuple[str, ...]:
    """One paragraph, or two when there are three sentences or more (split near the middle by words)."""
    if len(sentences) < 3:
        return (" ".join(sentences),) if sentences else ()
    half, count = sum(len(s.split()) for s in sentences) / 2, 0
    for cut, sentence in enumerate(sentences, 1):
        count += len(sentence.split())
        if count >= half:
            break
    cut = min(cut, len(sentences) - 1)
    return " ".join(sentences[:cut]), " ".join(sentences[cut:])
