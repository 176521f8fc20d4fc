"""`bulletin collect` as `make collect N=17 SOURCES=<file> ALLOW_PRIVATE=1` runs it, in-process."""
from __future__ import annotations

import re

import pytest

from bulletin.cli import main

from .collect_support import BAD_SOURCES, EXPECTED_FAILURES, GOOD_SOURCES, feed_yaml, hanging, server, sources  # noqa: F401

# What the Makefile's collect target passes (plus a short timeout for the hanging fixture server).
MAKE_ARGS = ["collect", "17", "--sources", "feeds.yaml", "--allow-private", "1", "--timeout", "0.5"]


@pytest.mark.expect_log_warnings  # the new file is a draft until the editor sets its theme and tags
def test_make_collect_creates_a_checked_issue_and_names_every_failing_source(project, server, hanging, capsys):
    feed_yaml(project / "feeds.yaml", sources(server, [*GOOD_SOURCES, *BAD_SOURCES], hanging=hanging))
    assert main(MAKE_ARGS) == 0
    out = capsys.readouterr().out
    for name, reason in EXPECTED_FAILURES.items():
        line = next(line for line in out.splitlines() if name in line)
        assert reason in line, line
    assert "issues/2026/17.md đã tạo: thêm 15 tin ứng viên; 4 nguồn lỗi" in out
    path = project / "issues" / "2026" / "17.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\nsố: 17\nnăm: 2026\ntuần: 04/5/2026 - 10/5/2026\n")
    assert "<script" not in text.lower() and not re.search(r"(?i)\bon[a-z]+\s*=", text)
    assert text.count("\n- tag:\n") == 15

    assert main(["check", "17"]) == 0
    err = capsys.readouterr().err
    assert "0 tin sẽ in, 15 tin ứng viên chưa chọn" in err
    assert 'số 17/2026 là bản nháp (chủ đề vẫn là "Chưa đặt chủ đề"; chưa có tin nào được gắn tag)' in err

    before = path.read_bytes()
    assert main(MAKE_ARGS) == 0
    assert "không đổi: thêm 0 tin ứng viên" in capsys.readouterr().out
    assert path.read_bytes() == before


def test_loopback_sources_are_refused_without_the_switch(project, server, capsys):
    feed_yaml(project / "feeds.yaml", sources(server, ["VnExpress"]))
    assert main(["collect", "17", "--nguon", "feeds.yaml"]) == 1
    captured = capsys.readouterr()
    assert "bị chặn" in captured.out and "ALLOW_PRIVATE=1" in captured.err  # the CLI, not the library, names make's switch
    assert "không đọc được nguồn nào" in captured.err and "Traceback" not in captured.err
    assert "thêm 0 tin" not in captured.out + captured.err and "Đã thêm" not in captured.err
    assert not (project / "issues" / "2026" / "17.md").exists() and server.requests == []


def test_a_broken_sources_file_is_explained(project, capsys):
    (project / "feeds.yaml").write_text("sources:\n  - name: Báo lỗi\n    url: ftp://x.example/rss\n    scope: quoc-te\n",
                                        encoding="utf-8")
    assert main(["collect", "17", "--nguon", "feeds.yaml"]) == 1
    err = capsys.readouterr().err
    assert "feeds.yaml:3:" in err and "http://" in err
    assert "feeds.yaml:4:" in err and 'phạm vi "quoc-te" không hợp lệ' in err
    assert main(["collect", "17", "--thoi-gian-cho", "không"]) == 2
    assert "không phải số giây hợp lệ" in capsys.readouterr().err


def test_help_lists_collect_in_vietnamese(capsys):
    assert main(["--help"]) == 0
    assert "thu thập tin mới từ các nguồn RSS/Atom" in capsys.readouterr().out


def test_collector_settings_are_checked_with_their_lines(project, capsys):
    settings = project / "sources.yaml"
    text = settings.read_text(encoding="utf-8")
    assert "\ncollector:\n  timeout: 20\n  concurrency: 16\n" in text
    settings.write_text(text.replace("  timeout: 20\n  concurrency: 16\n", "  timeout: -1\n  concurrency: 1.5\n"),
                        encoding="utf-8")
    line = text[: text.index("\ncollector:")].count("\n") + 2
    assert main(["check", "16"]) == 1
    err = capsys.readouterr().err
    assert f"sources.yaml:{line + 1}: mục \"collector.timeout\" phải là một số không nhỏ hơn 0.1" in err
    assert f"sources.yaml:{line + 2}: mục \"collector.concurrency\" phải là một số nguyên không nhỏ hơn 1" in err
