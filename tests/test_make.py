"""The Makefile as editors run it (real ``make``), and ``tools/system-deps`` with stand-ins for dpkg, apt and sudo."""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import FIXTURES, ROOT, read_tsv

SYSTEM_DEPS = ROOT / "tools" / "system-deps"
MAKE_S_OWN = re.compile(r"(?m)^make(\[\d+\])?: ")
"""A line make prints itself, such as ``make: *** [Makefile:52: check] Error 1``."""


def make(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``make ARGS`` in the checkout, with this test run's virtualenv and without reinstalling it."""
    argv = ["make", "--no-print-directory", "-o", ".venv/.cai-dat-xong", f"BIN={Path(sys.executable).parent}", *args]
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, env=top_level(env), timeout=120)


def top_level(env: dict[str, str] | None = None) -> dict[str, str]:
    """``env`` (default: this process's) without what an enclosing make passes down (``make test`` runs
    these tests): the make started here is the editor's own, not a sub-make printing ``make[1]:``."""
    inherited = ("MAKELEVEL", "MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES")
    return {k: v for k, v in (os.environ if env is None else env).items() if k not in inherited}


@pytest.mark.parametrize("args,bad_issue,status,last_line,make_s_own", read_tsv(FIXTURES / "make_failures.tsv", 5))
def test_a_failed_target_ends_with_the_command_s_own_status_and_message(
        project, args, bad_issue, status, last_line, make_s_own):
    if bad_issue:
        shutil.copy(FIXTURES / "bad_issues" / bad_issue, project / "issues" / "2026" / "16.md")
    run = make(*args.replace("{config}", str(project / "sources.yaml")).split())
    assert run.returncode == int(status), run.stderr
    assert re.sub(r"Makefile:\d+:", "Makefile:NN:", run.stderr.splitlines()[-1]) == last_line
    assert bool(MAKE_S_OWN.search(run.stdout + run.stderr)) == (make_s_own == "yes"), run.stderr


def test_year_reaches_the_command(project):
    run = make("check", "N=16", "YEAR=1999", f"CONFIG={project / 'sources.yaml'}")
    assert run.returncode == 1 and "cần tệp issues/1999/16.md" in run.stderr, run.stderr


def test_a_make_that_ignores_sigquit_still_fails(project):
    """Started with SIGQUIT ignored (a background job of a script), make cannot be stopped quietly: the failure
    then goes through make's own path (status 2 and its line), never a success."""
    shutil.copy(FIXTURES / "bad_issues" / "tag_typo.md", project / "issues" / "2026" / "16.md")
    argv = ["make", "--no-print-directory", "-o", ".venv/.cai-dat-xong", f"BIN={Path(sys.executable).parent}",
            "check", "N=16", f"CONFIG={project / 'sources.yaml'}"]
    run = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=120, env=top_level(),
                         preexec_fn=lambda: signal.signal(signal.SIGQUIT, signal.SIG_IGN))
    assert run.returncode == 2, run.stderr
    assert 'tag "natonal" không hợp lệ' in run.stderr and MAKE_S_OWN.search(run.stderr)


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
