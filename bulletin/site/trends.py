"""The archive's "Xu hướng" page (``xu-huong/index.html``): for the subjects the archive carries
most, a chart of items per issue with the same figures in a table under it, and the subjects that
rose and faded in the newest issue against the issues before it.

Subjects here are the configured keywords (``keywords`` in ``sources.yaml``). A subject carried by
more than half of all items ("khoa học", "công nghệ") says nothing about a trend and is left out.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from ..text import slugify
from ..trend.archive import IssueCounts, cached_counts
from ..trend.chart import series
from ..trend.subjects import Change, Subject, changes, fading, figure, rising, subjects
from .pages import TRENDS, base_url, environment

SHOWN = 6
"""Subjects with a chart."""
TOO_COMMON = 0.5
"""A subject carried by more than this share of all items is left out."""


@dataclass(frozen=True, slots=True)
class SubjectSeries:
    """One subject's figures across the archive."""

    name: str
    """The subject as shown."""
    ident: str
    """Element id of its section."""
    points: tuple[tuple[str, int], ...]
    """(issue label, items carrying it), oldest first."""
    total: int
    """Items carrying it in the whole archive."""
    chart: str
    """The SVG chart (safe markup)."""


def trend_series(issues: Sequence[IssueCounts], followed: Sequence[Subject]) -> tuple[list[SubjectSeries], list[Change], list[Change]]:
    """The charted subjects, and the newest issue's rising and fading ones."""
    rows = [i.counts for i in issues]
    items = sum(i.items for i in issues) or 1
    totals = [sum(row[n] for row in rows) for n in range(len(followed))]
    ranked = sorted((n for n, total in enumerate(totals) if 0 < total <= items * TOO_COMMON),
                    key=lambda n: (-totals[n], followed[n].name))[:SHOWN]
    found = []
    for n in ranked:
        name, ident = followed[n].name, f"chu-de-{slugify(followed[n].name, 40)}"
        points = tuple((i.label, i.counts[n]) for i in issues)
        found.append(SubjectSeries(name, ident, points, totals[n],
                                   series(points, f"Số tin về {name} trong mỗi số bản tin", f"{ident}-bieu-do")))
    moved = changes(followed, rows)
    return found, rising(moved), fading(moved)


def render_trends(settings: Settings, issues: Mapping[Path, str], cache: Path) -> str:
    """``xu-huong/index.html`` for the issues in the archive: each issue file, oldest first, with
    the digest of the build record its archive folder was made from."""
    pub = settings.publication
    followed = subjects(settings.keywords)
    texts = cached_counts(issues, pub, followed, cache)
    charted, up, down = trend_series(texts, followed)
    years = sorted({t.year for t in texts}, reverse=True)
    return environment().get_template("trends.html").render(
        pub=pub, root="../", title=f"{pub.title} – Xu hướng qua các số", heading="Xu hướng qua các số",
        description=f"Các chủ đề được nhắc đến nhiều nhất trong {len(texts)} số {pub.title}, theo từng số.",
        url=f"{base_url(pub)}{TRENDS}" if base_url(pub) else "", image="", years=years, current="xu-huong", charted=charted,
        latest=texts[-1].label if texts else "", compared=min(len(texts) - 1, 4) if texts else 0,
        up=[figure(c) for c in up], down=[figure(c) for c in down])
