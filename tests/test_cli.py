"""The CLI as editors meet it: `bulletin issue`, `bulletin check`, messages, exit codes, build/ safety."""
from __future__ import annotations

import gettext
import hashlib
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from bulletin.cli import elapsed, main, parse_args
from bulletin.commands import COMMANDS
from bulletin.errors import BulletinError
from bulletin.project import Project

from .helpers import FIXTURES, ROOT, read_tsv, scratch_project

CLI = FIXTURES / "cli"


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_sample_builds_three_editions_then_a_typo_changes_nothing(project, capsys):
    assert main(["issue", "16"]) == 0
    assert re.search(r"\nXong sau \d+,\d giây\.\n$", capsys.readouterr().err), "a long command ends with its time"
    out = project / "build" / "2026-16"
    for suffix in ("html", "pdf", "docx"):
        assert (out / f"diem-tin-2026-16.{suffix}").stat().st_size > 1000
    before = _snapshot(project / "build")

    issue = project / "issues" / "2026" / "16.md"
    lines = issue.read_text(encoding="utf-8").split("\n")
    at = next(n for n, line in enumerate(lines) if line.strip() == "- tag: national")
    lines[at] = "- tag: natonal"
    issue.write_text("\n".join(lines), encoding="utf-8")
    capsys.readouterr()

    assert main(["issue", "16"]) == 1
    err = capsys.readouterr().err
    assert f"issues/2026/16.md:{at + 1}: tag \"natonal\" không hợp lệ" in err
    assert "trend, national, spotlight, local" in err and 'Có phải ý bạn là "national"?' in err
    assert "Traceback" not in err and "Xong sau" not in err
    assert _snapshot(project / "build") == before


def test_check_accepts_the_sample_without_writing(project, capsys):
    assert main(["check", "16"]) == 0
    assert not (project / "build").exists()
    err = capsys.readouterr().err
    assert "hợp lệ" in err and "Xong sau" not in err, "check is quick: no timing line"


def test_year_defaults_to_the_newest_year_with_that_number(tmp_path):
    basic = (FIXTURES / "issues" / "basic.md").read_text(encoding="utf-8")
    scratch_project(tmp_path, basic, number=16, year=2025)
    scratch_project(tmp_path, basic, number=16, year=2026)
    scratch_project(tmp_path, basic, number=17, year=2025)
    assert Project(tmp_path).find_issue(16) == tmp_path / "issues" / "2026" / "16.md"
    assert Project(tmp_path).find_issue(17) == tmp_path / "issues" / "2025" / "17.md"
    assert Project(tmp_path).find_issue(16, 2025) == tmp_path / "issues" / "2025" / "16.md"
    with pytest.raises(BulletinError, match=r"không tìm thấy số 18: cần tệp issues/<năm>/18.md"):
        Project(tmp_path).find_issue(18)


def test_missing_issue_and_bad_number_are_explained(project, capsys):
    assert main(["check", "99"]) == 1
    err = capsys.readouterr().err
    assert "không tìm thấy số 99" in err and "make collect N=99" in err
    assert main(["issue", "18", "--year", "2026"]) == 1
    assert "make collect N=18 YEAR=2026" in capsys.readouterr().err
    assert main(["check", "mười"]) == 2
    assert "không phải số nguyên dương" in capsys.readouterr().err


def test_help_is_vietnamese(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "các lệnh" in out and "tạo ba bản PDF, Word (DOCX) và HTML" in out
    assert main(["issue", "--help"]) == 0
    assert "số bản tin, ví dụ 16" in capsys.readouterr().out


def test_unchanged_issue_is_not_rebuilt_but_a_change_is(project, caplog):
    assert main(["issue", "16"]) == 0
    pdf = project / "build" / "2026-16" / "diem-tin-2026-16.pdf"
    first = pdf.stat().st_mtime_ns
    caplog.clear()
    assert main(["issue", "16"]) == 0
    assert "Không có gì thay đổi" in caplog.text and pdf.stat().st_mtime_ns == first
    issue = project / "issues" / "2026" / "16.md"
    issue.write_text(issue.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert main(["issue", "16"]) == 0
    assert pdf.stat().st_mtime_ns != first


@pytest.mark.parametrize("command,before,flag,old,value", read_tsv(CLI / "aliases.tsv", columns=5))
def test_old_vietnamese_flags_still_work_and_are_hidden(command, before, flag, old, value, capsys):
    given = [value] if value else []
    english = parse_args([command, *before.split(), flag, *given])
    assert english != parse_args([command, *before.split()]), f"{flag} changes nothing"
    assert parse_args([command, *before.split(), old, *given]) == english
    assert main([command, "--help"]) == 0
    shown = capsys.readouterr().out
    assert re.search(rf"(?m)^  (-\w, )?{flag}\b", shown) and old not in shown


@pytest.mark.parametrize("argv,verbose", [
    (["-v", "site"], True), (["site", "-v"], True), (["--verbose", "check", "16"], True),
    (["--chi-tiet", "check", "16"], True), (["check", "16"], False),
])
def test_verbose_before_or_after_the_command(argv, verbose):
    assert parse_args(argv).verbose is verbose


def test_global_verbose_reaches_the_command(project):
    assert main(["-v", "check", "16"]) == 0
    assert logging.getLogger("bulletin").level == logging.DEBUG
    assert main(["check", "16"]) == 0
    assert logging.getLogger("bulletin").level == logging.INFO


@pytest.mark.parametrize("argv,message", read_tsv(CLI / "usage_errors.tsv", columns=2))
def test_usage_errors_are_vietnamese(argv, message, capsys):
    assert main(argv.split()) == 2
    err = capsys.readouterr().err
    assert message in err and re.search(r"\nXem hướng dẫn: bulletin( \w+)? --help\n$", err)
    assert not re.search(r"(?i)usage|error|argument|invalid|required|expected|unrecognized|choose", err)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_explains_itself_in_vietnamese(name, capsys):
    assert main([name, "--help"]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith(f"cách dùng: bulletin {name} ") and "\ntùy chọn:\n" in shown
    assert COMMANDS[name].help[1:] in shown and "xem hướng dẫn này" in shown
    assert not re.search(r"(?i)usage|options:|show this help", shown)


@pytest.mark.parametrize("seconds,shown", read_tsv(CLI / "durations.tsv", columns=2))
def test_durations_are_written_as_vietnamese_readers_write_them(seconds, shown):
    assert elapsed(float(seconds)) == shown


def test_the_compiled_catalog_matches_its_source():
    folder = ROOT / "bulletin" / "locale" / "vi" / "LC_MESSAGES"
    with open(folder / "argparse.mo", "rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)
    for entry in polib.pofile(str(folder / "argparse.po")):
        if entry.msgid_plural:
            assert catalog.ngettext(entry.msgid, entry.msgid_plural, 2) == entry.msgstr_plural[0], "run make catalog"
        else:
            assert catalog.gettext(entry.msgid) == entry.msgstr, f"run make catalog: {entry.msgid!r}"


def test_check_imports_neither_the_renderers_nor_the_collector(project):
    """``bulletin check`` stays fast: only the chosen command's code is imported."""
    probe = "import sys; from bulletin.cli import main; code = main(['check', '16']); print(*sorted(sys.modules))"
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = set(run.stdout.split())
    assert "bulletin.commands.check" in loaded
    heavy = {"weasyprint", "docx", "httpx", "feedparser", "bulletin.collect", "bulletin.site", "bulletin.render.pdf",
             "bulletin.commands.issue", "bulletin.commands.collect"}
    assert loaded & heavy == set()


def test_ctrl_c_during_exec_of_generated_code_still_exits_130(tmp_path):
    """CPython 3.11 marks a KeyboardInterrupt raised inside ``exec`` of a string (``dataclasses``
    does that while a module loads) as never handled; run as ``python -m bulletin``, the
    interpreter would then end by SIGINT (-2) although :func:`main` printed its message and
    returned 130. ``bulletin`` ends with 130."""
    (tmp_path / "sitecustomize.py").write_text(
        "import bulletin.commands.check as check\n"
        "check.run = lambda args: exec('raise KeyboardInterrupt')\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "bulletin", "check", "16"], capture_output=True, text=True,
                          timeout=60, env=env, cwd=tmp_path)
    assert done.returncode == 130, done.stderr
    assert done.stderr.startswith("Đã dừng theo yêu cầu (Ctrl+C).")
