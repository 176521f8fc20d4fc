"""Apply one desk button to the issue file: only to the file the page was built from, atomically,
under the collector's lock for that issue, and checked before anything is written.

A rejected item is recorded in the collector's state (the same ``rejected`` table an editor's
deletion ends in), so ``make collect`` never adds it again.
"""
from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from filelock import Timeout

from ..collect.append import write_atomically
from ..collect.issuefile import open_issue
from ..collect.session import issue_key, issue_lock, state_db, state_folder
from ..collect.store import LastRun, RejectedItem, Store
from ..errors import BulletinError, FileChanged
from ..model import Publication
from ..project import Project, shown
from ..reader import print_order
from ..text import TZ
from .edits import insert_at, move, remove, set_tag
from .sheet import Row, Sheet, digest, read_sheet

log = logging.getLogger(__name__)

KINDS = ("tag", "reject", "up", "down")
"""The buttons: set the tag, reject the candidate, move a published item up or down in its part."""
CHANGED = ("{path} {what} ở nơi khác (trình soạn thảo?) sau khi trang này được tạo; để không mất nội dung đó, "
           "thao tác chưa được thực hiện. Trang sẽ tải lại với nội dung mới nhất; hãy bấm lại nếu vẫn muốn.")
"""The refusal when the file is no longer the one the page shows."""


@dataclass(frozen=True, slots=True)
class Action:
    """One button press."""

    kind: str
    """One of :data:`KINDS`."""
    line: int
    """1-based heading line of the item, as the page showed it."""
    digest: str
    """The hash of the file the page was built from."""
    tag: str = ""
    """For ``tag``: the new tag ('' clears it)."""


@dataclass(frozen=True, slots=True)
class Done:
    """What a button did."""

    message: str
    """A Vietnamese sentence for the editor."""
    digest: str
    """The hash of the file as written."""
    line: int
    """The item's heading line now (0 when it is gone)."""
    removed: Removed | None = None
    """For a rejection: what :func:`restore` needs to undo it."""


@dataclass(frozen=True, slots=True)
class Removed:
    """A rejected item's bytes and place, kept so that the editor can take the rejection back."""

    offset: int
    """Where its bytes were."""
    data: bytes
    """Its bytes."""
    digest: str
    """The file's hash right after the rejection: the undo applies only to that file."""
    at: str
    """When the rejection was recorded."""
    title: str
    """The item's title."""
    line: int
    """Its heading line."""


def apply(path: Path, action: Action, publication: Publication, state: Path | None = None,
          now: datetime | None = None) -> Done:
    """Apply ``action`` to the issue file at ``path``. Raises :class:`FileChanged` when the file is not
    the one the page was built from, :class:`BulletinError` when the action cannot apply."""
    project = Project.around(path)
    state = state or state_folder(project)
    key = issue_key(path)
    try:
        with issue_lock(state, key, timeout=3):
            sheet = read_sheet(open_issue(path, int(path.stem), int(path.parent.name)))
            if sheet.digest != action.digest:
                raise FileChanged(CHANGED.format(path=shown(path), what="đã được sửa"))
            row = sheet.row(action.line)
            if row is None:
                raise BulletinError(f"{shown(path)}:{action.line}: không có tin nào bắt đầu ở dòng này")
            if action.kind == "reject":
                return _reject(sheet, row, state, key, now or datetime.now(TZ))
            return _edit(sheet, row, action, publication)
    except Timeout:
        raise BulletinError(f"{shown(path)} đang được bộ thu thập tin ghi; hãy đợi lần thu thập xong rồi bấm lại") from None


def last_collect(path: Path, state: Path | None = None) -> LastRun | None:
    """The latest collector run for the issue file at ``path`` (None when none was recorded)."""
    db = state_db(state or state_folder(Project.around(path)))
    if not db.is_file():
        return None
    try:
        with Store(db) as store:
            return store.last_run(issue_key(path))
    except sqlite3.Error as exc:  # busy for longer than SQLite waits: the page shows no "new" marks this time
        log.debug("không đọc được trạng thái thu thập %s: %s", db, exc)
        return None


def _edit(sheet: Sheet, row: Row, action: Action, publication: Publication) -> Done:
    if action.kind == "tag":
        if action.tag and action.tag not in publication.tags:
            raise BulletinError(f'tag "{action.tag}" không có trong sources.yaml; chỉ được dùng: {", ".join(publication.tags)}')
        if action.tag == row.tag:
            return Done(f"“{row.title}” đã có tag này; không cần ghi gì.", sheet.digest, row.line)
        what = f"gắn tag {action.tag}" if action.tag else "bỏ tag (trở lại tin ứng viên)"
        return _write(sheet, set_tag(sheet.issue.raw, row, action.tag), row, f"Đã {what} cho “{row.title}”.",
                      lambda after: _tagged(sheet, after, row, action.tag))
    if action.kind in ("up", "down"):
        target, after = neighbour(sheet, row, action.kind)
        data = move(sheet.issue.raw, row, target, after)
        where = "lên trên" if action.kind == "up" else "xuống dưới"
        return _write(sheet, data, row, f"Đã chuyển “{row.title}” {where} “{target.title}”.",
                      lambda new: _swapped(sheet, new, row, target))
    raise BulletinError(f'không có thao tác "{action.kind}"; chỉ có: {", ".join(KINDS)}')


def neighbour(sheet: Sheet, row: Row, kind: str) -> tuple[Row, bool]:
    """The item ``row`` trades places with, and whether ``row`` goes after it. Items print by date:
    only an item of the same part and the same date can trade places."""
    if not row.tag:
        raise BulletinError(f"“{row.title}” chưa được gắn tag: chỉ sắp xếp được các tin đã chọn")
    order = print_order(r for r in sheet.rows if r.tag == row.tag)
    at = order.index(row) + (-1 if kind == "up" else 1)
    if not 0 <= at < len(order):
        raise BulletinError(f"“{row.title}” đã ở {'đầu' if kind == 'up' else 'cuối'} phần của nó")
    other = order[at]
    if other.day != row.day:
        raise BulletinError(f"các tin được in theo ngày đăng: “{row.title}” ({row.day_text}) chỉ đổi chỗ được "
                            "với tin cùng ngày; muốn đổi thứ tự thì sửa ngày")
    return other, kind == "down"


def _reject(sheet: Sheet, row: Row, state: Path, key: str, now: datetime) -> Done:
    if row.tag:
        raise BulletinError(f"“{row.title}” đã được gắn tag {row.tag}: hãy bỏ tag trước khi loại tin")
    item = RejectedItem(row.candidate, row.title, tuple(s.url for s in row.sources if s.url))
    with Store(state_db(state)) as store:  # committed only if the file was written
        store.reject_item(key, item, now.isoformat())
        done = _write(sheet, remove(sheet.issue.raw, row), row,
                      f"Đã loại “{row.title}”; lần thu thập sau sẽ không thêm lại tin này.",
                      lambda after: 0 if len(after.rows) == len(sheet.rows) - 1 else None)
    log.info("%s: đã loại tin “%s” (dòng %d)", shown(sheet.issue.path), row.title, row.line)
    removed = Removed(row.start, sheet.issue.raw[row.start:row.end], done.digest, now.isoformat(), row.title, row.line)
    return replace(done, removed=removed)


def restore(path: Path, removed: Removed, state: Path | None = None) -> Done:
    """Undo a rejection: put the item's bytes back where they were and forget the rejection, if the
    file is still exactly as the rejection left it."""
    state = state or state_folder(Project.around(path))
    key = issue_key(path)
    try:
        with issue_lock(state, key, timeout=3), Store(state_db(state)) as store:
            issue = open_issue(path, int(path.stem), int(path.parent.name))
            if digest(issue.raw) != removed.digest:
                raise FileChanged(CHANGED.format(path=shown(path), what="đã được sửa"))
            data = insert_at(issue.raw, removed.offset, removed.data)
            store.unreject(key, removed.at)
            write_atomically(issue, data, changed=CHANGED)
    except Timeout:
        raise BulletinError(f"{shown(path)} đang được bộ thu thập tin ghi; hãy đợi lần thu thập xong rồi bấm lại") from None
    return Done(f"Đã lấy lại “{removed.title}” vào tệp.", digest(data), removed.line)


def _tagged(before: Sheet, after: Sheet, row: Row, tag: str) -> int | None:
    """The item's line if it now has ``tag`` and the list of items is otherwise the same."""
    same = next((r for r in after.rows if r.start == row.start), None)
    if same is None or same.title != row.title or same.tag != tag or len(after.rows) != len(before.rows):
        return None
    return same.line


def _swapped(before: Sheet, after: Sheet, row: Row, target: Row) -> int | None:
    """The item's new line if the part's print order is the old one with the two items swapped."""
    order = [r.title for r in print_order(r for r in before.rows if r.tag == row.tag)]
    i, j = order.index(row.title), order.index(target.title)
    order[i], order[j] = order[j], order[i]
    new = print_order(r for r in after.rows if r.tag == row.tag)
    if [r.title for r in new] != order or sorted(r.title for r in after.rows) != sorted(r.title for r in before.rows):
        return None
    return new[j].line


def _write(sheet: Sheet, data: bytes, row: Row, message: str, verify: Callable[[Sheet], int | None]) -> Done:
    """Check the new bytes say what was meant (``verify`` gives the item's new line, 0 when it is
    gone, None when something else changed), then write them if the file is still ``sheet``'s."""
    after = read_sheet(replace(sheet.issue, raw=data))
    line = verify(after)
    if line is None:
        raise BulletinError(f"{shown(sheet.issue.path)}:{row.line}: không sửa được tin này bằng nút bấm mà vẫn giữ "
                            "nguyên phần còn lại của tệp; hãy sửa trong trình soạn thảo")
    write_atomically(sheet.issue, data, changed=CHANGED)
    return Done(message, after.digest, line)
