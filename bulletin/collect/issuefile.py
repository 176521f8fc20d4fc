"""The issue file as the collector sees it: where it is, its week, what it already holds,
and where new candidates go. A missing file gets front matter for the week after the previous issue.

Reading the week parses only the front matter; :func:`scan` parses the whole file, and a run
calls it only when some item might be new (a long file costs seconds to parse)."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ..errors import IssueFormatError, Problem
from ..frontmatter import PLACEHOLDER_THEME, parse_front_matter
from ..markdown import parse, parser, plain
from ..model import PartSpec
from ..project import Project, shown
from ..text import day_label, fold, today
from .urls import canonical

CANDIDATE_HEADING = "Tin ứng viên"
"""The level-1 heading of the candidate area."""
ID_NOTE = re.compile(r"<!--\s*bulletin:\s*id=([0-9a-f]{6,40})")
"""The collector's note on a candidate, ``<!-- bulletin: id=… gợi ý: … -->``; group 1 is the id."""


@dataclass(frozen=True, slots=True)
class IssueFile:
    """One issue file at the start of a run: its bytes and its week (front matter only)."""

    path: Path
    """``issues/<year>/<NN>.md``."""
    week: tuple[date, date]
    """First and last day of the issue's week."""
    raw: bytes
    """The file's bytes at the start of the run (for a new file: the front matter to write)."""
    exists: bool
    """False when the run creates the file."""


@dataclass(frozen=True, slots=True)
class Contents:
    """What the whole file holds, and where new candidates go (one full Markdown parse)."""

    ids: frozenset[str]
    """Ids in ``<!-- bulletin: id=… -->`` comments anywhere in the file."""
    links: tuple[str, ...]
    """Every link in the file."""
    titles: tuple[str, ...]
    """Every ``##`` title in the file, as plain text."""
    insert_at: int
    """Byte offset where new candidates go: the end of the candidate area."""
    needs_heading: bool
    """True when the file has no ``# Tin ứng viên`` heading yet."""
    texts: tuple[str, ...] = ()
    """The text of every ``##`` item (its paragraphs, as plain text), to recognise a story retold."""


def open_issue(path: Path, number: int, year: int, parts: Sequence[PartSpec] = ()) -> IssueFile:
    """Read the existing file's bytes and week, or prepare a new one (guided by the ``parts``)."""
    if path.is_file():
        raw = path.read_bytes()
        return IssueFile(path=path, week=_week(path, _decode(path, raw)), raw=raw, exists=True)
    week = _next_week(Project.around(path), year, number)
    text = new_file_text(number, year, week, parts)
    return IssueFile(path=path, week=week, raw=text.encode("utf-8"), exists=False)


def new_file_text(number: int, year: int, week: tuple[date, date], parts: Sequence[PartSpec] = ()) -> str:
    """Front matter, the allowed tags, a commented skeleton of the trend item, and the two level-1
    headings of a new issue file."""
    start, end = week
    span = f"{day_label(start)}/{start.year} - {day_label(end)}/{end.year}"
    tags = "; ".join(f"{p.tag} ({p.title})" for p in parts)
    guide = (f"<!-- Gắn tag cho từng tin ở dòng \"- tag:\". Các tag được dùng: {tags}. "
             "Tin để trống tag là tin ứng viên, không được in. -->\n\n") if parts else ""
    return (f"---\nsố: {number}\nnăm: {year}\ntuần: {span}\n"
            f"chủ đề: {PLACEHOLDER_THEME}  # biên tập viên: viết chủ đề của số này\n---\n\n"
            f"{guide}# Tin đã chọn\n\n{_trend_skeleton(start, end)}\n# {CANDIDATE_HEADING}\n\n"
            "<!-- Bộ thu thập tin (make collect) thêm tin mới vào đây. Gắn tag cho tin nào thì tin đó được in. -->\n")


def _trend_skeleton(start: date, end: date) -> str:
    """The trend item as the sample writes it, inside a comment (it prints nothing until uncommented)."""
    return ("<!-- Mẫu tin tổng kết xu hướng: xóa dòng này và dòng đóng chú thích ở cuối khối, rồi viết nội dung.\n"
            "## Tổng kết xu hướng khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và khởi nghiệp "
            f"(tuần từ {day_label(start)} - {day_label(end)}/{end.year})\n- tag: trend\n\n"
            "Đoạn mở đầu: bối cảnh của tuần và các chủ đề lớn.\n\n"
            "### 1. Xu hướng chung của cả nước\n\n**Chủ đề thứ nhất:** nội dung.\n\n"
            "### 2. Điểm sáng tại địa phương\n\n**Chủ đề thứ nhất:** nội dung.\n-->\n")


def _next_week(project: Project, year: int, number: int) -> tuple[date, date]:
    previous = project.previous_issue(year, number)
    if previous is None:
        monday = today() - timedelta(days=today().weekday())
        return monday, monday + timedelta(days=6)
    start, end = _week(previous.path, _decode(previous.path, previous.path.read_bytes()))
    shift = timedelta(weeks=number - previous.number if previous.year == year else 1)
    return start + shift, end + shift


def _decode(path: Path, raw: bytes) -> str:
    return Project.around(path).read_text(path, raw).text


_FENCE = re.compile(r"^-{3,}[ \t]*$", re.M)


def _week(path: Path, text: str) -> tuple[date, date]:
    """The week from the front matter; only the front matter is parsed (the file may be long)."""
    closing = _FENCE.search(text, text.find("\n") + 1) if text.startswith("---") else None
    head = text[: closing.end()] if closing else text
    tokens = parser().parse(head)
    where = shown(path)
    if not tokens or tokens[0].type != "front_matter":
        raise IssueFormatError([Problem(where, 1, 'tệp phải bắt đầu bằng phần đầu giữa hai dòng "---" (số, năm, tuần, chủ đề)')])
    front, problems = parse_front_matter(tokens[0].content, 2)
    if problems or not front.week:
        raise IssueFormatError([Problem(where, line, message) for line, message in problems])
    return front.week


def scan(issue: IssueFile) -> Contents:
    """Ids, links and titles in the file, and the end of its candidate area."""
    text = _decode(issue.path, issue.raw)
    tokens = parse(text, shown(issue.path))  # never a truncated view of the file
    links = tuple(str(kid.attrGet("href")) for tok in tokens if tok.type == "inline"
                  for kid in tok.children or [] if kid.type == "link_open")
    titles = tuple(plain(tokens[n + 1].content) for n, tok in enumerate(tokens)
                   if tok.type == "heading_open" and tok.tag == "h2")
    line, has_heading = _candidate_area_end(tokens, text.count("\n") + 1)
    return Contents(ids=frozenset(ID_NOTE.findall(text)), links=links, titles=titles, texts=_item_texts(tokens),
                    insert_at=_offset(issue.raw, line), needs_heading=not has_heading)


def _item_texts(tokens: list) -> tuple[str, ...]:
    """Plain text of the paragraphs under each ``##`` heading (up to the next ``#``/``##``)."""
    texts: list[list[str]] = []
    inside = False
    for n, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.tag in ("h1", "h2"):
            inside = tok.tag == "h2"
            texts += [[]] if inside else []
        elif inside and tok.type == "inline" and tokens[n - 1].type == "paragraph_open" and not tokens[n - 1].hidden:
            texts[-1].append(plain(tok.content))
    return tuple(" ".join(parts) for parts in texts if parts)


_ADDRESS = re.compile(r"https?://[^\s<>()\[\]\"'`]+", re.I)


def addresses(issue: IssueFile) -> dict[str, int]:
    """Every http(s) address written in the file (links, bare addresses, comments), by canonical
    form -> the 1-based line where it first appears."""
    found: dict[str, int] = {}
    for number, line in enumerate(_decode(issue.path, issue.raw).splitlines(), 1):
        for match in _ADDRESS.finditer(line):
            found.setdefault(canonical(match.group(0).rstrip(".,;:!?")), number)
    found.pop("", None)
    return found


@dataclass(frozen=True, slots=True)
class Span:
    """One ``##`` item of the file as bytes: from its heading to the next ``#``/``##`` heading."""

    title: str
    """The heading as plain text."""
    line: int
    """1-based line of the heading."""
    start: int
    """Byte offset of the heading line."""
    end: int
    """Byte offset just past the item (the next heading's line, or the end of the file)."""
    text: str
    """The item's text (decoded, line endings as in the file)."""


def item_spans(issue: IssueFile) -> list[Span]:
    """Every ``##`` item of the file with its byte range, in file order."""
    tokens = parser().parse(_decode(issue.path, issue.raw))
    heads = [(n, tok.map[0]) for n, tok in enumerate(tokens)
             if tok.type == "heading_open" and tok.tag in ("h1", "h2") and tok.map]
    starts = line_starts(issue.raw)
    spans = []
    for k, (n, line) in enumerate(heads):
        if tokens[n].tag != "h2":
            continue
        start = starts[min(line, len(starts) - 1)]
        end = starts[min(heads[k + 1][1], len(starts) - 1)] if k + 1 < len(heads) else len(issue.raw)
        spans.append(Span(plain(tokens[n + 1].content), line + 1, start, end,
                          issue.raw[start:end].decode("utf-8", errors="replace")))
    return spans


def _candidate_area_end(tokens: list, line_count: int) -> tuple[int, bool]:
    """0-based line where the candidate area ends (the next ``#`` heading, or the end of the file)."""
    inside = found = False
    for n, tok in enumerate(tokens):
        if tok.type != "heading_open" or tok.tag != "h1" or not tok.map:
            continue
        if inside:
            return tok.map[0], True
        if fold(plain(tokens[n + 1].content)) == fold(CANDIDATE_HEADING):
            inside = found = True
    return line_count, found


def line_starts(raw: bytes) -> list[int]:
    """Byte offset of the start of every line (0-based), then the end of the file."""
    starts = [0]
    found = raw.find(b"\n")
    while found >= 0:
        starts.append(found + 1)
        found = raw.find(b"\n", found + 1)
    if starts[-1] != len(raw):
        starts.append(len(raw))
    return starts


def _offset(raw: bytes, line: int) -> int:
    """Byte offset of the start of 0-based ``line`` (the end of the file past the last line)."""
    offset = 0
    for _ in range(line):
        found = raw.find(b"\n", offset)
        if found < 0:
            return len(raw)
        offset = found + 1
    return offset
