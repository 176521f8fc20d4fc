"""The desk's HTTP side, on the real preview server over a scratch copy of the sample: what the page
carries, what a button may do, and what is refused (no token, a foreign Host, a stale page, nonsense)."""
from __future__ import annotations

import hashlib

import httpx
import pytest

from bulletin.preview.guard import TOKEN_HEADER

from .helpers import FIXTURES, Inspector, read_tsv
from .collect_support import server  # noqa: F401  (fixture)
from .preview_support import preview_build, scratch  # noqa: F401  (fixtures)

REFUSALS = read_tsv(FIXTURES / "preview" / "desk_refusals.tsv", 3)
CANDIDATE = 483
"""The heading line of the sample's first candidate."""


def post(served, path: str, data, token: str | None = "", host: str = "", raw: bytes = b"") -> httpx.Response:
    headers = {TOKEN_HEADER: served.session.token if token == "" else token} if token is not None else {}
    if host:
        headers["Host"] = host
    with httpx.Client(base_url=served.url, timeout=20) as client:
        return client.post(path, content=raw, headers=headers) if raw else client.post(path, json=data, headers=headers)


def digest(served) -> str:
    return hashlib.sha256(served.issue.read_bytes()).hexdigest()


def test_the_page_lists_the_candidates_with_the_files_hash(scratch):
    with httpx.Client(base_url=scratch.url, timeout=20) as client:
        page = client.get("/desk")
    assert page.status_code == 200 and "default-src 'self'" in page.headers["content-security-policy"]
    html = Inspector(page.text)
    assert [a["data-line"] for a in html.find("tr") if a.get("data-line")][:4] == ["483", "491", "499", "507"]
    assert html.find("div", id="desk-data")[0]["data-digest"] == digest(scratch)
    assert html.find("a", href="/desk")[0].get("aria-current") == "page"
    assert "<script>" not in page.text and " style=" not in page.text  # the page's CSP forbids both


@pytest.mark.parametrize(("case", "status", "fragment"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_a_button_that_cannot_apply_changes_nothing(scratch, case, status, fragment):
    before = scratch.issue.read_bytes()
    good = {"kind": "tag", "line": CANDIDATE, "digest": digest(scratch), "tag": "national"}
    port = scratch.url.rsplit(":", 1)[1].strip("/")
    response = {
        "no token": lambda: post(scratch, "/desk/action", good, token=None),
        "wrong token": lambda: post(scratch, "/desk/action", good, token="x"),
        "foreign host": lambda: post(scratch, "/desk/action", good, host=f"evil.example:{port}"),
        "stale page": lambda: post(scratch, "/desk/action", {**good, "digest": "0" * 64}),
        "unknown button": lambda: post(scratch, "/desk/action", {**good, "kind": "delete-all"}),
        "line as text": lambda: post(scratch, "/desk/action", {**good, "line": "483"}),
        "not an item": lambda: post(scratch, "/desk/action", {**good, "line": 484}),
        "unknown tag": lambda: post(scratch, "/desk/action", {**good, "tag": "quoc-te"}),
        "a list": lambda: post(scratch, "/desk/action", [1, 2]),
        "not json": lambda: post(scratch, "/desk/action", None, raw=b"kind=reject&line=483"),
        "nothing to undo": lambda: post(scratch, "/desk/undo", {}),
    }[case]()
    assert response.status_code == int(status), response.text
    json = response.headers["content-type"].startswith("application/json")
    assert fragment in (response.json()["message"] if json else response.text)
    assert scratch.issue.read_bytes() == before


def test_a_rejection_and_its_undo_over_http(scratch):
    before = scratch.issue.read_bytes()
    answer = post(scratch, "/desk/action", {"kind": "reject", "line": CANDIDATE, "digest": digest(scratch)}).json()
    assert answer["ok"] and answer["undo"] and "Ứng dụng khoa học công nghệ" not in scratch.issue.read_text(encoding="utf-8")
    assert answer["digest"] == digest(scratch)
    back = post(scratch, "/desk/undo", {}).json()
    assert back["ok"] and back["line"] == CANDIDATE and scratch.issue.read_bytes() == before
    assert not post(scratch, "/desk/undo", {}).json()["ok"]  # only once


@pytest.mark.expect_log_warnings  # the collected issue is a draft until the editor sets its theme
def test_hostile_feed_text_reaches_the_desk_as_text(tmp_path, preview_build, server):  # noqa: F811
    from bulletin.collect import collect

    from .collect_support import request, sources
    from .preview_support import preview, sample_copy
    project = sample_copy(tmp_path)
    assert collect(request(project, sources(server, ["Trang lạ", "VnExpress"]))).added
    with preview(project, preview_build, 17) as served, httpx.Client(base_url=served.url, timeout=20) as client:
        page = client.get("/desk").text
    html = Inspector(page)
    assert [a["src"] for a in html.find("script")] == ["/static/preview.js", "/static/desk.js"]
    assert not [a for _, a in html.tags if any(k.startswith("on") for k in a)]
    assert not [a for a in html.find("a") if (a.get("href") or "").startswith("javascript")]
    assert not html.find("iframe") and not html.find("img")
    assert 'data-title="# Tiêu đề giả về AI"' in page  # the collector dropped the script; the desk shows the title's text
