"""Interrupt publish, pruning and rollback at every step; the live site is always one complete version.

Two kinds of interruption:

- Ctrl+C in this process: a KeyboardInterrupt before or after each step the publisher runs;
- real signals in a child ``bulletin`` process: stand-ins for ``rsync``, ``mv``, ``ln`` and ``rm``
  (first on PATH) count the calls and, at the chosen one, do none, part or all of the real work,
  then send SIGKILL or SIGINT to the whole process group (what ``kill -9`` or Ctrl+C in a terminal does).

The target starts with three releases (versions 1-3, the live one last) and the archive holds
version 4, so a publish also prunes version 1. After each interruption: the live site and every
release that may go live are complete versions, rollback walks back only through complete
versions, and the next publish succeeds and leaves no leftovers.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bulletin.site.rsync import Place

from .publish_support import build_project, change_site, copy_project, leftovers, releases, run, tree

PUBLISH_STEPS = ("read state", "read state", "compare", "compare same-size files", "begin", "send", "finish", "switch",
                 "prune")
"""What a publish runs on the target, in order (each a shell script or an rsync)."""
ROLLBACK_STEPS = ("read state", "read state", "switch")
PUBLISH_COMMANDS = ("rsync --dry-run", "rsync --dry-run --checksum", "rm leftovers", "rsync", "mv staging", "ln",
                    "mv current", "mv to trash", "rm trash")
"""The stand-in commands a publish calls, in order."""
ROLLBACK_COMMANDS = ("ln", "mv current")

SHIM = r"""#!/bin/sh
# Stand-in: count the call; at the chosen one, do none, part or all of the work, then signal the group.
n=$(( $(cat "$SHIM_DIR/count" 2>/dev/null || echo 0) + 1 )); echo "$n" > "$SHIM_DIR/count"
me=$(basename "$0"); real=$(PATH="$REAL_PATH" command -v "$me")
echo "$n $me $*" >> "$SHIM_DIR/log"
if [ "$n" = "$SHIM_AT" ]; then
  case "$SHIM_MODE:$me" in
    midway:rm) for d in "$@"; do [ -d "$d" ] && find "$d" -type f ! -name '.*' | head -n 12 | xargs -r "$real" -f; done ;;
    midway:rsync) "$real" --max-size=2k "$@" ;;
    after:*) "$real" "$@" ;;
  esac
  kill -s "$SHIM_SIGNAL" 0
  sleep 10
fi
exec "$real" "$@"
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_project(tmp_path_factory.mktemp("built"))


@pytest.fixture(scope="module")
def template(built, tmp_path_factory) -> tuple[Path, list[dict[str, str]]]:
    """A target with versions 1-3 published (3 live), and the trees of versions 1-4."""
    project = copy_project(built, tmp_path_factory.mktemp("template"))
    target, versions = project.parent / "www", []
    for version in (1, 2, 3):
        change_site(project / "build" / "site", version)
        assert run(project, "publish", "--target", str(target)) == 0
        versions.append(tree(project / "build" / "site"))
    change_site(project / "build" / "site", 4)
    return target, versions + [tree(project / "build" / "site")]


@pytest.fixture
def setup(built, template, tmp_path) -> tuple[Path, Path, list[dict[str, str]]]:
    """(project holding version 4, target holding versions 1-3, the four versions' trees)."""
    project = copy_project(built, tmp_path)
    change_site(project / "build" / "site", 4)
    target = tmp_path / "www"
    shutil.copytree(template[0], target, symlinks=True)
    return project, target, template[1]


def _assert_sound(project: Path, target: Path, versions: list[dict[str, str]]) -> None:
    """Live and eligible releases are complete; rollback never serves a partial one; publishing recovers."""
    assert tree(target / "current") in versions
    assert all(tree(release) in versions for release in releases(target).values()), "only complete ones may go live"
    if run(project, "rollback", "--target", str(target)) == 0:
        assert tree(target / "current") in versions
    assert run(project, "publish", "--target", str(target)) == 0
    assert tree(target / "current") == versions[3] and leftovers(target) == []


def _interrupt_at(monkeypatch, at: int, when: str) -> list[str]:
    """Raise KeyboardInterrupt before or after the ``at``-th step (1-based); returns the step log."""
    calls: list[str] = []
    for name in ("run", "rsync"):
        real = getattr(Place, name)

        def step(self, *args, _real=real, _name=name, **kwargs):
            calls.append(_name)
            if len(calls) == at and when == "before":
                raise KeyboardInterrupt
            result = _real(self, *args, **kwargs)
            if len(calls) == at and when == "after":
                raise KeyboardInterrupt
            return result

        monkeypatch.setattr(Place, name, step)
    return calls


@pytest.mark.parametrize("command,steps", [("publish", PUBLISH_STEPS), ("rollback", ROLLBACK_STEPS)])
def test_the_steps_are_the_ones_interrupted_below(setup, monkeypatch, command, steps):
    project, target, versions = setup
    calls = _interrupt_at(monkeypatch, 0, "never")
    assert run(project, command, "--target", str(target)) == 0
    assert len(calls) == len(steps)
    assert tree(target / "current") == (versions[3] if command == "publish" else versions[1])


def _steps() -> list[tuple[str, int, str]]:
    """Before every step, and after the last (after step k is before step k+1)."""
    cases = []
    for command, steps in (("publish", PUBLISH_STEPS), ("rollback", ROLLBACK_STEPS)):
        cases += [(command, at, "before") for at in range(1, len(steps) + 1)] + [(command, len(steps), "after")]
    return cases


@pytest.mark.parametrize("command,at,when", _steps())
def test_ctrl_c_at_every_step(setup, monkeypatch, capsys, command, at, when):
    project, target, versions = setup
    _interrupt_at(monkeypatch, at, when)
    assert run(project, command, "--target", str(target)) == 130
    assert "Đã dừng theo yêu cầu" in capsys.readouterr().err
    monkeypatch.undo()
    _assert_sound(project, target, versions)


def _cases() -> list[tuple[str, int, str, str]]:
    """SIGKILL before the first command, half-way through each rm and rsync, after every command
    (after command k is before command k+1); SIGINT half-way and during the swaps."""
    cases = []
    for command, names in (("publish", PUBLISH_COMMANDS), ("rollback", ROLLBACK_COMMANDS)):
        cases.append((command, 1, "before", "KILL"))
        for at, name in enumerate(names, 1):
            halves = ["midway"] if name.startswith(("rm", "rsync")) else []
            cases += [(command, at, mode, "KILL") for mode in halves + ["after"]]
            cases += [(command, at, "midway", "INT") for _ in halves]
    return cases + [("rollback", 2, "before", "INT"), ("publish", 7, "before", "INT")]


@pytest.mark.skipif(not shutil.which("rsync"), reason="rsync is not installed (.ci/run installs it)")
@pytest.mark.parametrize("command,at,mode,signal", _cases())
def test_signals_at_every_command(setup, tmp_path, command, at, mode, signal):
    project, target, versions = setup
    shims = tmp_path / "shims"
    shims.mkdir()
    for name in ("rsync", "mv", "ln", "rm"):
        (shims / name).write_text(SHIM, encoding="utf-8")
        (shims / name).chmod(0o755)
    env = dict(os.environ, PATH=f"{shims}:{os.environ['PATH']}", REAL_PATH=os.environ["PATH"], SHIM_DIR=str(shims),
               SHIM_AT=str(at), SHIM_MODE=mode, SHIM_SIGNAL=signal)
    argv = [sys.executable, "-m", "bulletin", command, "--config", str(project / "sources.yaml"),
            "--target", str(target)] + (["--output", str(project / "build")] if command == "publish" else [])
    child = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120, start_new_session=True)
    log = (shims / "log").read_text(encoding="utf-8").splitlines()
    names = PUBLISH_COMMANDS if command == "publish" else ROLLBACK_COMMANDS
    assert [line.split()[1] for line in log] == [n.split()[0] for n in names][:at], "interrupted at the chosen call"
    assert child.returncode in ((-9,) if signal == "KILL" else (130, 1)), child.stderr
    assert "Traceback" not in child.stderr
    _assert_sound(project, target, versions)
