"""Items of an issue file: ``## Title``, a field list, a lead paragraph and a Markdown body.

::

    ## Bộ KH&CN đề xuất 30 sản phẩm công nghệ chiến lược
    - tag: national
    - ngày: 27/4
    - nguồn: [Báo QĐND](https://www.qdnd.vn/...)

    Lead paragraph (sapo).

    Body paragraphs, ![caption](16/anh.jpg "Ảnh: credit"), ### sub-headings...
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from markdown_it.token import Token

from .checks import check_inline, similar_file
from .errors import Problem
from .figures import OPEN as FIGURES
from .figures import read_figures
from .model import Image, Item, Section
from .sourceline import read_sources as _sources
from .text import NoSuchDay, day_label, did_you_mean, fold, parse_day, slugify

log = logging.getLogger(__name__)

DRAFT_MARKER = "<!-- bulletin: bản nháp tự động, hãy biên tập -->"
"""Marks machine-written text (the trend draft, drafted summaries); deleting the line accepts it."""

FIELDS = {"tag": "tag", "ngay": "ngày", "nguon": "nguồn"}
"""Folded field name -> the name as the README spells it."""


@dataclass(slots=True)
class Report:
    """Problems found while reading one file (mutable only while reading)."""

    path: Path
    """The file, as shown in messages."""
    problems: list[Problem] = field(default_factory=list)
    """Errors: the issue cannot be built."""
    anchors: set[str] = field(default_factory=set)
    """Element ids handed out so far, to keep them unique."""

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def warn(self, line: int, message: str) -> None:
        log.warning("%s", Problem(self.path, line, message))

    def anchor(self, wanted: str) -> str:
        result, n = wanted, 2
        while result in self.anchors:
            result, n = f"{wanted}-{n}", n + 1
        self.anchors.add(result)
        return result


@dataclass(slots=True)
class Block:
    """One top-level Markdown block with its tokens and 0-based line range."""

    tokens: list[Token]
    start: int
    end: int

    @property
    def kind(self) -> str:
        return self.tokens[0].type

    @property
    def is_comment(self) -> bool:
        return self.kind == "html_block" and self.tokens[0].content.lstrip().startswith("<!--")


@dataclass(slots=True)
class ItemBlock:
    """The blocks under one ``##`` heading."""

    title: str
    line: int
    blocks: list[Block]


def split_blocks(tokens: list[Token], lines: list[str], report: Report) -> list[ItemBlock]:
    """Group top-level blocks under their ``##`` heading. ``#`` headings only organise the file."""
    items: list[ItemBlock] = []
    current: ItemBlock | None = None
    for block in top_blocks(tokens):
        if block.kind == "heading_open" and block.tokens[0].tag in ("h1", "h2"):
            current = None
            if block.tokens[0].tag == "h2":
                current = ItemBlock(block.tokens[1].content.strip(), block.start + 1, [])
                items.append(current)
        elif current is not None:
            current.blocks.append(block)
        elif not block.is_comment:
            report.warn(block.start + 1, "đoạn này nằm ngoài mọi tin (trước tiêu đề \"## \" đầu tiên) nên sẽ không được in")
    return items


def top_blocks(tokens: list[Token]) -> list[Block]:
    """The top-level blocks of ``tokens``, each with its tokens and line range."""
    blocks: list[Block] = []
    depth = 0
    for tok in tokens:
        if depth == 0 and tok.map:
            blocks.append(Block([], tok.map[0], tok.map[1]))
        if blocks:
            blocks[-1].tokens.append(tok)
        depth += tok.nesting
    return blocks


def build_item(ib: ItemBlock, week: tuple[date, date], folder: Path, lines: list[str], report: Report,
               roles: Mapping[str, str | None]) -> Item:
    """Check one item and build it. Problems go to ``report``; a usable Item is always returned.

    ``roles`` maps each configured tag to its part's role: items of the ``trend`` part need no
    date or source."""
    blocks = [b for b in ib.blocks if not b.is_comment]
    marked = next((b for b in ib.blocks if b.is_comment and DRAFT_MARKER in b.tokens[0].content), None)
    fields = _fields(blocks[0], report) if blocks and is_field_list(blocks[0]) else {}
    if fields:
        blocks = blocks[1:]
    elif blocks:
        _glued_bullets(blocks[0], report)
    tag = _tag(fields, ib.line, report, roles)
    published = bool(tag)
    trend = roles.get(tag) == "trend"
    if published and marked is not None:
        report.warn(marked.start + 1, "tin này vẫn là bản nháp tự động: hãy biên tập rồi xóa dòng "
                    f"{DRAFT_MARKER} (giữ dòng đó thì tin vẫn được in)")
    day = _day(fields, week, ib.line, report, required=published and not trend)
    sources = _sources(fields, ib.line, report, required=published and not trend)
    for b in blocks:
        if b.kind == "html_block":
            report.warn(b.start + 1, "mã HTML không được dùng trong bản tin; nó sẽ được in ra như chữ thường")
        elif b.kind == FIGURES:
            for line, message in read_figures(b.tokens, 0)[1]:
                report.error(line + 1, message)
        check_inline(b.tokens, b.start, report.error, report.warn)
    lead_at = next((n for n, b in enumerate(blocks) if b.kind == "paragraph_open" and not _lone_image(b)), None)
    if not ib.title:
        report.error(ib.line, 'tin thiếu tiêu đề sau "## "')
    if published and lead_at is None:
        report.error(ib.line, "tin thiếu đoạn mở đầu (sapo): một đoạn văn ngay sau các dòng tag/ngày/nguồn")
    lead = _source(blocks[lead_at:lead_at + 1], lines) if lead_at is not None else ""
    rest = blocks[:lead_at] + blocks[lead_at + 1:] if lead_at is not None else blocks
    label = f"{day_label(day)} {ib.title}" if day else ib.title
    anchor = report.anchor(("xu-huong-" if trend else "tin-") + slugify(label, 50))
    sections = _sections(rest, anchor, report)
    if trend and not sections:
        report.error(ib.line, 'phần tổng kết xu hướng cần các mục con "### Xu hướng chung của cả nước", "### Điểm sáng tại ..."')
    return Item(title=ib.title, tag=tag, day=day, sources=sources, lead=lead, body=_source(rest, lines),
                images=_images(blocks, folder, report), sections=sections, anchor=anchor, line=ib.line)


def is_field_list(block: Block) -> bool:
    """True for a bullet list meant as an item's tag/ngày/nguồn lines: every line reads
    ``name: value``, or at least two lines start with a field's name (one of them may lack its
    colon: :func:`_fields` then says so, rather than the item silently losing its tag)."""
    if block.kind != "bullet_list_open":
        return False
    inlines = [t for t in block.tokens if t.type == "inline"]
    if inlines and all(":" in t.content and len(t.content.split(":")[0]) < 20 for t in inlines):
        return True
    return sum(_field_name(t.content) is not None for t in inlines) >= 2


def _glued_bullets(block: Block, report: Report) -> None:
    """``-tag: local`` (no space after the dash) is a paragraph, not a list: say so, rather than let
    the item silently lose its tag, date and source."""
    if block.kind != "paragraph_open":
        return
    for n, text in enumerate(block.tokens[1].content.splitlines()):
        if text[:1] in "-*+" and _field_name(text[1:]):
            report.error(block.start + n + 1, f'dòng "{text.strip()}" thiếu dấu cách sau "{text[0]}"; '
                                              f'hãy viết "{text[0]} {text[1:].strip()}"')


def _field_name(line: str) -> str | None:
    """The folded field name a line starts with (``ngày 27/4``, ``tag: local``), or None."""
    words = line.replace(":", " ").split(maxsplit=1)
    return fold(words[0]) if words and fold(words[0]) in FIELDS else None


def _fields(block: Block, report: Report) -> dict[str, tuple[str, int, Token]]:
    found: dict[str, tuple[str, int, Token]] = {}
    for tok in block.tokens:
        if tok.type != "inline":
            continue
        line = tok.map[0] + 1 if tok.map else block.start + 1
        name, colon, value = tok.content.partition(":")
        key = fold(name)
        if not colon:
            known = _field_name(tok.content)
            example = f"- {FIELDS[known]}: …" if known else "- tên: giá trị"
            report.error(line, f'dòng "{tok.content.strip()}" thiếu dấu hai chấm; hãy viết "{example}"')
            if known:  # read it anyway, so that the item is not also said to lack this line
                found.setdefault(known, ((tok.content.split(maxsplit=1)[1:] or [""])[0].strip(), line, tok))
        elif key not in FIELDS:
            hint = did_you_mean(key, FIELDS)
            report.error(line, f'dòng "{name.strip()}:" không hợp lệ; mỗi tin chỉ có các dòng: {", ".join(FIELDS.values())}.{hint}')
        elif key in found:
            report.error(line, f'dòng "{FIELDS[key]}:" bị lặp lại trong cùng một tin')
        else:
            found[key] = (value.strip(), line, tok)
    return found


def _tag(fields: dict, line: int, report: Report, roles: Mapping[str, str | None]) -> str:
    value, at, _ = fields.get("tag", ("", line, None))
    tag = value.strip().lower()
    if tag and tag not in roles:
        hint = did_you_mean(tag, list(roles))
        report.error(at, f'tag "{value}" không hợp lệ; chỉ được dùng: {", ".join(roles)} (để trống nếu chưa chọn tin).{hint}')
        return ""
    return tag


def _day(fields: dict, week: tuple[date, date], line: int, report: Report, required: bool) -> date | None:
    value, at, _ = fields.get("ngay", ("", line, None))
    if not value:
        if required:
            report.error(at, 'tin thiếu dòng "- ngày: 27/4" (ngày đăng, nằm trong tuần của số bản tin)')
        return None
    try:
        day = read_day(value, week)
    except NoSuchDay as exc:
        report.error(at, f'ngày "{value}" không có thật: {exc}')
        return None
    except ValueError:
        report.error(at, f'ngày "{value}" không đúng dạng; hãy viết ngày/tháng, ví dụ 27/4 hoặc 03/5/2026')
        return None
    if required and not week[0] <= day <= week[1]:
        report.error(at, f"ngày {value} nằm ngoài tuần của số bản tin ({week[0]:%d/%m/%Y} - {week[1]:%d/%m/%Y})")
    return day


def read_day(value: str, week: tuple[date, date]) -> date:
    """The date of a ``- ngày:`` value in an issue of ``week`` ("29/12" in a week that ends in
    January is last year's). Raises ``ValueError`` (:class:`NoSuchDay` for a date that does not exist)."""
    day = parse_day(value, week[1].year)
    if day > week[1] and value.count("/") != 2:
        day = day.replace(year=day.year - 1)
    return day


def _lone_image(block: Block) -> bool:
    kids = [c for c in (block.tokens[1].children or []) if c.type != "softbreak" and (c.type != "text" or c.content.strip())]
    return len(kids) == 1 and kids[0].type == "image"


def resolve_image(ref: str, folder: Path, line: int, report: Report) -> Path | None:
    """Resolve an image reference against the issue's folder; it must stay inside that folder."""
    candidate = (folder / ref).resolve()
    where = f"thư mục {report.path.parent}/" if str(report.path.parent) != "." else "thư mục chứa tệp này"
    if "://" in ref or ref.startswith("/") or not candidate.is_relative_to(folder.resolve()):
        report.error(line, f'ảnh "{ref}" phải là tệp nằm trong {where} (ví dụ 16/anh-1.jpg)')
        return None
    if not candidate.is_file():
        close = similar_file(ref, candidate)
        hint = f'. Có phải ý bạn là "{close}"? (tên tệp phân biệt chữ hoa, chữ thường và phần đuôi)' if close else ""
        report.error(line, f'không tìm thấy ảnh "{ref}" (đường dẫn tính từ {where}){hint}')
        return None
    return candidate


def _images(blocks: list[Block], folder: Path, report: Report) -> tuple[Image, ...]:
    images = []
    for block in blocks:
        for tok in block.tokens:
            for kid in tok.children or []:
                if kid.type != "image":
                    continue
                line = (tok.map[0] if tok.map else block.start) + 1
                ref = str(kid.attrGet("src"))
                path = resolve_image(ref, folder, line, report)
                if path:
                    images.append(Image(path=path, ref=ref, caption=kid.content.strip(),
                                        credit=str(kid.attrGet("title") or "").strip(), line=line))
    return tuple(images)


def _sections(blocks: list[Block], anchor: str, report: Report) -> tuple[Section, ...]:
    return tuple(
        Section(title=b.tokens[1].content.strip(), anchor=report.anchor(section_anchor(anchor, b.tokens[1].content)),
                line=b.start + 1)
        for b in blocks if b.kind == "heading_open" and b.tokens[0].tag == "h3"
    )


def section_anchor(item_anchor: str, heading: str) -> str:
    """Base id of a ``###`` heading inside an item (made unique by the reader)."""
    return f"{item_anchor}--{slugify(heading, 40)}"


def heading_ids(item: Item) -> Callable[[str], str]:
    """Ids for an item's ``###`` headings met in document order, as the reader handed them out.

    Two headings that read alike get distinct ids, the same in every edition."""
    pending = list(item.sections)

    def next_id(text: str) -> str:
        for n, section in enumerate(pending):
            if section.title == text.strip():
                return pending.pop(n).anchor
        return section_anchor(item.anchor, text)

    return next_id


def _source(blocks: list[Block], lines: list[str]) -> str:
    """The Markdown source of ``blocks``, exactly as written, separated by blank lines."""
    return "\n\n".join("\n".join(lines[b.start:b.end]).strip("\n") for b in blocks)
