"""``bulletin publish`` and ``bulletin rollback``: deploy ``build/site`` so that the live site is
always one complete version.

One design for both kinds of target (a folder on this machine, or ``user@host:/path`` over
rsync and SSH): a ``releases/`` folder and a ``current`` symlink swapped by rename. **The web
server serves ``<target>/current``.** Each publish sends the archive into a new release with
``rsync --link-dest`` against the live one (unchanged files are hard links: an unchanged archive
costs almost nothing), then points ``current`` at it. Rollback points ``current`` at the release
before the live one. The steps themselves are in :mod:`.releases`; how they reach the target is
in :mod:`.rsync`.

A target published with the old design (a plain folder) is converted in place without losing
it: its files become the first release, and its kept previous version the one before.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from ..config import PublishTarget
from ..errors import BulletinError
from ..text import TZ
from . import releases as steps
from .archive import BUILT
from .changes import Changes, log_changes, site_files
from .releases import Release, State
from .rsync import Place, failed, itemized, local_place, remote_place, time_only

log = logging.getLogger(__name__)

KEEP = 3
"""Releases kept on the target: the live one and the two before it (rollback points)."""


class PublishError(BulletinError):
    """A publish or rollback refused or failed; the live site is as it was."""


class NoTargetError(PublishError):
    """No target given on the command line or in ``sources.yaml``."""

    def __init__(self) -> None:
        super().__init__("chưa cấu hình nơi xuất bản (publish.target trong sources.yaml)")


class SiteNotBuiltError(PublishError):
    """The archive is missing or its build did not finish."""

    def __init__(self, site: Path) -> None:
        self.site = site
        super().__init__(f"chưa có trang lưu trữ hoàn chỉnh trong {site}")


UNSAFE = {
    "root": "đây là thư mục gốc của máy",
    "home": "đây là thư mục nhà của người dùng",
    "project": "thư mục này chứa dự án bản tin",
    "site": "nơi xuất bản không được nằm trong (hay chứa) trang lưu trữ",
    "file": "đã có một tệp (không phải thư mục) ở đó",
    "foreign": "thư mục đã có nội dung không do công cụ này xuất bản",
}
"""Why a target is refused: reason code -> Vietnamese explanation."""


class UnsafeTargetError(PublishError):
    """A target that must never be written to; nothing was written."""

    def __init__(self, target: str, reason: str) -> None:
        self.target, self.reason = target, reason
        super().__init__(f"không thể xuất bản vào {target}: {UNSAFE[reason]}")


class NothingToRollBackError(PublishError):
    """No complete release older than the live one."""

    def __init__(self, target: str) -> None:
        self.target = target
        super().__init__(f"chưa có bản xuất bản trước nào ở {target} để khôi phục")


class BusyError(PublishError):
    """Another publish or rollback holds the target."""

    def __init__(self, target: str) -> None:
        self.target = target
        super().__init__(f"đang có một lần xuất bản khác vào {target}; hãy đợi lần đó xong")


@dataclass(frozen=True, slots=True)
class Published:
    """What a publish did."""

    changes: Changes
    """The archive against the version that was live."""
    release: Release | None
    """The release now live; None for a dry run or when nothing changed."""
    kept: Release | None
    """The version kept for rollback (the one that was live); None on the first publish."""


@dataclass(frozen=True, slots=True)
class RolledBack:
    """What a rollback did."""

    live: Release
    """The release now live again."""
    replaced: Release | None
    """The release that was live before."""


def check_site(site: Path, project: Path | None) -> None:
    """Refuse an archive that is missing or was not built to the end; warn when it looks stale."""
    if not (site / BUILT).is_file() or not (site / "index.html").is_file():
        raise SiteNotBuiltError(site)
    if project is None:
        return
    built = (site / BUILT).stat().st_mtime
    newer = [p for p in (project / "issues").rglob("*") if p.is_file() and p.stat().st_mtime > built]
    if newer:
        log.warning("%s đã sửa sau lần tạo trang lưu trữ gần nhất; lần này vẫn đưa lên bản đã tạo",
                    newer[0].relative_to(project))


def publish(site: Path, target: PublishTarget, dry_run: bool = False, ssh: str = "ssh",
            project: Path | None = None, keep: int = KEEP) -> Published:
    """Deploy ``site`` to ``target`` as a new release; with ``dry_run`` only report what would change."""
    check_site(site, project)
    place = _place(target, site, project, ssh)
    state = _usable_state(place)
    if dry_run:  # no lock, no folder: a dry run writes nothing at all
        return Published(_compare(place, site, state), None, None)
    with _locked(place):
        state = _migrated(place, _usable_state(place))
        changes = _compare(place, site, state)
        kept = state.release(state.current)
        if changes.empty and kept:
            return Published(changes, None, kept)
        release = _send(place, site, state)
        _switch(place, release.id)
        _prune(place, state, release, keep)
    _log_published(place, release, kept)
    return Published(changes, release, kept)


def rollback(target: PublishTarget, ssh: str = "ssh", project: Path | None = None) -> RolledBack:
    """Point ``current`` at the newest complete release older than the live one."""
    place = _place(target, None, project, ssh)
    if _usable_state(place).kind in ("missing", "empty"):
        raise NothingToRollBackError(place.label)
    with _locked(place):
        state = _migrated(place, _usable_state(place))
        back = state.before(state.current)
        if back is None:
            raise NothingToRollBackError(place.label)
        _switch(place, back.id)
    replaced = state.release(state.current)
    log.info("Đã khôi phục bản xuất bản lúc %s vào %s (thay cho bản lúc %s).", when(back),
             place.label + "/current", when(replaced))
    return RolledBack(back, replaced)


def when(release: Release | None) -> str:
    """A release's time as Vietnamese readers write it: ``14:05 ngày 03/12/2026`` (Vietnam time)."""
    if release is None or release.published is None:
        return "không rõ"
    return release.published.astimezone(TZ).strftime("%H:%M ngày %d/%m/%Y")


def _place(target: PublishTarget, site: Path | None, project: Path | None, ssh: str) -> Place:
    if not target.target:
        raise NoTargetError()
    if target.method == "rsync":
        return remote_place(target.target, ssh)
    return local_place(_local_folder(target.target, site, project))


def _local_folder(target: str, site: Path | None, project: Path | None) -> Path:
    folder = Path(target).expanduser().resolve()
    reason = None
    if folder == Path("/"):
        reason = "root"
    elif folder == Path.home().resolve():
        reason = "home"
    elif project and project.resolve().is_relative_to(folder):
        reason = "project"
    elif site and (folder.is_relative_to(site.resolve()) or site.resolve().is_relative_to(folder)):
        reason = "site"
    elif folder.exists() and not folder.is_dir():
        reason = "file"
    if reason:
        raise UnsafeTargetError(str(folder), reason)
    return folder


def _usable_state(place: Place) -> State:
    """The target's state; a folder holding other things is refused before anything is written."""
    result = place.run(steps.state_script(place.root))
    if result.returncode != 0:
        raise failed(f"không đọc được nơi xuất bản {place.label}", result)
    state = steps.parse_state(result.stdout)
    if state.kind == "foreign":
        raise UnsafeTargetError(place.label, "foreign")
    if state.legacy_files and state.kind == "ours":
        log.warning("%s vẫn còn các tệp của cách xuất bản cũ; máy chủ web cần phục vụ %s/current "
                    "(các tệp cũ không còn được cập nhật, xóa được khi máy chủ đã đổi)", place.label, place.label)
    return state


def _migrated(place: Place, state: State) -> State:
    """Convert an old-design target into releases (its live version first), keeping everything."""
    if state.kind != "legacy":
        return state
    log.info("Chuyển %s sang cách xuất bản mới (releases/ và current); bản đang chạy được giữ.", place.label)
    _step(place, steps.migrate_script(place.root), "không chuyển được nơi xuất bản sang cách mới")
    return _usable_state(place)


def _compare(place: Place, site: Path, state: State) -> Changes:
    """The archive against the live version: rsync's quick check, then content for same-size files."""
    live = "current" if state.current else ("" if state.kind == "legacy" else None)
    if live is None:
        changes = Changes(tuple(site_files(site)), (), ())
    else:
        result = _dry_run(place, site, live)
        changes, suspects = itemized(result.stdout), set(time_only(result.stdout))
        if suspects:  # rewritten by a rebuild: a change only if the content differs
            checked = _dry_run(place, site, live, "--checksum", "--files-from=-", stdin="\n".join(suspects) + "\n")
            same = suspects - set(itemized(checked.stdout).changed)
            changes = Changes(changes.added, tuple(p for p in changes.changed if p not in same), changes.removed)
    log_changes(changes, place.label)
    return changes


def _dry_run(place: Place, site: Path, live: str, *extra: str, stdin: str | None = None):
    result = place.rsync("--dry-run", "--delete", "--itemize-changes", *extra, f"{site}/", place.url(live) + "/",
                         stdin=stdin)
    if result.returncode != 0:
        raise failed(f"rsync không so sánh được với {place.label} (trang đang chạy vẫn giữ nguyên)", result)
    return result


def _send(place: Place, site: Path, state: State) -> Release:
    """Make a complete, eligible release of ``site`` beside the live one (which is not touched)."""
    now = datetime.now(UTC)
    release_id = steps.new_id(now)
    _step(place, steps.begin_script(place.root, release_id), "không chuẩn bị được thư mục trên nơi xuất bản")
    link = [f"--link-dest=../{state.current}"] if state.current else []
    count = len(site_files(site))
    log.info("Đang gửi %d tệp lên %s…", count, place.label)
    sent = place.rsync(*link, f"{site}/", place.url(f"releases/.staging-{release_id}") + "/")
    if sent.returncode != 0:
        raise failed(f"rsync chưa gửi xong (trang đang chạy ở {place.label} vẫn giữ nguyên)", sent)
    stamp = {"published": now.astimezone(TZ).isoformat(timespec="seconds"), "files": count}
    _step(place, steps.finish_script(place.root, release_id, stamp), "không hoàn tất được bản mới")
    return Release(release_id, now.astimezone(TZ).replace(microsecond=0), count)


def _switch(place: Place, release_id: str) -> None:
    result = place.run(steps.switch_script(place.root, release_id))
    if result.returncode != 0:
        raise failed(f"không đổi được bản {release_id} vào {place.label}/current; trang đang chạy giữ nguyên",
                     result)


def _prune(place: Place, state: State, live: Release, keep: int) -> None:
    """Delete the releases beyond the ``keep`` newest; never the live one."""
    others = [r.id for r in state.releases if r.id != live.id]
    doomed = others[:max(0, len(others) - (keep - 1))]
    if doomed:
        _step(place, steps.prune_script(place.root, doomed), "không xóa được các bản cũ (trang đang chạy vẫn đúng)")


def _step(place: Place, script: str, what: str) -> None:
    result = place.run(script)
    if result.returncode != 0:
        raise failed(what, result)


@contextmanager
def _locked(place: Place) -> Iterator[None]:
    """One publish or rollback at a time on a local target (a remote target relies on unique names)."""
    if place.host:
        yield
        return
    Path(place.root).mkdir(parents=True, exist_ok=True)
    lock = FileLock(Path(place.root) / ".lock", timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise BusyError(place.label) from None
    try:
        yield
    finally:
        lock.release()


def _log_published(place: Place, release: Release, kept: Release | None) -> None:
    log.info("Đã xuất bản %d tệp lên %s (máy chủ web phục vụ %s/current).", release.files, place.label, place.label)
    if kept:
        log.info("Bản trước (xuất bản lúc %s) được giữ để khôi phục.", when(kept))
    else:
        log.info("Đây là lần xuất bản đầu tiên ở nơi này: chưa có bản trước để khôi phục.")
