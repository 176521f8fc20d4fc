"""``bulletin preview``'s server on 127.0.0.1: what it serves, and what it refuses (foreign Host headers,
requests without the session token, paths outside the edition's files)."""
from __future__ import annotations

import re
import time

import httpx
import pytest
from PIL import Image

from bulletin.config import load_settings
from bulletin.editions import write_web
from bulletin.images import prepare_all
from bulletin.preview.guard import TOKEN_HEADER
from bulletin.preview.render import image_cache
from bulletin.reader import read_issue

from .helpers import FIXTURES, read_tsv
from .preview_support import preview, preview_build, sample_copy, scratch  # noqa: F401  (fixtures)

PATHS = read_tsv(FIXTURES / "preview" / "paths.tsv", 2)


@pytest.fixture(scope="module")
def running(tmp_path_factory, preview_build):
    """One server for the tests that change nothing on disk."""
    with preview(sample_copy(tmp_path_factory.mktemp("preview")), preview_build) as served:
        yield served


@pytest.fixture
def client(running):
    with httpx.Client(base_url=running.url, timeout=10) as http:
        yield http


@pytest.mark.parametrize(("path", "status"), PATHS, ids=[p for p, _ in PATHS])
def test_only_the_editions_files_are_served(running, path, status):
    # A raw request line: httpx would tidy "../" away before sending it.
    with httpx.Client(timeout=10) as http:
        request = http.build_request("GET", running.url)
        request.url = request.url.copy_with(raw_path=path.encode())
        response = http.send(request)
    assert response.status_code == int(status), response.text[:200]
    if response.status_code == 404:
        assert "sources" not in response.text and "passwd" not in response.text


@pytest.mark.parametrize(("host", "status"), [
    ("127.0.0.1:{port}", 200), ("localhost:{port}", 200), ("127.0.0.1", 200),
    ("evil.example:{port}", 400), ("127.0.0.1.evil.example:{port}", 400), ("localhost.evil.example", 400),
    ("192.168.1.10:{port}", 400), ("", 400),
])
def test_a_foreign_host_header_is_refused(client, running, host, status):
    """A site whose name an attacker re-points at 127.0.0.1 (DNS rebinding) sends its own name as Host."""
    port = running.url.rsplit(":", 1)[1].strip("/")
    for path in ("/", "/edition/diem-tin-2026-16.html", "/fragments"):
        response = client.get(path, headers={"Host": host.format(port=port)})
        assert response.status_code == status, (host, path)
    if status == 400:  # even with the token (a valid Host with the token starts a build: see below)
        response = client.post("/pdf", headers={"Host": host.format(port=port), TOKEN_HEADER: running.session.token})
        assert response.status_code == 400


@pytest.mark.parametrize("token", [None, "", "wrong", "{token}x", "{token_upper}"])
def test_a_request_that_changes_something_needs_the_session_token(client, running, token):
    headers = {} if token is None else {TOKEN_HEADER: token.format(token=running.session.token,
                                                                   token_upper=running.session.token.upper())}
    response = client.post("/pdf", headers=headers)
    assert response.status_code == 403
    assert "mã phiên" in response.text
    assert running.session.snapshot.pdf.state == "idle"


def test_with_the_token_the_pdf_button_is_heard_and_refuses_a_file_with_errors(scratch):
    text = scratch.issue.read_text(encoding="utf-8")
    scratch.issue.write_text(text.replace("- tag: national", "- tag: nationl", 1), encoding="utf-8")
    with httpx.Client(base_url=scratch.url, timeout=10) as client:
        _wait(client, lambda state: "data-problems" in state["banner"])
        response = client.post("/pdf", headers={TOKEN_HEADER: scratch.session.token})
        assert response.status_code == 202
        state = _wait(client, lambda state: 'data-state="failed"' in state["panel"])
    assert "đang có lỗi" in state["panel"]


def test_the_page_carries_the_token_and_the_edition(client, running):
    page = client.get("/")
    assert page.status_code == 200
    assert f'<meta name="bulletin-token" content="{running.session.token}">' in page.text
    assert 'src="/edition/diem-tin-2026-16.html"' in page.text
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    edition = client.get("/edition/diem-tin-2026-16.html")
    assert "script-src 'none'" in edition.headers["content-security-policy"]
    assert edition.headers["cache-control"] == "no-store"
    picture = client.get("/edition/" + next(iter(running.session.snapshot.good.pictures)))
    assert picture.headers["content-type"] == "image/jpeg"
    assert picture.headers["cache-control"] == "private, max-age=3600", "named by its content: kept across reloads"


@pytest.mark.expect_log_warnings  # the HTML in the title is warned about, as make check does
def test_the_edition_is_the_html_edition_byte_for_byte_and_escapes_hostile_text(tmp_path, preview_build):
    (tmp_path / "project").mkdir()
    project = sample_copy(tmp_path / "project")
    issue_file = project / "issues" / "2026" / "16.md"
    text = issue_file.read_text(encoding="utf-8")
    issue_file.write_text(text.replace("## ", '## Tin <script>alert("x")</script> & <b>đậm</b> ', 1), encoding="utf-8")
    with preview(project, preview_build) as running, httpx.Client(base_url=running.url, timeout=10) as http:
        served = http.get("/edition/diem-tin-2026-16.html").text
    settings = load_settings(project / "sources.yaml")
    issue = read_issue(issue_file, settings.publication)
    prepared = prepare_all(issue.images, ("web",), image_cache(preview_build))["web"]
    built = write_web(issue, prepared, (tmp_path / "web")).read_text(encoding="utf-8")
    assert served == built
    assert "<script>" not in served and "&lt;script&gt;alert(" in served


@pytest.mark.parametrize("base_url", ["", "https://sokhcn.haiphong.gov.vn/diem-tin/"])
def test_the_edition_s_archive_link_leads_to_a_note_with_the_way_back(tmp_path, preview_build, base_url):
    """Without a published address the edition links to ../../index.html, which the preview answers with a
    note (in the edition's frame) and a link back; with one, the note names it (the page opens it in a new tab)."""
    project = sample_copy(tmp_path)
    settings = project / "sources.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("  base_url: https://sokhcn.haiphong.gov.vn/diem-tin/\n",
                                     f"  base_url: {base_url}\n" if base_url else ""), encoding="utf-8")
    with preview(project, preview_build) as running, httpx.Client(base_url=running.url, timeout=10) as http:
        edition = http.get("/edition/diem-tin-2026-16.html")
        archive = re.search(r'<a href="([^"]*)">← Kho lưu trữ các số</a>', edition.text).group(1)
        target = edition.url.join(archive)
        assert str(target) == (base_url or f"{running.url.rstrip('/')}/index.html")
        note = http.get("/index.html")
        back = re.search(r'<a href="([^"]*)">← Quay lại số 16/2026</a>', note.text).group(1)
        assert (note.status_code, http.get(back).text) == (200, edition.text)
    assert "Bản xem trước chỉ có số đang soạn" in note.text and "frame-ancestors 'self'" in note.headers["content-security-policy"]
    assert (f'<a href="{base_url}" target="_blank"' in note.text) == bool(base_url)


def _wait(client, ready, seconds: float = 10.0) -> dict:
    """Poll the fragments until ``ready(state)``; the file watcher re-renders in the background."""
    import time

    deadline = time.monotonic() + seconds
    while True:
        state = client.get("/fragments").json()
        if ready(state) or time.monotonic() > deadline:
            assert ready(state), state
            return state
        time.sleep(0.05)


def test_a_change_to_the_settings_or_a_picture_re_renders(scratch):
    """Not only the issue file: sources.yaml (a part's title) and a picture of the issue are watched too."""
    settings = scratch.issue.parents[2] / "sources.yaml"
    with httpx.Client(base_url=scratch.url, timeout=10) as client:
        _wait(client, lambda state: "Phần 2: Tin trong nước" in state["panel"])
        settings.write_text(settings.read_text(encoding="utf-8").replace("Tin trong nước", "Tin cả nước", 1), encoding="utf-8")
        _wait(client, lambda state: "Phần 2: Tin cả nước" in state["panel"])
        edition = client.get("/fragments").json()["edition"]
        picture = scratch.issue.parent / "16" / "bia.jpg"
        Image.new("RGB", (1600, 1000), (200, 40, 40)).save(picture, quality=90)
        _wait(client, lambda state: state["edition"] > edition)
    assert "Phần 2: Tin cả nước" in client_get(scratch, "/edition/diem-tin-2026-16.html")


def test_the_watcher_covers_the_templates_and_the_settings_folder(running):
    from bulletin.preview.watch import roots
    from bulletin.render.html import TEMPLATES

    deep, flat = roots(running.session)
    assert deep == (running.issue.parent, TEMPLATES)
    assert flat == (running.issue.parents[2],)


def client_get(running, path: str) -> str:
    with httpx.Client(base_url=running.url, timeout=10) as client:
        return client.get(path).text


def test_the_server_loads_the_pdf_renderer_before_the_button_is_pressed(tmp_path, preview_build):
    """WeasyPrint, the print fonts and stylesheets are loaded as the server starts: the PDF button
    then finds them parsed (the cache of parsed stylesheets is filled with no build asked for)."""
    from bulletin.render.pdf import _styles

    _styles.cache_clear()
    with preview(sample_copy(tmp_path), preview_build) as served:
        deadline = time.monotonic() + 30
        while _styles.cache_info().currsize == 0:
            assert time.monotonic() < deadline, "the PDF renderer was not loaded in the background"
            time.sleep(0.05)
        assert served.session.snapshot.pdf.state == "idle", "no PDF was asked for"
    assert _styles.cache_info().misses == 1
