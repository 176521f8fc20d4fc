"""Prepare pictures once with Pillow: orientation, colour, size; cached by content hash (the build record's).

Two variants exist: ``web`` (for the HTML edition and the archive) and ``print`` (about 200 dpi at
the printed width on A4, for the PDF and DOCX). A decompression bomb is refused with a clear
message instead of eating the machine's memory, and a truncated file is refused even though
WeasyPrint sets Pillow's ``LOAD_TRUNCATED_IMAGES`` when it is imported (a truncated JPEG would
otherwise be printed two-thirds grey). Problems are :class:`PictureError` with the issue-file line.
"""
from __future__ import annotations

import logging
import os
import warnings
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageFile, ImageOps, UnidentifiedImageError

from .atomic import atomic_path
from .errors import BulletinError
from .model import Image
from .record import picture_hash

log = logging.getLogger(__name__)

MAX_PIXELS = 80_000_000
"""Larger images are refused as decompression bombs (a 10000×8000 photo is the most we take)."""

PRINT_DPI = 200
"""Resolution of the print variant at its largest printed size."""

PRINT_BOX_MM = (170, 100)
"""The largest a picture is printed (``print.css``): the 170 mm column, and 100 mm high (the cover
photo; body figures stop at 85 mm)."""

VARIANTS = {"web": (1200, 80), "print": (round(PRINT_BOX_MM[0] / 25.4 * PRINT_DPI), 82), "thumb": (480, 78)}
"""Variant -> (longest side in px, JPEG quality). The print variant also fits :data:`PRINT_BOX_MM`
at :data:`PRINT_DPI` (see :func:`box`)."""

_CACHE_VERSION = "4"  # 4: truncated files are refused, so no cached variant may come from one


class PictureError(BulletinError):
    """A picture that cannot be used; the build names the issue file and this line."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        """Line of the picture in the issue file."""
        self.message = message
        """What is wrong, in Vietnamese (without file and line)."""


def box(variant: str) -> tuple[int, int]:
    """The (width, height) in px a variant's picture is fitted into, keeping its proportions."""
    if variant == "print":
        width, height = (round(mm / 25.4 * PRINT_DPI) for mm in PRINT_BOX_MM)
        return width, height
    return VARIANTS[variant][0], VARIANTS[variant][0]


@dataclass(frozen=True, slots=True)
class Prepared:
    """One prepared picture file."""

    path: Path
    """The JPEG in the cache."""
    width: int
    """Pixel width."""
    height: int
    """Pixel height."""


def prepare(image: Image, variant: str, cache: Path) -> Prepared:
    """Return the ``variant`` of ``image``, making it only if the cache lacks it."""
    return _prepare_one(image, (variant,), cache)[variant]


def prepare_all(images: Iterable[Image], variants: tuple[str, ...], cache: Path) -> dict[str, dict[str, Prepared]]:
    """Every variant of every picture: variant -> image reference -> prepared file.

    Each picture is decoded at most once for all its variants, and pictures are prepared in
    parallel (Pillow releases the GIL while decoding and resizing).
    """
    images = list({img.ref: img for img in images}.values())
    lenient, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
            done = list(pool.map(lambda img: _prepare_one(img, variants, cache), images))
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient
    return {v: {img.ref: d[v] for img, d in zip(images, done)} for v in variants}


def _prepare_one(image: Image, variants: tuple[str, ...], cache: Path) -> dict[str, Prepared]:
    digest = picture_hash(image.path)[:24]  # the build record's hash: each picture is hashed once
    targets = {v: cache / f"{digest}-{v}-{_CACHE_VERSION}.jpg" for v in variants}
    result = {v: _cached(t) for v, t in targets.items() if t.exists()}
    if result:
        log.debug("ảnh đã có sẵn: %s (%s)", image.ref, ", ".join(result))
    missing = [v for v in variants if v not in result]
    if missing:
        picture = _load(image, max(max(box(v)) for v in missing))
        cache.mkdir(parents=True, exist_ok=True)
        for variant in missing:
            result[variant] = _save(picture, variant, targets[variant])
            log.debug("đã chuẩn bị ảnh %s (%s, %d×%d)", image.ref, variant, result[variant].width, result[variant].height)
    return result


def _cached(target: Path) -> Prepared:
    with PILImage.open(target) as done:
        return Prepared(target, *done.size)


def _save(picture: PILImage.Image, variant: str, target: Path) -> Prepared:
    copy = picture.copy()
    copy.thumbnail(box(variant), PILImage.Resampling.LANCZOS)
    with atomic_path(target) as tmp:
        copy.save(tmp, "JPEG", quality=VARIANTS[variant][1], optimize=True, progressive=True)
    return Prepared(target, *copy.size)


def _load(image: Image, longest: int) -> PILImage.Image:
    """Open, check the size, decode no larger than needed for ``longest`` px, apply EXIF
    orientation and convert to RGB on white."""
    where = f'ảnh "{image.ref}"'
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(image.path) as opened:
                if opened.width * opened.height > MAX_PIXELS:
                    raise PILImage.DecompressionBombError("too many pixels")
                opened.draft("RGB", (longest, longest))  # JPEG: decode at 1/2, 1/4, 1/8 when enough
                picture = ImageOps.exif_transpose(opened)
                picture.load()
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise PictureError(image.line, f"{where} quá lớn (hơn {MAX_PIXELS // 1_000_000} triệu điểm ảnh); hãy thu nhỏ ảnh trước khi đưa vào") from None
    except UnidentifiedImageError:
        raise PictureError(image.line, f"{where} không đọc được: không phải ảnh JPEG, PNG hay WebP (ảnh SVG, HEIC, PDF… hãy "
                                       "xuất lại thành JPEG hoặc PNG)") from None
    except OSError as exc:
        cut = "truncated" in str(exc)
        raise PictureError(image.line, f"{where} bị hỏng" + (": tệp bị cắt cụt (chép hoặc tải về chưa xong); hãy chép lại tệp ảnh"
                                                            if cut else f" ({exc.__class__.__name__}); hãy chép lại hoặc xuất lại tệp ảnh")) from None
    return _to_rgb(picture)


def _to_rgb(picture: PILImage.Image) -> PILImage.Image:
    if picture.mode in ("RGBA", "LA") or (picture.mode == "P" and "transparency" in picture.info):
        rgba = picture.convert("RGBA")
        flat = PILImage.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    if picture.mode == "CMYK":  # most CMYK JPEGs are Adobe-inverted; Pillow's converter handles both
        return picture.convert("RGB")
    return picture.convert("RGB") if picture.mode != "RGB" else picture
