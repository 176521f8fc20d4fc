"""Whole runs on a scratch project: the file a run writes, re-runs, and the editor's file being sacred."""
from __future__ import annotations

import dataclasses
import logging
import re
import sqlite3
from contextlib import closing
from datetime import date, timedelta

import pytest

from bulletin.collect import collect
from bulletin.collect.issuefile import open_issue
from bulletin.collect.model import Status
from bulletin.collect.report import table
from bulletin.collect.store import Store
from bulletin.config import load_settings
from bulletin.errors import BulletinError
from bulletin.project import Project
from bulletin.reader import read_issue
from rich.console import Console

from .collect_support import NOW, hanging, request, server, sources  # noqa: F401
from .feedserver import FEEDS, Route

ISSUE = ("issues", "2026", "17.md")


def _issue(project):
    return project.joinpath(*ISSUE)


def _read(project):
    return read_issue(_issue(project), load_settings(project / "sources.yaml").publication)


def test_first_run_writes_exactly_the_expected_file(project, server):
    result = collect(request(project, sources(server)))
    assert result.created and result.added == 15
    expected = (FEEDS / "expected-17.md").read_text(encoding="utf-8").replace("{server}", server.url(""))
    assert _issue(project).read_text(encoding="utf-8") == expected
    issue = _read(project)
    assert issue.candidates == 15 and not issue.items  # nothing published by itself
    assert (issue.week_start, issue.week_end) == (date(2026, 5, 4), date(2026, 5, 10))


def test_running_again_adds_nothing_and_changes_no_byte(project, server):
    collect(request(project, sources(server)))
    before = _issue(project).read_bytes()
    stamp = _issue(project).stat().st_mtime_ns
    again = collect(request(project, sources(server)))
    assert again.added == 0 and not again.created
    assert {row.status for row in again.sources} == {Status.NOT_MODIFIED}
    assert _issue(project).read_bytes() == before and _issue(project).stat().st_mtime_ns == stamp


def _block(text: str, title: str) -> str:
    """The candidate block whose heading is ``## title`` (up to the next heading)."""
    m = re.search(rf"^## {re.escape(title)}\n.*?(?=^#|\Z)", text, re.M | re.S)
    assert m, title
    return m.group(0)


def test_editor_edits_are_byte_identical_and_deleted_items_stay_gone(project, server):
    collect(request(project, sources(server)))
    path = _issue(project)
    text = path.read_text(encoding="utf-8")
    tagged = _block(text, "Hòa Lạc khởi công trung tâm dữ liệu quốc gia thứ hai")
    rewritten = _block(text, "Mạng 5G phủ sóng toàn bộ các khu công nghiệp phía Bắc")
    deleted = _block(text, "Hải Phòng thử nghiệm xe buýt điện tự lái trên tuyến ven biển")
    moved = _block(text, "Trao giải cuộc thi sáng tạo thanh thiếu niên nhi đồng thành phố")
    new_tagged = re.sub(r"<!--.*?-->\n", "", tagged).replace("- tag:", "- tag: national")
    new_rewritten = ("## Phủ sóng 5G cho 40 khu công nghiệp\n" + rewritten.split("\n", 1)[1]
                     .replace("Các nhà mạng hoàn thành", "Biên tập viên viết lại: các nhà mạng đã hoàn thành"))
    new_moved = moved.replace("- tag:", "- tag: local")
    text = (text.replace(tagged, new_tagged).replace(rewritten, new_rewritten).replace(deleted, "")
            .replace(moved, "").replace("# Tin ứng viên\n", new_moved + "# Tin ứng viên\n"))
    path.write_text(text, encoding="utf-8")
    edited = path.read_bytes()

    server.routes["/feeds/vnexpress.rss"] = Route(file="vnexpress-more.rss")
    result = collect(request(project, sources(server), now=NOW + timedelta(hours=2)))
    after = path.read_bytes()
    assert result.added == 2
    assert after.startswith(edited)  # every edited byte unchanged: only appended after them
    added = after[len(edited):].decode("utf-8")
    assert added.count("\n## ") + added.startswith("## ") == 2
    assert "## Kỹ sư Việt thiết kế thành công chip xử lý tín hiệu cho trạm 5G" in added
    assert "## Thủy Nguyên thí điểm chuyển đổi số cho hợp tác xã rau sạch" in added
    assert "xe-buyt" not in after.decode("utf-8")
    issue = _read(project)
    assert [i.title for i in issue.items] == ["Hòa Lạc khởi công trung tâm dữ liệu quốc gia thứ hai",
                                              "Trao giải cuộc thi sáng tạo thanh thiếu niên nhi đồng thành phố"]

    path.write_bytes(after.replace(_block(after.decode(), "Hòa Lạc khởi công trung tâm dữ liệu quốc gia thứ hai")
                                   .encode(), b""))
    final = path.read_bytes()
    assert collect(request(project, sources(server), now=NOW + timedelta(hours=3))).added == 0
    assert path.read_bytes() == final  # a tagged item deleted later does not come back either


def test_a_file_changed_during_the_run_is_refused_and_nothing_is_lost(project, server):
    collect(request(project, sources(server, ["VnExpress"])))
    path = _issue(project)
    editor = path.read_text(encoding="utf-8") + "\n## Tin biên tập viên đang viết\n- tag:\n\nĐang soạn dở.\n"

    def save_while_fetching(_fetched) -> None:
        path.write_text(editor, encoding="utf-8")

    with pytest.raises(BulletinError, match=r"đã được sửa trong lúc thu thập tin.*chạy lại"):
        collect(request(project, sources(server, ["VnExpress", "Tia Sáng"])), save_while_fetching)
    assert path.read_text(encoding="utf-8") == editor
    assert not list(path.parent.glob(".*.tmp"))
    assert collect(request(project, sources(server, ["VnExpress", "Tia Sáng"]))).added == 2  # not marked seen


def test_a_file_created_by_someone_else_during_the_run_is_never_clobbered(project, server):
    path = _issue(project)
    mine = "---\nsố: 17\nnăm: 2026\ntuần: 04/5/2026 - 10/5/2026\nchủ đề: Của biên tập viên\n---\n"

    def create_while_fetching(_fetched) -> None:
        path.write_text(mine, encoding="utf-8")

    with pytest.raises(BulletinError, match="đã được tạo trong lúc thu thập tin"):
        collect(request(project, sources(server, ["VnExpress"])), create_while_fetching)
    assert path.read_text(encoding="utf-8") == mine


def test_candidates_go_at_the_end_of_the_candidate_area_keeping_crlf_and_bom(project, server):
    path = _issue(project)
    path.parent.mkdir(parents=True, exist_ok=True)
    head = ("\ufeff---\r\nsố: 17\r\nnăm: 2026\r\ntuần: 04/5/2026 - 10/5/2026\r\nchủ đề: Bán dẫn\r\n---\r\n\r\n"
            "# Tin ứng viên\r\n\r\n## Tin có sẵn\r\n- tag:\r\n\r\nĐoạn có sẵn.")
    tail = "\r\n# Ghi chú của ban biên tập\r\n\r\n## Việc cần làm\r\n- tag:\r\n\r\nKhông in phần này.\r\n"
    path.write_bytes((head + tail).encode("utf-8"))
    assert collect(request(project, sources(server, ["Tia Sáng"]))).added == 2
    after = path.read_bytes()
    assert after.startswith(head.encode()) and after.endswith(tail.encode())
    middle = after[len(head.encode()):-len(tail.encode())]
    assert middle.startswith(b"\r\n\r\n## ") and b"\n" not in middle.replace(b"\r\n", b"")
    assert _read(project).candidates == 4


def test_a_file_without_a_candidate_heading_gets_one(project, server):
    path = _issue(project)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\nsố: 17\nnăm: 2026\ntuần: 04/5/2026 - 10/5/2026\nchủ đề: Bán dẫn\n---\n\n## Tin đã có\n- tag:",
                    encoding="utf-8")
    collect(request(project, sources(server, ["Tia Sáng"])))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\nsố: 17\nnăm: 2026\ntuần: 04/5/2026 - 10/5/2026\nchủ đề: Bán dẫn\n---\n\n## Tin đã có\n- tag:\n\n# Tin ứng viên\n\n## ")


@pytest.mark.parametrize("number,year,path,week", [
    (17, None, "issues/2026/17.md", (date(2026, 5, 4), date(2026, 5, 10))),
    (19, None, "issues/2026/19.md", (date(2026, 5, 18), date(2026, 5, 24))),
    (1, None, "issues/2027/01.md", (date(2026, 5, 4), date(2026, 5, 10))),
    (16, None, "issues/2026/16.md", (date(2026, 4, 27), date(2026, 5, 3))),
    (17, 2026, "issues/2026/17.md", (date(2026, 5, 4), date(2026, 5, 10))),
])
def test_where_the_issue_goes_and_its_week(project, number, year, path, week):
    found = Project(project).issue_path(number, year)
    assert found == project / path
    assert open_issue(found, number, int(found.parent.name)).week == week


def test_undated_items_are_counted_not_guessed_and_future_items_are_flagged(project, server):
    server.routes["/feeds/undated.rss"] = Route(file="undated.rss")
    feeds = (dataclasses.replace(sources(server, ["VnExpress"])[0], name="Cổng mẫu", url=server.url("/feeds/undated.rss")),)
    result = collect(request(project, feeds, now=NOW - timedelta(days=3)))
    text = _issue(project).read_text(encoding="utf-8")
    assert "Công bố danh mục công nghệ chiến lược" not in text  # no date: placed in no week
    assert result.sources[0].tally.undated == 1
    future = _block(text, "Hội thảo khoa học về vật liệu mới sẽ diễn ra cuối tuần")
    assert "lưu ý: ngày đăng ở tương lai" in future and "- ngày: 10/5" in future


@pytest.mark.expect_log_warnings
def test_a_source_failing_several_weeks_running_is_highlighted(project, server, caplog):
    feeds = sources(server, ["VnExpress", "Nguồn đã gỡ"])
    with Store(project / ".state" / "collect.sqlite3") as store:
        for weeks in (1, 2):
            store.record_outcome(feeds[1].url, NOW.date() - timedelta(weeks=weeks), ok=False)
        store.record_outcome(feeds[0].url, NOW.date() - timedelta(weeks=1), ok=False)
    result = collect(request(project, feeds))
    rows = {r.name: r for r in result.sources}
    assert rows["Nguồn đã gỡ"].failing_weeks == 3 and rows["VnExpress"].failing_weeks == 0
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "Nguồn đã gỡ" in warnings[0] and "3 tuần liền" in warnings[0]
    out = Console(width=200, record=True)
    out.print(table(result))
    assert "Nguồn đã gỡ (lỗi 3 tuần liền)" in out.export_text()


def test_when_every_source_fails_no_file_is_written(project, server, hanging):
    result = collect(request(project, sources(server, ["Nguồn đã gỡ", "Báo Mẫu"], hanging=hanging)))
    assert not result.succeeded and not _issue(project).exists()
    assert {r.name: r.status for r in result.sources} == {"Nguồn đã gỡ": "http", "Báo Mẫu": "challenge",
                                                          "Nguồn treo": "timeout"}


def test_the_304_body_still_yields_the_week_for_a_new_file(project, server):
    collect(request(project, sources(server, ["Tia Sáng"])))
    first = _issue(project).read_text(encoding="utf-8")
    _issue(project).unlink()  # the editor starts the issue over
    result = collect(request(project, sources(server, ["Tia Sáng"])))
    assert result.sources[0].status == Status.NOT_MODIFIED and result.added == 2 and result.created
    assert result.sources[0].tally.seen == 3
    assert _issue(project).read_text(encoding="utf-8") == first, "the remembered body gives the same candidates"


def test_a_304_reuses_the_entries_remembered_with_the_body(project, server):
    first = collect(request(project, sources(server, ["VnExpress", "Tia Sáng"])))
    with closing(sqlite3.connect(project / ".state" / "collect.sqlite3")) as db:  # the cached bodies go bad
        db.execute("UPDATE feeds SET body = ?", (b"not a feed any more",))
        db.commit()
    _issue(project).unlink()
    again = collect(request(project, sources(server, ["VnExpress", "Tia Sáng"])))
    assert [r.status for r in again.sources] == [Status.NOT_MODIFIED, Status.NOT_MODIFIED]
    assert [r.tally.seen for r in again.sources] == [r.tally.seen for r in first.sources]
    assert again.added == first.added


def test_an_older_year_with_the_same_number_is_not_the_target(project):
    older = project / "issues" / "2025" / "17.md"
    older.parent.mkdir(parents=True)
    older.write_text("---\nsố: 17\nnăm: 2025\ntuần: 05/5/2025 - 11/5/2025\nchủ đề: Năm trước\n---\n", encoding="utf-8")
    assert Project(project).issue_path(17, None) == project / "issues" / "2026" / "17.md"
    assert Project(project).issue_path(17, 2025) == older
    assert Project(project).issue_path(16, None) == project / "issues" / "2026" / "16.md"
