"""Small helpers the tests share: a scratch project with real images, and an HTML inspector."""
from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE_ISSUES = ("2026/16.md", "2026/16")
"""What the repository ships under ``issues/`` (``git ls-files issues``): the sample issue and its pictures.
An editor's own issues beside it are never copied, so every test sees the same project (bench has its own copy:
this module must stay importable alone, see test_infrastructure)."""


@contextmanager
def logged_warnings() -> Iterator[list[logging.LogRecord]]:
    """The WARNING (and worse) records the library logs inside the block, in order."""
    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.name.startswith("bulletin"):
                records.append(record)

    handler = Collect(logging.WARNING)
    logging.getLogger().addHandler(handler)  # the root: the CLI replaces the bulletin logger's own handlers
    try:
        yield records
    finally:
        logging.getLogger().removeHandler(handler)


@contextmanager
def expected_warnings(*fragments: str) -> Iterator[None]:
    """The block must log exactly one warning per fragment (containing it), in order; those are then expected.

    The log-warning check in conftest lets expected records pass, so a module-scoped fixture can state
    the warnings its build gives (the ``expect_log_warnings`` marker only covers one test).
    """
    with logged_warnings() as records:
        yield
    messages = [r.getMessage() for r in records]
    assert len(messages) == len(fragments) and all(f in m for f, m in zip(fragments, messages)), messages
    for record in records:
        record.expected = True


def read_tsv(path: Path, columns: int | None = None) -> list[tuple[str, ...]]:
    """The rows of a readable fixture table: tab-separated cells, kept exactly as written (spaces too).

    Blank lines and lines starting with ``#`` (comments, the header) are skipped. With ``columns``, a row
    missing only trailing empty cells is filled in with ``""``, and a row with more cells fails loudly.
    """
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = tuple(line.split("\t"))
        if columns is not None:
            assert len(cells) <= columns, f"{path.name}:{number}: {len(cells)} cells, expected {columns}"
            cells += ("",) * (columns - len(cells))
        rows.append(cells)
    return rows


def make_photo(path: Path, size=(1600, 1000), color=(30, 90, 160), mode="RGB", exif_orientation: int | None = None) -> Path:
    """Write a real JPEG/PNG picture with some structure (not a flat colour)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    picture = Image.new("RGB", size, color)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((size[0] // 8, size[1] // 8, size[0] // 2, size[1] // 2), fill=(240, 200, 40))
    draw.ellipse((size[0] // 2, size[1] // 3, size[0] - 20, size[1] - 20), fill=(200, 30, 50))
    picture = picture.convert(mode) if mode != "RGB" else picture
    kwargs = {}
    if exif_orientation:
        exif = Image.Exif()
        exif[0x0112] = exif_orientation
        kwargs["exif"] = exif
    picture.save(path, **kwargs)
    return path


def copy_sample_issues(project: Path) -> Path:
    """Copy the shipped sample issue(s), pictures included, into ``project/issues``; returns that folder."""
    for name in SAMPLE_ISSUES:
        source, target = ROOT / "issues" / name, project / "issues" / name
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return project / "issues"


def scratch_project(tmp: Path, issue_text: str, number: int = 16, year: int = 2026) -> Path:
    """A project folder with the shipped settings and one issue file; returns the issue path."""
    shutil.copy(ROOT / "sources.yaml", tmp / "sources.yaml")
    issue = tmp / "issues" / str(year) / f"{number:02d}.md"
    issue.parent.mkdir(parents=True, exist_ok=True)
    issue.write_text(issue_text, encoding="utf-8")
    return issue


class Inspector(HTMLParser):
    """Collects every start tag with its attributes, ids and link targets."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag

    @property
    def ids(self) -> list[str]:
        return [a["id"] for _, a in self.tags if a.get("id")]

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]

