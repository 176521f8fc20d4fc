"""Subjects and how often the archive's issues carry them.

A subject is a configured keyword (its with- and without-diacritics variants are one subject) or a
key phrase of the week's themes. An item carries a subject when its title, lead or body contains
it, tone-insensitively as the collector matches (acronyms with capitals, such as ``AI``, match only
as written). A subject's figure for an issue is the number of its published news items carrying it.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..collect.select import Keywords, compile_keywords
from ..text import fold, modern_tones

PREVIOUS = 4
"""How many earlier issues the rising/fading comparison averages over."""
SHOWN = 3
"""How many rising and how many fading subjects the draft names."""


@dataclass(frozen=True, slots=True)
class Subject:
    """One subject the trend figures follow."""

    name: str
    """As shown: the keyword's variant with diacritics, or the phrase as most often written."""
    key: str
    """Folded form: two subjects with the same key are the same subject."""
    matcher: Keywords
    """Compiled as the collector compiles keywords."""


@dataclass(frozen=True, slots=True)
class ItemText:
    """One published news item's text, prepared once for every subject."""

    modern: str
    """Title, lead and body as plain text with modern tone marks."""
    folded: str
    """The same text folded (no diacritics, case-folded)."""


@dataclass(frozen=True, slots=True)
class Change:
    """A subject's figure in an issue against the average of the issues before it."""

    subject: str
    """The subject's name."""
    count: int
    """Items carrying it in this issue."""
    average: float
    """Mean count over the previous issues (up to :data:`PREVIOUS`)."""
    previous: int
    """How many previous issues the average covers."""

    @property
    def delta(self) -> float:
        return self.count - self.average


def subjects(keywords: Iterable[str], phrases: Iterable[str] = ()) -> tuple[Subject, ...]:
    """Configured keywords then key phrases, one subject per folded form, in first-seen order.

    A phrase inside a keyword or around one ("hạt nhân", "năng lượng hạt nhân") is that keyword's
    subject already and is left out."""
    chosen: dict[str, str] = {}
    for word in keywords:
        _choose(chosen, word)
    configured = [f" {key} " for key in chosen]
    for phrase in phrases:
        key = f" {fold(phrase)} "
        if not any(key in k or k in key for k in configured):
            _choose(chosen, phrase)
    return tuple(Subject(name=name, key=key, matcher=compile_keywords([name if _exact(name) else key]))
                 for key, name in chosen.items())


def _choose(chosen: dict[str, str], word: str) -> None:
    word = modern_tones(" ".join(word.split()))
    key = fold(word)
    if key and (key not in chosen or _better_name(word, chosen[key])):
        chosen[key] = word


def _exact(word: str) -> bool:
    return any(ch.isupper() for ch in word)


def _better_name(word: str, current: str) -> bool:
    """A variant with diacritics names the subject better than one without."""
    return fold(current) == current.casefold() and fold(word) != word.casefold()


def prepare(text: str) -> ItemText:
    """Prepare an item's plain text for matching."""
    modern = modern_tones(" ".join(text.split()))
    return ItemText(modern=modern, folded=fold(modern))


def carries(subject: Subject, item: ItemText) -> bool:
    """True when the item's text contains the subject (see the module docstring)."""
    m = subject.matcher
    return bool((m.exact and m.exact.search(item.modern)) or (m.accented and m.accented.search(item.modern.casefold()))
                or (m.folded and m.folded.search(item.folded)))


def counts(subject_list: Sequence[Subject], items: Sequence[ItemText]) -> tuple[int, ...]:
    """For each subject, how many of ``items`` carry it."""
    return tuple(sum(1 for item in items if carries(s, item)) for s in subject_list)


def changes(subject_list: Sequence[Subject], history: Sequence[Sequence[int]]) -> tuple[Change, ...]:
    """Each subject's last figure in ``history`` (one row of counts per issue, oldest first) against
    the mean of up to :data:`PREVIOUS` rows before it."""
    if not history:
        return ()
    *before, now = history
    window = before[-PREVIOUS:]
    return tuple(Change(s.name, now[n], sum(row[n] for row in window) / len(window) if window else 0.0, len(window))
                 for n, s in enumerate(subject_list))


def rising(found: Sequence[Change], limit: int = SHOWN) -> list[Change]:
    """Subjects that grew most (largest positive difference; ties by name)."""
    grew = [c for c in found if c.previous and c.delta > 0]
    return sorted(grew, key=lambda c: (-c.delta, c.subject))[:limit]


def fading(found: Sequence[Change], limit: int = SHOWN) -> list[Change]:
    """Subjects that shrank most (largest negative difference; ties by name)."""
    shrank = [c for c in found if c.previous and c.delta < 0]
    return sorted(shrank, key=lambda c: (c.delta, c.subject))[:limit]


def figure(change: Change) -> str:
    """``chuyển đổi số: 12 tin, trung bình 4 số trước: 5`` (up to two decimals, with a comma)."""
    average = f"{change.average:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{change.subject}: {change.count} tin, trung bình {change.previous} số trước: {average}"
