"""The project on disk: where its issue files are, how one is read, and how a path is shown.

A project is the folder holding ``sources.yaml`` and ``issues/<year>/<NN>.md``. Paths in
messages are shown relative to the project root, whatever the working directory is: that is
what an editor recognises (``issues/2026/16.md:12``). Re-basing them on the working directory,
if ever wanted, is the command line's business.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import BulletinError, IssueFormatError, IssueNotFound, Problem
from .text import clean, today

UTF8_HINT = "tệp phải được lưu với mã UTF-8 (trong trình soạn thảo: Save with Encoding → UTF-8)"
"""What an editor is told when a file is not UTF-8."""


@dataclass(frozen=True, slots=True)
class IssueRef:
    """One ``issues/<year>/<NN>.md`` of the project (not read yet)."""

    year: int
    """The year folder."""
    number: int
    """The number in the file name."""
    path: Path
    """The file (absolute)."""


@dataclass(frozen=True, slots=True)
class Text:
    """A text file as the library reads it: UTF-8, NFC, ``\\n`` line ends, no XML-illegal characters."""

    text: str
    """The cleaned text."""
    removed: tuple[tuple[int, tuple[str, ...]], ...]
    """(1-based line, removed characters as ``U+XXXX``) for every line that lost a control character."""


class Project:
    """The project rooted at ``root``."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        """The project folder (absolute)."""

    def __repr__(self) -> str:
        return f"Project({str(self.root)!r})"

    @classmethod
    def around(cls, path: Path) -> Project:
        """The project a file belongs to, judged from where it lies: ``<root>/issues/<year>/<NN>.md``
        belongs to ``<root>``; any other file to its own folder."""
        path = Path(path).resolve()
        if path.parent.parent.name == "issues" and path.parent.name.isdigit():
            return cls(path.parent.parent.parent)
        return cls(path.parent)

    @property
    def issues_folder(self) -> Path:
        """``<root>/issues``."""
        return self.root / "issues"

    def shown(self, path: Path) -> Path:
        """``path`` as messages show it: relative to the project root when inside it."""
        try:
            return Path(path).resolve().relative_to(self.root)
        except ValueError:
            return Path(path)

    def issue_path(self, number: int, year: int | None = None) -> Path:
        """The file of issue ``number``: the existing one, or where a new one goes.

        Without a year: the latest year that has issues, or the year after it when ``number`` is not
        above that year's latest issue and does not exist there (issue 1 after issue 52).
        """
        issues = self.all_issues()
        if year is None:
            last_year, last_number = (issues[-1].year, issues[-1].number) if issues else (today().year, 0)
            here = any((i.year, i.number) == (last_year, number) for i in issues)
            year = last_year if here or number > last_number else last_year + 1
        for entry in issues:
            if (entry.year, entry.number) == (year, number):
                return entry.path
        return self.issues_folder / str(year) / f"{number:02d}.md"

    def previous_issue(self, year: int, number: int) -> IssueRef | None:
        """The latest issue before (``year``, ``number``)."""
        earlier = [i for i in self.all_issues() if (i.year, i.number) < (year, number)]
        return earlier[-1] if earlier else None

    def all_issues(self) -> list[IssueRef]:
        """Every ``issues/<year>/<NN>.md``, oldest first."""
        found = [IssueRef(int(p.parent.name), int(p.stem), p)
                 for p in self.issues_folder.glob("[0-9][0-9][0-9][0-9]/*.md") if p.stem.isdigit()]
        return sorted(found, key=lambda i: (i.year, i.number))

    def find_issue(self, number: int, year: int | None = None) -> Path:
        """The existing file of issue ``number``; without a year, in the newest year that has it."""
        found = [i for i in self.all_issues() if i.number == number and year in (None, i.year)]
        if not found:
            where = f"issues/{year}/" if year else "issues/<năm>/"
            raise IssueNotFound(f"không tìm thấy số {number}: cần tệp {where}{number:02d}.md", number, year)
        return found[-1].path

    def read_text(self, path: Path, raw: bytes | None = None) -> Text:
        """Read (or take ``raw``) and decode a text file, or raise :class:`IssueFormatError` naming it."""
        if raw is None:
            try:
                raw = Path(path).read_bytes()
            except FileNotFoundError:
                raise IssueFormatError([Problem(self.shown(path), 0, "không tìm thấy tệp số bản tin này")]) from None
        return decode(raw, self.shown(path))


def decode(raw: bytes, shown: Path) -> Text:
    """UTF-8 (a byte-order mark allowed) -> :class:`Text`; a wrong encoding names the first bad line."""
    try:
        decoded = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise IssueFormatError([Problem(shown, line, UTF8_HINT)]) from None
    lines, removed = [], []
    for number, line in enumerate(decoded.replace("\r\n", "\n").split("\n"), 1):
        cleaned, gone = clean(line)
        if gone:
            removed.append((number, tuple(gone)))
        lines.append(cleaned)
    return Text("\n".join(lines), tuple(removed))


def shown(path: Path) -> Path:
    """``path`` as messages show it, relative to the project it lies in (see :meth:`Project.around`)."""
    return Project.around(path).shown(path)
