"""An issue's name, "<bulletin> số <label>", never doubles "số" (tests/fixtures/issue_names.tsv)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from bulletin.reader import read_issue

from .helpers import FIXTURES, ROOT, read_tsv


@pytest.fixture(scope="module")
def sample(settings):
    return read_issue(ROOT / "issues" / "2026" / "16.md", settings.publication)


@pytest.mark.parametrize("title, expected", read_tsv(FIXTURES / "issue_names.tsv", columns=2))
def test_the_name_never_doubles_so(sample, title, expected):
    issue = replace(sample, publication=replace(sample.publication, title=title))
    assert issue.name == expected
    assert issue.line("{title} số {label}") == expected, "a label format joins the name the same way"
    assert issue.line("{title} số {number} tuần từ {week}") == expected.replace("16/2026", "16 tuần từ 27/4-03/5/2026")
