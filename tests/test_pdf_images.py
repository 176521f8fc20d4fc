"""Pictures are prepared once with Pillow: orientation, colour, size, bombs refused, cached."""
from __future__ import annotations

import os
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from PIL import Image as PILImage

from bulletin.cli import main
from bulletin.errors import BulletinError
from bulletin.images import MAX_PIXELS, PictureError, box, prepare
from bulletin.model import Image

from .helpers import FIXTURES, make_photo, read_tsv, scratch_project


def picture(path: Path, line: int = 12) -> Image:
    return Image(path=path, ref=f"16/{path.name}", caption="Ảnh thử", credit="", line=line)


def pixel(prepared, x: float, y: float) -> tuple[int, int, int]:
    with PILImage.open(prepared.path) as done:
        assert done.mode == "RGB"
        return done.getpixel((int(x * (done.width - 1)), int(y * (done.height - 1))))


def close(actual, expected, tolerance=40) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected))


def test_exif_orientation_is_applied(tmp_path):
    source = make_photo(tmp_path / "xoay.jpg", size=(1600, 1000), exif_orientation=6)
    prepared = prepare(picture(source), "print", tmp_path / "cache")
    assert prepared.height > prepared.width, "a landscape file tagged 'rotate 90°' prints as portrait"


def test_cmyk_becomes_rgb_with_the_same_colour(tmp_path):
    source = tmp_path / "cmyk.jpg"
    PILImage.new("CMYK", (800, 600), (0, 230, 230, 0)).save(source, quality=95)
    prepared = prepare(picture(source), "print", tmp_path / "cache")
    red, green, blue = pixel(prepared, 0.5, 0.5)
    assert red > 200 and green < 60 and blue < 60, (red, green, blue)


@pytest.mark.parametrize("mode", ["RGBA", "LA", "P"])
def test_transparency_is_flattened_on_white(tmp_path, mode):
    canvas = PILImage.new("RGBA", (600, 400), (0, 0, 0, 0))
    canvas.paste((20, 60, 160, 255), (300, 0, 600, 400))
    source = tmp_path / f"trong-suot-{mode}.png"
    if mode == "P":
        canvas.convert("P", palette=PILImage.Palette.ADAPTIVE).save(source, transparency=0)
        with PILImage.open(source) as saved:
            assert "transparency" in saved.info
    else:
        canvas.convert(mode).save(source)
    prepared = prepare(picture(source), "web", tmp_path / "cache")
    assert close(pixel(prepared, 0.1, 0.5), (255, 255, 255), 8), "transparent area is white, not black"
    assert not close(pixel(prepared, 0.9, 0.5), (255, 255, 255), 60), "opaque area keeps its colour"


def _png_header_only(path: Path, width: int, height: int) -> Path:
    """A PNG that claims ``width``×``height`` pixels (a decompression bomb's header)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))
    return path


@pytest.mark.parametrize(("width", "height"), [(10_000, 8_500), (40_000, 40_000)], ids=["over our limit", "Pillow's bomb"])
def test_decompression_bombs_are_refused_with_a_clear_message(tmp_path, width, height):
    assert width * height > MAX_PIXELS
    source = _png_header_only(tmp_path / "bom.png", width, height)
    with pytest.raises(PictureError) as caught:
        prepare(picture(source, line=27), "print", tmp_path / "cache")
    assert caught.value.line == 27 and str(caught.value).startswith('ảnh "16/bom.png" quá lớn (hơn 80 triệu điểm ảnh)')
    assert not (tmp_path / "cache").exists() or not list((tmp_path / "cache").iterdir())


def test_a_bomb_in_an_issue_stops_the_build_without_traceback(tmp_path, monkeypatch, capsys):
    text = (FIXTURES / "issues" / "basic.md").read_text(encoding="utf-8")
    issue = scratch_project(tmp_path, text.replace("Hành khách mua sớm", "![Ảnh quá lớn](16/bom.png)\n\nHành khách mua sớm"))
    (issue.parent / "16").mkdir()
    _png_header_only(issue.parent / "16" / "bom.png", 12_000, 9_000)
    monkeypatch.chdir(tmp_path)
    assert main(["issue", "16"]) == 1
    err = capsys.readouterr().err
    assert 'issues/2026/16.md:32: ảnh "16/bom.png" quá lớn' in err and "Traceback" not in err
    assert not (tmp_path / "build" / "2026-16").exists(), "nothing half-written"


def test_prepared_once_then_served_from_the_cache(tmp_path, caplog):
    source = make_photo(tmp_path / "a.jpg", size=(3000, 2000))
    first = prepare(picture(source), "print", tmp_path / "cache")
    stamp = first.path.stat().st_mtime_ns
    caplog.clear()
    again = prepare(picture(source), "print", tmp_path / "cache")
    assert again == first and first.path.stat().st_mtime_ns == stamp
    assert any("đã có sẵn" in r.getMessage() for r in caplog.records)
    make_photo(source, size=(3000, 2000), color=(200, 40, 40))
    changed = prepare(picture(source), "print", tmp_path / "cache")
    assert changed.path != first.path and first.path.exists()


def test_print_variant_is_about_200_dpi_at_its_largest_printed_size(tmp_path):
    width, height = box("print")
    assert (width, height) == (1339, 787), "170 × 100 mm (print.css: the column, the cover photo) at 200 dpi"
    wide = prepare(picture(make_photo(tmp_path / "rong.jpg", size=(4000, 2000))), "print", tmp_path / "cache")
    tall = prepare(picture(make_photo(tmp_path / "cao.jpg", size=(2000, 4000))), "print", tmp_path / "cache")
    assert wide.width == width and abs(wide.height - width / 2) <= 1
    assert tall.height == height and abs(tall.width - height / 2) <= 1
    small = prepare(picture(make_photo(tmp_path / "nho.jpg", size=(500, 300))), "print", tmp_path / "cache")
    assert (small.width, small.height) == (500, 300), "never enlarged"


def test_pictures_in_the_pdf_are_between_190_and_300_ppi(tmp_path, monkeypatch):
    text = (FIXTURES / "issues" / "basic.md").read_text(encoding="utf-8")
    text = text.replace("Hành khách mua sớm", '![Tàu khách](16/tau.jpg "Ảnh: minh họa")\n\nHành khách mua sớm')
    issue = scratch_project(tmp_path, text.replace("chủ đề: Xã hội số", "ảnh bìa: 16/bia.jpg\nchủ đề: Xã hội số"))
    make_photo(issue.parent / "16" / "tau.jpg", size=(4000, 2500))
    make_photo(issue.parent / "16" / "bia.jpg", size=(5000, 3000))
    monkeypatch.chdir(tmp_path)
    assert main(["issue", "16"]) == 0
    pdf = tmp_path / "build" / "2026-16" / "diem-tin-2026-16.pdf"
    rows = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert len(rows) == 2
    for row in rows:
        x_ppi, y_ppi = (int(v) for v in row.split()[12:14])
        assert 190 <= x_ppi <= 300 and 190 <= y_ppi <= 300, row
    assert os.path.getsize(pdf) < 600_000


BAD_PICTURES = read_tsv(FIXTURES / "bad_pictures.tsv", columns=3)


def _bad_picture(kind: str, path: Path) -> None:
    """Write a broken picture of the given kind (as the fixture table names it)."""
    if kind == "truncated-jpeg":  # what an interrupted copy leaves: the first third of a real photo
        whole = make_photo(path.with_suffix(".whole.jpg"), size=(2400, 1600)).read_bytes()
        path.write_bytes(whole[: len(whole) // 3])
    elif kind == "svg":
        path.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>')
    else:
        path.write_text(kind)


@pytest.mark.parametrize(("name", "kind", "expected"), BAD_PICTURES, ids=[row[1] for row in BAD_PICTURES])
def test_a_broken_picture_is_named_with_file_and_line(tmp_path, monkeypatch, capsys, name, kind, expected):
    """Checked with Pillow's LOAD_TRUNCATED_IMAGES off, although importing WeasyPrint turns it on."""
    import weasyprint  # noqa: F401  (sets ImageFile.LOAD_TRUNCATED_IMAGES = True)

    text = (FIXTURES / "issues" / "basic.md").read_text(encoding="utf-8")
    issue = scratch_project(tmp_path, text.replace("Hành khách mua sớm", f"![Ảnh]({name})\n\nHành khách mua sớm"))
    (issue.parent / "16").mkdir()
    _bad_picture(kind, issue.parent / name)
    monkeypatch.chdir(tmp_path)
    assert main(["issue", "16"]) == 1
    assert capsys.readouterr().err.strip().splitlines()[-1] == f"Lỗi: {expected}"
    assert not (tmp_path / "build" / "2026-16").exists(), "nothing half-written"
