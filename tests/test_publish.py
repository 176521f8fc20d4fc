"""`make publish` / `make rollback`: releases and a `current` symlink, rollback, dry run, refusals,
migration of an old-design target, and the rsync method (real rsync, ssh stand-in running locally)."""
from __future__ import annotations

import json
import os
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from filelock import FileLock

from bulletin.text import TZ

from .helpers import FIXTURES, read_tsv
from .publish_support import (build_project, change_site, copy_project, fake_ssh, leftovers, marker, releases, run,
                              stats, tree)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_project(tmp_path_factory.mktemp("built"))


@pytest.fixture
def project(built, tmp_path) -> Path:
    return copy_project(built, tmp_path)


def _vietnamese_times(start: datetime) -> set[str]:
    """How the publish of a release that began at ``start`` may be written (minute boundaries)."""
    return {f"{start + timedelta(seconds=s):%H:%M ngày %d/%m/%Y}" for s in (0, 5)}


def test_publish_then_rollback_and_publish_again(project, tmp_path, caplog):
    site, target = project / "build" / "site", tmp_path / "www" / "diem-tin"
    started = datetime.now(TZ)
    assert run(project, "publish", "--target", str(target)) == 0
    first = tree(site)
    assert tree(target / "current") == first and len(first) > 20
    assert (target / "current").is_symlink() and os.readlink(target / "current").startswith("releases/")
    assert "lần xuất bản đầu tiên ở nơi này: chưa có bản trước để khôi phục" in caplog.text
    assert "được giữ để khôi phục" not in caplog.text and "make rollback" not in caplog.text
    change_site(site)
    caplog.clear()
    assert run(project, "publish", "--target", str(target)) == 0
    second = tree(site)
    assert tree(target / "current") == second != first
    assert any(f"Bản trước (xuất bản lúc {t}) được giữ để khôi phục." in caplog.text for t in _vietnamese_times(started))
    assert "Muốn quay lại bản trước: make rollback" in caplog.text
    assert [tree(r) for r in releases(target).values()] == [first, second]
    caplog.clear()
    assert run(project, "rollback", "--target", str(target)) == 0
    assert tree(target / "current") == first
    assert any(f"Đã khôi phục bản xuất bản lúc {t} vào {target}/current" in caplog.text for t in _vietnamese_times(started))
    assert "T" not in caplog.text.split("lúc ")[1][:20], "no raw ISO time"
    assert run(project, "publish", "--target", str(target)) == 0
    assert tree(target / "current") == second


def test_unchanged_archive_is_not_republished_so_the_rollback_point_survives(project, tmp_path, caplog):
    target = tmp_path / "www" / "diem-tin"
    assert run(project, "publish", "--target", str(target)) == 0
    change_site(project / "build" / "site")
    assert run(project, "publish", "--target", str(target)) == 0
    before = stats(target)
    caplog.clear()
    assert run(project, "publish", "--target", str(target)) == 0
    assert "Không có gì thay đổi" in caplog.text
    assert stats(target) == before


def test_files_a_rebuild_rewrote_unchanged_are_not_changes(project, tmp_path, caplog):
    site, target = project / "build" / "site", tmp_path / "www"
    assert run(project, "publish", "--target", str(target)) == 0
    later = (site / "index.html").stat().st_mtime + 60
    for path in site.rglob("*"):  # what a forced rebuild does: same bytes, new times
        os.utime(path, (later, later))
    caplog.clear()
    assert run(project, "publish", "--target", str(target)) == 0
    assert "Không có gì thay đổi" in caplog.text and len(releases(target)) == 1
    index = site / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace("Các số bản tin", "Các sỐ bản tin"), encoding="utf-8")
    caplog.clear()
    assert run(project, "publish", "--target", str(target), "--dry-run") == 0
    assert "thêm 0 tệp, sửa 1 tệp, xóa 0 tệp" in caplog.text and "  ~ index.html" in caplog.text


def test_old_releases_are_pruned_and_rollback_walks_back_through_the_kept_ones(project, tmp_path, capsys):
    site, target = project / "build" / "site", tmp_path / "www"
    versions = []
    for version in range(1, 6):
        change_site(site, version)
        assert run(project, "publish", "--target", str(target)) == 0
        versions.append(tree(site))
    assert [tree(r) for r in releases(target).values()] == versions[-3:], "the live release and the two before"
    assert sorted(p.name for p in (target / "releases").iterdir()) == list(releases(target))
    for expected in (versions[3], versions[2]):
        assert run(project, "rollback", "--target", str(target)) == 0
        assert tree(target / "current") == expected
    capsys.readouterr()
    assert run(project, "rollback", "--target", str(target)) == 1
    assert "chưa có bản xuất bản trước nào" in capsys.readouterr().err
    assert tree(target / "current") == versions[2]


def test_dry_run_lists_the_changes_and_touches_nothing(project, tmp_path, caplog):
    target = tmp_path / "www" / "diem-tin"
    assert run(project, "publish", "--target", str(target)) == 0
    before = stats(target)
    change_site(project / "build" / "site")
    caplog.clear()
    assert run(project, "publish", "--target", str(target), "--dry-run") == 0
    assert "thêm 1 tệp, sửa 1 tệp, xóa 1 tệp" in caplog.text
    lines = caplog.text.splitlines()
    for line in ("  + 2026/ghi-chu.txt", "  ~ index.html", "  - 2025/52/bia-nho.jpg"):
        assert any(entry.endswith(line) for entry in lines), line
    assert stats(target) == before


def test_target_can_come_from_sources_yaml(project, tmp_path):
    target = tmp_path / "from-settings"
    settings = project / "sources.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('target: ""', f'target: "{target}"'), encoding="utf-8")
    assert run(project, "publish") == 0
    assert tree(target / "current") == tree(project / "build" / "site")


def test_a_publish_that_fails_half_way_leaves_the_live_site_intact(project, tmp_path, capsys):
    site, target = project / "build" / "site", tmp_path / "www" / "diem-tin"
    assert run(project, "publish", "--target", str(target)) == 0
    live = target / "current"
    before = {p: (p.stat().st_ino, p.read_bytes()) for p in live.rglob("*") if p.is_file()}
    change_site(site)
    os.symlink(site / "khong-co-tep-nay.pdf", site / "assets" / "zz-hong.pdf")  # cannot be read: rsync fails
    assert run(project, "publish", "--target", str(target)) == 1
    err = capsys.readouterr().err
    assert "rsync không so sánh được" in err and "zz-hong.pdf" in err and "vẫn giữ nguyên" in err
    assert "Traceback" not in err
    assert {p: (p.stat().st_ino, p.read_bytes()) for p in live.rglob("*") if p.is_file()} == before
    assert len(releases(target)) == 1, "no new release became eligible"
    (site / "assets" / "zz-hong.pdf").unlink()
    assert run(project, "publish", "--target", str(target)) == 0
    assert tree(live) == tree(site) and leftovers(target) == []


def test_a_second_publish_at_the_same_time_is_refused(project, tmp_path, capsys):
    target = tmp_path / "www"
    assert run(project, "publish", "--target", str(target)) == 0
    change_site(project / "build" / "site")
    before = stats(target)
    with FileLock(target / ".lock"):  # another publish or rollback holds the target
        for command in ("publish", "rollback"):
            assert run(project, command, "--target", str(target)) == 1
            assert f"đang có một lần xuất bản khác vào {target}" in capsys.readouterr().err
    assert stats(target) == before


def test_a_folder_with_other_content_is_never_replaced(project, tmp_path, capsys):
    target = tmp_path / "www"
    target.mkdir()
    (target / "trang-chu.html").write_text("trang của đơn vị", encoding="utf-8")
    before = stats(target)
    for command in ("publish", "rollback"):
        assert run(project, command, "--target", str(target)) == 1
        assert "đã có nội dung không do công cụ này xuất bản" in capsys.readouterr().err
        assert stats(target) == before


@pytest.mark.parametrize("target,reason", read_tsv(FIXTURES / "publish" / "dangerous.tsv", columns=2))
def test_dangerous_targets_are_refused(project, target, reason, capsys):
    folder = Path(target.format(project=project)).expanduser()
    whole = folder.is_relative_to(project)  # under the project: every entry must stay as it was
    before = stats(project) if whole else {p.name for p in folder.iterdir()}
    assert run(project, "publish", "--target", str(folder)) == 1
    err = capsys.readouterr().err
    assert f"Lỗi: không thể xuất bản vào {folder.resolve()}: {reason}" in err and "Traceback" not in err
    if whole:
        assert stats(project) == before
    else:  # "/" or home: shared with other processes; none of our names may appear there
        assert not {".lock", "releases", "current", ".bulletin-publish"} & ({p.name for p in folder.iterdir()} - before)


def test_publish_needs_a_complete_site_and_a_target(project, tmp_path, capsys):
    assert run(project, "publish") == 1
    assert "chưa cấu hình nơi xuất bản (publish.target trong sources.yaml); điền publish.target" in capsys.readouterr().err
    (project / "build" / "site" / ".built").unlink()
    assert run(project, "publish", "--target", str(tmp_path / "www")) == 1
    assert "chưa có trang lưu trữ hoàn chỉnh" in capsys.readouterr().err
    assert not (tmp_path / "www").exists()
    assert run(project, "rollback", "--target", str(tmp_path / "www")) == 1
    assert "chưa có bản xuất bản trước nào" in capsys.readouterr().err
    assert not (tmp_path / "www").exists()


@pytest.mark.expect_log_warnings
def test_publishing_an_archive_older_than_the_issues_warns(project, tmp_path, caplog):
    issue = project / "issues" / "2025" / "52.md"
    issue.write_text(issue.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert run(project, "publish", "--target", str(tmp_path / "www")) == 0
    assert "issues/2025/52.md đã sửa sau lần tạo trang lưu trữ gần nhất" in caplog.text


def _old_design(project: Path, target: Path) -> tuple[dict, dict]:
    """A target published by the old design: a plain folder, and ``.NAME.previous`` beside it."""
    site = project / "build" / "site"
    previous = target.parent / f".{target.name}.previous"
    for version, (folder, when) in enumerate(((previous, "2026-11-26T09:00:00+07:00"),
                                              (target, "2026-12-02T16:30:00+07:00")), 7):
        shutil.copytree(site, folder, ignore=shutil.ignore_patterns(".*"))
        (folder / ".bulletin-site").write_text(json.dumps({"published": when, "files": 0}) + "\n", encoding="utf-8")
        stamp = datetime.fromisoformat(when).timestamp()
        os.utime(folder / ".bulletin-site", (stamp, stamp))
        change_site(site, version)
    return tree(target), tree(previous)


@pytest.mark.expect_log_warnings
def test_an_old_design_target_is_converted_without_losing_it(project, tmp_path, caplog):
    target = tmp_path / "www" / "diem-tin"
    live, previous = _old_design(project, target)
    assert run(project, "publish", "--target", str(target)) == 0
    assert tree(target / "current") == tree(project / "build" / "site")
    assert [tree(r) for r in releases(target).values()] == [previous, live, tree(target / "current")]
    oldest = next(iter(releases(target).values()))
    assert oldest.name == "20261126-020000-000000" and marker(oldest)["published"] == "2026-11-26T09:00:00+07:00"
    assert {k: v for k, v in tree(target).items() if k.split("/")[0] not in ("releases", "current")} == live
    index = releases(target)["20261202-093000-000000"] / "index.html"
    assert index.stat().st_ino == (target / "index.html").stat().st_ino, "the old live files are hard-linked, not moved"
    assert f"máy chủ web cần phục vụ {target}/current" in caplog.text
    assert "Bản trước (xuất bản lúc 16:30 ngày 02/12/2026) được giữ để khôi phục." in caplog.text
    for expected in (live, previous):
        assert run(project, "rollback", "--target", str(target)) == 0
        assert tree(target / "current") == expected


@pytest.mark.skipif(not shutil.which("rsync"), reason="rsync is not installed (.ci/run installs it)")
def test_rsync_method_publishes_hard_links_unchanged_files_and_rolls_back(project, tmp_path, caplog):
    site, target = project / "build" / "site", tmp_path / "may chu" / "diem-tin"
    remote = ["--method", "rsync", "--target", f"localhost:{target}", "--ssh", fake_ssh(tmp_path)]
    assert run(project, "publish", *remote) == 0
    first = tree(site)
    assert tree(target / "current") == first
    change_site(site)
    caplog.clear()
    assert run(project, "publish", *remote, "--dry-run") == 0
    assert "thêm 1 tệp, sửa 1 tệp, xóa 1 tệp" in caplog.text and tree(target / "current") == first
    assert run(project, "publish", *remote) == 0
    old, new = releases(target).values()
    assert tree(target / "current") == tree(site) and tree(old) == first
    pdf = "2026/15/diem-tin-2026-15.pdf"
    assert (new / pdf).stat().st_ino == (old / pdf).stat().st_ino and (new / pdf).stat().st_nlink == 2
    assert (new / "index.html").stat().st_nlink == 1 and (new / "index.html").stat().st_ino != (old / "index.html").stat().st_ino
    linked = sum(1 for p in new.rglob("*") if p.is_file() and p.stat().st_nlink == 2)
    assert linked == len(first) - 2, "every file but the changed and the removed one is shared"
    assert run(project, "rollback", *remote) == 0
    assert tree(target / "current") == first


def test_rsync_target_must_be_host_and_absolute_path(project, tmp_path, capsys):
    assert run(project, "publish", "--method", "rsync", "--target", "may-chu:duong/dan", "--ssh", fake_ssh(tmp_path)) == 1
    assert "user@máy-chủ:/đường/dẫn/tuyệt/đối" in capsys.readouterr().err
