"""``bulletin.atomic``: files and folders are replaced whole, failures leave the old ones and no
temporary file behind."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bulletin.atomic import atomic_path, atomic_write, clear_staging, staged_folder, write_if_changed


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("data, expected", [("Điểm tin\n", "Điểm tin\n".encode("utf-8")), (b"\x00\xff", b"\x00\xff")])
def test_atomic_write_writes_text_as_utf8_or_bytes_as_they_are(tmp_path, data, expected):
    target = tmp_path / "sub" / "a.txt"
    atomic_write(target, data)
    assert target.read_bytes() == expected and _listing(target.parent) == ["a.txt"]
    assert target.stat().st_mode & 0o777 == 0o644


def test_an_existing_file_keeps_its_mode(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("cũ", encoding="utf-8")
    target.chmod(0o600)
    atomic_write(target, "mới", durable=True)
    assert target.read_text(encoding="utf-8") == "mới" and target.stat().st_mode & 0o777 == 0o600


def test_a_refused_replace_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("cũ", encoding="utf-8")

    def refuse(tmp: Path, path: Path) -> None:
        assert tmp.parent == path.parent and tmp.name.startswith(".a.txt.") and tmp.read_text(encoding="utf-8") == "mới"
        raise RuntimeError("changed meanwhile")

    with pytest.raises(RuntimeError):
        atomic_write(target, "mới", replace=refuse)
    assert target.read_text(encoding="utf-8") == "cũ" and _listing(tmp_path) == ["a.txt"]


def test_a_writer_that_fails_half_way_leaves_the_old_file(tmp_path):
    target = tmp_path / "b.pdf"
    target.write_bytes(b"old")
    with pytest.raises(ValueError), atomic_path(target) as tmp:
        tmp.write_bytes(b"half")
        raise ValueError("renderer crashed")
    assert target.read_bytes() == b"old" and _listing(tmp_path) == ["b.pdf"]


def test_write_if_changed_does_not_touch_an_identical_file(tmp_path):
    target = tmp_path / "index.html"
    assert write_if_changed(target, "<p>a</p>")
    inode = target.stat().st_ino
    assert not write_if_changed(target, b"<p>a</p>")
    assert target.stat().st_ino == inode
    assert write_if_changed(target, "<p>b</p>") and target.stat().st_ino != inode


def test_a_staged_folder_replaces_the_old_one_only_when_complete(tmp_path):
    folder = tmp_path / "2026-16"
    with staged_folder(folder) as tmp:
        (tmp / "a.pdf").write_bytes(b"1")
    with pytest.raises(KeyboardInterrupt), staged_folder(folder) as tmp:
        (tmp / "a.pdf").write_bytes(b"half")
        raise KeyboardInterrupt
    assert (folder / "a.pdf").read_bytes() == b"1" and _listing(tmp_path) == ["2026-16"]
    with staged_folder(folder) as tmp:
        (tmp / "b.pdf").write_bytes(b"2")
    assert _listing(folder) == ["b.pdf"] and _listing(tmp_path) == ["2026-16"]
    assert folder.stat().st_mode & 0o777 == 0o755


_SWAPPER = """
import sys
from pathlib import Path
from bulletin.atomic import staged_folder
for n in range(300):
    with staged_folder(Path(sys.argv[1])) as tmp:
        (tmp / "a.pdf").write_bytes(str(n).encode())
"""


def test_readers_never_find_the_folder_missing_while_it_is_swapped(tmp_path):
    folder = tmp_path / "2026-16"
    with staged_folder(folder) as tmp:
        (tmp / "a.pdf").write_bytes(b"start")
    swapper = subprocess.Popen([sys.executable, "-c", _SWAPPER, str(folder)])
    checks = missing = 0
    while swapper.poll() is None:
        checks += 1
        missing += not os.path.exists(folder / "a.pdf")
    assert swapper.returncode == 0 and checks > 300
    assert missing == 0 and (folder / "a.pdf").read_bytes() == b"299"


def test_clear_staging_removes_only_leftovers_of_that_folder(tmp_path):
    for name in (".2026-16-abc123", ".2026-16-old-99", ".2026-160-x", "2026-16", ".2026-16.lock"):
        (tmp_path / name).mkdir() if not name.endswith(".lock") else (tmp_path / name).touch()
    removed = clear_staging(tmp_path / "2026-16")
    assert [p.name for p in removed] == [".2026-16-abc123", ".2026-16-old-99"]
    assert _listing(tmp_path) == [".2026-16.lock", ".2026-160-x", "2026-16"]
