"""What the archive holds of each issue file (``build/.cache/site.json``).

For each issue file: the digest of the build record its archive folder was made from (see
:mod:`bulletin.record`) and the archive's view of the issue, so that unchanged issues are neither
read nor rendered again and every page can still be written.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..atomic import write_if_changed
from .model import ArchiveIssue, from_json, to_json

log = logging.getLogger(__name__)

CACHE_VERSION = 5
"""Bump when the cache's shape or the archive's per-issue folder layout changes."""


@dataclass(frozen=True, slots=True)
class Archived:
    """One issue file as the archive holds it."""

    digest: str
    """The digest of the build record (:class:`bulletin.record.BuildRecord`) the folder was made from."""
    issue: ArchiveIssue
    """The archive's view of the issue."""


def load_state(path: Path) -> dict[str, Archived]:
    """Issue file (absolute path) -> what the archive holds of it; empty when the cache is missing,
    from another version, or damaged."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != CACHE_VERSION:
            return {}
        return {k: Archived(v["digest"], from_json(v["issue"])) for k, v in data["issues"].items()}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        log.debug("bộ nhớ đệm %s hỏng hoặc cũ; tạo lại từ đầu", path)
        return {}


def save_state(path: Path, archived: Mapping[str, Archived]) -> None:
    """Write the cache atomically (and only when it changed)."""
    data = {"version": CACHE_VERSION,
            "issues": {k: {"digest": a.digest, "issue": to_json(a.issue)} for k, a in sorted(archived.items())}}
    write_if_changed(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
