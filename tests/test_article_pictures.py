"""Lead pictures: only JPEG, PNG and WebP (converted), checked by Pillow; bombs, SVG, tracking
pixels, logos and oversized files are left out with a reason (real server on 127.0.0.1)."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from bulletin.collect.article import read_pictures
from bulletin.collect.model import Article

from .article_support import ARTICLES, FAST, served_picture, site  # noqa: F401
from .helpers import read_tsv


@pytest.mark.parametrize("spec, outcome", [pytest.param(spec, outcome, id=case)
                                           for case, spec, outcome in read_tsv(ARTICLES / "pictures.tsv", 3)])
def test_each_picture_is_kept_or_left_out_with_a_reason(site, spec, outcome):
    path, route = served_picture(spec)
    site.routes[path] = route
    article = Article(site.url("/bai/x.html"), title="Tin", text="Nội dung.", picture_url=site.url(path))
    (got,) = read_pictures([article], FAST).values()
    if outcome.startswith("→ "):
        suffix, size = outcome[2:].split()
        assert got.picture is not None and got.picture_failure == "", got.picture_failure
        assert (got.picture.suffix, f"{got.picture.width}x{got.picture.height}") == (suffix, size)
        with Image.open(io.BytesIO(got.picture.data)) as image:  # the bytes are what the suffix says
            assert image.format == {".jpg": "JPEG", ".png": "PNG"}[suffix] and image.size == (got.picture.width, got.picture.height)
    else:
        assert got.picture is None and outcome in got.picture_failure, got.picture_failure
