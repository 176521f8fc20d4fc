"""Write each edition into a (staging) folder: the I/O around the pure renderers."""
from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .atomic import atomic_write
from .fonts import faces, font_face_css, print_font_folders, print_fonts_css
from .images import Prepared
from .links import CARD
from .model import LOGO_REF, Issue
from .printer import PrintJob, make_pdf
from .render.html import TEMPLATES, Page, render_html
from .share import share_files

# WeasyPrint (``.render.pdf``) and python-docx (``.render.docx``) are imported by the functions that
# use them: the build lays out the PDF in one process and writes the Word edition in another
# (:mod:`bulletin.printer`), and neither loads what it does not use.


@dataclass(frozen=True, slots=True)
class PdfEdition:
    """The PDF that was written and where each heading landed."""

    path: Path
    """The PDF file."""
    pages: Mapping[str, int]
    """Element id (part, item, section) -> 1-based page number."""


def write_web(issue: Issue, images: Mapping[str, Prepared], folder: Path) -> Path:
    """``diem-tin-<year>-<NN>.html`` with ``assets/`` (styles, fonts) and ``img/`` beside it."""
    (folder / "assets" / "fonts").mkdir(parents=True, exist_ok=True)
    (folder / "img").mkdir(exist_ok=True)
    for name, source in web_assets().items():
        if isinstance(source, Path):
            shutil.copyfile(source, folder / name)
        else:
            (folder / name).write_text(source, encoding="utf-8")
    for prepared in images.values():
        shutil.copyfile(prepared.path, folder / web_image_url(prepared))
    target = folder / f"{issue.slug}.html"
    atomic_write(target, render_html(issue, web_page(issue, {ref: web_image_url(p) for ref, p in images.items()})))
    return target


def web_assets() -> dict[str, Path | str]:
    """What the web edition links beside its HTML: relative URL -> the file to copy, or the text to write.

    The preview server serves exactly these (and nothing else from the fonts and templates)."""
    files: dict[str, Path | str] = {f"assets/fonts/{face.path.name}": face.path for face in faces()}
    files["assets/fonts.css"] = font_face_css(lambda f: f"fonts/{f.path.name}")
    files["assets/web.css"] = TEMPLATES / "web.css"
    return files


def web_image_url(prepared: Prepared) -> str:
    """A prepared picture's URL relative to the web edition's HTML."""
    return f"img/{prepared.path.name}"


def web_page(issue: Issue, urls: Mapping[str, str]) -> Page:
    """The web edition's :class:`Page`, given each picture's URL (image reference -> URL)."""
    cover = urls.get(issue.cover.ref, "") if issue.cover else ""
    base = issue.publication.base_url.rstrip("/")
    canonical = f"{base}/{issue.year}/{issue.number}/" if base else ""
    return Page(edition="web", stylesheets=("assets/fonts.css", "assets/web.css"), image_url=urls,
                cover_url=cover, canonical=canonical, og_image=f"{canonical}{CARD}" if canonical else "",
                logo_url=urls.get(LOGO_REF, ""), archive=f"{base}/" if base else "../../index.html")


def print_html(issue: Issue, images: Mapping[str, Prepared]) -> str:
    """The HTML that WeasyPrint lays out for the PDF: images at print size, named relative to the
    image cache, which is the document's base URL (the sanitiser lets no ``file:`` URL through)."""
    urls = {ref: p.path.name for ref, p in images.items()}
    cover = urls.get(issue.cover.ref, "") if issue.cover else ""
    page = Page(edition="print", stylesheets=(), image_url=urls, cover_url=cover, canonical="", og_image="",
                logo_url=urls.get(LOGO_REF, ""))
    return render_html(issue, page)


def write_pdf(issue: Issue, images: Mapping[str, Prepared], folder: Path, roots: tuple[Path, ...],
              memo: Path | None = None) -> PdfEdition:
    """``diem-tin-<year>-<NN>.pdf``, made in this process as a build makes it (:func:`bulletin.printer.make_pdf`)."""
    job = print_job(issue, images, roots, folder, memo)
    pages: dict[str, int] = {}
    make_pdf(job, pages.update)
    return PdfEdition(job.target, pages)


def pdf_layout(issue: Issue, images: Mapping[str, Prepared], roots: tuple[Path, ...], memo: Path | None = None):
    """The laid-out print edition, pictures fitted (:mod:`bulletin.render.fit`), not yet written:
    what :func:`write_pdf` writes and what the page-gap measure reads. ``memo``: the folder
    where fitting decisions are remembered (the build's cache)."""
    from .render.pdf import layout_fitted

    return layout_fitted(issue, *_pdf_inputs(issue, images, roots), memo=memo)


def write_laid_out(document, issue: Issue, folder: Path) -> PdfEdition:
    """Write the laid-out print edition ``document`` as ``diem-tin-<year>-<NN>.pdf`` in ``folder``."""
    from .render.pdf import page_of_anchors, write_document

    target = folder / f"{issue.slug}.pdf"
    write_document(document, issue, target)
    return PdfEdition(target, page_of_anchors(document))


def _pdf_inputs(issue: Issue, images: Mapping[str, Prepared], roots: tuple[Path, ...]) -> tuple[str, tuple[Path, ...], str, Path]:
    """Print HTML, the folders WeasyPrint may read, the ``@font-face`` rules and the base folder."""
    folders = {p.path.resolve().parent for p in images.values()}
    assert len(folders) <= 1, "prepared images live in one cache folder"
    base = folders.pop() if folders else TEMPLATES
    return print_html(issue, images), roots + print_font_folders() + (TEMPLATES,), print_fonts_css(), base


def print_job(issue: Issue, images: Mapping[str, Prepared], roots: tuple[Path, ...], folder: Path,
              memo: Path | None) -> PrintJob:
    """What a :mod:`printer <bulletin.printer>` needs to make ``diem-tin-<year>-<NN>.pdf`` in ``folder``."""
    html, readable, fonts_css, base = _pdf_inputs(issue, images, roots)
    return PrintJob(issue, html, readable, fonts_css, base, folder / f"{issue.slug}.pdf", memo)


def write_docx(issue: Issue, images: Mapping[str, Prepared], folder: Path, pdf_pages: Mapping[str, int]) -> Path:
    """``diem-tin-<year>-<NN>.docx``."""
    from .render.docx import render_docx  # python-docx loads where the Word edition is written

    target = folder / f"{issue.slug}.docx"
    render_docx(issue, {ref: p.path for ref, p in images.items()}, target, pdf_pages)
    return target


def write_share(issue: Issue, folder: Path) -> None:
    """The share card (``chia-se.png``, the web edition's ``og:image``) and post (``chia-se.txt``)."""
    for name, data in share_files(issue).items():
        atomic_write(folder / name, data)
