"""``Project``: finding, listing and reading issue files, and how paths are shown — never
relative to the working directory (no test here changes it)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bulletin.errors import BulletinError, IssueFormatError
from bulletin.project import Project, shown

from .helpers import FIXTURES, ROOT, read_tsv


def _layouts() -> list[tuple[str, ...]]:
    return read_tsv(FIXTURES / "project" / "layout.tsv")


def _project(tmp: Path, files: str) -> Project:
    for name in files.split(","):
        (tmp / "issues" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp / "issues" / name).write_text("---\n", encoding="utf-8")
    return Project(tmp)


@pytest.mark.parametrize("files, number, year, found, placed", _layouts())
def test_find_and_place_an_issue(tmp_path, files, number, year, found, placed):
    project = _project(tmp_path, files)
    chosen = int(year) if year else None
    assert project.issue_path(int(number), chosen) == tmp_path / placed
    if found == "-":
        with pytest.raises(BulletinError, match=f"không tìm thấy số {number}: cần tệp issues/"):
            project.find_issue(int(number), chosen)
    else:
        assert project.find_issue(int(number), chosen) == tmp_path / found


def test_all_issues_are_listed_oldest_first_with_year_and_number(tmp_path):
    project = _project(tmp_path, "2026/02.md,2025/52.md,2026/10.md,2026/ghi-chu.md")
    assert [(i.year, i.number, i.path.relative_to(tmp_path).as_posix()) for i in project.all_issues()] == [
        (2025, 52, "issues/2025/52.md"), (2026, 2, "issues/2026/02.md"), (2026, 10, "issues/2026/10.md")]


def test_paths_are_shown_relative_to_the_project_not_the_working_directory(tmp_path):
    inside = tmp_path / "issues" / "2026" / "16.md"
    assert Project(tmp_path).shown(inside) == Path("issues/2026/16.md")
    assert Project(tmp_path / "issues").shown(tmp_path / "khac.md") == tmp_path / "khac.md"
    assert shown(inside) == Path("issues/2026/16.md"), "an issue file belongs to the project above issues/"
    assert shown(tmp_path / "loose.md") == Path("loose.md")
    assert Project(tmp_path / "a" / "..").root == tmp_path.resolve()


def test_reading_decodes_utf8_with_bom_and_crlf_and_reports_removed_characters(tmp_path):
    path = tmp_path / "issues" / "2026" / "16.md"
    path.parent.mkdir(parents=True)
    path.write_bytes("\ufeffdòng một\r\nHoa\u0300 \x08bình\r\n".encode("utf-8"))
    text = Project(tmp_path).read_text(path)
    assert text.text == "dòng một\nHoà bình\n"
    assert text.removed == ((2, ("U+0008",)),)


@pytest.mark.parametrize("raw, line", [(b"---\nok\n\xff\xfe\n", 3), (b"\xc3", 1)])
def test_a_file_that_is_not_utf8_names_its_first_bad_line(tmp_path, raw, line):
    path = tmp_path / "issues" / "2026" / "16.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(raw)
    with pytest.raises(IssueFormatError) as raised:
        Project(tmp_path).read_text(path)
    assert str(raised.value) == (f"issues/2026/16.md:{line}: tệp phải được lưu với mã UTF-8 "
                                 "(trong trình soạn thảo: Save with Encoding → UTF-8)")


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(IssueFormatError, match=r"^issues/2026/16.md: không tìm thấy tệp số bản tin này$"):
        Project(tmp_path).read_text(tmp_path / "issues" / "2026" / "16.md")


def test_the_library_prints_nothing_when_the_program_configures_no_logging(tmp_path):
    """A warning (a control character dropped) goes to the ``bulletin`` logger's NullHandler, not to
    Python's last-resort stderr handler."""
    path = tmp_path / "issues" / "2026" / "16.md"
    path.parent.mkdir(parents=True)
    path.write_text((FIXTURES / "issues" / "basic.md").read_text(encoding="utf-8").replace("Đường sắt", "Đường\x08 sắt"),
                    encoding="utf-8")
    code = ("import logging, sys; from pathlib import Path; from bulletin.config import load_settings; "
            "from bulletin.reader import read_issue; {clear}"
            f"read_issue(Path(sys.argv[1]), load_settings(Path({str(ROOT / 'sources.yaml')!r})).publication)")
    quiet, loud = (subprocess.run([sys.executable, "-c", code.format(clear=clear), str(path)],
                                  capture_output=True, text=True, check=True)
                   for clear in ("", "logging.getLogger('bulletin').handlers.clear(); "))
    assert quiet.stderr == "" and quiet.stdout == ""
    assert "U+0008" in loud.stderr, "without the NullHandler the same warning reaches stderr"
