"""`make publish` / `make rollback`: atomic swap, rollback, dry run, interrupted publish, refusals,
and the rsync method (real rsync, with a stand-in for ssh that runs the remote side locally)."""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from bulletin.cli import main

from .site_support import site_project


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A project whose archive was built once (two small fixture issues)."""
    project = site_project(tmp_path_factory.mktemp("built"))
    (project / "issues" / "2026" / "16.md").unlink()
    assert main(["site", "--cau-hinh", str(project / "sources.yaml"), "--thu-muc", str(project / "build")]) == 0
    return project


@pytest.fixture
def project(built, tmp_path) -> Path:
    """A private copy of the built project (modification times kept)."""
    copy = tmp_path / "project"
    shutil.copytree(built, copy, symlinks=True)
    return copy


def _run(project: Path, command: str, *args: str) -> int:
    argv = [command, "--cau-hinh", str(project / "sources.yaml")]
    if command == "publish":
        argv += ["--thu-muc", str(project / "build")]
    return main(argv + list(args))


def tree(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file that is not a dot file."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not any(s.startswith(".") for s in p.relative_to(folder).parts)}


def _change_site(site: Path) -> None:
    """An editor's next build, simulated: one page changed, one file added, one removed."""
    index = site / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace("Các số bản tin", "Các số bản tin (mới)"), encoding="utf-8")
    (site / "2026" / "ghi-chu.txt").write_text("tệp mới\n", encoding="utf-8")
    (site / "2025" / "52" / "bia-nho.jpg").unlink()


def test_publish_then_rollback_and_forward_again(project, tmp_path, caplog):
    site, live = project / "build" / "site", tmp_path / "www" / "diem-tin"
    assert _run(project, "publish", "--dich", str(live)) == 0
    first = tree(site)
    assert tree(live) == first and len(first) > 20
    assert (live / ".bulletin-site").is_file()
    _change_site(site)
    assert _run(project, "publish", "--dich", str(live)) == 0
    second = tree(site)
    assert tree(live) == second != first
    previous = live.parent / ".diem-tin.previous"
    assert tree(previous) == first
    assert not (live.parent / ".diem-tin.staging").exists()
    caplog.clear()
    assert _run(project, "rollback", "--dich", str(live)) == 0
    assert tree(live) == first and tree(previous) == second
    assert "Đã khôi phục bản xuất bản lúc" in caplog.text
    assert _run(project, "rollback", "--dich", str(live)) == 0
    assert tree(live) == second


def test_unchanged_archive_is_not_republished_so_the_rollback_point_survives(project, tmp_path, caplog):
    live = tmp_path / "www" / "diem-tin"
    assert _run(project, "publish", "--dich", str(live)) == 0
    _change_site(project / "build" / "site")
    assert _run(project, "publish", "--dich", str(live)) == 0
    previous = tree(live.parent / ".diem-tin.previous")
    caplog.clear()
    assert _run(project, "publish", "--dich", str(live)) == 0
    assert "Không có gì thay đổi" in caplog.text
    assert tree(live.parent / ".diem-tin.previous") == previous


def test_dry_run_lists_the_changes_and_touches_nothing(project, tmp_path, caplog):
    live = tmp_path / "www" / "diem-tin"
    assert _run(project, "publish", "--dich", str(live)) == 0
    before = tree(live)
    _change_site(project / "build" / "site")
    caplog.clear()
    assert _run(project, "publish", "--dich", str(live), "--xem-truoc") == 0
    assert "thêm 1 tệp, sửa 1 tệp, xóa 1 tệp" in caplog.text
    for line in ("  + 2026/ghi-chu.txt", "  ~ index.html", "  - 2025/52/bia-nho.jpg"):
        assert line in caplog.text.splitlines() or any(l.endswith(line) for l in caplog.text.splitlines())
    assert tree(live) == before
    assert not (live.parent / ".diem-tin.staging").exists() and not (live.parent / ".diem-tin.previous").exists()


def test_target_can_come_from_sources_yaml(project, tmp_path):
    live = tmp_path / "from-settings"
    settings = project / "sources.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('target: ""', f'target: "{live}"'), encoding="utf-8")
    assert _run(project, "publish") == 0
    assert tree(live) == tree(project / "build" / "site")


def test_a_publish_that_fails_half_way_leaves_the_live_site_intact(project, tmp_path, capsys):
    site, live = project / "build" / "site", tmp_path / "www" / "diem-tin"
    assert _run(project, "publish", "--dich", str(live)) == 0
    before = {p: (p.stat().st_ino, p.read_bytes()) for p in live.rglob("*") if p.is_file()}
    _change_site(site)
    # The last folder copied holds a file that cannot be read: the copy stops there.
    os.symlink(site / "khong-co-tep-nay.pdf", site / "assets" / "zz-hong.pdf")
    assert _run(project, "publish", "--dich", str(live)) == 1
    err = capsys.readouterr().err
    assert "không chép được tệp zz-hong.pdf" in err and "vẫn giữ nguyên bản cũ" in err and "Traceback" not in err
    assert {p: (p.stat().st_ino, p.read_bytes()) for p in live.rglob("*") if p.is_file()} == before
    assert not (live.parent / ".diem-tin.staging").exists(), "the half-made copy is cleaned up"
    assert not (live.parent / ".diem-tin.previous").exists(), "nothing was swapped"


def test_leftovers_of_a_killed_publish_do_not_reach_the_live_site(project, tmp_path):
    live = tmp_path / "www" / "diem-tin"
    assert _run(project, "publish", "--dich", str(live)) == 0
    staging = live.parent / ".diem-tin.staging"
    (staging / "2026").mkdir(parents=True)  # what a publish killed with SIGKILL leaves behind
    (staging / "2026" / "nua-chung.html").write_text("<p>nửa chừng", encoding="utf-8")
    before = tree(live)
    assert before == tree(project / "build" / "site"), "the kill happened before the swap: live is the old site"
    _change_site(project / "build" / "site")
    assert _run(project, "publish", "--dich", str(live)) == 0
    assert tree(live) == tree(project / "build" / "site")
    assert not staging.exists() and not (live / "2026" / "nua-chung.html").exists()


def test_a_folder_with_other_content_is_never_replaced(project, tmp_path, capsys):
    live = tmp_path / "www"
    live.mkdir()
    (live / "trang-chu.html").write_text("trang của đơn vị", encoding="utf-8")
    assert _run(project, "publish", "--dich", str(live)) == 1
    assert "không do công cụ này xuất bản" in capsys.readouterr().err
    assert [p.name for p in live.iterdir()] == ["trang-chu.html"]


@pytest.mark.parametrize("target", ["{project}", "{project}/build/site", "{project}/build/site/sub", "/"])
def test_dangerous_targets_are_refused(project, target, capsys):
    assert _run(project, "publish", "--dich", target.format(project=project)) == 1
    assert "Lỗi: " in capsys.readouterr().err


def test_publish_needs_a_complete_site_and_a_target(project, tmp_path, capsys):
    assert _run(project, "publish") == 1
    assert "chưa cấu hình nơi xuất bản" in capsys.readouterr().err
    (project / "build" / "site" / ".built").unlink()
    assert _run(project, "publish", "--dich", str(tmp_path / "www")) == 1
    assert "hãy chạy make site trước" in capsys.readouterr().err
    assert not (tmp_path / "www").exists()
    assert _run(project, "rollback", "--dich", str(tmp_path / "www")) == 1
    assert "chưa có bản xuất bản trước nào" in capsys.readouterr().err


@pytest.mark.expect_log_warnings
def test_publishing_an_archive_older_than_the_issues_warns(project, tmp_path, caplog):
    issue = project / "issues" / "2025" / "52.md"
    issue.write_text(issue.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert _run(project, "publish", "--dich", str(tmp_path / "www")) == 0
    assert "issues/2025/52.md đã sửa sau lần tạo trang lưu trữ gần nhất" in caplog.text


@pytest.fixture
def fake_ssh(tmp_path) -> str:
    """An ``ssh`` stand-in: drops the host and runs the command here, as sshd would on the server."""
    script = tmp_path / "ssh-tai-cho"
    script.write_text('#!/bin/sh\nshift\nexec sh -c "$*"\n', encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def test_rsync_method_publishes_swaps_and_rolls_back(project, tmp_path, fake_ssh, caplog):
    if not shutil.which("rsync"):
        pytest.skip("rsync is not installed (.ci/run installs it)")
    site, live = project / "build" / "site", tmp_path / "may chu" / "diem-tin"
    remote = ["--cach", "rsync", "--dich", f"localhost:{live}", "--ssh", fake_ssh]
    assert _run(project, "publish", *remote) == 0
    first = tree(site)
    assert tree(live) == first and (live / ".bulletin-site").is_file()
    _change_site(site)
    caplog.clear()
    assert _run(project, "publish", *remote, "--xem-truoc") == 0
    assert "thêm 1 tệp, sửa 1 tệp, xóa 1 tệp" in caplog.text and tree(live) == first
    assert _run(project, "publish", *remote) == 0
    assert tree(live) == tree(site) and tree(live.parent / ".diem-tin.previous") == first
    unchanged = live / "2026" / "15" / "diem-tin-2026-15.pdf"
    assert unchanged.stat().st_nlink == 2, "unchanged files are hard-linked to the previous version"
    assert _run(project, "rollback", *remote) == 0
    assert tree(live) == first


def test_rsync_target_must_be_host_and_absolute_path(project, fake_ssh, capsys):
    assert _run(project, "publish", "--cach", "rsync", "--dich", "may-chu:duong/dan", "--ssh", fake_ssh) == 1
    assert "user@máy-chủ:/đường/dẫn/tuyệt/đối" in capsys.readouterr().err
