"""``build_issue``: an issue already read -> its three editions, rendered into a staging folder that is
swapped in whole, and only when its build record (:mod:`bulletin.record`) says something changed."""
from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, replace
from pathlib import Path

from filelock import FileLock, Timeout

from .atomic import clear_staging, staged_folder
from .config import Settings
from .drafts import draft_notice
from .glyphs import warn_uncovered
from .errors import IssueFormatError, Problem
from .images import PictureError, prepare_all
from .model import Issue
from .printer import Printer, printer as start_printer
from .project import shown
from .record import BuildRecord, common_digest, edition_folder, issue_record, load_record, write_record

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
    record: BuildRecord | None = None
    """What they were made from (None when only the file names are known)."""


def build_issue(settings: Settings, issue: Issue, out_root: Path, force: bool = False,
                printer: Printer | None = None) -> Editions:
    """Build the three editions of ``issue`` (already read) into ``out_root/<year>-<NN>/``.

    When the folder already holds editions built from exactly the same inputs (issue file,
    pictures, templates, settings, code: see :mod:`bulletin.record`), nothing is rendered unless
    ``force`` is set. One build of an issue runs at a time; a later one waits, then finds nothing to do.
    The PDF is made by ``printer``: the command line starts one before reading the issue, so that
    WeasyPrint loads meanwhile; without it, one is started when rendering (:func:`bulletin.printer.printer`).
    """
    log.info("Đã đọc %s: %d tin trong %d phần, %d tin ứng viên chưa chọn", issue.path.name,
             len(issue.items), sum(1 for p in issue.parts if p.items), issue.candidates)
    warn_uncovered(settings, issue)
    if issue.draft:
        log.warning("%s", draft_notice(issue))
    folder = edition_folder(out_root, issue.year, issue.number)
    with issue_lock(folder):
        for stale in clear_staging(folder):
            log.debug("đã xóa thư mục tạm còn sót của một lần tạo bị ngắt: %s", stale)
        known = load_record(folder)
        record = issue_record(issue, common_digest(settings.path), known, time.time())
        if not force and known and known.digest == record.digest and _complete(folder, issue.slug):
            record = replace(record, built_at=known.built_at)
            if record != known:  # same content, newer times: remember them so the next check is a stat
                write_record(folder, record)
            log.info("Không có gì thay đổi từ lần tạo trước; giữ nguyên %s", folder)
            return editions_in(folder, issue.slug, record)
        with nullcontext(printer) if printer else start_printer() as pdf:
            _render(settings, issue, folder, record, out_root / ".cache", pdf)
    log.info("Xong: %s", folder)
    return editions_in(folder, issue.slug, record)


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


def _render(settings: Settings, issue: Issue, folder: Path, record: BuildRecord, cache: Path, printer: Printer) -> None:
    """Prepare pictures, then write the three editions into a staging folder swapped in at the end:
    the PDF by ``printer`` (in a second process, :mod:`bulletin.printer`) while the web and Word
    editions are made here; the Word edition's MỤC LỤC gets its page numbers from the PDF's layout."""
    from .editions import print_job, write_share, write_web  # the renderers load only when rendering
    from .render.docx import word_edition

    try:
        prepared = prepare_all(issue.images, ("web", "print"), cache / "images")
    except PictureError as exc:
        raise IssueFormatError([Problem(shown(issue.path), exc.line, exc.message)]) from None
    with staged_folder(folder) as tmp:
        printer.start(print_job(issue, prepared["print"], (issue.path.parent, cache / "images"), tmp, cache / "fit"))
        log.info("Đang tạo bản HTML và bản Word…")
        write_web(issue, prepared["web"], tmp)
        word = word_edition(issue, {ref: p.path for ref, p in prepared["print"].items()})
        write_share(issue, tmp)
        pages = printer.pages()
        log.info("Đang ghi bản Word (DOCX)…")
        word.save(tmp / f"{issue.slug}.docx", pages)
        printer.finish()
        write_record(tmp, record)


def _complete(folder: Path, slug: str) -> bool:
    editions = editions_in(folder, slug)
    return all(p.is_file() for p in (editions.html, editions.pdf, editions.docx))


def editions_in(folder: Path, slug: str, record: BuildRecord | None = None) -> Editions:
    """The three edition files named ``slug`` in ``folder``."""
    return Editions(folder, folder / f"{slug}.html", folder / f"{slug}.pdf", folder / f"{slug}.docx", record)
