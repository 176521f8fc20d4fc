"""``build_site``: every issue in ``issues/`` -> ``build/site/``, rebuilding only what changed.

For each issue file the inputs' content digest (issue file, pictures, edition templates, settings,
edition code) is compared with the one recorded in the archive folder; unchanged issues cost a few
``stat`` calls. Changed issues go through :func:`bulletin.build.build_issue` (three editions), and
only issues whose three editions built cleanly enter the archive; an issue that fails keeps its
earlier clean version if the archive has one. The index, year pages, feed, sitemap and search
index are then rewritten (each file atomically, and only when its text changed).
"""
from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from ..atomic import atomic_path, write_if_changed
from ..build import STAMP, build_issue
from ..config import Settings
from ..errors import BulletinError
from ..fonts import faces, font_face_css
from ..project import Project
from ..reader import read_issue
from .feed import render_feed
from .issues import (archive_entry, archive_folder, assemble, check_clean, editions_of, folder_stamp,
                     remove_stale)
from .model import ArchiveIssue
from .pages import SITE_TEMPLATES, render_index, render_sitemap, render_year, years_of
from .search import search_index
from .state import Hasher, Record, State, common_digest, issue_digest, load_state, save_state
from .thumbs import favicon, thumbnail
from .trends import render_trends

log = logging.getLogger(__name__)

BUILT = ".built"
"""Marker written last by a complete site build and removed first by the next one."""


@dataclass(frozen=True, slots=True)
class Failure:
    """An issue that did not build."""

    path: Path
    """The issue file, as the editor knows it."""
    message: str
    """What is wrong (Vietnamese, with file:line)."""
    kept: bool
    """True when an earlier clean version of the issue stays in the archive."""


@dataclass(frozen=True, slots=True)
class SiteReport:
    """What one site build did."""

    site: Path
    """The archive folder (``build/site``)."""
    issues: tuple[ArchiveIssue, ...]
    """Every issue in the archive, newest first."""
    built: tuple[str, ...]
    """Labels of the issues whose archive folder was (re)made."""
    failures: tuple[Failure, ...]
    """Issues that did not build."""


@dataclass(frozen=True, slots=True)
class _Run:
    """The fixed facts of one site build."""

    settings: Settings
    """The checked settings."""
    project: Project
    """The project whose issues are archived."""
    out_root: Path
    """``build/``: editions go to ``<year>-<NN>/``, the archive to ``site/``."""
    site: Path
    """``build/site``."""
    cache: Path
    """Prepared pictures (shared with the editions)."""
    common: str
    """Digest of what every issue depends on (settings, edition templates and code)."""
    hasher: Hasher
    """Content hashes, with the previous build's stat cache."""
    force: bool
    """Rebuild every issue even when nothing changed."""


def build_site(settings: Settings, out_root: Path, force: bool = False) -> SiteReport:
    """Bring ``out_root/site`` up to date with every issue in the project."""
    out_root.mkdir(parents=True, exist_ok=True)
    try:
        with FileLock(out_root / ".site.lock", timeout=0):
            return _build(settings, out_root, force)
    except Timeout:
        raise BulletinError(f"một lần tạo trang lưu trữ khác đang chạy ({out_root / '.site.lock'}); "
                            "hãy đợi lần đó xong rồi chạy lại") from None


def _build(settings: Settings, out_root: Path, force: bool) -> SiteReport:
    state_path = out_root / ".cache" / "site.json"
    state = load_state(state_path)
    hasher = Hasher(state.files)
    run = _Run(settings, Project(settings.root), out_root, out_root / "site", out_root / ".cache" / "images",
               common_digest(settings.path, hasher), hasher, force)
    run.site.mkdir(parents=True, exist_ok=True)
    (run.site / BUILT).unlink(missing_ok=True)
    files = [entry.path for entry in run.project.all_issues()]
    log.info("Trang lưu trữ: kiểm tra %d số bản tin…", len(files))
    records, built, failures = _update_all(run, files, state)
    issues = tuple(sorted((r.issue for r in records.values()), key=lambda i: i.key, reverse=True))
    _write_pages(run, issues)
    for gone in remove_stale(run.site, {i.folder for i in issues}):
        log.info("Đã bỏ %s khỏi trang lưu trữ (không còn tệp số bản tin)", gone)
    save_state(state_path, State(files=hasher.seen, records={str(k): r for k, r in records.items()}))
    (run.site / BUILT).write_text("ok\n", encoding="utf-8")
    log.info("Xong trang lưu trữ %s: %d số (%d số tạo mới, %d số không đổi)%s", run.site, len(issues),
             len(built), len(issues) - len(built), f", {len(failures)} số bị lỗi" if failures else "")
    return SiteReport(run.site, issues, tuple(built), tuple(failures))


def _update_all(run: _Run, files: list[Path], state: State) -> tuple[dict[Path, Record], list[str], list[Failure]]:
    records: dict[Path, Record] = {}
    built: list[str] = []
    failures: list[Failure] = []
    taken: dict[str, Path] = {}
    for n, path in enumerate(files, 1):
        key = path.resolve()
        prior = state.records.get(str(key))
        try:
            record, unchanged = _update_issue(run, path, prior, taken)
        except BulletinError as exc:
            failures.append(_failed(run, path, prior, exc))
            if failures[-1].kept and prior:
                records[key], taken[prior.issue.folder] = prior, path
            continue
        records[key], taken[record.issue.folder] = record, path
        if not unchanged:
            built.append(record.issue.label)
            log.info("[%d/%d] số %s: đã đưa vào trang lưu trữ", n, len(files), record.issue.label)
        else:
            log.debug("[%d/%d] số %s: không đổi", n, len(files), record.issue.label)
    return records, built, failures


def _failed(run: _Run, path: Path, prior: Record | None, exc: BulletinError) -> Failure:
    kept = prior is not None and bool(folder_stamp(run.site, prior.issue.folder))
    where = run.project.shown(path)
    what = (f"giữ bản cũ số {prior.issue.label} đang có trên trang" if kept and prior
            else "chưa đưa số này lên trang")
    log.warning("%s chưa tạo được nên %s:\n%s", where, what, exc)
    return Failure(where, str(exc), kept)


def _up_to_date(run: _Run, path: Path, prior: Record | None) -> bool:
    """True when the archive folder was made from exactly the current inputs."""
    if prior is None or run.force:
        return False
    try:
        digest = issue_digest(run.common, path.resolve(), [Path(p) for p in prior.images], run.hasher)
    except OSError:
        return False
    return digest == prior.digest and folder_stamp(run.site, prior.issue.folder) == digest


def _update_issue(run: _Run, path: Path, prior: Record | None, taken: dict[str, Path]) -> tuple[Record, bool]:
    """Bring one issue's archive folder up to date; True in the result when nothing had to change."""
    if _up_to_date(run, path, prior):
        assert prior is not None
        return prior, True
    issue = read_issue(path, run.settings.publication, run.project)
    folder = archive_folder(issue)
    if folder in taken:
        raise BulletinError(f"{run.project.shown(path)}: số {issue.label} đã có ở tệp {run.project.shown(taken[folder])}")
    images = [img.path for img in issue.images]
    digest = issue_digest(run.common, path.resolve(), images, run.hasher)
    editions = editions_of(issue, run.out_root)
    stamp = editions.folder / STAMP
    if run.force or prior is None or prior.digest != digest or _read(stamp) != prior.edition_stamp:
        editions = build_issue(run.settings, issue, run.out_root, force=run.force)
    check_clean(editions)
    thumb = thumbnail(issue, run.cache)
    archive = archive_entry(issue, editions, thumb, stamp.stat().st_mtime)
    assemble(run.site, archive, editions, thumb, digest)
    return Record(digest, _read(stamp), tuple(str(p) for p in images), archive), False


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def _write_pages(run: _Run, issues: tuple[ArchiveIssue, ...]) -> None:
    """Index, year pages, feed, sitemap, search index and the shared assets."""
    pub, site = run.settings.publication, run.site
    pages = {"index.html": render_index(pub, issues), "feed.xml": render_feed(pub, issues),
             "sitemap.xml": render_sitemap(pub, issues), "search-index.js": search_index(issues),
             "assets/fonts.css": font_face_css(lambda f: f"fonts/{f.path.name}")}
    pages.update({f"{year}/index.html": render_year(pub, year, issues) for year in years_of(issues)})
    pages["xu-huong/index.html"] = render_trends(run.settings, issues, run.out_root / ".cache" / "trend")
    written = [name for name, text in pages.items() if write_if_changed(site / name, text.encode("utf-8"))]
    if write_if_changed(site / "favicon.ico", favicon()):
        written.append("favicon.ico")
    for name in ("site.css", "search.js"):
        if write_if_changed(site / "assets" / name, (SITE_TEMPLATES / name).read_bytes()):
            written.append(f"assets/{name}")
    for face in faces():
        target = site / "assets" / "fonts" / face.path.name
        if not target.exists() or target.stat().st_size != face.path.stat().st_size:
            with atomic_path(target) as tmp:
                shutil.copyfile(face.path, tmp)
    log.debug("trang đã ghi lại: %s", ", ".join(written) or "không có")
