"""``bulletin preview`` as a real process: it prints its address, serves, stops cleanly on Ctrl+C, and
says so in Vietnamese when its port is taken."""
from __future__ import annotations

import re
import shutil
import signal
import socket
import subprocess
import sys
import time

import httpx

from bulletin.preview.guard import TOKEN_HEADER

from .helpers import ROOT
from .preview_support import sample_copy


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(project, port: int, *options: str, number: int = 16) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "bulletin", "preview", str(number), "--port", str(port), *options], cwd=project,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_it_serves_on_127_0_0_1_and_stops_cleanly_on_ctrl_c(tmp_path):
    project, port = sample_copy(tmp_path), _free_port()
    process = _start(project, port)
    try:
        first = process.stdout.readline()
        assert first == f"Đang xem trước issues/2026/16.md tại http://127.0.0.1:{port}/\n"
        page = httpx.get(f"http://127.0.0.1:{port}/", timeout=60)
        assert page.status_code == 200 and "Tạo bản PDF" in page.text
        with httpx.stream("GET", f"http://127.0.0.1:{port}/events", timeout=60) as events:  # a page left open
            assert next(events.iter_lines()).startswith("retry:")
            process.send_signal(signal.SIGINT)
            out, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert out.endswith("Đã dừng máy chủ xem trước.\n")
    assert "Traceback" not in err


def test_a_port_in_use_is_named_in_vietnamese(tmp_path):
    project = sample_copy(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = _start(project, port)
        _, err = process.communicate(timeout=60)
    assert process.returncode == 1
    assert err.startswith(f"Lỗi: không mở được cổng {port} trên 127.0.0.1")
    assert "Traceback" not in err


def test_the_pdf_button_builds_beside_the_configuration_when_run_from_elsewhere(tmp_path):
    """Without ``--output``, the PDF button writes into the ``build/`` folder beside ``--config``, not into the
    folder the preview was started from."""
    project, elsewhere, port = tmp_path / "so-khac", tmp_path / "elsewhere", _free_port()
    shutil.copytree(ROOT / "examples" / "dien-bien", project)
    elsewhere.mkdir()
    process = _start(elsewhere, port, "--config", str(project / "sources.yaml"), number=3)
    pdf = project / "build" / "2026-03" / "thong-tin-khcn-2026-03.pdf"
    try:
        assert process.stdout.readline().startswith("Đang xem trước")
        page = httpx.get(f"http://127.0.0.1:{port}/", timeout=60).text
        token = re.search(r'<meta name="bulletin-token" content="([^"]+)">', page).group(1)
        assert httpx.post(f"http://127.0.0.1:{port}/pdf", headers={TOKEN_HEADER: token}, timeout=60).status_code < 400
        deadline = time.monotonic() + 180
        while not pdf.is_file() and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.2)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert pdf.is_file(), err
    assert not any(elsewhere.iterdir()), "nothing is written where the preview was started from"
