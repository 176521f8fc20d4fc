"""Group a part's items into themes: TF-IDF over folded syllable n-grams, cosine similarity,
average-linkage agglomerative clustering, and the number of themes (3–6 when there are enough
items) chosen by the silhouette score. Each theme is named by its most characteristic phrase.

A few dozen items a week need no numeric library: the whole step is plain Python and runs in
milliseconds for the 120-item issue (see ``bench/bench_trend.py``).
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Collection, Sequence

from ..text import fold
from .words import Vocabulary

MIN_THEMES, MAX_THEMES = 3, 6
"""How many themes a part gets when it has enough items."""
FEATURES = 200
"""Heaviest n-grams kept per item: long bodies add weight, not meaning, and cost time."""

Vector = dict[str, float]

GENERIC = frozenset(fold(p) for p in (
    "trở thành", "góp phần", "thúc đẩy", "đẩy mạnh", "tăng cường", "nâng cao", "phát triển", "triển khai",
    "hoàn thiện", "tạo ra", "đưa ra", "ứng dụng", "hiệu quả", "thành phố", "trung tâm", "tập trung",
    "thực hiện", "xây dựng", "giải pháp", "mục tiêu", "hoạt động", "chương trình", "kế hoạch", "tiếp tục",
    "cho biết", "nhấn mạnh", "đánh giá", "lĩnh vực", "quan trọng", "cả nước", "địa phương", "doanh nghiệp",
))
"""Words of the administrative register that name no subject; a theme's phrase neither is one nor
starts or ends with one ("thành trung tâm" names nothing either)."""


def tfidf(documents: Sequence[Counter[str]]) -> list[Vector]:
    """L2-normalised TF-IDF vectors (sublinear tf, smoothed idf) of each document's :data:`FEATURES`
    heaviest n-grams; n-grams seen in one document only are dropped."""
    df: Counter[str] = Counter(g for doc in documents for g in doc)
    n = len(documents)
    vectors = []
    for doc in documents:
        vec = {g: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[g])) + 1) for g, c in doc.items() if df[g] > 1}
        if len(vec) > FEATURES:
            vec = dict(sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:FEATURES])
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({g: v / norm for g, v in vec.items()})
    return vectors


def similarities(vectors: Sequence[Vector]) -> list[list[float]]:
    """Every pair's cosine similarity at once, through an inverted index (n-gram -> items).

    Products are added in a fixed order (items in order, n-grams in each vector's order), so the
    result does not depend on hashing."""
    n = len(vectors)
    postings: dict[str, list[tuple[int, float]]] = {}
    for i, vec in enumerate(vectors):
        for g, v in vec.items():
            postings.setdefault(g, []).append((i, v))
    sim = [[0.0] * n for _ in range(n)]
    for i, vec in enumerate(vectors):
        row = sim[i]
        for g, v in vec.items():
            for j, w in postings[g]:
                row[j] += v * w
    for i in range(n):  # i·j and j·i summed in different orders may differ in the last bit: use one
        for j in range(i):
            sim[i][j] = sim[j][i]
    return sim


def cluster(vectors: Sequence[Vector]) -> list[list[int]]:
    """Indices of ``vectors`` grouped into themes, the best silhouette over the allowed counts."""
    n = len(vectors)
    if n <= MIN_THEMES:
        return [[i] for i in range(n)]
    sim = similarities(vectors)
    merges = _average_linkage(sim)
    best: tuple[float, list[list[int]]] | None = None
    for k in range(MIN_THEMES, min(MAX_THEMES, n - 1) + 1):
        groups = refine(sim, _cut(n, merges, k))
        score = silhouette(sim, groups)
        if best is None or score > best[0] + 1e-9:
            best = (score, groups)
    assert best is not None
    return best[1]


def _average_linkage(sim: list[list[float]]) -> list[tuple[int, int]]:
    """The merge sequence (pairs of cluster ids; a merge keeps the smaller id) down to one cluster.

    ``total[a][b]`` holds the summed similarity between clusters ``a`` and ``b``; a merge adds
    rows, so each step is one scan of the pairs."""
    size = {i: 1 for i in range(len(sim))}
    total = {i: {j: sim[i][j] for j in range(len(sim)) if j != i} for i in range(len(sim))}
    merges = []
    while len(size) > 1:
        ids = sorted(size)
        a, b = max(((x, y) for i, x in enumerate(ids) for y in ids[i + 1:]),
                   key=lambda p: (total[p[0]][p[1]] / (size[p[0]] * size[p[1]]), -p[0], -p[1]))
        for c in ids:
            if c not in (a, b):
                total[a][c] += total[b][c]
                total[c][a] = total[a][c]
                del total[c][b]
        del total[a][b], total[b]
        size[a] += size.pop(b)
        merges.append((a, b))
    return merges


def _cut(n: int, merges: list[tuple[int, int]], k: int) -> list[list[int]]:
    """The clusters left after the first ``n - k`` merges, each sorted, ordered by first member."""
    members = {i: [i] for i in range(n)}
    for a, b in merges[: n - k]:
        members[a] += members.pop(b)
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


_GENERIC_HEADS = frozenset(p.split()[0] for p in GENERIC)
_GENERIC_TAILS = frozenset(p.split()[-1] for p in GENERIC)


def generic(gram: str) -> bool:
    """A generic phrase, or a phrase cut out of one ("thành trung" of "trở thành trung tâm")."""
    words = gram.split()
    whole = any(" ".join(words[:n]) in GENERIC or " ".join(words[-n:]) in GENERIC for n in (2, 3))
    return whole or (len(words) == 2 and words[0] in _GENERIC_TAILS and words[1] in _GENERIC_HEADS)


def closed_phrases(grams: Sequence[str], counts: Callable[[str], object]) -> list[str]:
    """``grams`` without those that only ever occur inside a longer one (same ``counts``)."""
    return [g for g in grams if not any(g != h and f" {g} " in f" {h} " and counts(h) == counts(g) for h in grams)]


def refine(sim: list[list[float]], groups: list[list[int]], rounds: int = 10) -> list[list[int]]:
    """Move each item to the group it is most similar to on average, until nothing moves
    (the k-means step that mends average linkage's early, greedy merges)."""
    for _ in range(rounds):
        where = {i: g for g, members in enumerate(groups) for i in members}
        moved: list[list[int]] = [[] for _ in groups]
        for i, g in sorted(where.items()):
            row = sim[i]

            def affinity(h: int) -> float:
                others = len(groups[h]) - (1 if h == g else 0)
                return (sum(row[j] for j in groups[h]) - (row[i] if h == g else 0.0)) / others if others else -1.0
            best = max(range(len(groups)), key=lambda h: (affinity(h), h == g))
            moved[best].append(i)
        moved = sorted((m for m in moved if m), key=lambda m: m[0])
        if moved == groups:
            break
        groups = moved
    return groups


def silhouette(sim: list[list[float]], groups: list[list[int]]) -> float:
    """Mean silhouette with cosine distance; singletons score 0, as usual."""
    where = {i: g for g, members in enumerate(groups) for i in members}
    total = 0.0
    for i, g in where.items():
        own = [j for j in groups[g] if j != i]
        if not own:
            continue
        a = sum(1 - sim[i][j] for j in own) / len(own)
        b = min(sum(1 - sim[i][j] for j in other) / len(other) for h, other in enumerate(groups) if h != g)
        total += (b - a) / max(a, b) if max(a, b) > 0 else 0.0
    return total / len(where)


def label(vectors: Sequence[Collection[str]], members: Sequence[int], vocabulary: Vocabulary, avoid: Sequence[str]) -> str:
    """The theme's phrase: the n-gram found in most of the theme's items, fewest of the others, and
    fewest of the week's items overall (so "khoa học", found everywhere, names nothing).

    A phrase that only ever occurs inside a longer one gives way to it; ties go to the phrase
    used most in the week's titles and leads ("trí tuệ nhân tạo" over "nhân tạo"); phrases overlapping one in
    ``avoid`` (the province's name, the phrases of earlier themes) are skipped. The result is the
    phrase as it was most often written.
    """
    inside = set(members)
    outside = max(len(vectors) - len(inside), 1)
    banned = [fold(a) for a in avoid if a]
    hits_in: Counter[str] = Counter(g for i in members for g in vectors[i])
    hits_out: Counter[str] = Counter(g for i, vec in enumerate(vectors) if i not in inside for g in vec)

    total = len(vectors)

    def rank(g: str) -> tuple[float, int, int, str]:
        rarity = math.log((total + 1) / (hits_in[g] + hits_out[g]))
        return (round((hits_in[g] / len(inside) - hits_out[g] / outside) * rarity, 6), vocabulary.uses(g),
                g.count(" "), g)

    least = min(2, len(inside))
    choices = [g for g in hits_in if hits_in[g] >= least and not generic(g)
               and not any(b in g or g in b for b in banned)]
    closed = closed_phrases(choices, lambda g: (hits_in[g], hits_out[g]))
    return vocabulary.written(max(closed, key=rank)) if closed else ""
