"""Issue files built from the readable trend fixtures (tests/fixtures/trend/)."""
from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

from bulletin.config import load_settings
from bulletin.project import Project
from bulletin.reader import read_issue
from bulletin.record import common_digest, issue_record
from bulletin.text import day_label

from .helpers import FIXTURES, ROOT, read_tsv

TREND = FIXTURES / "trend"


def rows(name: str) -> list[tuple[str, ...]]:
    """The rows of a fixture table in tests/fixtures/trend/ (comments left out)."""
    return read_tsv(TREND / name)


def week_rows() -> list[dict[str, str]]:
    """The fixture week's items: part, subject, day, title, lead, body."""
    keys = ("part", "subject", "day", "title", "lead", "body")
    return [dict(zip(keys, row, strict=True)) for row in rows("week.tsv")]


def item(tag: str, day: str, title: str, lead: str, body: str = "", n: int = 0) -> str:
    url = f"https://example.vn/tin-{n}-{abs(hash(title)) % 10**8}.html"
    text = f"## {title}\n- tag: {tag}\n- ngày: {day}\n- nguồn: [Báo Mẫu]({url})\n\n{lead}\n"
    return text + (f"\n{body}\n" if body else "")


def issue_text(number: int, start: date, items: list[str], trend: str = "") -> str:
    end = start + timedelta(days=6)
    head = (f"---\nsố: {number}\nnăm: {end.year}\ntuần: {day_label(start)}/{start.year} - {day_label(end)}/{end.year}\n"
            f"chủ đề: Tuần thử nghiệm số {number}\n---\n\n# Tin đã chọn\n\n")
    return head + trend + "\n".join(items) + "\n# Tin ứng viên\n"


def new_project(tmp: Path) -> Path:
    """A project folder with the shipped settings and no issue."""
    shutil.copy(ROOT / "sources.yaml", tmp / "sources.yaml")
    (tmp / "issues" / "2026").mkdir(parents=True)
    return tmp


def week_project(tmp: Path) -> Path:
    """The fixture week as issue 19/2026 (4/5–10/5/2026); returns the issue file."""
    items = [item(r["part"], r["day"], r["title"], r["lead"], r["body"], n) for n, r in enumerate(week_rows())]
    path = new_project(tmp) / "issues" / "2026" / "19.md"
    path.write_text(issue_text(19, date(2026, 5, 4), items), encoding="utf-8")
    return path


def archive_project(tmp: Path) -> Path:
    """Twelve issues whose subject counts are those of archive.tsv; returns the project folder."""
    header, *table = rows("archive.tsv")
    root = new_project(tmp)
    for row in table:
        number = int(row[0])
        items, n = [], 0
        for subject, count in zip(header[1:], row[1:], strict=True):
            for _ in range(int(count)):
                n += 1
                items.append(item("national", "06/1", f"{subject[:1].upper()}{subject[1:]}: tin {n}",
                                  f"{subject[:1].upper()}{subject[1:]} được nhắc đến trong tin này.", n=n))
        start = date(2026, 1, 5) + timedelta(weeks=number - 1)
        items = [i.replace("- ngày: 06/1", f"- ngày: {day_label(start + timedelta(days=1))}") for i in items]
        (root / "issues" / "2026" / f"{number:02d}.md").write_text(issue_text(number, start, items), encoding="utf-8")
    return root


def record_digests(root: Path) -> dict[Path, str]:
    """Each issue file of the project at ``root``, oldest first, with its build record's digest (what the
    site hands the trend page)."""
    settings = load_settings(root / "sources.yaml")
    common = common_digest(settings.path)
    return {i.path: issue_record(read_issue(i.path, settings.publication), common, None, 0).digest
            for i in Project(root).all_issues()}
