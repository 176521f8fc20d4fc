"""``make trend``: the week's themes, the subjects' figures, and the draft of Phần 1 in the file.

Gather and check everything first (the issue, its parts, the previous issues), then write once.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..collect.issuefile import open_issue
from ..config import Settings
from ..model import Issue
from ..project import Project
from ..reader import read_issue
from .archive import before, read_texts, table, texts_of
from .draft import PartDraft, body, with_digest
from .place import Placement, place
from .subjects import PREVIOUS, Change, Subject, changes, fading, rising, subjects
from .themes import themes

ROLES = (("national", "Xu hướng chung của cả nước"), ("local", "Điểm sáng tại {province}"))
"""The draft's sections: which part role (``parts[].role`` in ``sources.yaml``) feeds each, and its heading."""


@dataclass(frozen=True, slots=True)
class TrendRequest:
    """What ``make trend`` was asked."""

    settings: Settings
    """The checked settings."""
    number: int
    """Issue number."""
    year: int | None
    """Its year, or None for the newest year that has it."""
    write: bool = True
    """False for a dry run: compute and show, write nothing."""


@dataclass(frozen=True, slots=True)
class TrendResult:
    """Everything one run found and did."""

    path: Path
    """The issue file."""
    label: str
    """``17/2026``."""
    parts: tuple[PartDraft, ...]
    """The draft's sections with their themes."""
    subjects: tuple[Subject, ...]
    """Subjects followed."""
    compared: tuple[str, ...]
    """Labels of the previous issues the figures compare against, oldest first."""
    changes: tuple[Change, ...]
    """Every subject's figure against the previous issues."""
    rising: tuple[Change, ...]
    """The subjects named as rising in the intro."""
    fading: tuple[Change, ...]
    """The subjects named as fading in the intro."""
    text: str
    """The draft as written (or as it would be written)."""
    placement: Placement
    """What happened to the file."""
    trend_tag: str
    """The tag of the part with the ``trend`` role (what the editor gives the accepted draft)."""


def week_parts(issue: Issue) -> tuple[PartDraft, ...]:
    """The draft's sections: each role's part of the issue, clustered into themes."""
    pub = issue.publication
    found = []
    for role, heading in ROLES:
        part = next((p for p in issue.parts if p.role == role), None)
        if part is None:
            continue
        found.append(PartDraft(heading.format(province=pub.province), part.title, len(part.items),
                               themes(part.items, avoid=(pub.province,))))
    return tuple(found)


def make_trend(request: TrendRequest) -> TrendResult:
    """Compute the week's draft and figures, then put the draft in the file (see :mod:`.place`)."""
    settings = request.settings
    project = Project(settings.root)
    path = project.find_issue(request.number, request.year)
    file = open_issue(path, request.number, int(path.parent.name))
    issue = read_issue(path, settings.publication, project)
    parts = week_parts(issue)
    followed = subjects(settings.keywords, [t.phrase for p in parts for t in p.themes])
    history = read_texts(before(project, issue.year, issue.number, PREVIOUS), settings.publication)
    found = changes(followed, table(followed, [*history, texts_of(issue)]))
    up, down = tuple(rising(found)), tuple(fading(found))
    text = with_digest(body((issue.week_start, issue.week_end), parts, up, down))
    trend = next((i for p in issue.parts if p.role == "trend" for i in p.items), None)
    placement = place(file, text, trend.line if trend else 0, request.write)
    return TrendResult(path, issue.label, parts, followed, tuple(h.label for h in history), found, up, down,
                       text, placement, _trend_tag(issue))


def _trend_tag(issue: Issue) -> str:
    spec = issue.publication.part_with_role("trend")
    return spec.tag if spec else "trend"
