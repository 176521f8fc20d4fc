"""The plain-text alternative of the email edition: the same content, readable in any client."""
from __future__ import annotations

import textwrap
from collections.abc import Callable

from ..links import IssueLinks
from ..markdown import plain
from ..model import Issue, Item, Part
from ..text import day_label

WIDTH = 76
"""Lines are wrapped at this width (RFC 5322 recommends at most 78 characters)."""


def plain_text(issue: Issue, links: IssueLinks, subject: str, unsubscribe: str) -> str:
    """The whole message as text: header, links, Phần 1 in full, then title + lead + link."""
    pub = issue.publication
    lines = [subject.upper(), "", issue.theme, "",
             f"Đọc trên web: {links.page}", f"Bản PDF: {links.pdf}", f"Bản Word: {links.docx}",
             f"Các số trước: {links.archive}"]
    full = in_full(issue)
    for part in (p for p in issue.parts if p.items):
        label = issue.part_label(part)
        lines += ["", "", label.upper(), "=" * min(WIDTH, len(label))]
        for item in part.items:
            lines += _full(item) if full(part) else _summary(item, links)
    lines += ["", "--", f"{pub.department} · {pub.parent}", pub.website]
    if unsubscribe:
        lines.append(f"Hủy đăng ký: {unsubscribe}")
    return "\n".join(lines) + "\n"


def in_full(issue: Issue) -> Callable[[Part], bool]:
    """Which part the email gives in full: the trend summary's (role ``trend``); a bulletin with
    no such part gives every item as title, lead and link."""
    trend = issue.publication.part_with_role("trend")
    return lambda part: trend is not None and part.tag == trend.tag


def _summary(item: Item, links: IssueLinks) -> list[str]:
    day = f"{day_label(item.day)}: " if item.day else ""
    return ["", *_wrap(f"* {day}{plain(item.title)}"), *_wrap(_paragraph(item.lead)), f"  {links.item(item.anchor)}"]


def _full(item: Item) -> list[str]:
    lines = ["", *_wrap(plain(item.title).upper())] if item.day else []
    for block in f"{item.lead}\n\n{item.body}".split("\n\n"):
        text = _paragraph(block)
        if text:
            lines += ["", *_wrap(text.upper() if block.lstrip().startswith("#") else text)]
    return lines


def _paragraph(block: str) -> str:
    """One Markdown block as text: heading marks and emphasis go; pictures leave their caption."""
    text = " ".join(line.strip() for line in block.strip().splitlines())
    return plain(text.lstrip("#").strip())


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, break_long_words=False, break_on_hyphens=False) or [""]
