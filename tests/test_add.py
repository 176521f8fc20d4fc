"""``make add N=17 URL=…``: pasted links become drafted candidates; a link the issue already holds is
refused with its place (file:line); a hand-written stub is filled by ``make collect`` byte-for-byte."""
from __future__ import annotations

import difflib
import re

import pytest

from bulletin.cli import main
from bulletin.collect import collect
from bulletin.collect.issuefile import open_issue
from bulletin.collect.session import state_db
from bulletin.collect.store import Store
from bulletin.config import FeedSource, load_settings
from bulletin.curate.actions import Action, apply
from bulletin.curate.sheet import read_sheet

from .article_support import ARTICLES, HTML, REALWORLD, site  # noqa: F401
from .collect_support import request
from .feedserver import FEEDS, Route
from .helpers import FIXTURES, read_tsv
from .test_make import make

ISSUE = ("issues", "2026", "17.md")


def _urls(site) -> tuple[str, str]:
    return site.url("/bai/vnexpress-like.html"), site.url("/bai/chinhphu-like.html")


def test_make_add_appends_each_page_then_refuses_a_link_already_there(project, site):
    first, second = _urls(site)
    config = str(project / "sources.yaml")
    run = make("add", "N=17", f"URL={first} {second}?utm_source=zalo&utm_medium=share", f"CONFIG={config}",
               "ALLOW_PRIVATE=127.0.0.1")
    assert run.returncode == 0, run.stderr
    path = project.joinpath(*ISSUE)
    text = path.read_text(encoding="utf-8")
    assert "## Hải Phòng thử nghiệm trạm quan trắc chất lượng không khí tự động\n" in text
    assert text.count("<!-- bulletin: bản nháp tự động, hãy biên tập -->") == 2
    assert "thêm 2/2 tin ứng viên" in run.stdout
    before = path.read_bytes()
    again = make("add", "N=17", f"URL={first}#binh-luan", f"CONFIG={config}", "ALLOW_PRIVATE=127.0.0.1")
    assert again.returncode != 0 and path.read_bytes() == before
    place = re.search(r"địa chỉ này đã có trong số bản tin, ở (issues/2026/17\.md):(\d+)", again.stderr)
    assert place, again.stderr
    assert first in text.splitlines()[int(place.group(2)) - 1]


def test_an_unreadable_page_is_named_and_nothing_is_written(project, site, capsys):
    code = main(["add", "17", site.url("/bai/403.html"), "--allow-private", "127.0.0.1"])
    assert code == 1
    assert "không đọc được trang: HTTP 403" in capsys.readouterr().err
    assert not project.joinpath(*ISSUE).exists()


@pytest.mark.expect_log_warnings  # make check: the issue is still a draft (nothing tagged)
def test_collect_fills_hand_written_stubs_without_changing_a_byte_the_editor_wrote(project, site):
    site.routes["/feed.rss"] = Route(file="../stubs/empty.rss")
    path = project.joinpath(*ISSUE)
    path.parent.mkdir(parents=True, exist_ok=True)
    mine = (FIXTURES / "stubs" / "collect-17.md").read_text(encoding="utf-8").replace("http://{server}", site.url(""))
    path.write_bytes(mine.encode("utf-8"))
    feeds = (FeedSource("Feed trống", site.url("/feed.rss"), "national", True, (), ()),)
    result = collect(request(project, feeds, articles=True))
    assert result.filled == 2 and result.added == 0
    after = path.read_text(encoding="utf-8")
    steps = difflib.SequenceMatcher(None, mine, after, autojunk=False).get_opcodes()
    assert {op for op, *_ in steps} == {"equal", "insert"}, "only insertions"
    first, second, blocked = after.split("\n## ")[1:]
    assert first.startswith("Trạm quan trắc không khí (biên tập viên tự đặt tiêu đề)\n- nguồn: [VnExpress](")
    assert "\n- ngày: 06/5\n\n<!-- bulletin: bản nháp tự động, hãy biên tập -->\n\nThành phố lắp 12 trạm" in first
    assert '"Ảnh: Lê Tân (VnExpress)")' in first and (path.parent / "17").is_dir()
    assert second.count("- ngày:") == 1 and "<!-- bulletin: bản nháp tự động" in second
    assert blocked == ("Trang bị chặn: để nguyên\n- nguồn: [Báo Mẫu](" + site.url("/bai/403.html") + ")\n\n"
                       "<!-- bulletin: chưa đọc được trang (HTTP 403); đã thử 1 lần, sẽ thử lại từ 10:00 ngày 11/05/2026 -->\n")
    again = collect(request(project, feeds, articles=True))
    assert again.filled == 0 and path.read_text(encoding="utf-8") == after
    assert sum(1 for p, _h in site.requests if p == "/bai/403.html") == 1, "not asked again before its time"
    assert main(["check", "17"]) == 0


def test_a_pasted_page_from_an_unknown_host_is_named_as_the_page_names_its_site(project, site, capsys):
    expected = dict(read_tsv(REALWORLD / "site-names.tsv", 2))
    for page in expected:
        path = REALWORLD / page if (REALWORLD / page).is_file() else FEEDS / "realworld" / page
        site.routes[f"/bai/{page}"] = Route(body=path.read_bytes(), content_type=HTML)
    urls = [site.url(f"/bai/{page}") for page in expected]
    assert main(["add", "17", *urls, "--allow-private", "127.0.0.1"]) == 0, capsys.readouterr().err
    written = re.findall(r"^- nguồn: \[(.*)\]\((.*)\)$", project.joinpath(*ISSUE).read_text(encoding="utf-8"), re.M)
    assert {url.rsplit("/", 1)[1]: name for name, url in written} == expected


def test_make_add_refuses_a_link_the_editor_rejected_on_the_desk_unless_forced(project, site):
    first, _second = _urls(site)
    config = [f"CONFIG={project / 'sources.yaml'}", "ALLOW_PRIVATE=127.0.0.1"]
    assert make("add", "N=17", f"URL={first}", *config).returncode == 0
    path = project.joinpath(*ISSUE)
    sheet = read_sheet(open_issue(path, 17, 2026))
    (row,) = [r for r in sheet.rows if r.sources and r.sources[0].url == first]
    apply(path, Action("reject", row.line, sheet.digest), load_settings(project / "sources.yaml").publication)
    before = path.read_bytes()
    assert first not in before.decode("utf-8")
    pasted = f"{first}?utm_source=zalo"
    again = make("add", "N=17", f"URL={pasted}", *config)
    assert (again.returncode, path.read_bytes()) == (1, before), again.stderr
    assert again.stderr.splitlines()[-1] == (
        f"Không thêm {pasted}: tin này đã bị loại ở số 17/2026 (“{row.title}”); nếu vẫn muốn thêm, chạy lại lệnh "
        "với FORCE=1 (make add) hoặc --force (bulletin add)")
    assert again.stdout.splitlines()[-1] == "issues/2026/17.md: thêm 0/1 tin ứng viên."
    forced = make("add", "N=17", f"URL={pasted}", "FORCE=1", *config)
    assert forced.returncode == 0, forced.stderr
    assert path.read_bytes().startswith(before) and f"## {row.title}\n" in path.read_text(encoding="utf-8")
    with Store(state_db(project / ".state")) as store:
        assert [r for r in store.rejected() if first in r.link] == [], "the rejection is forgotten"
