"""Vietnamese text -> folded syllable n-grams, stop words removed, with their written forms.

Matching is tone-insensitive as the collector's: every syllable goes through
:func:`bulletin.text.fold`. N-grams never span punctuation or a stop word, so they read as phrases
("cong nghe chien luoc"), and each remembers how it was most often written ("công nghệ chiến lược").
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..text import fold, modern_tones

MIN_N, MAX_N = 2, 4
"""Shortest and longest n-gram, in syllables. Single syllables are left out: folded, too many of
them collide ("lúa" rice and "lừa" fraud are both "lua"), and Vietnamese words are mostly two or more."""

STOP_WORDS = frozenset(fold(w) for w in """
và của các những là có được trong cho với từ đến đã đang sẽ một này đó để khi theo tại về như thì mà
cũng còn hơn rất nhiều ngày tháng năm tuần bị do vào ra nên nếu hay hoặc lại vừa qua trên dưới sau trước
giữa việc nhằm cùng đều chỉ mới thêm nhất vẫn đây kia ấy ai gì nào không chưa phải làm bằng ở lên xuống
nhau mỗi mọi toàn bộ cả vì tuy nhưng song đồng thời bởi nơi đi hiện nay tới vẫn luôn thể hết gần
họ chúng ta tôi ông bà anh chị em sự cuộc điều các nhiều ít số lượng hơn
""".split()) - {fold("số")}
"""Function words that carry no subject (folded). "số" stays: it is the "số" of "chuyển đổi số"."""

_fold = lru_cache(maxsize=1 << 16)(fold)
"""Folding is the hot spot of tokenising: the same words recur all week."""

_WORD = re.compile(r"[^\W_]+(?:[&.+-][^\W_]+)*", re.UNICODE)
_BREAK = re.compile(r"[.,;:!?…()\[\]“”\"'«»–—/|\n]+")


@dataclass(slots=True)
class Vocabulary:
    """How each folded n-gram was written, counted over everything tokenised with it."""

    forms: dict[str, Counter[str]] = field(default_factory=dict)
    """Folded n-gram -> written forms (tone-normalised, lower case unless an acronym) and counts."""

    def written(self, gram: str) -> str:
        """The most common written form of ``gram`` (the folded form if never seen)."""
        forms = self.forms.get(gram)
        return forms.most_common(1)[0][0] if forms else gram

    def uses(self, gram: str) -> int:
        """How many times ``gram`` occurred in everything tokenised."""
        return sum(self.forms.get(gram, {}).values())


def grams(text: str, vocabulary: Vocabulary | None = None, breaks: Sequence[str] = ()) -> Counter[str]:
    """Folded :data:`MIN_N`- to :data:`MAX_N`-syllable n-grams of ``text`` and how often each occurs.

    ``breaks`` are names (the province's) that no n-gram may touch."""
    found: Counter[str] = Counter()
    names = [fold(b).split() for b in breaks if b.strip()]
    for chunk in _BREAK.split(modern_tones(text)):
        for run in _runs(_WORD.findall(chunk), names):
            folded = [f for f, _ in run]
            shown = [_shown(w) for _, w in run] if vocabulary is not None else []
            for n in range(MIN_N, MAX_N + 1):
                for i in range(len(run) - n + 1):
                    key = " ".join(folded[i:i + n])
                    found[key] += 1
                    if vocabulary is not None:
                        vocabulary.forms.setdefault(key, Counter())[" ".join(shown[i:i + n])] += 1
    return found


def _runs(words: list[str], breaks: list[list[str]]) -> list[list[tuple[str, str]]]:
    """Split a chunk's words at stop words, numbers and the ``breaks`` names: runs of (folded, word)."""
    folded = [_fold(w) for w in words]
    drop = {i for i, f in enumerate(folded) if f in STOP_WORDS or f.replace(".", "").replace(",", "").isdigit()}
    for name in breaks:
        for i in range(len(folded) - len(name) + 1):
            if folded[i:i + len(name)] == name:
                drop.update(range(i, i + len(name)))
    runs: list[list[tuple[str, str]]] = [[]]
    for i, word in enumerate(words):
        if i in drop:
            runs.append([])
        else:
            runs[-1].append((folded[i], word))
    return [r for r in runs if len(r) >= MIN_N]


def _shown(word: str) -> str:
    """Acronyms keep their capitals (AI, KH&CN); other words are shown in lower case."""
    return word if sum(ch.isupper() for ch in word) > 1 or (len(word) <= 3 and word.isupper()) else word.lower()
