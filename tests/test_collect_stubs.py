"""Items an editor started by hand (a title and a ``- nguồn:`` link): found, and filled by inserting
lines only. Cases live in ``fixtures/stubs/17.md`` with the expected stubs in ``17.tsv``."""
from __future__ import annotations

from pathlib import Path

import pytest

from bulletin.collect.issuefile import IssueFile, scan
from bulletin.collect.stubs import find_stubs, fill

from .helpers import FIXTURES, read_tsv

STUBS = FIXTURES / "stubs"
EXPECTED = read_tsv(STUBS / "17.tsv", 4)


def _issue(crlf: bool) -> IssueFile:
    raw = (STUBS / "17.md").read_bytes()
    return IssueFile(Path("issues/2026/17.md"), (None, None), raw.replace(b"\n", b"\r\n") if crlf else raw, True)


@pytest.mark.parametrize("crlf", [False, True], ids=["LF", "CRLF"])
def test_exactly_the_hand_written_stubs_are_found(crlf):
    found = find_stubs(_issue(crlf))
    assert [(s.title, str(s.line), s.url, "yes" if s.dated else "no") for s in found] == [tuple(r) for r in EXPECTED]


@pytest.mark.parametrize("crlf", [False, True], ids=["LF", "CRLF"])
def test_filling_inserts_lines_and_keeps_every_byte_the_editor_wrote(crlf):
    issue = _issue(crlf)
    contents = scan(issue)
    stubs = find_stubs(issue)
    filled, moved = fill(issue, contents, [(s, f"- ngày: 06/5\n\nĐoạn điền cho {s.title}.\n") for s in stubs])
    text = filled.raw.decode("utf-8")
    for stub in stubs:
        assert f"Đoạn điền cho {stub.title}." in text
    rest = filled.raw
    newline = b"\r\n" if crlf else b"\n"
    for stub in stubs:
        piece = f"- ngày: 06/5\n\nĐoạn điền cho {stub.title}.\n".encode().replace(b"\n", newline)
        rest = rest.replace(newline + piece, b"", 1) if rest.endswith(newline + piece) else rest.replace(piece, b"", 1)
    assert rest == issue.raw
    assert not crlf or b"\n" not in filled.raw.replace(b"\r\n", b"")  # the file's own line endings
    assert filled.raw[moved.insert_at:] == issue.raw[contents.insert_at:]
    assert not find_stubs(filled)  # filled once: a filled item is no longer a stub
