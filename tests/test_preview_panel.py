"""The preview's side panel: counts per part, estimated PDF pages, and the warnings, on the sample and
on edits of it (cases in ``fixtures/preview/panel.tsv``)."""
from __future__ import annotations

import pytest
from PIL import Image

from bulletin.preview.render import render

from .helpers import FIXTURES, read_tsv
from .preview_support import preview_build, sample_copy  # noqa: F401  (fixture)

CASES = read_tsv(FIXTURES / "preview" / "panel.tsv", 4)


@pytest.fixture
def sample(tmp_path):
    project = sample_copy(tmp_path)
    Image.new("RGB", (480, 300), (40, 90, 160)).save(project / "issues" / "2026" / "16" / "nho.jpg", quality=85)
    return project


def _panel(project, out_root):
    return render(project / "sources.yaml", project / "issues" / "2026" / "16.md", out_root).panel


def test_the_samples_panel(sample, preview_build):  # noqa: F811
    panel = _panel(sample, preview_build)
    rows = read_tsv(FIXTURES / "preview" / "panel-sample.tsv", 3)
    assert [(p.label, str(p.items)) for p in panel.parts] == [(label, value) for kind, label, value in rows if kind == "part"]
    expected = {kind: int(value) for kind, _, value in rows if kind != "part"}
    assert (panel.candidates, panel.pages, len(panel.warnings)) == (expected["candidates"], expected["pages"], expected["warnings"])


@pytest.mark.expect_log_warnings  # make check's warnings are logged too
@pytest.mark.parametrize(("case", "old", "new", "warning"), CASES, ids=[c[0] for c in CASES])
def test_each_warning_names_its_line(sample, preview_build, case, old, new, warning):  # noqa: F811
    issue = sample / "issues" / "2026" / "16.md"
    text = issue.read_text(encoding="utf-8")
    old, new = old.replace("\\n", "\n"), new.replace("\\n", "\n")
    assert text.count(old) == 1, case
    issue.write_text(text.replace(old, new), encoding="utf-8")
    panel = _panel(sample, preview_build)
    assert [str(w) for w in panel.warnings] == [warning]
    if panel.warnings[0].line > 10:  # inside an item, not the front matter or the whole file
        assert panel.anchors[0].startswith("tin-"), "the panel links the warning to its item in the edition"
