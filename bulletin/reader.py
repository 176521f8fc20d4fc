"""``issues/<year>/<NN>.md`` -> :class:`~bulletin.model.Issue`.

The file is read once, normalised to NFC, parsed once with markdown-it, and every problem is
collected with its line before anything is raised. See the README for the format.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Protocol, TypeVar

from .checks import check_duplicate_titles, check_size
from .drafts import draft_reasons
from .errors import IssueFormatError, Problem
from .frontmatter import parse_front_matter
from .items import Report, build_item, resolve_image, split_blocks
from .markdown import parse
from .model import Image, Issue, Item, Part, Publication
from .project import Project


class _HasDay(Protocol):
    @property
    def day(self) -> date | None: ...


Dated = TypeVar("Dated", bound=_HasDay)


def read_issue(path: Path, publication: Publication, project: Project | None = None) -> Issue:
    """Read, normalise and check one issue file. Raises :class:`IssueFormatError` with every problem.

    Messages name the file relative to ``project`` (by default, the project the file lies in).
    """
    path = Path(path)
    project = project or Project.around(path)
    report = Report(project.shown(path))
    text = _read_text(project, path, report)
    tokens = parse(text, report.path)
    if not tokens or tokens[0].type != "front_matter":
        raise IssueFormatError([Problem(report.path, 1, 'tệp phải bắt đầu bằng phần đầu giữa hai dòng "---" (số, năm, tuần, chủ đề)')])
    fm, fm_problems = parse_front_matter(tokens[0].content, 2)
    for line, message in fm_problems:
        report.error(line, message)
    _check_name(path, fm.number, fm.year, report)
    week = fm.week or (date.min, date.max)
    lines = text.split("\n")
    roles = {spec.tag: spec.role for spec in publication.parts}
    items = [build_item(b, week, path.parent, lines, report, roles) for b in split_blocks(tokens[1:], lines, report)]
    check_duplicate_titles(((i.title, i.line) for i in items), report.warn)
    check_size(sum(1 for i in items if i.tag), report.warn)
    cover = _cover(fm.cover, fm.theme, path.parent, report)
    parts = _parts(items, publication)
    if report.problems:
        raise IssueFormatError(sorted(report.problems, key=lambda p: p.line))
    assert fm.number and fm.year and fm.week  # guaranteed when no problem was reported
    return Issue(
        number=fm.number, year=fm.year, week_start=fm.week[0], week_end=fm.week[1], theme=fm.theme,
        cover=cover, parts=parts, candidates=sum(1 for i in items if not i.tag), path=path.resolve(),
        source=text, publication=publication, draft=draft_reasons(fm, items),
    )


def _read_text(project: Project, path: Path, report: Report) -> str:
    decoded = project.read_text(path)
    for number, removed in decoded.removed:
        report.warn(number, f"đã bỏ ký tự điều khiển không in được {', '.join(removed)} (tệp gốc giữ nguyên)")
    return decoded.text


def _check_name(path: Path, number: int | None, year: int | None, report: Report) -> None:
    if number and path.stem.isdigit() and int(path.stem) != number:
        report.error(2, f'"số: {number}" không khớp tên tệp {path.name}: tệp của số {number} phải tên là {number:02d}.md')
    if year and path.parent.name.isdigit() and int(path.parent.name) != year:
        report.error(2, f'"năm: {year}" không khớp thư mục {path.parent.name}/')


def _cover(cover: tuple[str, int] | None, theme: str, folder: Path, report: Report) -> Image | None:
    if not cover:
        return None
    ref, line = cover
    found = resolve_image(ref, folder, line, report)
    return Image(path=found, ref=ref, caption=theme, credit="", line=line) if found else None


def print_order(items: Iterable[Dated]) -> list[Dated]:
    """The items of one part in the order they are printed: by date, undated first, then as in the file."""
    return sorted(items, key=lambda i: i.day or date.min)


def _parts(items: list[Item], publication: Publication) -> tuple[Part, ...]:
    parts = []
    for number, spec in enumerate(publication.parts, 1):
        chosen = print_order(i for i in items if i.tag == spec.tag)
        parts.append(Part(number=number, tag=spec.tag, title=spec.title, role=spec.role, anchor=f"phan-{number}",
                          items=tuple(chosen)))
    return tuple(parts)
