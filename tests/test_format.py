"""Every error case of the issue format and of the settings, with its exact file:line message.

Inputs and expected messages are readable fixture files: tests/fixtures/bad_issues/<case>.md with
<case>.expected, tests/fixtures/warn_issues/<case>.md with the warnings it must give (the issue is
still built), and tests/fixtures/bad_config/<case>.yaml with <case>.expected.
"""
from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bulletin.config import load_settings
from bulletin.errors import ConfigError, IssueFormatError
from bulletin.reader import read_issue

from .helpers import FIXTURES

BAD_ISSUES = sorted((FIXTURES / "bad_issues").glob("*.md"))
WARN_ISSUES = sorted((FIXTURES / "warn_issues").glob("*.md"))
BAD_CONFIGS = sorted((FIXTURES / "bad_config").glob("*.yaml"))


@pytest.mark.parametrize("case", BAD_ISSUES, ids=lambda p: p.stem)
def test_bad_issue_reports_every_problem_with_file_and_line(case: Path, settings):
    with pytest.raises(IssueFormatError) as raised:
        read_issue(case, settings.publication)
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").strip()
    assert str(raised.value) == expected


@pytest.mark.expect_log_warnings
@pytest.mark.parametrize("case", WARN_ISSUES, ids=lambda p: p.stem)
def test_issue_with_a_warning_is_read_and_the_editor_is_told_where(case: Path, settings, monkeypatch, caplog):
    monkeypatch.chdir(case.parent)
    issue = read_issue(Path(case.name), settings.publication)
    assert issue.items and not issue.draft
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert warnings == case.with_suffix(".expected").read_text(encoding="utf-8").strip().splitlines()


@pytest.mark.parametrize("case", BAD_CONFIGS, ids=lambda p: p.stem)
def test_bad_config_reports_every_problem_at_once(case: Path, monkeypatch):
    monkeypatch.chdir(case.parent)
    with pytest.raises(ConfigError) as raised:
        load_settings(Path(case.name))
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").strip()
    assert str(raised.value) == expected


def test_missing_config_file_is_named(tmp_path):
    with pytest.raises(ConfigError, match="không tìm thấy tệp cấu hình"):
        load_settings(tmp_path / "sources.yaml")


def test_the_fixture_base_issue_is_valid(settings):
    """The bad cases are one edit away from this file, so it must itself be accepted."""
    issue = read_issue(FIXTURES / "issues" / "basic.md", settings.publication)
    assert [p.tag for p in issue.parts] == ["trend", "national", "spotlight", "local"]
    assert [len(p.items) for p in issue.parts] == [1, 2, 1, 2]
    assert issue.candidates == 1


def test_items_are_ordered_by_date_then_file_order(settings):
    issue = read_issue(FIXTURES / "issues" / "basic.md", settings.publication)
    national = issue.parts[1].items
    assert [i.day.isoformat() for i in national] == ["2026-04-27", "2026-04-30"]
    local = issue.parts[3].items
    assert [i.day.day for i in local] == [30, 2]


def test_several_sources_and_trend_sections_are_read(settings):
    issue = read_issue(FIXTURES / "issues" / "basic.md", settings.publication)
    soc = issue.parts[3].items[1]
    assert [s.name for s in soc.sources] == ["Cổng thông tin Hải Phòng", "Báo Hải Phòng"]
    trend = issue.parts[0].items[0]
    assert [s.title for s in trend.sections] == ["1. Xu hướng chung của cả nước", "2. Điểm sáng tại thành phố Hải Phòng"]
    assert trend.day is None and not trend.sources


def test_file_name_must_match_number_and_year(tmp_path, settings):
    text = (FIXTURES / "issues" / "basic.md").read_text(encoding="utf-8")
    path = tmp_path / "2025" / "17.md"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    with pytest.raises(IssueFormatError) as raised:
        read_issue(path, settings.publication)
    messages = [p.message for p in raised.value.problems]
    assert any("17.md" in m and "số 16" in m for m in messages)
    assert any("2025/" in m for m in messages)


def test_tag_without_a_configured_part_is_an_error(tmp_path, settings):
    config = (Path(settings.path)).read_text(encoding="utf-8")
    config = config.replace("  - tag: spotlight\n    title: Tâm điểm\n", "")
    (tmp_path / "sources.yaml").write_text(config, encoding="utf-8")
    custom = load_settings(tmp_path / "sources.yaml")
    with pytest.raises(IssueFormatError, match=r'^basic.md:\d+: tag "spotlight" không hợp lệ; chỉ được dùng: trend, national, local '):
        read_issue(FIXTURES / "issues" / "basic.md", custom.publication)


@pytest.mark.expect_log_warnings
def test_control_characters_are_dropped_with_a_warning(tmp_path, settings, caplog):
    text = (FIXTURES / "issues" / "basic.md").read_text(encoding="utf-8")
    text = text.replace("Ngành đường sắt thử nghiệm", "Ngành đường\x08 sắt thử nghiệm")
    path = tmp_path / "16.md"
    path.write_text(text, encoding="utf-8")
    issue = read_issue(path, settings.publication)
    rail = next(i for i in issue.items if i.title.startswith("Đường sắt"))
    assert rail.lead.startswith("Ngành đường sắt thử nghiệm")
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any(":30: đã bỏ ký tự điều khiển" in w and "U+0008" in w for w in warnings)
    assert "\x08" in path.read_text(encoding="utf-8"), "the editor's file is never rewritten"


def test_alias_bomb_fails_before_anything_is_expanded(settings, monkeypatch):
    """Nine levels of nine aliases would be 387 million strings: refused from the event stream."""
    monkeypatch.chdir(FIXTURES / "bad_issues")
    with pytest.raises(IssueFormatError) as raised:
        read_issue(Path("front_matter_alias_bomb.md"), settings.publication)
    assert [p.line for p in raised.value.problems] == [6]


def test_a_list_nested_ten_deep_keeps_every_item(tmp_path, settings):
    """markdown-it's default limit dropped the rest of the file after a 10-level list."""
    text = (FIXTURES / "issues" / "basic.md").read_text(encoding="utf-8")
    nested = "".join("  " * i + f"- cấp {i + 1}\n" for i in range(10))
    lead = "Ngành đường sắt thử nghiệm phần mềm định giá vé dựa trên dữ liệu đặt chỗ.\n"
    path = tmp_path / "16.md"
    path.write_text(text.replace(lead, lead + "\n" + nested, 1), encoding="utf-8")
    issue = read_issue(path, settings.publication)
    assert [len(p.items) for p in issue.parts] == [1, 2, 1, 2] and issue.candidates == 1
    rail = next(i for i in issue.items if i.title.startswith("Đường sắt"))
    assert "cấp 10" in rail.body and rail.body.endswith("so với trước.")


DRAFTS = [
    ("chủ đề: Xã hội số trong kỷ nguyên vươn mình của dân tộc", "chủ đề: Chưa đặt chủ đề",
     ['chủ đề vẫn là "Chưa đặt chủ đề"']),
    ("chủ đề: Xã hội số trong kỷ nguyên vươn mình của dân tộc",
     "chủ đề: Xã hội số trong kỷ nguyên vươn mình của dân tộc\nnháp: có", ['phần đầu ghi "nháp: có"']),
    ("số: 16", "số: 16", []),
]


@pytest.mark.parametrize(("old", "new", "reasons"), DRAFTS, ids=["placeholder-theme", "draft-flag", "not-a-draft"])
def test_drafts_are_recognised(tmp_path, settings, old, new, reasons):
    text = (FIXTURES / "issues" / "basic.md").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "16.md"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert list(read_issue(path, settings.publication).draft) == reasons


def test_an_issue_without_a_published_item_is_a_draft(tmp_path, settings):
    text = (FIXTURES / "issues" / "basic.md").read_text(encoding="utf-8")
    path = tmp_path / "16.md"
    path.write_text(text.split("# Tin đã chọn")[0] + "# Tin ứng viên\n", encoding="utf-8")
    assert read_issue(path, settings.publication).draft == ("chưa có tin nào được gắn tag",)
