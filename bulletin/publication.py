"""The blocks of ``sources.yaml`` that say how the bulletin looks: ``publication``, ``parts``,
``labels`` and ``masthead`` -> :class:`~bulletin.model.Publication`.

Another department adopts the tool by editing these blocks: any number of parts with their own
tags, its own words around the content, its own masthead.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .checker import Checker
from .model import ROLES, Labels, Masthead, PartSpec, Publication
from .text import did_you_mean, slugify

PUBLICATION_KEYS = {
    "title": "tên bản tin", "parent": "cơ quan chủ quản", "department": "đơn vị thực hiện",
    "province": "tỉnh/thành phố", "website": "trang thông tin điện tử", "social": "trang mạng xã hội",
    "base_url": "địa chỉ công khai của kho lưu trữ", "docx_font": "phông chữ bản Word", "logo": "ảnh logo",
    "subscribe": "nơi đăng ký nhận bản tin qua thư",
}
"""Keys of the ``publication`` block -> what each is, as messages name it."""

PART_KEYS = {"tag": "loại tin của phần", "title": "tên phần", "role": "vai trò của phần"}

_ISSUE = {"number": 3, "year": 2026, "label": "03/2026", "week": "15/3-20/3/2026", "start": date(2026, 3, 15),
          "end": date(2026, 3, 20), "title": "Tên bản tin", "province": "Tỉnh"}
PLACEHOLDERS: dict[str, dict[str, Any]] = {
    "source": {},
    "part": {"n": 1, "title": "Tên phần"},
    "number": {"number": 3, "year": 2026},
    "number_line": _ISSUE,
    "week_line": _ISSUE,
    "toc_line": _ISSUE,
    "file_stem": {"number": 3, "year": 2026},
}
"""Label -> the placeholders it may use, with sample values to try the format on."""

LABEL_KEYS = {
    "source": "chữ trước nguồn tin", "part": "tên phần trong mục lục và tiêu đề",
    "number": "số bản tin", "number_line": "dòng số bản tin trên bìa", "week_line": "dòng tuần trên bìa",
    "toc_line": "dòng dưới tiêu đề mục lục", "file_stem": "tên tệp các bản",
}
MASTHEAD_KEYS = {
    "title_split": "số chữ của tên bản tin ở dòng lớn đầu tiên", "background": "màu nền đầu bìa",
    "background_end": "màu nền thứ hai của đầu bìa (bản web)", "accent": "màu số bản tin trên bìa",
}
_TAG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_STEM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def read_publication(check: Checker, data: Any, root: Path) -> Publication:
    """The publication settings; problems go to ``check``."""
    node = data.get("publication")
    if not isinstance(node, dict):
        check.fail(data, "publication", 'thiếu khối "publication" (thông tin đơn vị xuất bản)')
        node = {}
    check.keys(node, PUBLICATION_KEYS, 'trong khối "publication"')
    logo = check.text(node, "logo", "ảnh logo", default="")
    logo_path = (root / logo).resolve() if logo else None
    if logo_path and not logo_path.is_file():
        check.fail(node, "logo", f'không tìm thấy ảnh logo "{logo}"')
    province = check.text(node, "province", "tỉnh/thành phố")
    return Publication(
        title=check.text(node, "title", "tên bản tin"),
        department=check.text(node, "department", "đơn vị thực hiện"),
        parent=check.text(node, "parent", "cơ quan chủ quản"),
        province=province,
        website=check.url(node, "website", "trang thông tin điện tử"),
        social=check.url(node, "social", "trang mạng xã hội", required=False),
        logo=logo_path if logo_path and logo_path.is_file() else None,
        parts=read_parts(check, data, province),
        docx_font=check.text(node, "docx_font", "phông chữ bản Word", default="Times New Roman"),
        base_url=check.url(node, "base_url", "địa chỉ công khai của kho lưu trữ", required=False),
        labels=read_labels(check, data.get("labels")),
        masthead=read_masthead(check, data.get("masthead")),
        subscribe=read_subscribe(check, node),
    )


def read_subscribe(check: Checker, node: Any) -> str:
    """``publication.subscribe``: a web address, or an email address (made a ``mailto:`` link)."""
    value = check.text(node, "subscribe", PUBLICATION_KEYS["subscribe"], default="")
    if not value or urlsplit(value).scheme in ("http", "https", "mailto"):
        return value
    if "@" in value and " " not in value:
        return f"mailto:{value}"
    check.fail(node, "subscribe", f'mục "subscribe" phải là địa chỉ web (https://…) hoặc địa chỉ thư, không phải "{value}"')
    return ""


def read_parts(check: Checker, data: Any, province: str) -> tuple[PartSpec, ...]:
    """The ``parts`` list: one or more parts, each tag used once, each role given to one part."""
    node = data.get("parts")
    if not isinstance(node, list) or not node:
        check.fail(data, "parts", 'thiếu danh sách "parts" (các phần của bản tin, theo thứ tự)')
        return ()
    parts: list[PartSpec] = []
    for entry in node:
        if not isinstance(entry, dict):
            check.fail(node, None, 'mỗi phần cần "tag" và "title"')
            continue
        check.keys(entry, PART_KEYS, "trong một phần")
        tag = _tag(check, entry, parts)
        role = _role(check, entry, tag, parts)
        title = check.text(entry, "title", "tên phần").replace("{province}", province)
        parts.append(PartSpec(tag=tag, title=title, role=role))
    return _implicit_roles(parts)


def _tag(check: Checker, entry: Any, parts: list[PartSpec]) -> str:
    tag = check.text(entry, "tag", "loại tin của phần")
    if tag and not _TAG.match(tag):
        check.fail(entry, "tag", f'tag "{tag}" không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang. '
                                 f'Có phải ý bạn là "{slugify(tag)}"?')
    elif tag and tag in {p.tag for p in parts}:
        check.fail(entry, "tag", f'tag "{tag}" đã được dùng cho một phần khác')
    return tag


def _role(check: Checker, entry: Any, tag: str, parts: list[PartSpec]) -> str | None:
    """The role written for this part; '' when written as empty (no role), None when not written."""
    if "role" not in entry:
        return None
    role = check.text(entry, "role", "vai trò của phần", default="")
    if role and role not in ROLES:
        check.fail(entry, "role", f'vai trò "{role}" không hợp lệ; chỉ được dùng: {", ".join(ROLES)} '
                                  f'(hoặc bỏ trống).{did_you_mean(role, ROLES)}')
        return ""
    if role and role in {p.role for p in parts}:
        check.fail(entry, "role", f'vai trò "{role}" đã được gán cho một phần khác; mỗi vai trò chỉ một phần')
        return ""
    return role


def _implicit_roles(parts: list[PartSpec]) -> tuple[PartSpec, ...]:
    """A part without a written role takes the role its tag names (``trend``, ``national``,
    ``local``) unless another part claims that role: older configurations keep working."""
    claimed = {p.role for p in parts if p.role}
    result = []
    for part in parts:
        role = part.role
        if role is None:
            role = part.tag if part.tag in ROLES and part.tag not in claimed else None
            claimed.add(role)
        result.append(PartSpec(tag=part.tag, title=part.title, role=role or None))
    return tuple(result)


def _block(check: Checker, node: Any, keys: dict[str, str], name: str) -> bool:
    """True when the optional block ``name`` is written as a mapping (its keys are checked)."""
    if node is None:
        return False
    if not isinstance(node, dict):
        check.fail(node, None, f'khối "{name}" phải gồm các dòng "khóa: giá trị"')
        return False
    check.keys(node, keys, f'trong khối "{name}"')
    return True


def read_labels(check: Checker, node: Any) -> Labels:
    """The ``labels`` block; every label falls back to the Hải Phòng bulletin's wording."""
    if not _block(check, node, LABEL_KEYS, "labels"):
        return Labels()
    defaults = Labels()
    values = {key: check.template(node, key, what, getattr(defaults, key), PLACEHOLDERS[key])
              for key, what in LABEL_KEYS.items()}
    stem = values["file_stem"].format(**PLACEHOLDERS["file_stem"])
    if not _STEM.match(stem):
        check.fail(node, "file_stem", f'tên tệp "{stem}" chỉ được có chữ không dấu, chữ số, ".", "-" và "_"')
        values["file_stem"] = defaults.file_stem
    return Labels(**values)


def read_masthead(check: Checker, node: Any) -> Masthead:
    """The ``masthead`` block: how many title words go on the big line, and the cover's colours."""
    if not _block(check, node, MASTHEAD_KEYS, "masthead"):
        return Masthead()
    defaults = Masthead()
    colours = {}
    for key in ("background", "background_end", "accent"):
        value = check.text(node, key, MASTHEAD_KEYS[key], getattr(defaults, key))
        if not _COLOR.match(value):
            check.fail(node, key, f'màu "{value}" phải viết dạng #rrggbb, ví dụ #0b4f8a')
            value = getattr(defaults, key)
        colours[key] = value
    split = check.integer(node, "title_split", MASTHEAD_KEYS["title_split"], defaults.title_split)
    return Masthead(title_split=split, **colours)
