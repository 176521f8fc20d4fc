"""One issue's folder in the archive: ``<year>/<number>/`` with the HTML edition as ``index.html``,
its ``assets/`` and ``img/``, the PDF, the DOCX and the cover thumbnail.

Folders are replaced whole (staged, then renamed in), so the archive never holds half an issue.
"""
from __future__ import annotations

import shutil
from datetime import datetime, time
from pathlib import Path

from ..atomic import staged_folder
from ..build import Editions
from ..errors import BulletinError
from ..fonts import font_face_css
from ..images import Prepared
from ..model import Issue, Part
from ..record import RECORD
from ..text import TZ
from .model import ArchiveIssue, EditionFile, PartSummary
from .search import entry, plain_line

THUMB = "bia-nho.jpg"
"""File name of the cover thumbnail inside an issue's folder."""


def archive_folder(issue: Issue) -> str:
    """``2026/16/``: the stable URL path of an issue (the same as the web edition's canonical URL)."""
    return f"{issue.year}/{issue.number}/"


def check_clean(editions: Editions) -> None:
    """Raise unless all three editions exist and are not empty."""
    for path in (editions.html, editions.pdf, editions.docx):
        if not path.is_file() or path.stat().st_size == 0:
            raise BulletinError(f"thiếu bản {path.suffix[1:].upper()} ({path}); số này chưa được đưa lên trang")


def _titles(part: Part) -> tuple[str, ...]:
    if part.role == "trend":
        return tuple(plain_line(s.title) for item in part.items for s in item.sections) or \
            tuple(plain_line(item.title) for item in part.items)
    return tuple(plain_line(item.title) for item in part.items)


def archive_entry(issue: Issue, editions: Editions, thumb: Prepared, built_at: float) -> ArchiveIssue:
    """The archive's view of a built issue."""
    folder = archive_folder(issue)
    files = (EditionFile("HTML", f"{folder}index.html", editions.html.stat().st_size),
             EditionFile("PDF", f"{folder}{editions.pdf.name}", editions.pdf.stat().st_size),
             EditionFile("DOCX", f"{folder}{editions.docx.name}", editions.docx.stat().st_size))
    return ArchiveIssue(
        number=issue.number, year=issue.year, label=issue.label,
        week=f"{issue.number_line} — {issue.week_line}" if issue.number_line else issue.week_line,
        theme=issue.theme, folder=folder, files=files, thumb=f"{folder}{THUMB}",
        thumb_size=(thumb.width, thumb.height),
        parts=tuple(PartSummary(p.title, _titles(p), len(p.items)) for p in issue.parts if p.items),
        entries=tuple(entry(item) for item in issue.items),
        published=datetime.combine(issue.week_end, time(0), TZ).isoformat(),
        updated=datetime.fromtimestamp(built_at, TZ).isoformat(timespec="seconds"),
    )


SHARED_FONTS = "assets/fonts/"
"""The archive keeps one copy of the web fonts (``<site>/assets/fonts/``) instead of one per issue."""


def _skipped(relative: Path, source: Path, editions: Editions) -> bool:
    return (any(part.startswith(".") for part in relative.parts) or source == editions.html
            or f"{relative.as_posix()}/".startswith(SHARED_FONTS))


def assemble(site: Path, archive: ArchiveIssue, editions: Editions, thumb: Prepared) -> None:
    """Write (or replace) the issue's folder in the archive from its built editions.

    Everything of the edition folder is copied except the web fonts: the issue's ``fonts.css``
    points at the archive's shared copy instead (saves ~0.9 MB per issue).
    """
    with staged_folder(site / archive.folder) as tmp:
        for source in sorted(editions.folder.rglob("*")):
            relative = source.relative_to(editions.folder)
            if _skipped(relative, source, editions):
                continue
            if source.is_dir():
                (tmp / relative).mkdir(parents=True, exist_ok=True)
            else:
                shutil.copy2(source, tmp / relative)
        shutil.copy2(editions.html, tmp / "index.html")
        depth = "../" * (archive.folder.count("/") + 1)
        (tmp / "assets").mkdir(exist_ok=True)
        (tmp / "assets" / "fonts.css").write_text(font_face_css(lambda f: f"{depth}{SHARED_FONTS}{f.path.name}"),
                                                  encoding="utf-8")
        shutil.copyfile(thumb.path, tmp / THUMB)
        shutil.copy2(editions.folder / RECORD, tmp / RECORD)  # which build this folder holds


def remove_stale(site: Path, keep: set[str]) -> list[str]:
    """Delete issue folders (and year folders) that no published issue uses; return what went."""
    removed = []
    for year_dir in sorted(p for p in site.glob("[0-9][0-9][0-9][0-9]") if p.is_dir()):
        for child in sorted(year_dir.iterdir()):
            if child.is_dir() and (child.name.startswith(".") or f"{year_dir.name}/{child.name}/" not in keep):
                shutil.rmtree(child, ignore_errors=True)
                removed.append(f"{year_dir.name}/{child.name}/")
        if not any(f.startswith(f"{year_dir.name}/") for f in keep):
            shutil.rmtree(year_dir, ignore_errors=True)
    return [r for r in removed if "/." not in r]
