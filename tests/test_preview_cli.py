"""``bulletin preview`` as a real process: it prints its address, serves, stops cleanly on Ctrl+C, and
says so in Vietnamese when its port is taken."""
from __future__ import annotations

import signal
import socket
import subprocess
import sys

import httpx

from .helpers import ROOT
from .preview_support import sample_copy


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(project, port: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "bulletin", "preview", "16", "--port", str(port)], cwd=project,
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
