"""``build_site``: every issue in ``issues/`` -> ``build/site/``, rebuilding only what changed.

Each issue's build record (:mod:`bulletin.record`: the digest of its issue file, pictures, edition
templates, settings and edition code) is checked against the files and against the copy in the
issue's archive folder; an unchanged issue costs a few ``stat`` calls and is not read. Other issues
are read once and go through :func:`bulletin.build.build_issue` (which renders only what changed), and
only issues whose three editions built cleanly enter the archive; an issue that fails keeps its
earlier clean version if the archive has one. The index, year pages, feed, sitemap and search
index are then rewritten (each file atomically, and only when its text changed).
"""
from __future__ import annotations

import logging
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from ..atomic import atomic_path, write_if_changed
from ..build import build_issue, edition_folder
from ..config import Settings
from ..errors import BulletinError
from ..fonts import faces, font_face_css
from ..project import IssueRef, Project
from ..reader import read_issue
from .feed import render_feed
from ..record import common_digest, is_current, load_record
from .issues import archive_entry, archive_folder, assemble, check_clean, remove_stale
from .model import ArchiveIssue
from .neighbours import link_neighbours
from .pages import SITE_TEMPLATES, TRENDS, render_index, render_sitemap, render_year, years_of
from .search import search_index
from .state import Archived, load_state, save_state
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
class Draft:
    """An issue left out of the archive because it is a draft."""

    path: Path
    """The issue file, as the editor knows it."""
    label: str
    """"18/2026"."""
    reasons: tuple[str, ...]
    """Why it is a draft (:attr:`bulletin.model.Issue.draft`)."""


class _IsDraft(Exception):
    def __init__(self, draft: Draft):
        super().__init__(draft.label)
        self.draft = draft


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
    drafts: tuple[Draft, ...] = ()
    """Issues left out because they are drafts."""


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
    force: bool
    """Rebuild every issue even when nothing changed."""


def list_drafts(settings: Settings) -> list[Draft]:
    """The project's draft issues (what ``publish`` reports as left out). Unreadable files are
    skipped: ``site`` reports those."""
    project, drafts = Project(settings.root), []
    for entry in project.all_issues():
        try:
            issue = read_issue(entry.path, settings.publication, project)
        except BulletinError:
            continue
        if issue.draft:
            drafts.append(Draft(project.shown(entry.path), issue.label, issue.draft))
    return drafts


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
    run = _Run(settings, Project(settings.root), out_root, out_root / "site", out_root / ".cache" / "images",
               common_digest(settings.path), force)
    run.site.mkdir(parents=True, exist_ok=True)
    (run.site / BUILT).unlink(missing_ok=True)
    entries = run.project.all_issues()
    log.info("Trang lưu trữ: kiểm tra %d số bản tin…", len(entries))
    archived, built, failures, drafts = _update_all(run, entries, load_state(state_path))
    issues = tuple(sorted((a.issue for a in archived.values()), key=lambda i: i.key, reverse=True))
    _write_pages(run, issues, {Path(path): a.digest for path, a in archived.items()})
    for gone in remove_stale(run.site, {i.folder for i in issues}):
        log.info("Đã bỏ %s khỏi trang lưu trữ (không còn tệp số bản tin)", gone)
    save_state(state_path, archived)
    (run.site / BUILT).write_text("ok\n", encoding="utf-8")
    log.info("Xong trang lưu trữ %s: %d số (%d số tạo mới, %d số không đổi)%s%s", run.site, len(issues),
             len(built), len(issues) - len(built), f", {len(failures)} số bị lỗi" if failures else "",
             f", bỏ qua {len(drafts)} bản nháp: {', '.join(d.label for d in drafts)}" if drafts else "")
    return SiteReport(run.site, issues, tuple(built), tuple(failures), tuple(drafts))


def _update_all(run: _Run, entries: list[IssueRef], state: dict[str, Archived]
                ) -> tuple[dict[str, Archived], list[str], list[Failure], list[Draft]]:
    archived: dict[str, Archived] = {}
    built: list[str] = []
    failures: list[Failure] = []
    drafts: list[Draft] = []
    taken: dict[str, Path] = {}
    for n, entry in enumerate(entries, 1):
        key = str(entry.path)
        prior = state.get(key)
        try:
            now, unchanged = _update_issue(run, entry, prior, taken)
        except _IsDraft as draft:
            drafts.append(draft.draft)
            log.info("[%d/%d] số %s là bản nháp nên không đưa lên trang lưu trữ (%s)", n, len(entries),
                     draft.draft.label, "; ".join(draft.draft.reasons))
            continue
        except BulletinError as exc:
            failures.append(_failed(run, entry.path, prior, exc))
            if failures[-1].kept and prior:
                archived[key], taken[prior.issue.folder] = prior, entry.path
            continue
        archived[key], taken[now.issue.folder] = now, entry.path
        if not unchanged:
            built.append(now.issue.label)
            log.info("[%d/%d] số %s: đã đưa vào trang lưu trữ", n, len(entries), now.issue.label)
        else:
            log.debug("[%d/%d] số %s: không đổi", n, len(entries), now.issue.label)
    return archived, built, failures, drafts


def _failed(run: _Run, path: Path, prior: Archived | None, exc: BulletinError) -> Failure:
    kept = prior is not None and _archived_digest(run, prior) != ""
    where = run.project.shown(path)
    what = (f"giữ bản cũ số {prior.issue.label} đang có trên trang" if kept and prior
            else "chưa đưa số này lên trang")
    log.warning("%s chưa tạo được nên %s:\n%s", where, what, exc)
    return Failure(where, str(exc), kept)


def _archived_digest(run: _Run, prior: Archived) -> str:
    """The digest of the record copied into the issue's archive folder, or ''."""
    record = load_record(run.site / prior.issue.folder)
    return record.digest if record else ""


def _up_to_date(run: _Run, entry: IssueRef, prior: Archived | None) -> bool:
    """True when the archive folder holds editions made from exactly the current inputs (no file read
    but the two records, when every input keeps its recorded size and time)."""
    if prior is None or run.force:
        return False
    record = load_record(edition_folder(run.out_root, entry.year, entry.number))
    return (record is not None and record.digest == prior.digest
            and record.inputs[0].path == str(entry.path)  # both absolute: the root is resolved
            and _archived_digest(run, prior) == prior.digest and is_current(record, run.common))


def _update_issue(run: _Run, entry: IssueRef, prior: Archived | None, taken: dict[str, Path]) -> tuple[Archived, bool]:
    """Bring one issue's archive folder up to date; True in the result when nothing had to change."""
    if _up_to_date(run, entry, prior):
        assert prior is not None
        return prior, True
    issue = read_issue(entry.path, run.settings.publication, run.project)
    if issue.draft:
        raise _IsDraft(Draft(run.project.shown(entry.path), issue.label, issue.draft))
    folder = archive_folder(issue)
    if folder in taken:
        raise BulletinError(f"{run.project.shown(entry.path)}: số {issue.label} đã có ở tệp {run.project.shown(taken[folder])}")
    editions = build_issue(run.settings, issue, run.out_root, force=run.force)
    assert editions.record is not None
    if not run.force and prior and prior.digest == editions.record.digest == _archived_digest(run, prior):
        return prior, True
    check_clean(editions)
    thumb = thumbnail(issue, run.cache)
    archive = archive_entry(issue, editions, thumb, editions.record.built_at)
    assemble(run.site, archive, editions, thumb)
    return Archived(editions.record.digest, archive), False


def _write_pages(run: _Run, issues: tuple[ArchiveIssue, ...], digests: Mapping[Path, str]) -> None:
    """Index, year pages, feed, sitemap, search index, trend page and the shared assets; ``digests``
    gives each archived issue file, in the project's order, its build record's digest."""
    pub, site = run.settings.publication, run.site
    pages = {"index.html": render_index(pub, issues), "feed.xml": render_feed(pub, issues),
             "sitemap.xml": render_sitemap(pub, issues), "search-index.js": search_index(issues),
             "assets/fonts.css": font_face_css(lambda f: f"fonts/{f.path.name}")}
    pages.update({f"{year}/index.html": render_year(pub, year, issues) for year in years_of(issues)})
    pages[f"{TRENDS}index.html"] = render_trends(run.settings, digests, run.out_root / ".cache" / "trend")
    written = [name for name, text in pages.items() if write_if_changed(site / name, text.encode("utf-8"))]
    written += link_neighbours(site, issues)
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
