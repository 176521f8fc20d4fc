"""The publish layout and its steps, as short POSIX shell scripts run on the target.

Layout of a target folder ``T`` (the web server serves ``T/current``)::

    T/.bulletin-publish        marks the folder as ours (a folder without it is never written)
    T/current -> releases/ID   the live version: a relative symlink, replaced by rename only
    T/releases/ID/             one complete version each; ID sorts by time (UTC)
    T/releases/ID/.bulletin-site   written last, before the release gets its ID name

A release is *eligible* (may go live, by publish or rollback) only when its folder has an ID
name and a marker. Every step keeps that true at each instant:

- a new version is sent into ``releases/.staging-ID`` (hard links to the live release for
  unchanged files), gets its marker, and only then is renamed to ``releases/ID``;
- going live is ``ln -s`` to a temporary name, then ``mv -T`` over ``current`` (one rename);
- an old release is first renamed to ``releases/.trash-ID`` and only then deleted.

Leftovers of an interrupted step (``.staging-*``, ``.trash-*``, ``.current-*``) are never
eligible; the next publish removes them.
"""
from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass
from datetime import datetime

OURS = ".bulletin-publish"
"""File in a target folder published with releases."""
MARKER = ".bulletin-site"
"""File in every complete release: when and how many files (JSON). Also the old design's marker."""
RELEASE_ID = re.compile(r"\d{8}-\d{6}-\d{6}")
"""Release folder names: UTC time to the microsecond, so names sort by age."""

q = shlex.quote


@dataclass(frozen=True, slots=True)
class Release:
    """One complete version on the target."""

    id: str
    """Folder name under ``releases/``."""
    published: datetime | None
    """When it was published (from its marker); None when the marker is unreadable."""
    files: int | None
    """How many files it holds (from its marker)."""


@dataclass(frozen=True, slots=True)
class State:
    """What a target folder holds, read without writing anything."""

    kind: str
    """"missing", "empty", "ours", "legacy" (old design: a plain folder) or "foreign"."""
    current: str | None
    """The ID ``current`` points to; None when there is no live version."""
    releases: tuple[Release, ...]
    """Eligible releases, oldest first."""
    legacy_files: bool
    """The folder still holds an old-design site at its top level."""

    def release(self, release_id: str | None) -> Release | None:
        """The eligible release with this ID."""
        return next((r for r in self.releases if r.id == release_id), None)

    def before(self, release_id: str | None) -> Release | None:
        """The newest eligible release older than ``release_id`` (the rollback point)."""
        older = [r for r in self.releases if release_id is None or r.id < release_id]
        return older[-1] if older else None


def new_id(now: datetime) -> str:
    """A release ID for a UTC time."""
    return now.strftime("%Y%m%d-%H%M%S-%f")


def state_script(root: str) -> str:
    """Print the folder's kind, the current ID and one line per release with a marker."""
    return (f"cd {q(root)} 2>/dev/null || {{ echo missing; exit 0; }}\n"
            f"if [ -e {OURS} ]; then echo ours; elif [ -f {MARKER} ]; then echo legacy\n"
            f'elif [ -z "$(ls -A | grep -vx .lock)" ]; then echo empty; else echo foreign; fi\n'
            f"[ -f {MARKER} ] && echo legacy-files\n"
            'printf "current %s\\n" "$(readlink current 2>/dev/null || true)"\n'
            "for d in releases/*/; do d=${d%/}; [ -f \"$d/" + MARKER + "\" ] || continue\n"
            f'  printf "release %s %s\\n" "${{d#releases/}}" "$(head -c 2000 "$d/{MARKER}" | tr -d "\\n")"\n'
            "done\n")


def parse_state(output: str) -> State:
    """The :class:`State` printed by :func:`state_script`."""
    lines = output.splitlines()
    kind, current, releases = (lines[0].strip() if lines else "missing"), None, []
    for line in lines[1:]:
        word, _, rest = line.partition(" ")
        if word == "current" and rest.startswith("releases/"):
            current = rest.removeprefix("releases/").strip() or None
        elif word == "release":
            release_id, _, marker = rest.partition(" ")
            if RELEASE_ID.fullmatch(release_id):
                releases.append(_release(release_id, marker))
    return State(kind, current, tuple(sorted(releases, key=lambda r: r.id)), "legacy-files" in lines)


def _release(release_id: str, marker: str) -> Release:
    try:
        data = json.loads(marker)
        published = datetime.fromisoformat(data["published"])
        return Release(release_id, published, data.get("files"))
    except (ValueError, KeyError, TypeError):
        return Release(release_id, None, None)


def begin_script(root: str, release_id: str) -> str:
    """Mark the folder as ours, remove leftovers of interrupted steps, make the staging folder."""
    return (f"set -e; mkdir -p {q(root)}; cd {q(root)}; mkdir -p releases; touch {OURS}\n"
            "rm -rf releases/.staging-* releases/.trash-* .current-*\n"
            f"mkdir releases/.staging-{release_id}\n")


def finish_script(root: str, release_id: str, stamp: dict) -> str:
    """Write the marker into the staged release, then give it its eligible name."""
    marker = json.dumps(stamp, ensure_ascii=False)
    return (f"set -e; cd {q(root)}/releases\n"
            f"printf '%s\\n' {q(marker)} > .staging-{release_id}/{MARKER}\n"
            f"mv -T .staging-{release_id} {release_id}\n")


def switch_script(root: str, release_id: str) -> str:
    """Point ``current`` at a complete release in one rename (exit 4 if it is not complete)."""
    return (f"set -e; cd {q(root)}; [ -f releases/{release_id}/{MARKER} ] || exit 4\n"
            f"ln -s releases/{release_id} .current-{release_id}\n"
            f"mv -T .current-{release_id} current\n")


def prune_script(root: str, release_ids: list[str]) -> str:
    """Rename each old release away (no longer eligible), then delete them."""
    moves = "".join(f"mv -T {i} .trash-{i}\n" for i in release_ids)
    trash = " ".join(f".trash-{i}" for i in release_ids)
    return f"set -e; cd {q(root)}/releases\n{moves}rm -rf {trash}\n"


def migrate_script(root: str) -> str:
    """Turn an old-design target (a plain folder, ``.NAME.previous`` beside it) into releases.

    The live files are hard-linked into a release (nothing is moved: a web server still serving
    the folder itself keeps working); the old previous version is moved into ``releases/``.
    """
    parent, name = root.rsplit("/", 1)
    previous = q(f"{parent or '/'}/.{name}.previous")
    stamp = f"$(date -u -r {MARKER} +%Y%m%d-%H%M%S-000000)"
    return (f"set -e; cd {q(root)}; mkdir -p releases; id={stamp}\n"
            'if [ ! -d "releases/$id" ]; then rm -rf "releases/.staging-$id"; mkdir "releases/.staging-$id"\n'
            '  for f in *; do case "$f" in releases|current) continue;; esac\n'
            '    if [ -e "$f" ]; then cp -al -- "$f" "releases/.staging-$id/"; fi; done\n'
            f'  cp {MARKER} "releases/.staging-$id/{MARKER}"; mv -T "releases/.staging-$id" "releases/$id"; fi\n'
            f"if [ -f {previous}/{MARKER} ]; then\n"
            f"  old=$(date -u -r {previous}/{MARKER} +%Y%m%d-%H%M%S-000000)\n"
            f'  [ -d "releases/$old" ] || mv -T {previous} "releases/$old"; fi\n'
            f'[ -e current ] || {{ ln -s "releases/$id" .current-legacy; mv -T .current-legacy current; }}\n'
            f"rm -rf {q(f'{parent}/.{name}.staging')}; touch {OURS}\n")
