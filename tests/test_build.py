"""``build_issue`` under interruption and concurrency: a killed build leaves nothing that lasts,
and two builds of one issue take turns."""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from bulletin.build import build_issue
from bulletin.config import load_settings
from bulletin.reader import read_issue

from .helpers import ROOT

EDITIONS = ("diem-tin-2026-16.html", "diem-tin-2026-16.pdf", "diem-tin-2026-16.docx")
SHARING = ("chia-se.png", "chia-se.txt")
"""The share card and post written beside the editions."""


def _bulletin(project: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "bulletin", "issue", "16", *args], cwd=project,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _staging(build: Path) -> list[Path]:
    return sorted(build.glob(".2026-16-*"))


def _wait_for_staging(build: Path, child: subprocess.Popen) -> None:
    """Return once ``child`` is rendering into its staging folder."""
    deadline = time.monotonic() + 120
    while not any((p / "assets").is_dir() for p in _staging(build)):
        assert child.poll() is None, "the build ended before it was caught rendering"
        assert time.monotonic() < deadline, "no staging folder appeared"
        time.sleep(0.005)


def _project(tmp_path: Path) -> Path:
    """The shipped sample (24 pages: its PDF takes seconds, long enough to catch a build rendering)."""
    shutil.copy(ROOT / "sources.yaml", tmp_path / "sources.yaml")
    shutil.copytree(ROOT / "issues", tmp_path / "issues")
    return tmp_path


def test_a_killed_build_leaves_a_staging_folder_that_the_next_build_removes(tmp_path):
    project = _project(tmp_path)
    build = project / "build"
    child = _bulletin(project)
    _wait_for_staging(build, child)
    child.send_signal(signal.SIGKILL)
    child.communicate()
    assert _staging(build), "the kill came after the build had finished; nothing was tested"
    assert not (build / "2026-16").exists()
    settings = load_settings(project / "sources.yaml")
    editions = build_issue(settings, read_issue(project / "issues" / "2026" / "16.md", settings.publication), build)
    assert _staging(build) == [] and sorted(p.name for p in editions.folder.iterdir() if p.is_file() and
                                            not p.name.startswith(".")) == sorted(EDITIONS + SHARING)


def test_a_second_build_of_the_same_issue_waits_for_the_first(tmp_path):
    """The second build would otherwise remove the first one's staging folder as a leftover."""
    project = _project(tmp_path)
    first = _bulletin(project)
    _wait_for_staging(project / "build", first)
    second = _bulletin(project, "--force")
    (_, first_err), (_, second_err) = first.communicate(), second.communicate()
    assert (first.returncode, second.returncode) == (0, 0), (first_err, second_err)
    assert "Đang đợi một lần tạo khác của 2026-16 xong" in second_err
    assert _staging(project / "build") == []
    assert sorted(p.name for p in (project / "build" / "2026-16").glob("diem-tin-*")) == sorted(EDITIONS)
