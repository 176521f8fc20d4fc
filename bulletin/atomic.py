"""Replace files and folders so that nobody ever sees half of one.

- :func:`atomic_write` writes bytes or text to a temporary file beside the target, then renames
  it over the target (one ``rename``: readers see the old file or the new one).
- :func:`atomic_path` does the same for writers that want a file name (WeasyPrint, python-docx,
  Pillow).
- :func:`staged_folder` yields an empty folder beside the target and swaps it in whole when the
  block succeeds; :func:`clear_staging` removes what a killed run left of such folders.

Temporary names start with a dot, so the archive and the publisher skip them.
"""
from __future__ import annotations

import ctypes
import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

FILE_MODE = 0o644
"""Mode of a new file (an existing file keeps its own)."""
FOLDER_MODE = 0o755
"""Mode of a folder swapped in by :func:`staged_folder`."""


@contextmanager
def atomic_path(path: Path, mode: int | None = None) -> Iterator[Path]:
    """Yield a temporary file name beside ``path``; when the block succeeds it replaces ``path``.

    On failure the temporary file is removed and ``path`` is untouched.
    """
    with _temporary(path) as tmp:
        yield tmp
        _commit(tmp, path, mode, os.replace)


def atomic_write(path: Path, data: bytes | str, mode: int | None = None, durable: bool = False,
                 replace: Callable[[Path, Path], None] = os.replace) -> None:
    """Write ``data`` (text is written as UTF-8) to ``path`` atomically.

    ``durable`` flushes the data to disk before the rename (for files an editor wrote).
    ``replace(tmp, path)`` puts the finished file in place; callers that must check something
    at the last moment (the collector) pass their own.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with _temporary(path) as tmp:
        with open(tmp, "wb") as out:
            out.write(payload)
            if durable:
                out.flush()
                os.fsync(out.fileno())
        _commit(tmp, path, mode, replace)


def write_if_changed(path: Path, data: bytes | str) -> bool:
    """:func:`atomic_write` unless the file already holds exactly ``data``; True when written."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.read_bytes() == payload:
            return False
    except OSError:
        pass
    atomic_write(path, payload)
    return True


@contextmanager
def _temporary(path: Path) -> Iterator[Path]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
    finally:
        tmp.unlink(missing_ok=True)


def _commit(tmp: Path, path: Path, mode: int | None, replace: Callable[[Path, Path], None]) -> None:
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o7777
        except OSError:
            mode = FILE_MODE
    os.chmod(tmp, mode)
    replace(tmp, path)


STAGING = ".{name}-"
"""Prefix of a staging folder beside ``name`` (and of the old folder on its way out)."""


@contextmanager
def staged_folder(folder: Path) -> Iterator[Path]:
    """Yield an empty staging folder; on success it replaces ``folder``, on failure it vanishes.

    The swap is one ``renameat2(RENAME_EXCHANGE)`` where the system has it, so readers never find
    the folder missing; elsewhere the old folder is renamed away just before the new one comes in.
    A failed block leaves the last good folder untouched.
    """
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=STAGING.format(name=folder.name), dir=folder.parent))
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    os.chmod(tmp, FOLDER_MODE)
    if not folder.exists():
        os.rename(tmp, folder)
        return
    exchange(tmp, folder)
    shutil.rmtree(tmp, ignore_errors=True)  # now holds the old folder


def clear_staging(folder: Path) -> list[Path]:
    """Remove every staging folder of ``folder`` a killed run left behind; return them.

    Call it only while holding the lock that guards ``folder``: a staging folder of a live run
    would be removed too.
    """
    left = sorted(p for p in folder.parent.glob(f"{STAGING.format(name=folder.name)}*") if p.is_dir())
    for stale in left:
        shutil.rmtree(stale, ignore_errors=True)
    return left


def exchange(a: Path, b: Path) -> None:
    """Swap two folders atomically (Linux ``renameat2``); elsewhere three renames."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        renameat2 = None
    if renameat2 is not None:
        at_fdcwd, rename_exchange = -100, 2
        if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
            return
        code = ctypes.get_errno()
        if code not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
            raise OSError(code, os.strerror(code), str(a))
    spare = a.with_name(a.name + ".swap")
    os.rename(b, spare)
    os.rename(a, b)
    os.rename(spare, a)
