"""``build_issue`` under interruption and concurrency: a killed build leaves nothing that lasts,
and two builds of one issue take turns."""
from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import bulletin.printer
import bulletin.render.pdf
from bulletin.build import build_issue
from bulletin.cli import main
from bulletin.printer import BESIDE, HERE
from bulletin.config import load_settings
from bulletin.errors import BulletinError
from bulletin.reader import read_issue

from .docx_support import build_word_issue
from .helpers import ROOT, copy_sample_issues
from .output_text import docx_text, html_text
from .pdf_support import pdftotext_pages

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
    copy_sample_issues(tmp_path)
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


def _processes_in_group(group: int) -> list[str]:
    ps = subprocess.run(["ps", "-eo", "pid=,pgid=,args="], capture_output=True, text=True, check=True).stdout
    return [line for line in ps.splitlines() if line.split()[1] == str(group)]


def test_ctrl_c_stops_the_build_and_its_pdf_process(tmp_path):
    """Ctrl+C reaches the whole process group: the build and the process making the PDF both
    stop, nothing is left running and no edition folder appears."""
    project = _project(tmp_path)
    child = subprocess.Popen([sys.executable, "-m", "bulletin", "issue", "16"], cwd=project, start_new_session=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for_staging(project / "build", child)
    assert len(_processes_in_group(child.pid)) == 2, "the PDF process was not running beside the build"
    os.killpg(child.pid, signal.SIGINT)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 130, err
    deadline = time.monotonic() + 10
    while _processes_in_group(child.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _processes_in_group(child.pid) == []
    assert not (project / "build" / "2026-16").exists()


@pytest.mark.expect_log_warnings
def test_a_failure_in_the_pdf_process_fails_the_build_and_leaves_no_process(tmp_path, monkeypatch, caplog):
    """Writing the PDF fails in the other process: the build raises that error here, logs what
    the other process logged, keeps no half-built folder and leaves no process behind."""
    project = _project(tmp_path)
    settings = load_settings(project / "sources.yaml")
    issue = read_issue(project / "issues" / "2026" / "16.md", settings.publication)

    def broken(document, issue, target):
        logging.getLogger("bulletin.render.pdf").warning("bản PDF: hỏng ở tiến trình thứ hai")
        raise BulletinError("không ghi được bản PDF")
    monkeypatch.setattr(bulletin.render.pdf, "write_document", broken)
    caplog.set_level(logging.DEBUG, logger="bulletin")
    with pytest.raises(BulletinError, match="không ghi được bản PDF"):
        build_issue(settings, issue, project / "build")
    assert "bản PDF: hỏng ở tiến trình thứ hai" in caplog.messages
    assert BESIDE in caplog.messages
    assert multiprocessing.active_children() == []
    assert not (project / "build" / "2026-16").exists() and _staging(project / "build") == []


def test_with_other_threads_running_the_pdf_is_made_here_and_the_editions_are_the_same(tmp_path, caplog):
    """A process with threads (the preview server) may not fork: the PDF is made in the build's
    own process, and the three editions are the same, MỤC LỤC page numbers included."""
    (tmp_path / "forked").mkdir()
    (tmp_path / "here").mkdir()
    caplog.set_level(logging.DEBUG, logger="bulletin")
    forked, _ = build_word_issue(tmp_path / "forked")
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)
    server.start()
    try:
        here, _ = build_word_issue(tmp_path / "here")
    finally:
        stop.set()
        server.join()
    assert caplog.messages.count(BESIDE) == 1
    assert caplog.messages.count(HERE) == 1
    assert list(docx_text(here.docx)) == list(docx_text(forked.docx))
    assert html_text(here.html.read_text(encoding="utf-8")) == html_text(forked.html.read_text(encoding="utf-8"))
    assert pdftotext_pages(here.pdf) == pdftotext_pages(forked.pdf)


def test_a_pdf_process_killed_outright_fails_the_build_with_a_message(tmp_path, monkeypatch):
    """The other process dies without a word (killed, out of memory): the build says so in
    Vietnamese instead of waiting for it, and keeps no half-built folder."""
    monkeypatch.setattr(bulletin.render.pdf, "write_document", lambda *args: os.kill(os.getpid(), signal.SIGKILL))
    with pytest.raises(BulletinError, match="dừng bất thường"):
        build_word_issue(tmp_path)
    assert multiprocessing.active_children() == []
    assert not (tmp_path / "build" / "2026-16").exists()


def _issue_command(project: Path, caplog, *extra: str) -> list[str]:
    caplog.clear()
    assert main(["issue", "16", "--verbose", "--config", str(project / "sources.yaml"), *extra]) == 0
    return caplog.messages


def test_a_rebuild_with_nothing_changed_lets_the_pdf_process_go_and_a_wrong_guess_still_builds(tmp_path, caplog):
    """The command starts the PDF process before it reads the issue; when the record says the
    editions are current, that process is stopped at once. If the build then finds something to do
    after all (an edition file is missing), it makes the PDF itself."""
    project = _project(tmp_path)
    caplog.set_level(logging.DEBUG, logger="bulletin")
    assert BESIDE in _issue_command(project, caplog)
    again = _issue_command(project, caplog)
    assert any(m.startswith("Không có gì thay đổi") for m in again) and not any("Đang tạo bản PDF" in m for m in again)
    assert multiprocessing.active_children() == []
    docx = project / "build" / "2026-16" / EDITIONS[2]
    docx.unlink()
    repaired = _issue_command(project, caplog)
    assert HERE in repaired and BESIDE not in repaired
    assert docx.is_file() and multiprocessing.active_children() == []


def test_with_one_core_the_pdf_is_made_in_the_command_s_own_process(tmp_path, caplog, monkeypatch):
    monkeypatch.setattr(bulletin.printer, "_cores", lambda: 1)
    caplog.set_level(logging.DEBUG, logger="bulletin")
    messages = _issue_command(_project(tmp_path), caplog)
    assert HERE in messages and BESIDE not in messages
