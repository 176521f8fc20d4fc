"""A part's items -> themes, each with its phrase and one lead sentence per item, in date order."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..markdown import plain
from ..model import Item
from ..sentences import split_sentences
from ..text import day_label
from .cluster import closed_phrases, cluster, generic, label, tfidf
from .words import Vocabulary, grams


@dataclass(frozen=True, slots=True)
class Line:
    """One item's sentence in a theme paragraph."""

    item: Item
    """The item it comes from."""
    sentence: str
    """The first sentence of the item's lead, as plain text."""

    @property
    def dated(self) -> str:
        """The sentence with the item's day before its final punctuation: ``… chiến lược (27/4).``"""
        return with_day(self.sentence, self.item.day)


@dataclass(frozen=True, slots=True)
class Theme:
    """A group of the week's items about one subject."""

    phrase: str
    """Its key phrase as written in the items, e.g. "công nghệ chiến lược"."""
    lines: tuple[Line, ...]
    """One line per item, by date then by position in the file."""

    @property
    def lead(self) -> str:
        """The bold lead phrase: the key phrase with a capital first letter."""
        return self.phrase[:1].upper() + self.phrase[1:]


_END = re.compile(r"[.!?…]+[\"”’'»)\]]*$")


def with_day(sentence: str, day: date | None) -> str:
    """Insert `` (27/4)`` before the sentence's final period; after a ``?``, ``!`` or closing quote,
    append `` (27/4).`` instead."""
    if day is None:
        return sentence
    m = _END.search(sentence)
    if m and set(m.group()) <= set(".…"):
        return f"{sentence[:m.start()]} ({day_label(day)}){m.group()}"
    return f"{sentence} ({day_label(day)})."


@lru_cache(maxsize=1024)
def item_text(item: Item) -> str:
    """Title, lead and body of an item as plain text (the title counts twice: it names the story)."""
    title = plain(item.title)
    return "\n".join((title, title, plain(item.lead), plain(item.body)))


def first_sentence(item: Item) -> str:
    """The first sentence of the item's lead (its title when the lead has none)."""
    sentences = split_sentences(plain(item.lead))
    return sentences[0] if sentences else plain(item.title)


def themes(items: Sequence[Item], avoid: Sequence[str] = ()) -> tuple[Theme, ...]:
    """Cluster ``items`` into themes; largest first, then by the earliest item."""
    if not items:
        return ()
    vocabulary = Vocabulary()
    vectors = tfidf([grams(item_text(item), None, avoid) for item in items])
    groups = cluster(vectors)
    heads = [set(grams(f"{plain(item.title)}\n{plain(item.lead)}", vocabulary, avoid)) for item in items]
    ordered = sorted(groups, key=lambda g: (-len(g), min(_when(items[i], i) for i in g)))
    used: list[str] = list(avoid)
    found = []
    for members in ordered:
        phrase = label(heads, members, vocabulary, used) or plain(items[members[0]].title)
        used.append(phrase)
        chosen = sorted(members, key=lambda i: _when(items[i], i))
        found.append(Theme(phrase, tuple(Line(items[i], first_sentence(items[i])) for i in chosen)))
    return tuple(found)


def _when(item: Item, index: int) -> tuple[date, int]:
    return (item.day or date.min, index)


def top_phrases(items: Sequence[Item], avoid: Sequence[str] = (), limit: int = 5) -> list[tuple[str, int]]:
    """The phrases most of ``items`` mention in their title or lead, with how many do: a quick view
    of the week's subjects (no clustering), for the issue page's chart."""
    vocabulary = Vocabulary()
    found: Counter[str] = Counter()
    for item in items:
        found.update(set(grams(f"{plain(item.title)}\n{plain(item.lead)}", vocabulary, avoid)))
    shared = [g for g, n in found.items() if n > 1 and not generic(g)]
    chosen: list[str] = []
    for g in sorted(shared, key=lambda g: (-found[g], -vocabulary.uses(g), g)):
        if len(chosen) == limit:
            break
        if closed_phrases([g, *(h for h in shared if found[h] == found[g] and len(h) > len(g))], found.__getitem__)[:1] == [g]:
            chosen.append(g)
    return [(_capital(vocabulary.written(g)), found[g]) for g in chosen]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
