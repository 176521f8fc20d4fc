"""``make publish`` and ``make rollback``: deploy ``build/site`` without ever half-updating the live site.

Local method, for a web server's document root ``…/diem-tin``:

1. copy the archive into ``…/.diem-tin.staging`` next to the live folder (files that did not
   change are hard-linked from the live folder, so an unchanged archive costs almost nothing);
2. swap staging and live in one atomic ``renameat2(RENAME_EXCHANGE)`` (two renames where the
   system lacks it);
3. keep the replaced site as ``…/.diem-tin.previous``: ``make rollback`` swaps it back (and a
   second rollback swaps forward again).

If anything fails before step 2 the live folder has not been touched. A folder that holds other
files (no ``.bulletin-site`` marker) is never replaced. The rsync method (:mod:`.rsync`) follows
the same steps on the server over SSH.
"""
from __future__ import annotations

import filecmp
import json
import logging
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

from ..atomic import exchange
from ..config import PublishTarget
from ..errors import BulletinError
from ..text import TZ
from .archive import BUILT
from .changes import Changes, compare, log_changes, site_files

log = logging.getLogger(__name__)

MARKER = ".bulletin-site"
"""File in every published site: when and how many files (JSON). Its absence protects foreign folders."""


@dataclass(frozen=True, slots=True)
class Slots:
    """The folders of a local deployment."""

    live: Path
    """What the web server serves."""
    staging: Path
    """Where the next version is assembled."""
    previous: Path
    """The version before the live one."""
    lock: Path
    """Lock file: one publish or rollback at a time."""

    @classmethod
    def of(cls, live: Path) -> "Slots":
        parent, name = live.parent, live.name
        return cls(live, parent / f".{name}.staging", parent / f".{name}.previous", parent / f".{name}.lock")


def check_site(site: Path, project: Path | None) -> None:
    """Refuse an archive that is missing or was not built to the end; warn when it looks stale."""
    if not (site / BUILT).is_file() or not (site / "index.html").is_file():
        raise BulletinError(f"chưa có trang lưu trữ hoàn chỉnh trong {site}: hãy chạy make site trước")
    if project is None:
        return
    built = (site / BUILT).stat().st_mtime
    newer = [p for p in (project / "issues").rglob("*") if p.is_file() and p.stat().st_mtime > built]
    if newer:
        log.warning("%s đã sửa sau lần tạo trang lưu trữ gần nhất; hãy chạy make site để trang có bản mới "
                    "(lần này vẫn đưa lên bản đã tạo)", newer[0].relative_to(project))


def publish(site: Path, target: PublishTarget, dry_run: bool = False, ssh: str = "ssh",
            project: Path | None = None) -> Changes:
    """Deploy ``site`` to ``target``; with ``dry_run`` only report what would change."""
    check_site(site, project)
    if target.method == "rsync":
        from .rsync import publish_rsync

        return publish_rsync(site, _rsync_target(target), dry_run, ssh)
    slots = Slots.of(_local_target(target, site, project))
    if dry_run:  # no lock, no folder: a dry run writes nothing at all
        return _changes(site, slots.live)
    with _locked(slots):
        changes = _changes(site, slots.live)
        if changes.empty and slots.live.exists():
            return changes
        count = _stage(site, slots)
        _swap_in(slots)
    log.info("Đã xuất bản %d tệp lên %s; bản trước được giữ để khôi phục (make rollback).", count, slots.live)
    return changes


def rollback(target: PublishTarget, ssh: str = "ssh") -> None:
    """Put the previous version back (the replaced one becomes the new "previous")."""
    if target.method == "rsync":
        from .rsync import rollback_rsync

        rollback_rsync(_rsync_target(target), ssh)
        return
    slots = Slots.of(_local_target(target, None, None))
    with _locked(slots):
        if not (slots.previous / MARKER).is_file():
            raise BulletinError(f"chưa có bản xuất bản trước nào để khôi phục ({slots.previous})")
        when = _published_at(slots.previous)
        try:
            if slots.live.exists():
                exchange(slots.previous, slots.live)
            else:
                os.rename(slots.previous, slots.live)
        except OSError as exc:
            raise BulletinError(f"không khôi phục được bản trước vào {slots.live} ({exc.strerror or exc}); "
                                "trang đang chạy vẫn giữ nguyên") from None
    log.info("Đã khôi phục bản xuất bản lúc %s vào %s. Chạy make rollback lần nữa để quay lại bản vừa thay.",
             when, slots.live)


def _changes(site: Path, live: Path) -> Changes:
    _check_ours(live)
    changes = compare(site, live)
    log_changes(changes, str(live))
    return changes


def _rsync_target(target: PublishTarget) -> str:
    if not target.target:
        raise BulletinError("chưa cấu hình nơi xuất bản: điền publish.target trong sources.yaml "
                            "(user@máy-chủ:/đường/dẫn) hoặc chạy make publish TARGET=…")
    return target.target


def _local_target(target: PublishTarget, site: Path | None, project: Path | None) -> Path:
    if not target.target:
        raise BulletinError("chưa cấu hình nơi xuất bản: điền publish.target trong sources.yaml "
                            "hoặc chạy make publish TARGET=/đường/dẫn/thư-mục")
    live = Path(target.target).expanduser().resolve()
    risky = [Path("/"), Path.home().resolve()] + ([project.resolve()] if project else [])
    if live in risky or (project and project.resolve().is_relative_to(live)):
        raise BulletinError(f"không thể xuất bản vào {live}: hãy chọn một thư mục riêng cho trang web")
    if site and (live.is_relative_to(site.resolve()) or site.resolve().is_relative_to(live)):
        raise BulletinError(f"nơi xuất bản {live} không được nằm trong (hay chứa) {site}")
    if live.exists() and not live.is_dir():
        raise BulletinError(f"nơi xuất bản {live} đã có và không phải là thư mục")
    return live


def _check_ours(live: Path) -> None:
    if live.is_dir() and any(live.iterdir()) and not (live / MARKER).is_file():
        raise BulletinError(f"thư mục {live} đã có nội dung không do công cụ này xuất bản; để khỏi ghi đè, "
                            "hãy chọn một thư mục trống (hoặc chưa có) cho trang lưu trữ")


class _locked:
    """One publish or rollback per target at a time."""

    def __init__(self, slots: Slots):
        self.slots = slots
        self.lock = FileLock(slots.lock, timeout=0)

    def __enter__(self):
        self.slots.live.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.lock.acquire()
        except Timeout:
            raise BulletinError(f"đang có một lần xuất bản khác vào {self.slots.live}; hãy đợi lần đó xong") from None
        return self

    def __exit__(self, *exc):
        self.lock.release()


def _stage(site: Path, slots: Slots) -> int:
    """Copy the archive into the staging folder; on any failure remove it and leave the live site alone."""
    shutil.rmtree(slots.staging, ignore_errors=True)
    slots.staging.mkdir(mode=0o755)
    files = site_files(site)
    try:
        for n, (relative, source) in enumerate(files.items(), 1):
            _place(source, slots.live / relative, slots.staging / relative)
            if n % 2000 == 0:
                log.info("  đã chép %d/%d tệp…", n, len(files))
        stamp = {"published": datetime.now(TZ).isoformat(timespec="seconds"), "files": len(files)}
        (slots.staging / MARKER).write_text(json.dumps(stamp) + "\n", encoding="utf-8")
    except OSError as exc:
        shutil.rmtree(slots.staging, ignore_errors=True)
        name = Path(exc.filename).name if exc.filename else "?"
        raise BulletinError(f"không chép được tệp {name} ({exc.strerror or exc}); "
                            f"trang đang chạy ở {slots.live} vẫn giữ nguyên bản cũ") from None
    except BaseException:
        shutil.rmtree(slots.staging, ignore_errors=True)
        raise
    return len(files)


def _place(source: Path, live: Path, target: Path) -> None:
    """Hard-link the live copy when it is identical (cheap, no extra space), else copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if live.is_file() and filecmp.cmp(source, live, shallow=True):
        try:
            os.link(live, target)
            return
        except OSError:
            pass
    shutil.copy2(source, target)


def _swap_in(slots: Slots) -> None:
    """Put the staged version live in one step; the replaced one becomes "previous"."""
    try:
        if not slots.live.exists():
            os.rename(slots.staging, slots.live)
            return
        exchange(slots.staging, slots.live)
    except OSError as exc:
        shutil.rmtree(slots.staging, ignore_errors=True)
        raise BulletinError(f"không đổi được bản mới vào {slots.live} ({exc.strerror or exc}); "
                            "trang đang chạy vẫn giữ nguyên bản cũ") from None
    shutil.rmtree(slots.previous, ignore_errors=True)
    os.rename(slots.staging, slots.previous)


def _published_at(folder: Path) -> str:
    try:
        return json.loads((folder / MARKER).read_text(encoding="utf-8"))["published"]
    except (OSError, ValueError, KeyError, TypeError):
        return "không rõ"
