"""Helpers of the publish tests: run the CLI, fingerprint a site, make distinct versions, read a target."""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from pathlib import Path

from bulletin.cli import main

from .site_support import site_project

RELEASE = re.compile(r"\d{8}-\d{6}-\d{6}")
"""An eligible release name (any other name under releases/ is never served)."""


def build_project(tmp: Path) -> Path:
    """A project whose archive was built once (two small fixture issues)."""
    project = site_project(tmp)
    (project / "issues" / "2026" / "16.md").unlink()
    assert main(["site", "--config", str(project / "sources.yaml"), "--output", str(project / "build")]) == 0
    return project


def run(project: Path, command: str, *args: str) -> int:
    """``bulletin <command>`` in this process, with the project's settings (and build folder)."""
    argv = [command, "--config", str(project / "sources.yaml")]
    if command == "publish":
        argv += ["--output", str(project / "build")]
    return main(argv + list(args))


def tree(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file that is not a dot file."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and not any(s.startswith(".") for s in p.relative_to(folder).parts)}


def change_site(site: Path, version: int = 2) -> None:
    """An editor's next build, simulated: one page changed, one file added, one removed."""
    index = site / "index.html"
    text = re.sub(r"Các số bản tin( \(bản \d+\))?", f"Các số bản tin (bản {version})", index.read_text(encoding="utf-8"))
    index.write_text(text, encoding="utf-8")
    (site / "2026" / "ghi-chu.txt").write_text(f"tệp mới, bản {version}\n", encoding="utf-8")
    (site / "2025" / "52" / "bia-nho.jpg").unlink(missing_ok=True)


def releases(target: Path) -> dict[str, Path]:
    """Eligible releases of a target: ID -> folder (a name of the right form and a marker)."""
    folder = target / "releases"
    if not folder.is_dir():
        return {}
    return {p.name: p for p in sorted(folder.iterdir()) if RELEASE.fullmatch(p.name) and (p / ".bulletin-site").is_file()}


def leftovers(target: Path) -> list[str]:
    """Names an interrupted step leaves behind."""
    names = [p.name for p in (target / "releases").iterdir()] if (target / "releases").is_dir() else []
    names += [p.name for p in target.iterdir()] if target.is_dir() else []
    return sorted(n for n in names if n.startswith((".staging-", ".trash-", ".current-")))


def marker(release: Path) -> dict:
    """The JSON marker of a release."""
    return json.loads((release / ".bulletin-site").read_text(encoding="utf-8"))


def fake_ssh(folder: Path) -> str:
    """An ``ssh`` stand-in: drops the host and runs the command here, as sshd would on the server."""
    script = folder / "ssh-tai-cho"
    script.write_text('#!/bin/sh\nshift\nexec sh -c "$*"\n', encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def copy_project(built: Path, tmp: Path) -> Path:
    """A private copy of a built project (modification times kept)."""
    copy = tmp / "project"
    shutil.copytree(built, copy, symlinks=True)
    return copy


def stats(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Every entry under ``folder`` (itself included) -> (mode, size, mtime_ns), without following links."""
    found = {".": _stat(folder)}
    for base, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(base) / name
            found[path.relative_to(folder).as_posix()] = _stat(path)
    return found


def _stat(path: Path) -> tuple[int, int, int]:
    st = path.lstat()
    return st.st_mode, st.st_size, st.st_mtime_ns
