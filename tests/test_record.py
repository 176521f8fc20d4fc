"""The one digest and build record (``bulletin.record``) that the build and the archive share."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import bulletin.site.archive as archive
from bulletin.config import load_settings
from bulletin.reader import read_issue
from bulletin.record import RACY_SECONDS, RECORD, common_digest, is_current, issue_record, load_record, write_record
from bulletin.site.archive import build_site

from .helpers import FIXTURES, make_photo, scratch_project


def _issue_with_photo(tmp_path: Path) -> Path:
    text = (FIXTURES / "issues" / "basic.md").read_text(encoding="utf-8")
    path = scratch_project(tmp_path, text.replace("Hành khách mua sớm", "![Tàu](16/tau.jpg)\n\nHành khách mua sớm"))
    make_photo(path.parent / "16" / "tau.jpg")
    _age(path, path.parent / "16" / "tau.jpg")
    return path


def _age(*paths: Path) -> None:
    """Date files back, as if saved a while ago (outside the racy window)."""
    old = time.time() - 60
    for path in paths:
        os.utime(path, (old, old))


def _record(path: Path, known=None):
    settings = load_settings(path.parents[2] / "sources.yaml")
    issue = read_issue(path, settings.publication)
    return issue_record(issue, common_digest(settings.path), known, built_at=1.0), common_digest(settings.path)


def test_a_record_survives_a_round_trip_and_is_current_until_an_input_changes(tmp_path):
    path = _issue_with_photo(tmp_path)
    record, common = _record(path)
    assert [Path(i.path).name for i in record.inputs] == ["16.md", "tau.jpg"] and all(i.mtime_ns for i in record.inputs)
    write_record(tmp_path, record)
    assert load_record(tmp_path) == record and is_current(record, common)
    assert not is_current(record, "another settings or code digest")
    make_photo(path.parent / "16" / "tau.jpg", color=(200, 10, 10))
    assert not is_current(record, common)
    assert _record(path, known=record)[0].digest != record.digest


def test_touching_a_file_keeps_its_digest_and_reuses_known_picture_hashes(tmp_path, monkeypatch):
    path = _issue_with_photo(tmp_path)
    record, common = _record(path)
    os.utime(path)  # saved again without a change
    assert not is_current(record, common)
    hashed: list[str] = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: hashed.append(self.name) or real(self))
    again, _ = _record(path, known=record)
    assert again.digest == record.digest and "tau.jpg" not in hashed, "an unchanged picture is not hashed again"


def test_inputs_changed_just_before_recording_are_checked_by_content(tmp_path):
    path = _issue_with_photo(tmp_path)
    os.utime(path)  # now: inside the racy window
    record, common = _record(path)
    assert record.inputs[0].mtime_ns == 0 and record.inputs[1].mtime_ns != 0
    assert RACY_SECONDS >= 1 and is_current(record, common), "same content: still current"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Đường sắt", "Đường bộ", 1), encoding="utf-8")
    assert not is_current(record, common)


@pytest.mark.parametrize("damage", ["", "{", '{"version": 0}', '{"version": 1, "digest": "x"}'])
def test_a_missing_damaged_or_foreign_record_means_rebuild(tmp_path, damage):
    if damage:
        (tmp_path / RECORD).write_text(damage, encoding="utf-8")
    assert load_record(tmp_path) is None


def test_the_archive_reads_each_changed_issue_once_and_unchanged_ones_never(tmp_path, monkeypatch):
    path = _issue_with_photo(tmp_path)
    settings = load_settings(tmp_path / "sources.yaml")
    reads: list[str] = []
    real = archive.read_issue
    monkeypatch.setattr(archive, "read_issue", lambda p, *a: reads.append(Path(p).name) or real(p, *a))
    assert build_site(settings, tmp_path / "build").built == ("16/2026",) and reads == ["16.md"]
    edition, folder = tmp_path / "build" / "2026-16", tmp_path / "build" / "site" / "2026" / "16"
    assert load_record(edition) == load_record(folder) is not None
    assert sorted(p.name for p in edition.iterdir() if p.name.startswith(".")) == [RECORD]
    reads.clear()
    assert build_site(settings, tmp_path / "build").built == () and reads == []
    os.utime(path)
    assert build_site(settings, tmp_path / "build").built == () and reads == ["16.md"], "touched: read, not rebuilt"


def test_a_build_hashes_each_picture_once_and_a_rebuild_of_recorded_pictures_never(tmp_path, monkeypatch):
    """The image cache is keyed by the record's hash of each picture: a first build reads a picture's bytes
    once to hash it (not once for the record and again for the cache), and a forced rebuild none at all."""
    from bulletin.build import build_issue

    path = _issue_with_photo(tmp_path)
    settings = load_settings(path.parents[2] / "sources.yaml")
    hashed: list[str] = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: hashed.append(self.name) or real(self))
    first = build_issue(settings, read_issue(path, settings.publication), tmp_path / "build")
    assert hashed.count("tau.jpg") == 1 and any(first.folder.glob("img/*.jpg"))
    hashed.clear()
    build_issue(settings, read_issue(path, settings.publication), tmp_path / "build", force=True)
    assert hashed.count("tau.jpg") == 0
