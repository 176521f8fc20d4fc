"""The Makefile as editors run it (real ``make``), and ``tools/system-deps`` with stand-ins for dpkg, apt and sudo."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import ROOT

SYSTEM_DEPS = ROOT / "tools" / "system-deps"
MAKE_S_OWN = re.compile(r"(?m)^make(\[\d+\])?: ")
"""A line make prints itself, such as ``make: *** [Makefile:52: check] Error 1``."""


def make(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``make ARGS`` in the checkout, with this test run's virtualenv and without reinstalling it."""
    argv = ["make", "--no-print-directory", "-o", ".venv/.cai-dat-xong", f"BIN={Path(sys.executable).parent}", *args]
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.parametrize("args,message", [
    (["check", "N=99"], "Lỗi: không tìm thấy số 99"),
    (["check"], "Lỗi: hãy cho biết số bản tin, ví dụ: make check N=16"),
    (["check", "N=16", "YEAR=1999"], "Lỗi: không tìm thấy số 16"),
])
def test_an_error_is_the_last_line_without_make_s_own(args, message):
    run = make(*args)
    assert run.returncode != 0
    assert run.stderr.splitlines()[-1].startswith(message), run.stderr
    assert "1999" in run.stderr or "YEAR=1999" not in args, "YEAR reaches the command"
    assert not MAKE_S_OWN.search(run.stdout + run.stderr)


def test_a_good_issue_checks_through_make():
    run = make("check", "N=16", "YEAR=2026")
    assert run.returncode == 0, run.stderr
    assert "issues/2026/16.md hợp lệ: số 16/2026" in run.stderr


def test_help_documents_every_variable_an_editor_sets():
    run = make("help")
    assert run.returncode == 0
    for variable in ("N=", "YEAR=", "SOURCES=", "ALLOW_PRIVATE=", "DRY_RUN=", "TARGET=", "METHOD="):
        assert f"\n  {variable}" in run.stdout, variable
    for target in ("issue", "check", "collect", "trend", "site", "publish", "rollback", "test", "bench"):
        assert f"\n  make {target} " in run.stdout, target


@pytest.fixture
def stand_ins(tmp_path: Path) -> Path:
    """A folder of stand-ins put first on PATH: dpkg-query (packages in $MISSING are not installed),
    id (uid $UID_SEEN), sudo (fails: no password-less sudo) and apt-get (records its arguments)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    scripts = {
        "dpkg-query": 'for p in "${@:3}"; do case " $MISSING " in *" $p "*) ;; *) echo "$p ii ";; esac; done',
        "id": 'echo "$UID_SEEN"',
        "sudo": "exit 1",
        "apt-get": 'echo "$*" >> "$APT_LOG"',
    }
    for name, body in scripts.items():
        (folder / name).write_text(f"#!/usr/bin/env bash\n{body}\n", encoding="utf-8")
        (folder / name).chmod(0o755)
    return folder


def _env(stand_ins: Path, missing: str, uid: int) -> dict[str, str]:
    return {**os.environ, "PATH": f"{stand_ins}:{os.environ['PATH']}", "MISSING": missing, "UID_SEEN": str(uid),
            "APT_LOG": str(stand_ins / "apt.log")}


def _apt_calls(stand_ins: Path) -> list[str]:
    log = stand_ins / "apt.log"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def test_without_rights_the_exact_apt_line_is_printed(stand_ins):
    run = subprocess.run([SYSTEM_DEPS, "test", "bench"], capture_output=True, text=True,
                         env=_env(stand_ins, "pandoc chromium", uid=1000))
    assert run.returncode == 1 and _apt_calls(stand_ins) == []
    assert run.stderr.splitlines()[-2:] == [
        "  sudo apt-get update", "  sudo apt-get install -y --no-install-recommends chromium pandoc"]


def test_as_root_exactly_the_missing_packages_are_installed(stand_ins):
    run = subprocess.run([SYSTEM_DEPS, "build"], capture_output=True, text=True,
                         env=_env(stand_ins, "libharfbuzz-subset0 pandoc", uid=0))
    assert run.returncode == 0, run.stderr
    assert _apt_calls(stand_ins) == ["update -qq", "install -y -qq --no-install-recommends libharfbuzz-subset0"]


@pytest.mark.parametrize("args", [["build"], ["test", "bench"], ["--check", "test"]])
def test_nothing_missing_installs_nothing_and_says_nothing(stand_ins, args):
    run = subprocess.run([SYSTEM_DEPS, *args], capture_output=True, text=True, env=_env(stand_ins, "", uid=0))
    assert (run.returncode, run.stdout, run.stderr, _apt_calls(stand_ins)) == (0, "", "", [])


def test_check_only_never_installs(stand_ins):
    run = subprocess.run([SYSTEM_DEPS, "--check", "test"], capture_output=True, text=True,
                         env=_env(stand_ins, "rsync", uid=0))
    assert run.returncode == 1 and _apt_calls(stand_ins) == []
    assert "sudo apt-get install -y --no-install-recommends rsync" in run.stderr


def test_make_issue_on_a_machine_without_pango_names_the_packages_and_builds_nothing(stand_ins):
    run = make("issue", "N=16", env=_env(stand_ins, "libpango-1.0-0 libpangoft2-1.0-0", uid=1000))
    assert run.returncode != 0 and _apt_calls(stand_ins) == []
    assert run.stderr.splitlines()[-1] == "  sudo apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0"
    assert not MAKE_S_OWN.search(run.stderr) and "Xong sau" not in run.stderr


@pytest.mark.parametrize("target", ["publish", "rollback"])
def test_make_publish_on_a_machine_without_rsync_names_the_package_and_touches_nothing(stand_ins, target, tmp_path):
    live = tmp_path / "live"
    run = make(target, f"TARGET={live}", "METHOD=local", env=_env(stand_ins, "rsync", uid=1000))
    assert run.returncode != 0 and _apt_calls(stand_ins) == [] and not live.exists()
    assert run.stderr.splitlines()[-1] == "  sudo apt-get install -y --no-install-recommends rsync"
    assert not MAKE_S_OWN.search(run.stderr)
