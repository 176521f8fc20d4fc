"""``make trend``: themes recovered, sentences from the week, the file kept safe, figures exact."""
from __future__ import annotations

import re

import pytest

from bulletin.cli import main
from bulletin.config import load_settings
from bulletin.markdown import plain
from bulletin.reader import read_issue
from bulletin.sentences import split_sentences
from bulletin.trend.place import Action
from bulletin.trend.run import TrendRequest, make_trend

from .trend_support import archive_project, rows, week_project, week_rows

DATED = re.compile(r" \((\d{2}/\d{1,2})\)(?=[.…]*$)")


def _run(root, number, write=True):
    return make_trend(TrendRequest(load_settings(root / "sources.yaml"), number, None, write=write))


def test_clustering_recovers_the_subjects_the_week_was_written_around(tmp_path):
    week_project(tmp_path)
    result = _run(tmp_path, 19, write=False)
    expected = {}
    for row in week_rows():
        expected.setdefault(row["part"], {}).setdefault(row["subject"], set()).add(row["title"])
    found = {part.title: [{line.item.title for line in t.lines} for t in part.themes] for part in result.parts}
    assert sorted(map(sorted, found["Tin trong nước"])) == sorted(map(sorted, expected["national"].values()))
    assert sorted(map(sorted, found["Tin Hải Phòng"])) == sorted(map(sorted, expected["local"].values()))


def _theme_sentences(draft: str) -> list[str]:
    paragraphs = [p for p in draft.split("\n\n") if p.startswith("**")]
    assert paragraphs, draft
    sentences = []
    for paragraph in paragraphs:
        text = plain(paragraph.split(":**", 1)[1])
        sentences += split_sentences(text)
    return sentences


def test_every_sentence_of_the_draft_comes_from_an_item_of_the_week(tmp_path):
    path = week_project(tmp_path)
    result = _run(tmp_path, 19)
    issue = read_issue(path, load_settings(tmp_path / "sources.yaml").publication)
    leads = {(s, item.day) for item in issue.items for s in split_sentences(plain(item.lead))}
    sentences = _theme_sentences(result.text)
    assert len(sentences) == len(week_rows())
    for sentence in sentences:
        day = DATED.search(sentence)
        assert day, sentence
        original = DATED.sub("", sentence)
        assert any(original == lead and day.group(1) == f"{d.day:02d}/{d.month}" for lead, d in leads), sentence


def test_the_draft_is_an_untagged_candidate_that_passes_check(tmp_path, monkeypatch, capsys):
    path = week_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    before = path.read_bytes()
    assert main(["trend", "19"]) == 0
    after = path.read_bytes()
    assert after.startswith(before[: before.index(b"# Tin \xe1\xbb\xa9ng vi\xc3\xaan")])
    assert "Tổng kết xu hướng khoa học, công nghệ tuần từ 04/5 đến 10/5/2026" in after.decode()
    assert "Đã thêm bản nháp" in capsys.readouterr().err
    assert main(["check", "19"]) == 0
    assert "1 tin ứng viên" in capsys.readouterr().err


@pytest.mark.expect_log_warnings
def test_tagged_trend_the_draft_renders_in_all_three_editions(tmp_path, monkeypatch, caplog):
    from pypdf import PdfReader
    from docx import Document

    path = week_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = _run(tmp_path, 19)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(result.text, "").replace("# Tin đã chọn\n\n", "# Tin đã chọn\n\n"
                                                          + result.text.replace("- tag:", "- tag: trend", 1) + "\n"),
                    encoding="utf-8")
    assert main(["issue", "19", "--output", str(tmp_path / "build")]) == 0
    assert any("bản nháp tự động" in r.getMessage() for r in caplog.records if r.levelname == "WARNING")
    lead = result.parts[0].themes[0].lead
    folder = tmp_path / "build" / "2026-19"
    html = (folder / "diem-tin-2026-19.html").read_text(encoding="utf-8")
    assert f"<strong>{lead}:</strong>" in html and "Xu hướng chung của cả nước" in html
    pdf = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(folder / "diem-tin-2026-19.pdf").pages)
    assert f"{lead}:" in pdf and "Điểm sáng tại Hải Phòng" in pdf
    docx = "\n".join(p.text for p in Document(folder / "diem-tin-2026-19.docx").paragraphs)
    assert f"{lead}:" in docx and "Xu hướng chung của cả nước" in docx


def test_a_second_run_replaces_an_untouched_draft_and_keeps_an_edited_one(tmp_path):
    path = week_project(tmp_path)
    assert _run(tmp_path, 19).placement.action is Action.INSERTED
    assert _run(tmp_path, 19).placement.action is Action.UNCHANGED
    # A new item makes the untouched draft stale: it is replaced, and only the draft changes.
    text = path.read_text(encoding="utf-8")
    added = text.replace("# Tin ứng viên\n", "## Thêm một tin bán dẫn\n- tag: national\n- ngày: 10/5\n"
                         "- nguồn: [Báo Mẫu](https://example.vn/them.html)\n\nChip bán dẫn mới được công bố.\n\n"
                         "# Tin ứng viên\n", 1)
    path.write_text(added, encoding="utf-8")
    second = _run(tmp_path, 19)
    assert second.placement.action is Action.REPLACED
    assert path.read_text(encoding="utf-8").count("bulletin: xu-huong=") == 1
    assert "Chip bán dẫn mới được công bố (10/5)." in path.read_text(encoding="utf-8")
    # The editor edits one word: the draft is never touched again.
    edited = path.read_bytes().replace("Đoạn kết do biên tập viên viết".encode(), "Tuần qua".encode())
    path.write_bytes(edited.replace(b"\n", b"\r\n"))
    kept = path.read_bytes()
    assert _run(tmp_path, 19).placement.action is Action.KEPT_EDITED
    assert path.read_bytes() == kept


def test_an_existing_trend_item_is_never_touched(project, capsys):
    path = project / "issues" / "2026" / "16.md"
    before = path.read_bytes()
    assert main(["trend", "16"]) == 0
    assert path.read_bytes() == before
    assert "đã có phần tổng kết xu hướng (tag trend)" in capsys.readouterr().err


def test_dry_run_prints_the_draft_and_writes_nothing(tmp_path, monkeypatch, capsys):
    path = week_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    before = path.read_bytes()
    assert main(["trend", "19", "--dry-run"]) == 0
    assert path.read_bytes() == before
    out = capsys.readouterr().out
    assert "### 1. Xu hướng chung của cả nước" in out and "bản nháp tự động" in out


@pytest.fixture(scope="module")
def archive_result(tmp_path_factory):
    return _run(archive_project(tmp_path_factory.mktemp("archive")), 12, write=False)


@pytest.mark.parametrize("kind, figure", rows("archive_expected.tsv"))
def test_rising_and_fading_figures_equal_the_hand_computed_ones(archive_result, kind, figure):
    from bulletin.trend.subjects import figure as shown

    result = archive_result
    named = [shown(c) for c in (result.rising if kind == "rising" else result.fading)]
    expected = [f for k, f in rows("archive_expected.tsv") if k == kind]
    assert named == expected
    assert figure in result.text
    assert result.compared == ("08/2026", "09/2026", "10/2026", "11/2026")


def test_the_terminal_table_shows_the_figures(tmp_path, monkeypatch, capsys):
    root = archive_project(tmp_path)
    monkeypatch.chdir(root)
    assert main(["trend", "12", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"chuyển đổi số\s*│\s*12\s*│\s*5\s*│\s*\+7,0", out), out


def test_the_readme_shows_the_samples_themes_as_they_are(settings):
    from .helpers import ROOT

    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    result = make_trend(TrendRequest(settings, 16, 2026, write=False))
    for part in result.parts:
        line = f"{part.heading} ({part.count} tin): " + "; ".join(f"{t.lead} ({len(t.lines)} tin)" for t in part.themes)
        assert line in readme, line
