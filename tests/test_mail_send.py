"""`make send`: a real SMTP server (aiosmtpd) on 127.0.0.1 with STARTTLS or TLS, a real SQLite log."""
from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from bulletin.cli import main
from bulletin.mail.subscribers import read_subscribers

from .helpers import read_tsv
from .mail_support import MAIL_FIXTURES, PASSWORD, SENDER, mail_project, mail_server

SUBJECT = "Điểm tin khoa học công nghệ số 16/2026 (27/4–03/5/2026)"


VALID = read_tsv(MAIL_FIXTURES / "subscribers-valid.tsv", columns=3)
SKIPPED = read_tsv(MAIL_FIXTURES / "subscribers-skipped.tsv", columns=2)


def _send(project: Path, *extra: str) -> int:
    return main(["send", "16", "--config", str(project / "sources.yaml"), "--output", str(project / "build"), *extra])


@pytest.fixture
def trusted(monkeypatch):
    """Trust the test server's certificate authority (as SSL_CERT_FILE does for OpenSSL)."""
    def trust(server):
        monkeypatch.setenv("SSL_CERT_FILE", str(server.ca_file))
    return trust


def test_subscriber_rows_are_checked_with_line_numbers():
    found = read_subscribers(MAIL_FIXTURES / "subscribers.csv")
    assert [(s.address, s.name, str(s.line)) for s in found.subscribers] == VALID
    for (line, why), problem in zip(SKIPPED, found.skipped, strict=True):
        assert problem.line == int(line) and why in problem.message


@pytest.mark.expect_log_warnings  # the bad rows of the list are reported
@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_every_subscriber_gets_exactly_one_message_with_both_parts(tmp_path, trusted, capsys, caplog, security):
    with mail_server(tmp_path, security) as server:
        trusted(server)
        project = mail_project(tmp_path, server)
        assert _send(project) == 0
        assert _send(project) == 0  # a second run sends nothing new
        received = server.inbox.parsed()
    assert sorted(rcpt[0] for rcpt, _ in received) == sorted(row[0] for row in VALID)
    names = {row[0]: row[1] for row in VALID}
    for rcpt, message in received:
        assert len(rcpt) == 1
        assert message["Subject"] == SUBJECT
        assert message["From"].addresses[0].addr_spec == SENDER
        to = message["To"].addresses[0]
        assert (to.addr_spec, to.display_name) == (rcpt[0], names[rcpt[0]])
        assert message["List-Unsubscribe"] == f"<mailto:{SENDER}?subject=Huy%20dang%20ky>"
        assert message["Message-ID"] and message["Date"]
        assert message.get_content_type() == "multipart/alternative"
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        assert SUBJECT.upper() in text and "https://sokhcn.haiphong.gov.vn/diem-tin/2026/16/" in text
        assert "<script" not in html.lower() and "Phần 1: Tổng kết xu hướng" in html
    out = capsys.readouterr().out
    assert "Đã gửi 4 thư" in out and f"{len(VALID)} người đã nhận từ lần gửi trước" in out
    warned = [r.getMessage() for r in caplog.records if r.levelname == "WARNING" and r.name.startswith("bulletin")]
    assert [re.search(r"subscribers\.csv:(\d+): bỏ qua", w).group(1) for w in warned] == [line for line, _ in SKIPPED] * 2


@pytest.mark.expect_log_warnings
def test_rejected_recipient_is_reported_and_the_others_still_get_theirs(tmp_path, trusted, capsys):
    refused = VALID[1][0]
    with mail_server(tmp_path, refuse={refused}) as server:
        trusted(server)
        project = mail_project(tmp_path, server)
        assert _send(project) == 1
        first = capsys.readouterr().out
        assert _send(project) == 1  # reported again, not retried
        second = capsys.readouterr().out
        received = server.inbox.parsed()
    assert sorted(r[0] for r, _ in received) == sorted(row[0] for row in VALID if row[0] != refused)
    for out in (first, second):
        assert "Máy chủ từ chối" in out and refused in out and "550" in out
    assert "Đã gửi 3 thư" in first and "Đã gửi 0 thư" in second


@pytest.mark.expect_log_warnings
def test_wrong_password_is_a_clear_message_and_no_traceback(tmp_path, trusted, capsys):
    with mail_server(tmp_path) as server:
        trusted(server)
        project = mail_project(tmp_path, server, password="sai-mat-khau-123")
        assert _send(project) == 1
        assert server.inbox.count() == 0
    err = capsys.readouterr().err
    assert "từ chối đăng nhập" in err and "diemtin" in err and "BULLETIN_SMTP_PASSWORD" in err
    assert "Traceback" not in err and "sai-mat-khau-123" not in err


@pytest.mark.expect_log_warnings
def test_unreachable_server_is_a_clear_message(tmp_path, trusted, capsys):
    with mail_server(tmp_path) as server:
        trusted(server)
        project = mail_project(tmp_path, server)
    assert _send(project) == 1  # the server has stopped
    err = capsys.readouterr().err
    assert "không kết nối được máy chủ thư 127.0.0.1" in err and "Traceback" not in err


@pytest.mark.expect_log_warnings
def test_password_appears_in_no_output_log_or_file(tmp_path, trusted, capsys, caplog):
    with mail_server(tmp_path) as server:
        trusted(server)
        project = mail_project(tmp_path, server)
        assert _send(project, "--verbose") == 0
        assert _send(project, "--to", "thu.thu@example.org") == 0
        assert _send(project, "--dry-run") == 0
    captured = capsys.readouterr()
    assert PASSWORD not in captured.out + captured.err + caplog.text
    files = [p for p in project.rglob("*") if p.is_file() and p.name != ".env"]
    assert any(p.suffix == ".sqlite3" for p in files) and any(p.suffix == ".eml" for p in files)
    leaks = [p for p in files if PASSWORD.encode() in p.read_bytes()]
    assert leaks == []


@pytest.mark.expect_log_warnings
def test_test_message_and_dry_run(tmp_path, trusted):
    with mail_server(tmp_path) as server:
        trusted(server)
        project = mail_project(tmp_path, server)
        assert _send(project, "--dry-run") == 0
        assert server.inbox.count() == 0
        assert _send(project, "--to", "thu.thu@example.org") == 0
        received = server.inbox.parsed()
        assert _send(project) == 0  # the test message does not count as the mailing
        assert server.inbox.count() == 1 + len(VALID)
    assert [r for r, _ in received] == [["thu.thu@example.org"]]
    assert received[0][1]["Subject"] == f"[Thử] {SUBJECT}"
    written = sorted((project / "build" / "thu-xem-truoc" / "2026-16").glob("*.eml"))
    assert [p.name.split("-", 1)[1].removesuffix(".eml") for p in written] == [row[0] for row in VALID]


def _run_cli(project: Path, server, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "SSL_CERT_FILE": str(server.ca_file), "BULLETIN_SMTP_PASSWORD": PASSWORD}
    return subprocess.Popen([sys.executable, "-m", "bulletin", "send", "16", "--config", "sources.yaml", *extra],
                            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _stop_mid_transaction(project: Path, server, how: signal.Signals) -> bytes:
    """Run ``bulletin send`` in a child process and stop it while the server holds message 5."""
    server.inbox.hold_at, server.inbox.accept_held = 5, how == signal.SIGINT
    child = _run_cli(project, server)
    assert server.inbox.held.wait(60), child.communicate(timeout=30)
    child.send_signal(how)
    if how == signal.SIGINT:
        time.sleep(0.2)
    server.inbox.release.set()
    _, err = child.communicate(timeout=30)
    assert b"Traceback" not in err and child.returncode != 0
    return err


EVERYONE = [f"nguoi.{n}@example.org" for n in range(12)]


def _many(project: Path) -> None:
    lines = "".join(f"{address},Người {n}\n" for n, address in enumerate(EVERYONE))
    (project / "subscribers.csv").write_text(f"email,name\n{lines}", encoding="utf-8")


def _ledger(project: Path) -> list[tuple[str, int]]:
    with closing(sqlite3.connect(project / ".state" / "mail.sqlite3")) as db:
        return db.execute("SELECT state, count(*) FROM sends GROUP BY state ORDER BY state").fetchall()


def test_ctrl_c_finishes_the_message_in_flight_and_a_rerun_sends_the_rest(tmp_path):
    with mail_server(tmp_path) as server:
        project = mail_project(tmp_path, server)
        _many(project)
        err = _stop_mid_transaction(project, server, signal.SIGINT)
        assert server.inbox.count() == 5 and "Đã dừng theo yêu cầu" in err.decode()
        out, err = _run_cli(project, server).communicate(timeout=60)
        received = [rcpt[0] for rcpt, _ in server.inbox.parsed()]
    assert sorted(received) == sorted(EVERYONE), err.decode()
    assert "5 người đã nhận từ lần gửi trước" in out.decode()
    assert _ledger(project) == [("sent", 12)]


def test_a_killed_run_never_sends_twice_and_the_rest_is_delivered(tmp_path):
    with mail_server(tmp_path) as server:
        project = mail_project(tmp_path, server)
        _many(project)
        _stop_mid_transaction(project, server, signal.SIGKILL)  # a crash: message 5 is in doubt
        assert server.inbox.count() == 4
        second = _run_cli(project, server)
        out, _ = second.communicate(timeout=60)
        assert second.returncode == 1 and EVERYONE[4] in out.decode() and "--retry-unknown" in out.decode()
        assert server.inbox.count() == 11  # everyone but the one in doubt, once
        third = _run_cli(project, server, "--retry-unknown")
        third.communicate(timeout=60)
        received = [rcpt[0] for rcpt, _ in server.inbox.parsed()]
    assert third.returncode == 0
    assert sorted(received) == sorted(EVERYONE)
    assert _ledger(project) == [("sent", 12)]
