"""The desk's edits of the issue file, without the web page: byte-exact, checked against the hash the
page was built from, written atomically, and a rejection the collector honours."""
from __future__ import annotations

import difflib
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from bulletin.collect import collect
from bulletin.collect.issuefile import open_issue
from bulletin.config import load_settings
from bulletin.curate import Action, apply, read_sheet
from bulletin.curate.actions import last_collect
from bulletin.curate.edits import move, set_tag
from bulletin.curate.sheet import digest, same_story
from bulletin.errors import BulletinError, FileChanged

from .collect_support import NOW, request, server, sources  # noqa: F401
from .helpers import FIXTURES, ROOT, read_tsv

CURATE = FIXTURES / "curate"
CASES = read_tsv(CURATE / "cases.tsv", 4)
ENCODINGS = {
    "lf": lambda data: data,
    "crlf": lambda data: data.replace(b"\n", b"\r\n"),
    "bom-crlf": lambda data: b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"),
}
"""How the fixture's bytes are stored: as written, with Windows line endings, with a byte-order mark too."""
SAMPLE = ROOT / "issues" / "2026" / "16.md"


@pytest.fixture(scope="module")
def publication():
    return load_settings(ROOT / "sources.yaml").publication


def place(project: Path, data: bytes, number: int = 17) -> Path:
    path = project / "issues" / "2026" / f"{number:02d}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize(("kind", "line", "tag", "expected"), CASES, ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in CASES])
def test_a_button_changes_exactly_what_it_must(project, publication, encoding, kind, line, tag, expected):
    encode = ENCODINGS[encoding]
    path = place(project, encode((CURATE / "items.md").read_bytes()))
    before = path.read_bytes()
    action = Action(kind, int(line), digest(before), tag)
    if expected.startswith("!"):
        with pytest.raises(BulletinError) as caught:
            apply(path, action, publication)
        assert expected[1:] in str(caught.value)
        assert path.read_bytes() == before
        return
    done = apply(path, action, publication)
    after = path.read_bytes()
    assert after == encode((CURATE / expected).read_bytes())
    assert done.digest == digest(after)
    if done.line:
        assert read_sheet(open_issue(path, 17, 2026)).row(done.line) is not None
    assert not list(path.parent.glob(".*.tmp"))


def _changed_lines(old: bytes, new: bytes) -> list[tuple[str, int, int, int, int]]:
    matcher = difflib.SequenceMatcher(None, old.splitlines(True), new.splitlines(True), autojunk=False)
    return [op for op in matcher.get_opcodes() if op[0] != "equal"]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_tag_button_on_the_sample_changes_one_line(publication, encoding):
    raw = ENCODINGS[encoding](SAMPLE.read_bytes())
    sheet = read_sheet(_issue(raw))
    assert len(sheet.rows) == 42
    for row in sheet.rows:
        for tag in ("", *publication.tags):
            if tag == row.tag:
                continue
            changes = _changed_lines(raw, set_tag(raw, row, tag))
            assert len(changes) == 1 and changes[0][0] == "replace", (row.line, tag, changes)
            _, i1, i2, j1, j2 = changes[0]
            assert (i2 - i1, j2 - j1) == (1, 1) and raw.count(b"\n") + 1 > i1 >= row.line


def _issue(raw: bytes):
    from dataclasses import replace
    return replace(open_issue(SAMPLE, 16, 2026), raw=raw)


def test_moving_an_item_moves_its_lines_and_nothing_else(publication):
    raw = SAMPLE.read_bytes()
    sheet = read_sheet(_issue(raw))
    first, second = (r for r in sheet.rows if r.title.startswith(("“Ngọn đuốc", "Bộ Khoa học và Công nghệ đề xuất")))
    moved = move(raw, second, first, after=False)
    block = raw[second.start:second.end]
    assert moved == raw[:first.start] + block + raw[first.start:second.start] + raw[second.end:]
    assert moved.replace(block, b"", 1) == raw.replace(block, b"", 1)


def test_a_concurrent_edit_is_never_overwritten(project, publication):
    path = place(project, (CURATE / "items.md").read_bytes())
    page = digest(path.read_bytes())
    edited = path.read_bytes().replace("Tóm tắt của ứng viên.".encode(), "Tóm tắt viết lại.".encode())
    path.write_bytes(edited)
    for action in (Action("tag", 35, page, "local"), Action("reject", 35, page), Action("down", 10, page)):
        with pytest.raises(FileChanged) as caught:
            apply(path, action, publication)
        assert str(caught.value).startswith("issues/2026/17.md đã được sửa ở nơi khác")
        assert path.read_bytes() == edited


def test_same_story_pairs_share_a_link_or_most_of_a_title():
    data = (CURATE / "items.md").read_bytes() + (
        "\n\n## Ứng viên có ghi chú của bộ thu thập tin\n- tag:\n- nguồn: [Báo E](https://e.example/x)\n\n"
        "## Một tin khác hẳn\n- tag:\n- nguồn: [Báo HP](https://hp.example/ung-vien?utm_source=fb)\n").encode()
    sheet = read_sheet(_issue(data))
    found = same_story(sheet.rows)
    assert found[35] == (64, 60)
    assert found[60] == (35,) and found[64] == (35,) and found[43] == () and 10 not in found


def test_a_rejected_candidate_never_comes_back(project, server, publication):
    feeds = sources(server, ["VnExpress", "Báo Hải Phòng"])
    result = collect(request(project, feeds))
    path = project / "issues" / "2026" / "17.md"
    sheet = read_sheet(open_issue(path, 17, 2026))
    candidates = [r for r in sheet.rows if not r.tag]
    assert result.added == len(candidates) >= 3
    last = last_collect(path)
    assert last is not None and last.added == len(candidates)
    assert last.candidates == {r.candidate for r in candidates}
    gone = candidates[1]
    apply(path, Action("reject", gone.line, sheet.digest), publication)
    assert gone.title not in path.read_text(encoding="utf-8")
    again = collect(request(project, feeds, now=NOW + timedelta(hours=1)))
    assert again.added == 0 and gone.title not in path.read_text(encoding="utf-8")
    assert last_collect(path).added == 0 and not last_collect(path).candidates


def test_a_hand_written_candidate_rejected_before_any_collect_stays_out(project, server, publication):
    feeds = sources(server, ["VnExpress"])
    assert collect(request(project, feeds)).added
    path = project / "issues" / "2026" / "17.md"
    picked = next(r for r in read_sheet(open_issue(path, 17, 2026)).rows if not r.tag)
    shutil.rmtree(project / ".state")  # a lost state: nothing remembers what was written
    block = (f"## {picked.title}\n- tag:\n- ngày: 05/5\n- nguồn: [VnExpress]({picked.sources[0].url})\n\n"
             "Tóm tắt do biên tập viên chép tay.\n")
    place(project, (CURATE / "items.md").read_bytes() + b"\n\n" + block.encode())
    row = read_sheet(open_issue(path, 17, 2026)).rows[-1]
    assert row.candidate == "" and row.title == picked.title
    apply(path, Action("reject", row.line, digest(path.read_bytes())), publication)
    assert picked.title not in path.read_text(encoding="utf-8")
    collect(request(project, feeds))
    assert picked.title not in path.read_text(encoding="utf-8")


def test_a_state_from_before_runs_were_kept_still_opens(tmp_path):
    import sqlite3

    from bulletin.collect.store import Store
    db = tmp_path / "collect.sqlite3"
    with sqlite3.connect(db) as old:
        old.execute("CREATE TABLE seen (issue TEXT, candidate TEXT, member TEXT, title TEXT, link TEXT, "
                    "PRIMARY KEY (issue, member))")
        old.execute("INSERT INTO seen VALUES ('2026-17', 'abc', 'abc', 'Tin cũ', 'https://a.example/x')")
    with Store(db) as store:
        assert store.seen("2026-17")[0].title == "Tin cũ" and store.last_run("2026-17") is None
        store.record_run("2026-17", "2026-05-11T09:00:00+07:00", 0)
        assert store.last_run("2026-17") == ("2026-05-11T09:00:00+07:00", 0, frozenset())


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_rejection_taken_back_restores_every_byte_and_the_collector_may_add_it_again(project, publication, encoding):
    from bulletin.collect.store import Store
    from bulletin.curate.actions import restore
    original = ENCODINGS[encoding]((CURATE / "items.md").read_bytes())
    path = place(project, original)
    done = apply(path, Action("reject", 35, digest(original)), publication)
    with Store(project / ".state" / "collect.sqlite3") as store:
        assert {r.link for r in store.rejected()} == {"https://hp.example/ung-vien"}
    back = restore(path, done.removed)
    assert path.read_bytes() == original and back.digest == digest(original) and back.line == 35
    with Store(project / ".state" / "collect.sqlite3") as store:
        assert store.rejected() == []


def test_a_rejection_is_not_taken_back_over_a_later_edit(project, publication):
    from bulletin.curate.actions import restore
    path = place(project, (CURATE / "items.md").read_bytes())
    done = apply(path, Action("reject", 35, digest(path.read_bytes())), publication)
    edited = path.read_bytes() + "\nMột dòng thêm sau khi loại tin.\n".encode()
    path.write_bytes(edited)
    with pytest.raises(FileChanged):
        restore(path, done.removed)
    assert path.read_bytes() == edited


def describe(view) -> str:
    """The desk's content as readable text (compared with a fixture file)."""
    lines = [f"candidates: {len(view.candidates)}"]
    for c in view.candidates:
        related = "; ".join(f"{r.line} {r.title} ({r.where})" for r in c.related) or "-"
        lines.append(f"  {c.row.line} | {c.row.title} | {c.row.day_text or '-'} | gợi ý {c.row.hint or '-'} | "
                     f"{'mới' if c.new else 'cũ'} | {c.link or '-'} | cùng tin: {related}")
    for part in view.parts:
        lines.append(f"{part.spec.tag}: {len(part.items)}")
        lines += [f"  {p.row.line} | {p.row.title} | {p.row.day_text} | lên: {p.up or 'được'} | xuống: {p.down or 'được'}"
                  for p in part.items]
    lines.append(f"strays: {', '.join(f'{r.line} {r.tag}' for r in view.strays) or '-'}")
    return "\n".join(lines) + "\n"


def test_the_desk_shows_candidates_and_parts_as_the_fixture_says(publication):
    from bulletin.collect.store import LastRun
    from bulletin.curate.view import desk_view
    data = (CURATE / "items.md").read_bytes() + (
        "\n\n## Ứng viên có ghi chú của bộ thu thập tin\n- tag: quoc-te\n- nguồn: [Báo E](javascript:alert(1))\n").encode()
    last = LastRun("2026-05-11T09:00:00+07:00", 1, frozenset({"0123456789ab"}))
    view = desk_view(read_sheet(_issue(data)), publication, last)
    assert describe(view) == (CURATE / "items.view.txt").read_text(encoding="utf-8")
    assert view.last_run == "Lần thu thập gần nhất: 11/5/2026 lúc 09:00, thêm 1 tin."
