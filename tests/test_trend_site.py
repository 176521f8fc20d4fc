"""The archive's "Xu hướng" page and the issue page's week chart."""
from __future__ import annotations

from bulletin.config import load_settings
from bulletin.reader import read_issue
from bulletin.site.trends import render_trends, trend_series
from bulletin.trend.archive import cached_counts
from bulletin.trend.subjects import subjects
from bulletin.trend.chart import week_chart

from .helpers import ROOT, Inspector
from .trend_support import archive_project, record_digests, rows


def test_series_equal_the_archive_fixture(tmp_path):
    root = archive_project(tmp_path)
    settings = load_settings(root / "sources.yaml")
    followed = subjects(settings.keywords)
    found = cached_counts(record_digests(root), settings.publication, followed, tmp_path / "cache")
    charted, up, down = trend_series(found, followed)
    header, *table = rows("archive.tsv")
    expected = {name: tuple((f"{int(r[0]):02d}/2026", int(r[n])) for r in table) for n, name in enumerate(header) if n}
    assert {s.name: s.points for s in charted} == expected
    assert [s.name for s in charted] == sorted(expected, key=lambda k: -sum(c for _, c in expected[k]))
    assert [c.subject for c in up] == ["chuyển đổi số", "năng lượng hạt nhân"]
    assert [c.subject for c in down] == ["an ninh mạng", "bán dẫn", "khởi nghiệp"]


def test_trends_page_has_a_chart_and_a_table_per_subject(tmp_path):
    root = archive_project(tmp_path)
    settings = load_settings(root / "sources.yaml")
    html = render_trends(settings, record_digests(root), tmp_path / "cache")
    page = Inspector(html)
    sections = page.find("section", **{"class": "trend"})
    assert len(sections) == 5
    assert html.count('<svg class="chart"') == 5 and html.count("<table>") == 5
    assert html.count('<th scope="row">') == 5 * 12
    assert "chuyển đổi số: 12 tin, trung bình 4 số trước: 5" in html
    assert len(list((tmp_path / "cache").iterdir())) == 12


def test_trends_page_reads_an_issue_again_only_when_its_record_digest_changes(tmp_path):
    """The page's cache keys on the build record (one digest for editions, archive and trends)."""
    root = archive_project(tmp_path)
    settings = load_settings(root / "sources.yaml")
    digests = record_digests(root)
    html = render_trends(settings, digests, tmp_path / "cache")
    newest = root / "issues" / "2026" / "12.md"
    text = newest.read_text(encoding="utf-8")
    newest.write_text(text[:text.index("\n## ")] + "\n# Tin ứng viên\n", encoding="utf-8")  # no item left
    assert render_trends(settings, digests, tmp_path / "cache") == html, "same digest: the counts are not read again"
    changed = render_trends(settings, {**digests, newest: record_digests(root)[newest]}, tmp_path / "cache")
    assert "chuyển đổi số: 0 tin" in changed and "chuyển đổi số: 12 tin" not in changed


def test_issue_page_chart_counts_items_per_part(settings):
    issue = read_issue(ROOT / "issues" / "2026" / "16.md", settings.publication)
    svg = week_chart(issue)
    for part in issue.parts:
        if part.items and part.role != "trend":
            assert f"{part.title}: {len(part.items)}" in svg
    assert svg.count("<svg") == 2 and svg.count('role="img" aria-label="') == 2
