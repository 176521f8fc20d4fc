"""Drafts: issues that are not ready for readers.

An issue is a draft while its theme is still the placeholder ``make collect`` writes, while no
item has a tag, or while its front matter says ``nháp: có``. ``check`` and ``issue`` build it and
say so; the archive (``site``, hence ``publish``) leaves it out and lists it.
"""
from __future__ import annotations

from collections.abc import Sequence

from .frontmatter import PLACEHOLDER_THEME, FrontMatter
from .model import Issue, Item
from .text import fold


def draft_reasons(front: FrontMatter, items: Sequence[Item]) -> tuple[str, ...]:
    """Why an issue is a draft, one Vietnamese reason each; empty when it is ready."""
    reasons = []
    if fold(front.theme) == fold(PLACEHOLDER_THEME):
        reasons.append(f'chủ đề vẫn là "{front.theme}"')
    if not any(item.tag for item in items):
        reasons.append("chưa có tin nào được gắn tag")
    if front.draft:
        reasons.append('phần đầu ghi "nháp: có"')
    return tuple(reasons)


def draft_notice(issue: Issue) -> str:
    """What ``check`` and ``issue`` tell the editor about a draft."""
    return (f"số {issue.label} là bản nháp ({'; '.join(issue.draft)}): vẫn tạo được các bản để xem thử, "
            'nhưng trang lưu trữ và lệnh xuất bản bỏ qua số này. Khi số đã sẵn sàng: đặt chủ đề, gắn tag cho tin '
            'và bỏ dòng "nháp: có" nếu có')
