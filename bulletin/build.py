"""``build_issue``: read and check everything, render into a staging folder, then swap it in."""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from .atomic import clear_staging, staged_folder
from .config import Settings
from .deps import require_weasyprint
from .glyphs import warn_uncovered
from .images import prepare_all
from .model import Issue
from .render.html import TEMPLATES

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Editions:
    """The files one build wrote."""

    folder: Path
    """``build/<year>-<NN>/``."""
    html: Path
    """The web edition."""
    pdf: Path
    """The print edition."""
    docx: Path
    """The Word edition."""


def build_issue(settings: Settings, issue: Issue, out_root: Path, force: bool = False) -> Editions:
    """Build the three editions of ``issue`` (already read) into ``out_root/<year>-<NN>/``.

    When the folder already holds editions built from exactly the same inputs (issue file,
    pictures, templates, settings, code), nothing is rewritten unless ``force`` is set.
    One build of an issue runs at a time; a later one waits, then finds nothing to do.
    """
    log.info("Đã đọc %s: %d tin trong %d phần, %d tin ứng viên chưa chọn", issue.path.name,
             len(issue.items), sum(1 for p in issue.parts if p.items), issue.candidates)
    warn_uncovered(settings, issue)
    folder = edition_folder(out_root, issue.year, issue.number)
    with issue_lock(folder):
        for stale in clear_staging(folder):
            log.debug("đã xóa thư mục tạm còn sót của một lần tạo bị ngắt: %s", stale)
        digest = input_digest(settings, issue)
        existing = editions_in(folder, issue.slug)
        if not force and _stamp(folder) == digest and all(p.is_file() for p in (existing.html, existing.pdf, existing.docx)):
            log.info("Không có gì thay đổi từ lần tạo trước; giữ nguyên %s", folder)
            return existing
        _render(settings, issue, folder, digest, out_root / ".cache" / "images")
    log.info("Xong: %s", folder)
    return existing


def edition_folder(out_root: Path, year: int, number: int) -> Path:
    """``out_root/<year>-<NN>``: where the editions of one issue go."""
    return out_root / f"{year}-{number:02d}"


@contextmanager
def issue_lock(folder: Path) -> Iterator[None]:
    """Hold the lock of one edition folder; wait (saying so) while another build holds it."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(folder.with_name(f".{folder.name}.lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        log.info("Đang đợi một lần tạo khác của %s xong…", folder.name)
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


def _render(settings: Settings, issue: Issue, folder: Path, digest: str, cache: Path) -> None:
    """Prepare pictures, then write the three editions into a staging folder swapped in at the end."""
    require_weasyprint()
    from .editions import write_docx, write_pdf, write_web  # WeasyPrint loads only when rendering

    prepared = prepare_all(issue.images, ("web", "print"), cache)
    with staged_folder(folder) as tmp:
        log.info("Đang tạo bản HTML…")
        write_web(issue, prepared["web"], tmp)
        log.info("Đang tạo bản PDF…")
        pdf = write_pdf(issue, prepared["print"], tmp, roots=(issue.path.parent, cache))
        log.info("Đang tạo bản Word (DOCX)…")
        write_docx(issue, prepared["print"], tmp, pdf_pages=pdf.pages)
        (tmp / STAMP).write_text(digest, encoding="utf-8")


STAMP = ".inputs"
"""File in an edition folder holding the digest of the inputs it was built from."""


def input_digest(settings: Settings, issue: Issue) -> str:
    """SHA-256 over everything an edition depends on: the issue text, its pictures' bytes,
    the edition templates, the settings file and the edition code (not the collector's or site's)."""
    h = hashlib.sha256()
    h.update(issue.source.encode("utf-8"))
    for file in [img.path for img in issue.images] + [settings.path] + edition_sources():
        h.update(str(file.name).encode())
        h.update(Path(file).read_bytes())
    return h.hexdigest()


def edition_sources() -> list[Path]:
    """The templates and code every edition is made with (not the collector's, CLI's or site's)."""
    package = Path(__file__).parent
    templates = sorted(p for p in TEMPLATES.glob("*") if p.is_file())  # templates/site/ is the archive's
    assets = sorted(p for p in (TEMPLATES / "assets").rglob("*") if p.is_file())
    return templates + assets + sorted(package.glob("*.py")) + sorted((package / "render").rglob("*.py"))


def _stamp(folder: Path) -> str:
    try:
        return (folder / STAMP).read_text(encoding="utf-8")
    except OSError:
        return ""


def editions_in(folder: Path, slug: str) -> Editions:
    """The three edition files named ``slug`` in ``folder``."""
    return Editions(folder, folder / f"{slug}.html", folder / f"{slug}.pdf", folder / f"{slug}.docx")
