"""Start a new department's bulletin: a commented ``sources.yaml`` and a first issue file.

``bulletin init`` asks the questions (the CLI does the talking); this module turns the answers
into files. It never overwrites a configuration that exists.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from .atomic import atomic_write
from .errors import BulletinError
from .text import fold, nfc, slugify

SEPARATOR = ";"
"""Between part titles in the answer to the parts question (titles may hold commas and "&")."""


@dataclass(frozen=True, slots=True)
class Answers:
    """What the person setting up the bulletin told ``bulletin init``."""

    department: str
    """The publishing unit, e.g. "Sở Khoa học và Công nghệ tỉnh Điện Biên"."""
    province: str
    """The province, e.g. "Điện Biên"."""
    website: str
    """The unit's website (http or https)."""
    title: str
    """The bulletin's name."""
    parts: tuple[str, ...]
    """Part titles in print order."""


@dataclass(frozen=True, slots=True)
class Question:
    """One question ``bulletin init`` asks."""

    field: str
    """The :class:`Answers` field it fills."""
    prompt: str
    """The question, in Vietnamese."""
    default: str
    """Used when the answer is left empty ('' when an answer is required)."""


QUESTIONS = (
    Question("department", "Tên đơn vị xuất bản (ví dụ: Sở Khoa học và Công nghệ tỉnh Điện Biên)", ""),
    Question("province", "Tỉnh/thành phố (ví dụ: Điện Biên)", ""),
    Question("website", "Trang thông tin điện tử của đơn vị (bắt đầu bằng https://)", ""),
    Question("title", "Tên bản tin", "Điểm tin khoa học công nghệ"),
    Question("parts", f'Các phần của bản tin, theo thứ tự, cách nhau bởi dấu "{SEPARATOR}"',
             f"Tin trong nước{SEPARATOR} Tin {{province}}"),
)
"""The questions, in the order they are asked."""


def check_answer(field: str, value: str) -> str:
    """Why ``value`` is not a usable answer for ``field``, or ''."""
    if not value.strip():
        return "câu này cần một câu trả lời"
    if field == "website" and not value.strip().lower().startswith(("http://", "https://")):
        return "địa chỉ phải bắt đầu bằng http:// hoặc https://"
    if field == "parts":
        titles = split_parts(value)
        tags = [slugify(t) for t in titles]
        if len(set(tags)) != len(tags):
            return "hai phần có tên trùng nhau"
    return ""


def split_parts(value: str) -> tuple[str, ...]:
    """Part titles from the answer to the parts question."""
    return tuple(t.strip() for t in nfc(value).split(SEPARATOR) if t.strip())


def answers(values: dict[str, str]) -> Answers:
    """Answers from checked raw values (field -> text as typed)."""
    clean = {k: " ".join(nfc(v).split()) for k, v in values.items()}
    parts = tuple(t.replace("{province}", clean["province"]) for t in split_parts(values["parts"]))
    return Answers(department=clean["department"], province=clean["province"], website=clean["website"],
                   title=clean["title"], parts=parts)


def create_project(config: Path, given: Answers, today: date) -> tuple[Path, Path]:
    """Write ``config`` and ``issues/<year>/01.md`` beside it. Refuses when either exists."""
    issue = config.parent / "issues" / str(today.year) / "01.md"
    for path in (config, issue):
        if path.exists():
            raise BulletinError(f"{path} đã có; lệnh init không ghi đè cấu hình hay số bản tin đang có "
                                "(hãy chọn thư mục khác, hoặc tự đổi tên tệp cũ trước)")
    _write_new(config, config_text(given))
    _write_new(issue, issue_text(given, today))
    return config, issue


def _write_new(path: Path, text: str) -> None:
    """Write a new file atomically; never replace one that appeared meanwhile."""
    try:
        atomic_write(path, text, durable=True, replace=os.link)  # link fails if ``path`` exists: no overwrite
    except FileExistsError:
        raise BulletinError(f"{path} đã có; lệnh init không ghi đè") from None


def _role(title: str, province: str) -> str:
    folded = fold(title)
    if "xu huong" in folded:
        return "trend"
    if "trong nuoc" in folded or "quoc gia" in folded:
        return "national"
    if fold(province) in folded or "dia phuong" in folded:
        return "local"
    return ""


def part_specs(given: Answers) -> list[tuple[str, str, str]]:
    """(tag, title, role) of each part; a role is guessed from the title, each used once."""
    used: set[str] = set()
    specs = []
    for title in given.parts:
        role = _role(title, given.province)
        role = "" if role in used else role
        used.add(role)
        specs.append((slugify(title, 30), title, role))
    return specs


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def config_text(given: Answers) -> str:
    """The commented ``sources.yaml`` for these answers."""
    parts = "\n".join(f"  - tag: {tag}\n    title: {_quoted(title)}" + (f"\n    role: {role}" if role else "")
                      for tag, title, role in part_specs(given))
    return CONFIG_TEMPLATE.format(department=_quoted(given.department), province=_quoted(given.province),
                                  website=_quoted(given.website), title=_quoted(given.title), parts=parts)


def issue_text(given: Answers, today: date) -> str:
    """A first issue (this week, Monday to Sunday) with one example item per part."""
    start = today - timedelta(days=today.weekday())
    end = start + timedelta(days=6)
    items = [_example(tag, title, role, start, given) for tag, title, role in part_specs(given)]
    return ISSUE_TEMPLATE.format(year=today.year, start=f"{start.day}/{start.month}/{start.year}",
                                 end=f"{end.day}/{end.month}/{end.year}", items="\n".join(items))


def _example(tag: str, title: str, role: str, day: date, given: Answers) -> str:
    if role == "trend":
        return (f"## {title} (ví dụ, hãy sửa)\n- tag: {tag}\n\nĐoạn mở đầu của phần tổng kết.\n\n"
                f"### 1. Xu hướng chung của cả nước\n\nNội dung.\n\n### 2. Điểm sáng tại {given.province}\n\nNội dung.\n")
    return (f"## Tin mẫu của phần {title} (hãy sửa hoặc xóa)\n- tag: {tag}\n- ngày: {day.day}/{day.month}\n"
            f"- nguồn: [{given.department}]({given.website})\n\n"
            "Đoạn mở đầu (sapo): một hai câu tóm tắt tin.\n\nCác đoạn tiếp theo là nội dung tin.\n")


CONFIG_TEMPLATE = """\
# Cấu hình bản tin, do lệnh "bulletin init" tạo. Sửa tệp này để đổi tên, các phần, chữ in, màu bìa.
# Mọi lỗi trong tệp được báo cùng lúc kèm số dòng khi chạy make check.

# Đơn vị xuất bản
publication:
  title: {title}
  parent: "Sở Khoa học và Công nghệ"
  department: {department}
  province: {province}
  website: {website}
  # social: https://www.facebook.com/...   (trang mạng xã hội, không bắt buộc)
  # logo: logo.png                          (ảnh logo đặt cạnh tệp này, không bắt buộc)

# Các phần của bản tin, theo thứ tự in. Mỗi phần:
#   tag:   nhãn biên tập viên gắn cho tin ("- tag: ..."): chữ thường không dấu, số, dấu "-";
#   title: tên phần;
#   role:  vai trò (không bắt buộc, mỗi vai trò một phần): trend (tổng kết xu hướng, tin không cần
#          ngày và nguồn), national (tin trong nước), local (tin địa phương).
parts:
{parts}

# Chữ và định dạng in quanh nội dung. Bỏ dấu "#" ở đầu dòng để đổi; các giá trị dưới đây là mặc định.
# Chỗ thay thế: {{number}} số, {{year}} năm, {{label}} số/năm, {{week}} tuần dạng 27/4-03/5/2026,
# {{start}}/{{end}} ngày đầu/cuối tuần (viết {{start:%d/%m/%Y}}), {{title}} tên bản tin, {{n}} thứ tự phần.
# labels:
#   source: "Chi tiết:"
#   part: "Phần {{n}}: {{title}}"
#   number: "{{number:02d}}/{{year}}"
#   number_line: "Số {{label}}"
#   week_line: "Tuần từ {{week}}"
#   toc_line: "{{title}} số {{number}} tuần từ {{week}}"
#   file_stem: "diem-tin-{{year}}-{{number:02d}}"

# Đầu trang bìa: số chữ của tên bản tin in ở dòng lớn thứ nhất, và các màu (#rrggbb).
# masthead:
#   title_split: 2
#   background: "#0b4f8a"
#   background_end: "#06325a"
#   accent: "#ffd34d"

# Nơi đưa trang lưu trữ lên (make publish): "local" là một thư mục, "rsync" là user@máy-chủ:/đường/dẫn.
publish:
  method: local
  target: ""

# Từ khóa chọn tin liên quan khi thu thập (make collect).
keywords:
  - khoa học
  - công nghệ
  - đổi mới sáng tạo
  - chuyển đổi số

# Các nguồn RSS/Atom: name (tên nguồn), url, scope (national hoặc local), enabled (true/false).
sources: []
"""

ISSUE_TEMPLATE = """\
---
số: 1
năm: {year}
tuần: {start} - {end}
chủ đề: Chủ đề của số đầu tiên (hãy sửa)
---

<!-- Mỗi tin bắt đầu bằng "## Tiêu đề", rồi các dòng tag, ngày, nguồn, một đoạn mở đầu và nội dung.
     Nguồn có thể là liên kết [Tên báo](https://...) hoặc chỉ tên báo. Tin không có tag chưa được in.
     Khối số liệu nổi bật:
     ::: số liệu
     - 100%: thôn bản có sóng 4G
     ::: -->

# Tin đã chọn

{items}"""

