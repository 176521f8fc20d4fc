"""The shipped ``sources.yaml`` lists only feeds that others found working, each with its status."""
from __future__ import annotations

import re

from .conftest import ROOT
from .feedserver import FEEDS
from .helpers import read_tsv

DIRECTORY = {row[1]: row[3] for row in read_tsv(FEEDS / "feeds-directory.tsv", 5) if len(row) > 3 and row[0] != "outlet"}
"""URL -> verdict, from the shared directory of Vietnamese feeds (copied as a fixture)."""


def _entries() -> list[tuple[str, str, bool, str]]:
    """(name, url, enabled, the comment right above the entry) for every source."""
    text = (ROOT / "sources.yaml").read_text(encoding="utf-8")
    block = text[text.index("\nsources:\n"):]
    found = []
    for m in re.finditer(r"((?:^  #[^\n]*\n)*)^  - name: ([^\n]+)\n    url: (\S+)\n(?:    [^\n]*\n)*?    enabled: (\w+)",
                         block, re.M):
        comment = " ".join(line.strip("# ") for line in m.group(1).splitlines())
        status = re.search(r"(?:Đã đối chiếu|Chưa xác minh:|Chưa đối chiếu được|Tắt:).*", comment)
        comment = status.group(0) if status else comment  # a group title ("Hải Phòng") may come first
        found.append((m.group(2), m.group(3), m.group(4) == "true", comment))
    return found


def test_every_source_states_its_status():
    entries = _entries()
    assert len(entries) == (ROOT / "sources.yaml").read_text(encoding="utf-8").count("\n  - name: ")
    for name, url, enabled, comment in entries:
        if not enabled:
            assert comment.startswith("Tắt:") and len(comment) > 30, name
            continue
        verdict = DIRECTORY.get(url, "")
        corroborated = verdict.startswith("corroborated") and "STALE" not in verdict or "live-verified" in verdict
        unverified = comment.startswith("Chưa xác minh:") and len(comment) > 40
        assert corroborated or unverified, (name, url, verdict)
        assert comment.startswith(("Đã đối chiếu", "Chưa xác minh:", "Chưa đối chiếu được")), name


def test_no_enabled_source_uses_a_url_scheme_known_to_answer_404():
    for name, url, enabled, _comment in _entries():
        assert not (enabled and url.startswith("https://vietnamnet.vn/rss/")), name
