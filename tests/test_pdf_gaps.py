"""Blank space at the foot of PDF pages: pictures that do not fit are shrunk a little or let the
text that follows them fill the space (bulletin/render/fit.py).

The measure runs on the shipped sample: on every page that does not end a part (or the cover, or
the MỤC LỤC), the space between the last line or picture and the bottom of the text area must stay
under :data:`GAP_LIMIT_MM`.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bulletin.config import load_settings
from bulletin.editions import _pdf_inputs, pdf_layout
from bulletin.images import prepare_all
from bulletin.reader import read_issue
from bulletin.render.fit import defer_figures, page_gaps
from bulletin.render import pdf
from bulletin.render.pdf import layout, page_of_anchors

from .helpers import ROOT, copy_sample_issues

GAP_LIMIT_MM = 50.0
"""About a fifth of the 255 mm text height. The sample left up to 88 mm (a third of the page)
before pictures were fitted, and leaves about 45 mm after."""


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gaps")
    shutil.copy(ROOT / "sources.yaml", tmp / "sources.yaml")
    copy_sample_issues(tmp)
    issue = read_issue(tmp / "issues" / "2026" / "16.md", load_settings(tmp / "sources.yaml").publication)
    cache = tmp / "cache"
    images = prepare_all(issue.images, ("print",), cache)["print"]
    return issue, images, (issue.path.parent, cache)


def _worst(document) -> tuple[float, int]:
    gaps = [(g.gap_mm, g.page) for g in page_gaps(document) if not g.ends_part]
    return max(gaps)


def test_no_page_inside_a_part_ends_with_a_large_blank_space(sample):
    issue, images, roots = sample
    worst, page = _worst(pdf_layout(issue, images, roots))
    assert worst <= GAP_LIMIT_MM, f"page {page}: {worst:.1f} mm blank at the foot"


def test_the_measure_sees_the_gaps_pictures_leave_when_not_fitted(sample):
    """Without fitting, the sample's worst page is over the limit: the measure can fail."""
    issue, images, roots = sample
    worst, _ = _worst(layout(issue, *_pdf_inputs(issue, images, roots)))
    assert worst > GAP_LIMIT_MM


FIGURE = '<figure class="photo"><img src="{}" alt=""><figcaption>x</figcaption></figure>\n'


@pytest.mark.parametrize(("deferred", "expected"), [
    ({"a.jpg": 1}, "<h3>t</h3>\n<p>one</p>\n" + FIGURE.format("a.jpg") + "<p>two</p>\n" + FIGURE.format("b.jpg") + "<h3>u</h3>\n"),
    ({"a.jpg": 2}, "<h3>t</h3>\n<p>one</p>\n<p>two</p>\n" + FIGURE.format("a.jpg") + FIGURE.format("b.jpg") + "<h3>u</h3>\n"),
    ({"b.jpg": 1}, "<h3>t</h3>\n" + FIGURE.format("a.jpg") + "<p>one</p>\n<p>two</p>\n" + FIGURE.format("b.jpg") + "<h3>u</h3>\n"),
])
def test_a_deferred_figure_moves_after_the_paragraphs_that_fill_the_gap(deferred, expected):
    """Only paragraphs move in front of a figure, never a heading; other figures stay put."""
    html = "<h3>t</h3>\n" + FIGURE.format("a.jpg") + "<p>one</p>\n<p>two</p>\n" + FIGURE.format("b.jpg") + "<h3>u</h3>\n"
    assert defer_figures(html, deferred) == expected


def test_a_remembered_fitting_decision_lays_the_edition_out_once_with_the_same_pages(sample, tmp_path, monkeypatch):
    """The build cache keeps the decision for this exact print HTML: building it again (``--force``,
    the preview's PDF button) lays it out once, and every heading lands on the same page."""
    issue, images, roots = sample
    first = pdf_layout(issue, images, roots, memo=tmp_path)
    layouts = []
    monkeypatch.setattr(pdf, "layout", lambda *args, **kw: layouts.append(1) or layout(*args, **kw))
    again = pdf_layout(issue, images, roots, memo=tmp_path)
    assert len(layouts) == 1
    assert (len(again.pages), page_of_anchors(again)) == (len(first.pages), page_of_anchors(first))
    assert _worst(again)[0] <= GAP_LIMIT_MM
