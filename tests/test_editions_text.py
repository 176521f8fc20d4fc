"""Every word of the sample's three editions, as they were before the PDF moved to its own process
(issue 18): the same pages, the same MỤC LỤC numbers in the PDF and the Word edition, the same text.

``fixtures/editions/haiphong-16-full.txt`` was written from the editions main built before the
change (``tests.editions_support.full_text``). Both ways a build makes its PDF are compared: the
command line's (a second process started before the issue is read) and a process with threads'
(the preview server: the PDF is made in the build's own process).
"""
from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from bulletin.build import build_issue, editions_in
from bulletin.cli import main
from bulletin.config import load_settings
from bulletin.reader import read_issue

from .editions_support import full_text
from .helpers import FIXTURES, ROOT, copy_sample_issues

EXPECTED = FIXTURES / "editions" / "haiphong-16-full.txt"


def _project(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "sources.yaml", tmp_path / "sources.yaml")
    copy_sample_issues(tmp_path)
    return tmp_path


def _command_line(project: Path) -> Path:
    assert main(["issue", "16", "--config", str(project / "sources.yaml"), "--output", str(project / "build")]) == 0
    return project / "build" / "2026-16"


def _with_threads(project: Path) -> Path:
    settings = load_settings(project / "sources.yaml")
    issue = read_issue(project / "issues" / "2026" / "16.md", settings.publication)
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)
    server.start()
    try:
        return build_issue(settings, issue, project / "build").folder
    finally:
        stop.set()
        server.join()


@pytest.mark.parametrize("build", [_command_line, _with_threads], ids=["command line", "process with threads"])
def test_the_sample_editions_keep_every_word_and_page(tmp_path, build):
    folder = build(_project(tmp_path))
    got = full_text(editions_in(folder, "diem-tin-2026-16")).splitlines()
    assert got == EXPECTED.read_text(encoding="utf-8").splitlines()
