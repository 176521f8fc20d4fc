"""A preview server over a scratch copy of the sample project, for the preview tests."""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from bulletin.preview.server import serving
from bulletin.preview.session import Session

from .helpers import ROOT, copy_sample_issues


@dataclass(frozen=True, slots=True)
class Running:
    """A preview being served."""

    url: str
    """``http://127.0.0.1:<port>/``."""
    session: Session
    """Its session (token, snapshot)."""
    issue: Path
    """The issue file shown."""


def sample_copy(folder: Path) -> Path:
    """A scratch copy of the sample project (settings and issues) in ``folder``."""
    shutil.copy(ROOT / "sources.yaml", folder / "sources.yaml")
    copy_sample_issues(folder)
    return folder


@contextmanager
def preview(project: Path, out_root: Path, number: int = 16) -> Iterator[Running]:
    """Serve issue ``number`` of ``project`` (a scratch copy) on a free port, building into ``out_root``
    (share one between tests: its picture cache is keyed by content)."""
    issue = project / "issues" / "2026" / f"{number:02d}.md"
    session = Session(project / "sources.yaml", issue, out_root)
    with serving(session) as url:
        yield Running(url, session, issue)


@pytest.fixture(scope="session")
def preview_build(tmp_path_factory) -> Path:
    """One build folder for every preview test: the pictures are prepared once."""
    return tmp_path_factory.mktemp("preview-build")


@pytest.fixture
def scratch(tmp_path, preview_build) -> Iterator[Running]:
    """A preview of its own over a fresh copy of the sample, for a test that edits the issue file."""
    with preview(sample_copy(tmp_path), preview_build) as served:
        yield served
