"""The rsync-over-SSH method: the local method's steps, run on the web server.

``user@host:/var/www/diem-tin``: the archive is sent with rsync into ``/var/www/.diem-tin.staging``
(unchanged files hard-linked from the live folder with ``--link-dest``), then a short shell
script on the server swaps it in (``mv --exchange`` where coreutils has it, else two renames a
moment apart) and keeps the replaced site as ``/var/www/.diem-tin.previous`` for rollback.
"""
from __future__ import annotations

import json
import logging
import posixpath
import shlex
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

from ..errors import BulletinError
from ..text import TZ
from .changes import Changes, log_changes
from .publish import MARKER

log = logging.getLogger(__name__)

SSH_TIMEOUT = 120
"""Seconds a remote shell command may take."""
RSYNC_OPTIONS = ("-rlt", "--delete", "--exclude=.*", "--timeout=120")
"""Recursive, symlinks as links, modification times; dot files (markers) are neither sent nor deleted."""


def split_target(target: str) -> tuple[str, str, str]:
    """``user@host:/a/b`` -> (``user@host``, ``/a``, ``b``)."""
    host, sep, path = target.partition(":")
    path = posixpath.normpath(path) if path else ""
    if not sep or not host or not path.startswith("/") or path == "/" or "\n" in target:
        raise BulletinError(f'nơi xuất bản rsync "{target}" phải có dạng user@máy-chủ:/đường/dẫn/tuyệt/đối')
    return host, posixpath.dirname(path), posixpath.basename(path)


def _rsh(ssh: str) -> list[str]:
    words = shlex.split(ssh)
    if not words:
        raise BulletinError("lệnh SSH (--ssh) đang để trống")
    return words


def _remote(ssh: str, host: str, script: str) -> subprocess.CompletedProcess:
    command = [*_rsh(ssh), host, "sh -c " + shlex.quote(script)]
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=SSH_TIMEOUT, check=False)
    except FileNotFoundError:
        raise BulletinError(f"không chạy được lệnh SSH \"{command[0]}\"; hãy cài openssh-client") from None
    except subprocess.TimeoutExpired:
        raise BulletinError(f"máy chủ {host} không trả lời sau {SSH_TIMEOUT} giây") from None


def _rsync(ssh: str, *args: str) -> subprocess.CompletedProcess:
    if not shutil.which("rsync"):
        raise BulletinError("chưa cài rsync: sudo apt-get install rsync")
    return subprocess.run(["rsync", *RSYNC_OPTIONS, "-e", ssh, *args], capture_output=True, text=True, check=False)


def _failed(what: str, result: subprocess.CompletedProcess) -> BulletinError:
    detail = (result.stderr or result.stdout).strip().splitlines()[-3:]
    return BulletinError(f"{what} (mã lỗi {result.returncode}): {' / '.join(detail)}")


def _itemized(output: str) -> Changes:
    """Changes from rsync's ``--itemize-changes`` lines (files only)."""
    added, changed, removed = [], [], []
    for line in output.splitlines():
        flags, _, path = line.partition(" ")
        if flags == "*deleting":
            if not path.strip().endswith("/"):
                removed.append(path.strip())
        elif len(flags) == 11 and flags[1] == "f":
            (added if "+++++++" in flags else changed).append(path)
    return Changes(tuple(added), tuple(changed), tuple(removed))


def publish_rsync(site: Path, target: str, dry_run: bool, ssh: str) -> Changes:
    """Send ``site`` to ``target`` over SSH and swap it in."""
    host, parent, name = split_target(target)
    q = shlex.quote
    live, staging = f"{parent}/{name}", f"{parent}/.{name}.staging"
    if dry_run:
        result = _rsync(ssh, "--dry-run", "--itemize-changes", f"{site}/", f"{host}:{live}/")
        if result.returncode not in (0, 23):  # 23: the live folder does not exist yet
            raise _failed("rsync không so sánh được với máy chủ", result)
        changes = _itemized(result.stdout)
        log_changes(changes, target)
        return changes
    prepare = (f"set -e; mkdir -p {q(parent)}; cd {q(parent)}; "
               f'if [ -d {q(name)} ] && [ -n "$(ls -A {q(name)})" ] && [ ! -e {q(name)}/{MARKER} ]; then exit 3; fi; '
               f"rm -rf {q('.' + name + '.staging')}; if [ -d {q(name)} ]; then echo live; else echo new; fi")
    ready = _remote(ssh, host, prepare)
    if ready.returncode == 3:
        raise BulletinError(f"thư mục {live} trên {host} đã có nội dung không do công cụ này xuất bản; "
                            "hãy chọn một thư mục trống (hoặc chưa có)")
    if ready.returncode != 0:
        raise _failed(f"không chuẩn bị được thư mục trên {host}", ready)
    link = [f"--link-dest=../{name}"] if ready.stdout.strip() == "live" else []
    log.info("Đang gửi trang lưu trữ lên %s…", target)
    sent = _rsync(ssh, *link, "--itemize-changes", f"{site}/", f"{host}:{staging}/")
    if sent.returncode != 0:
        raise _failed(f"rsync chưa gửi xong (trang đang chạy ở {target} vẫn giữ nguyên)", sent)
    _swap_remote(ssh, host, parent, name)
    changes = _itemized(sent.stdout)
    log.info("Đã xuất bản lên %s; bản trước được giữ để khôi phục (make rollback).", target)
    return changes


def _swap_remote(ssh: str, host: str, parent: str, name: str) -> None:
    q = shlex.quote
    stamp = json.dumps({"published": datetime.now(TZ).isoformat(timespec="seconds")})
    live, staging, previous = q(name), q(f".{name}.staging"), q(f".{name}.previous")
    script = (f"set -e; cd {q(parent)}; printf '%s\\n' {q(stamp)} > {staging}/{MARKER}; rm -rf {previous}; "
              f"if [ ! -d {live} ]; then mv {staging} {live}; "
              f"elif mv --exchange {staging} {live} 2>/dev/null; then mv {staging} {previous}; "
              f"else mv {live} {previous} && mv {staging} {live}; fi")
    result = _remote(ssh, host, script)
    if result.returncode != 0:
        raise _failed(f"không đổi được bản mới vào {parent}/{name} trên {host}", result)


def rollback_rsync(target: str, ssh: str) -> None:
    """Swap the previous version back in on the server."""
    host, parent, name = split_target(target)
    q = shlex.quote
    live, previous, spare = q(name), q(f".{name}.previous"), q(f".{name}.swap")
    script = (f"set -e; cd {q(parent)}; [ -e {previous}/{MARKER} ] || exit 4; "
              f"if [ ! -d {live} ]; then mv {previous} {live}; "
              f"elif mv --exchange {previous} {live} 2>/dev/null; then :; "
              f"else mv {live} {spare} && mv {previous} {live} && mv {spare} {previous}; fi")
    result = _remote(ssh, host, script)
    if result.returncode == 4:
        raise BulletinError(f"chưa có bản xuất bản trước nào trên {host} để khôi phục")
    if result.returncode != 0:
        raise _failed(f"không khôi phục được bản trước trên {host}", result)
    log.info("Đã khôi phục bản xuất bản trước vào %s. Chạy make rollback lần nữa để quay lại bản vừa thay.", target)
