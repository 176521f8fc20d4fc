"""The CLI as editors meet it: `bulletin issue`, `bulletin check`, messages, exit codes, build/ safety."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from bulletin.cli import main
from bulletin.errors import BulletinError
from bulletin.reader import find_issue

from .helpers import FIXTURES, ROOT, scratch_project


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def sample_project(tmp_path, monkeypatch) -> Path:
    """A copy of the shipped sample project, as the working directory."""
    shutil.copy(ROOT / "sources.yaml", tmp_path / "sources.yaml")
    shutil.copytree(ROOT / "issues", tmp_path / "issues")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_sample_builds_three_editions_then_a_typo_changes_nothing(sample_project, capsys):
    assert main(["issue", "16"]) == 0
    out = sample_project / "build" / "2026-16"
    for suffix in ("html", "pdf", "docx"):
        assert (out / f"diem-tin-2026-16.{suffix}").stat().st_size > 1000
    before = _snapshot(sample_project / "build")

    issue = sample_project / "issues" / "2026" / "16.md"
    lines = issue.read_text(encoding="utf-8").split("\n")
    at = next(n for n, line in enumerate(lines) if line.strip() == "- tag: national")
    lines[at] = "- tag: natonal"
    issue.write_text("\n".join(lines), encoding="utf-8")
    capsys.readouterr()

    assert main(["issue", "16"]) == 1
    err = capsys.readouterr().err
    assert f"issues/2026/16.md:{at + 1}: tag \"natonal\" không hợp lệ" in err
    assert "trend, national, spotlight, local" in err and 'Có phải ý bạn là "national"?' in err
    assert "Traceback" not in err
    assert _snapshot(sample_project / "build") == before


def test_check_accepts_the_sample_without_writing(sample_project, capsys):
    assert main(["check", "16"]) == 0
    assert not (sample_project / "build").exists()
    assert "hợp lệ" in capsys.readouterr().err


def test_year_defaults_to_the_newest_year_with_that_number(tmp_path):
    basic = (FIXTURES / "issues" / "basic.md").read_text(encoding="utf-8")
    scratch_project(tmp_path, basic, number=16, year=2025)
    scratch_project(tmp_path, basic, number=16, year=2026)
    scratch_project(tmp_path, basic, number=17, year=2025)
    assert find_issue(tmp_path, 16) == tmp_path / "issues" / "2026" / "16.md"
    assert find_issue(tmp_path, 17) == tmp_path / "issues" / "2025" / "17.md"
    assert find_issue(tmp_path, 16, 2025) == tmp_path / "issues" / "2025" / "16.md"
    with pytest.raises(BulletinError, match=r"không tìm thấy số 18: cần tệp issues/<năm>/18.md"):
        find_issue(tmp_path, 18)


def test_missing_issue_and_bad_number_are_explained(sample_project, capsys):
    assert main(["check", "99"]) == 1
    assert "không tìm thấy số 99" in capsys.readouterr().err
    assert main(["check", "mười"]) == 2
    assert "không phải số nguyên dương" in capsys.readouterr().err


def test_help_is_vietnamese(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "các lệnh" in out and "tạo ba bản PDF, Word (DOCX) và HTML" in out
    assert main(["issue", "--help"]) == 0
    assert "số bản tin, ví dụ 16" in capsys.readouterr().out


def test_unchanged_issue_is_not_rebuilt_but_a_change_is(sample_project, caplog):
    assert main(["issue", "16"]) == 0
    pdf = sample_project / "build" / "2026-16" / "diem-tin-2026-16.pdf"
    first = pdf.stat().st_mtime_ns
    caplog.clear()
    assert main(["issue", "16"]) == 0
    assert "Không có gì thay đổi" in caplog.text and pdf.stat().st_mtime_ns == first
    issue = sample_project / "issues" / "2026" / "16.md"
    issue.write_text(issue.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert main(["issue", "16"]) == 0
    assert pdf.stat().st_mtime_ns != first
