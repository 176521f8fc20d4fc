"""Where the print edition is made: in a second process started before the issue is read, or here.

Laying out and writing the PDF is the longest part of a build, and importing WeasyPrint the
longest part of starting it. :func:`printer` forks the other process at once, as the command
starts: it loads WeasyPrint, the print fonts and stylesheets while this process reads and checks
the issue, then lays out the PDF while this one writes the web and Word editions. The Word
edition needs only the PDF's page map (the MỤC LỤC's page numbers): it comes back through the pipe
as soon as the layout is done, and the PDF is written meanwhile.

A process with threads (the preview server, where WeasyPrint is loaded already) may not fork, and
one core gains nothing from a second process: there :class:`LocalPrinter` makes the PDF in this
process when the build asks for the pages. When the editions look current, the command releases
the other process at once (:meth:`ProcessPrinter.release`).
"""
from __future__ import annotations

import gc
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from .sidecar import Channel, Sidecar, can_fork

if TYPE_CHECKING:  # the command forks before it imports the rest of the build
    from .model import Issue

log = logging.getLogger(__name__)

HERE = "bản PDF: tạo ở tiến trình này"
BESIDE = "bản PDF: tạo ở tiến trình thứ hai, song song với bản HTML và bản Word"
"""Where the PDF is made, for ``--verbose`` (editors only see "Đang tạo bản PDF…")."""


@dataclass(frozen=True, slots=True)
class PrintJob:
    """What the print edition is made of and where it goes (:func:`bulletin.editions.print_job`)."""

    issue: Issue
    """The issue, read once by the build: the PDF's metadata and attached source."""
    html: str
    """The print HTML, rendered by the build."""
    roots: tuple[Path, ...]
    """The folders WeasyPrint may read."""
    fonts_css: str
    """The ``@font-face`` rules of the print fonts."""
    base: Path
    """The folder relative URLs in ``html`` resolve against (the prepared pictures)."""
    target: Path
    """The PDF file to write (in the build's staging folder)."""
    memo: Path | None
    """Where picture-fitting decisions are remembered (the build cache), or None."""


class Printer(Protocol):
    """Makes the PDF of one build: :meth:`start`, then :meth:`pages`, then :meth:`finish`."""

    def start(self, job: PrintJob) -> None:
        """Begin (or plan) laying out ``job``."""

    def pages(self) -> dict[str, int]:
        """Element id -> 1-based page, once the PDF is laid out."""

    def finish(self) -> None:
        """Return once the PDF is written."""

    def release(self) -> None:
        """Say that no PDF will be asked for (the editions are already current)."""


def make_pdf(job: PrintJob, laid_out: Callable[[dict[str, int]], None]) -> None:
    """Lay out ``job``, hand the page map to ``laid_out``, then write the PDF."""
    from .render.pdf import layout_fitted, page_of_anchors, write_document

    document = layout_fitted(job.issue, job.html, job.roots, job.fonts_css, job.base, job.memo)
    laid_out(page_of_anchors(document))
    log.debug("bản PDF: %d trang, đang ghi", len(document.pages))
    write_document(document, job.issue, job.target)


class LocalPrinter:
    """Makes the PDF in this process, when the pages are asked for."""

    def __init__(self) -> None:
        self._job: PrintJob | None = None

    def start(self, job: PrintJob) -> None:
        self._job = job

    def pages(self) -> dict[str, int]:
        found: dict[str, int] = {}
        log.info("Đang tạo bản PDF…")
        log.debug(HERE)
        make_pdf(self._job, found.update)
        return found

    def finish(self) -> None:
        pass

    def release(self) -> None:
        pass


def load_renderer() -> None:
    """Load WeasyPrint, the print fonts and stylesheets now, so that the next PDF pays nothing for them."""
    from .fonts import print_fonts_css
    from .render.pdf import load_styles

    load_styles(print_fonts_css())


def _print_worker(channel: Channel) -> None:
    """The other process: load WeasyPrint, the print fonts and stylesheets, then make the PDF it
    is given. It imports nothing else of the build: the HTML comes ready."""
    from .render.pdf import GC_THRESHOLD

    load_renderer()
    gc.freeze()  # what is loaded stays: the collector walks only what the layout makes
    gc.set_threshold(*GC_THRESHOLD)  # for this process's life: no full collection between layout and writing
    job = channel.receive()
    if job is not None:
        make_pdf(job, channel.send)
        channel.send(True)


class ProcessPrinter:
    """Makes the PDF in the other process (:func:`_print_worker`); once released, here."""

    def __init__(self, side: Sidecar):
        self._side = side
        self._here: LocalPrinter | None = None

    def start(self, job: PrintJob) -> None:
        if self._here:  # released, yet the build found something to do after all
            self._here.start(job)
            return
        log.info("Đang tạo bản PDF…")
        log.debug(BESIDE)
        self._side.send(job)

    def pages(self) -> dict[str, int]:
        return self._here.pages() if self._here else self._side.receive()

    def finish(self) -> None:
        if not self._here:
            self._side.receive()

    def release(self) -> None:
        """The editions look current: stop the other process now rather than let it load
        WeasyPrint for nothing (on a busy machine it would slow this one down)."""
        self._side.close()
        self._here = LocalPrinter()


def _cores() -> int:
    """The processor cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@contextmanager
def printer() -> Iterator[Printer]:
    """The printer of one command: a second process started now when this process may fork and
    has a second core, else this process. The second process is stopped and reaped on the way out."""
    if not can_fork() or _cores() < 2:  # a second process needs a second core to gain anything
        yield LocalPrinter()
        return
    with Sidecar(_print_worker, "bulletin-pdf") as side:
        yield ProcessPrinter(side)
