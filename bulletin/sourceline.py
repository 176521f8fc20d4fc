"""The ``- nguồn:`` line of an item: links ``[Tên báo](https://…)``, or a plain name.

A plain name prints without a link in every edition. A bare address, or a link whose scheme the
renderer refuses (``javascript:``), is an error rather than a name.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from markdown_it.token import Token

from .markdown import plain, safe_link
from .model import Source


class Reporter(Protocol):
    """Where problems go (``items.Report``)."""

    def error(self, line: int, message: str) -> None: ...


def read_sources(fields: Mapping[str, tuple[str, int, Token]], line: int, report: Reporter,
                 required: bool) -> tuple[Source, ...]:
    """The item's sources from its ``- nguồn:`` field (``fields["nguon"]``: value, line, inline token)."""
    value, at, tok = fields.get("nguon", ("", line, None))
    expected = 'nguồn phải có dạng "[Tên báo](https://địa-chỉ-bài-viết)" hoặc chỉ tên báo'
    if tok is None or not value:
        if required:
            report.error(at, f'tin thiếu dòng "- nguồn: ..."; {expected}')
        return ()
    kids = tok.children or []
    if not any(kid.type == "link_open" for kid in kids):
        return _named_source(value, at, report, expected)
    sources = []
    for n, kid in enumerate(kids):
        if kid.type == "link_open":
            url = str(kid.attrGet("href"))
            name = link_text(kids, n)
            if not safe_link(url) or url.startswith("mailto:"):
                report.error(at, f'liên kết nguồn "{url}" phải bắt đầu bằng http:// hoặc https://')
            sources.append(Source(name=name.strip(), url=url))
    if not sources:
        report.error(at, f'{expected}, không phải "{value}"')
    return tuple(sources)


def _named_source(value: str, at: int, report: Reporter, expected: str) -> tuple[Source, ...]:
    """A source named without a link (``- nguồn: Báo Điện Biên Phủ``). A bare address, or a link
    the renderer refuses (``javascript:``), is an error, not a name."""
    name = plain(value).strip()
    if "](" in value or "://" in name or name.lower().startswith("www."):
        report.error(at, f'{expected}, không phải "{value}"')
        return ()
    return (Source(name=name, url=""),)


def link_text(kids: list[Token], start: int) -> str:
    """The text of the link that opens at ``kids[start]``."""
    text = []
    for kid in kids[start + 1:]:
        if kid.type == "link_close":
            break
        text.append(kid.content)
    return "".join(text)
