"""The YAML front matter of an issue file: number, year, week, theme, cover.

Keys are matched without diacritics or case, so ``chủ đề``, ``Chu de`` and ``chu_de`` are one key.
Values are single scalars of the documented type (a number, or one line of text); YAML anchors,
aliases and lists are refused before anything is built, so an alias bomb fails at once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import AliasEvent

from .text import NoSuchDay, fold, parse_day

KEYS = {"so": "số", "nam": "năm", "tuan": "tuần", "chu de": "chủ đề", "anh bia": "ảnh bìa", "nhap": "nháp"}
"""Folded key -> the key as the README spells it."""

PLACEHOLDER_THEME = "Chưa đặt chủ đề"
"""The theme ``make collect`` writes into a new file; an issue that still has it is a draft."""

REFUSED = object()
"""Stands for a value already reported as not a scalar (so it is not reported twice)."""

_YES = {"co": True, "true": True, "khong": False, "false": False}
"""``nháp:`` values (folded), YAML booleans included."""


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """What the front matter says, checked for form (not yet against the file name)."""

    number: int | None
    """``số``: the issue number."""
    year: int | None
    """``năm``: the year."""
    week: tuple[date, date] | None
    """``tuần``: first and last day."""
    theme: str
    """``chủ đề``: the cover headline."""
    cover: tuple[str, int] | None
    """``ảnh bìa``: the image reference as written, and its line."""
    draft: bool = False
    """``nháp: có``: the editor marked the issue as a draft."""


def parse_front_matter(text: str, first_line: int) -> tuple[FrontMatter, list[tuple[int, str]]]:
    """Parse the YAML between the ``---`` lines.

    ``first_line`` is the file line of the YAML's first line. Returns the front matter and a list
    of ``(line, message)`` problems; every problem is reported, not only the first.
    """
    problems: list[tuple[int, str]] = []
    try:
        refused = _anchors_and_aliases(text, first_line)
        data = None if refused else YAML(typ="rt").load(text) or {}
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + (mark.line if mark else 0)
        message = ("phần đầu sai cú pháp YAML: kiểm tra dấu hai chấm sau mỗi khóa, các dấu ngoặc và dấu nháy; "
                   'nếu giá trị có dấu ":" hãy đặt nó trong dấu nháy kép, ví dụ chủ đề: "Sandbox: lời giải sớm"')
        return FrontMatter(None, None, None, "", None), [(line, message)]
    if refused:
        return FrontMatter(None, None, None, "", None), [refused]
    if not isinstance(data, dict):
        return FrontMatter(None, None, None, "", None), [(first_line, "phần đầu phải gồm các dòng \"khóa: giá trị\"")]
    values: dict[str, tuple[Any, int]] = {}
    for key in data:
        line = first_line + data.lc.key(key)[0]
        folded = fold(str(key)).replace("_", " ")
        if folded not in KEYS:
            problems.append((line, f'khóa "{key}" không được dùng ở phần đầu; các khóa hợp lệ: {", ".join(KEYS.values())}'))
        else:
            values[folded] = (data[key] if _scalar(data[key], KEYS[folded], line, problems) else REFUSED, line)
            _cut_by_comment(data, key, line, problems)
    number = _integer(values, "so", problems, first_line)
    year = _integer(values, "nam", problems, first_line)
    week = _week(values, problems, first_line)
    theme = _text(values, "chu de", problems)
    if theme is None and values.get("chu de", (None, 0))[0] in (None, ""):
        problems.append((values.get("chu de", (None, first_line))[1], 'thiếu "chủ đề" (dòng chủ đề in trên trang bìa)'))
    cover = _text(values, "anh bia", problems)
    return FrontMatter(number, year, week, theme[0] if theme else "", cover, _draft(values, problems)), problems


def _cut_by_comment(data: Any, key: Any, line: int, problems: list) -> None:
    """A value YAML cut at " #": ``chủ đề: Chuyển đổi số #1`` would print "Chuyển đổi số". A note
    written as one (``# biên tập viên: …``, with a space after "#") is a comment and is left alone."""
    tokens = data.ca.items.get(key) or ()
    comment = next((t.value.strip() for t in tokens if t is not None and hasattr(t, "value")), "")
    if len(comment) > 1 and not comment[1].isspace():
        whole = f"{data[key]} {comment}"
        problems.append((line, f'"{comment}" sau dấu cách bị YAML coi là chú thích và sẽ không được in; '
                               f'nếu đó là nội dung, hãy đặt cả giá trị trong dấu nháy kép: {key}: "{whole}"'))


def _anchors_and_aliases(text: str, first_line: int) -> tuple[int, str] | None:
    """The first YAML anchor (``&x``) or alias (``*x``), as a problem; read event by event, so
    nothing is expanded."""
    for event in YAML(typ="rt").parse(text):
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
            return (first_line + event.start_mark.line,
                    'phần đầu không được dùng "&" hay "*" của YAML (neo và tham chiếu); hãy viết thẳng giá trị')
    return None


def _scalar(value: Any, key: str, line: int, problems: list) -> bool:
    """Whether ``value`` is one scalar; a list or a mapping is a problem."""
    if isinstance(value, (list, dict)):
        kind = "danh sách" if isinstance(value, list) else "nhóm khóa"
        problems.append((line, f'"{key}" phải là một giá trị trên một dòng, không phải {kind}; '
                               'nếu giá trị bắt đầu bằng "[" , "{" hay "-" hãy đặt nó trong dấu nháy kép'))
        return False
    return True


def _text(values: dict, key: str, problems: list) -> tuple[str, int] | None:
    """A text value (``chủ đề``, ``ảnh bìa``): a number or a date is refused rather than reworded."""
    value, line = values.get(key, (None, 0))
    if value is None or value == "" or value is REFUSED:
        return None
    if not isinstance(value, str):
        problems.append((line, f'"{KEYS[key]}" phải là chữ; hãy đặt giá trị trong dấu nháy kép, ví dụ "{value}"'))
        return None
    return value.strip(), line


def _draft(values: dict, problems: list) -> bool:
    value, line = values.get("nhap", (False, 0))
    if value is None or value is False or value is REFUSED:
        return False
    answer = _YES.get(fold(str(value)))
    if answer is None:
        problems.append((line, f'"nháp" chỉ nhận "có" hoặc "không", không phải "{value}"'))
        return False
    return answer


def _integer(values: dict, key: str, problems: list, first_line: int) -> int | None:
    value, line = values.get(key, (None, first_line))
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if value is REFUSED:
        return None
    shown = "" if value is None else f' (đang là "{value}")'
    problems.append((line, f'"{KEYS[key]}" phải là một số nguyên dương{shown}'))
    return None


_WEEK = re.compile(r"^\s*(.+?)\s*(?:-|–|—|đến)\s*(.+?)\s*$")


def _week(values: dict, problems: list, first_line: int) -> tuple[date, date] | None:
    value, line = values.get("tuan", (None, first_line))
    if value is REFUSED:
        return None
    expected = '"tuần" phải có dạng "27/4/2026 - 03/5/2026" (ngày đầu - ngày cuối tuần)'
    m = _WEEK.match(str(value or ""))
    try:
        end = parse_day(m.group(2), 0) if m else None
        start = parse_day(m.group(1), end.year) if m and end else None
    except NoSuchDay as exc:
        problems.append((line, f'"tuần: {value}" có ngày không có thật: {exc}'))
        return None
    except ValueError:
        start = end = None
    if not (start and end) or end.year == 0:
        problems.append((line, expected + (f', không phải "{value}"' if value else "")))
        return None
    if start > end:  # a week across New Year: "29/12 - 04/1/2027"
        start = start.replace(year=start.year - 1)
    if not 0 <= (end - start).days <= 13:
        problems.append((line, f'"tuần" từ {start:%d/%m/%Y} đến {end:%d/%m/%Y} không hợp lý: mỗi số bản tin phủ từ 1 đến 14 ngày'))
        return None
    return start, end
