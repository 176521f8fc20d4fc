"""A lead picture's bytes -> a checked :class:`~.model.Picture`, or why it is left out.

Pillow identifies the file by its bytes (not by the address or the Content-Type): only JPEG, PNG
and WebP are taken, WebP converted to JPEG (PNG when it has transparency). The pixel count is
checked before any pixel is decoded, so a decompression bomb costs nothing; a truncated file is
refused. Tiny pictures (icons, tracking pixels) and banner-shaped ones (logos) are skipped.
"""
from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from PIL import Image, ImageFile, UnidentifiedImageError

from ..images import MAX_PIXELS
from .model import Picture

FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".jpg"}
"""Formats taken -> the suffix of the file written."""
MIN_SIDE = 200
"""Pictures with a side shorter than this are icons, logos or tracking pixels."""
MAX_RATIO = 4.0
"""Pictures wider (or taller) than this many times their other side are banners or logos."""


@contextmanager
def strict_pillow() -> Iterator[None]:
    """Pillow refuses truncated files inside the block, even once WeasyPrint (imported by the build
    in the same process) has set ``LOAD_TRUNCATED_IMAGES``, as :func:`bulletin.images.prepare_all` does."""
    lenient, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient


def check_picture(data: bytes, url: str = "") -> tuple[Picture | None, str]:
    """(the picture, '') or (None, why it is left out, in Vietnamese)."""
    if "logo" in url.rsplit("/", 1)[-1].lower():
        return None, "ảnh là biểu tượng (logo)"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            return _checked(image, data)
    except Image.DecompressionBombError:
        return None, f"ảnh quá lớn (hơn {MAX_PIXELS:,} điểm ảnh)".replace(",", ".")
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None, "không phải ảnh JPEG, PNG hay WebP đọc được"


def _checked(image: Image.Image, data: bytes) -> tuple[Picture | None, str]:
    if image.format not in FORMATS:
        return None, f"ảnh dạng {image.format} không được dùng (chỉ JPEG, PNG, WebP)"
    width, height = image.size
    if width * height > MAX_PIXELS:
        return None, f"ảnh quá lớn ({width}×{height} điểm ảnh)"
    if min(width, height) < MIN_SIDE:
        return None, f"ảnh quá nhỏ ({width}×{height}: biểu tượng hoặc điểm ảnh theo dõi)"
    if max(width, height) > MAX_RATIO * min(width, height):
        return None, f"ảnh quá dẹt ({width}×{height}: biểu ngữ hoặc logo)"
    image.load()  # a truncated file raises here
    if image.format != "WEBP":
        return Picture(data, FORMATS[image.format], width, height), ""
    alpha = image.mode in ("RGBA", "LA") or "transparency" in image.info
    out = io.BytesIO()
    if alpha:
        image.save(out, "PNG", optimize=True)
    else:
        image.convert("RGB").save(out, "JPEG", quality=88)
    return Picture(out.getvalue(), ".png" if alpha else ".jpg", width, height), ""
