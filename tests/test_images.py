"""Preparing pictures for several editions at once: one decode, every variant, cached."""
from __future__ import annotations

from PIL import Image as PILImage

from bulletin.images import box, prepare, prepare_all
from bulletin.model import Image

from .helpers import make_photo


def test_prepare_all_gives_every_variant_of_every_picture(tmp_path):
    refs = []
    for n, size in enumerate([(4000, 3000), (3000, 4000), (800, 600)]):
        path = make_photo(tmp_path / f"{n}.jpg", size=size, exif_orientation=6 if n == 0 else None)
        refs.append(Image(path=path, ref=f"{n}.jpg", caption="", credit="", line=n + 1))
    cache = tmp_path / "cache"
    done = prepare_all(refs, ("web", "print"), cache)
    assert set(done) == {"web", "print"} and all(set(v) == {"0.jpg", "1.jpg", "2.jpg"} for v in done.values())
    rotated = done["web"]["0.jpg"]
    assert (rotated.width, rotated.height) == (900, 1200), "EXIF orientation 6 turns a landscape photo upright"
    for variant in ("web", "print"):
        for prepared in done[variant].values():
            with PILImage.open(prepared.path) as picture:
                assert picture.size == (prepared.width, prepared.height) and picture.mode == "RGB"
                assert picture.width <= box(variant)[0] and picture.height <= box(variant)[1]
    assert done["print"]["2.jpg"].width == 800, "small pictures are never enlarged"
    assert prepare(refs[1], "print", cache) == done["print"]["1.jpg"], "the single-picture call hits the same cache"
