"""System libraries the editions need, with the Debian package that provides each, and the one
way the project imports WeasyPrint (:func:`require_weasyprint`)."""
from __future__ import annotations

import ctypes.util
import logging
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import BulletinError

log = logging.getLogger(__name__)

DEBIAN = {"pango": "libpango-1.0-0 libpangoft2-1.0-0", "harfbuzz-subset": "libharfbuzz-subset0"}
"""Library -> Debian packages to install."""

_IMPORT_LOCK = threading.Lock()


def require_weasyprint() -> None:
    """Import WeasyPrint, or explain which Debian package is missing."""
    if "weasyprint" in sys.modules:
        return
    try:
        with _IMPORT_LOCK, _loader_finds_libraries():
            import weasyprint  # noqa: F401
            from weasyprint.text import ffi
    except OSError as exc:
        raise BulletinError(
            "thiếu thư viện Pango mà WeasyPrint cần để tạo bản PDF "
            f"({exc}). Hãy cài: sudo apt-get install {DEBIAN['pango']}"
        ) from None
    if ffi.harfbuzz_subset is None:
        log.warning("chưa có thư viện HarfBuzz-Subset nên tạo PDF sẽ chậm hơn 3-5 lần. "
                    "Hãy cài: sudo apt-get install %s", DEBIAN["harfbuzz-subset"])


@contextmanager
def _loader_finds_libraries() -> Iterator[None]:
    """While WeasyPrint loads Pango and its friends on Linux, let the dynamic loader find them.

    WeasyPrint tries several names per library (``libgobject-2.0-0``, ``gobject-2.0``, …, and the
    Linux soname ``libgobject-2.0.so.0``). For every name that is not a file, cffi asks
    ``ctypes.util.find_library``, which runs ``ldconfig -p`` and then ``gcc`` in a subprocess:
    22 lookups, about 0.4 s of a 0.8 s import (WeasyPrint issue #1125). On Linux that lookup only
    ever returns a soname the loader must then find by itself, and the soname is in WeasyPrint's
    list: answering "not found" makes cffi go straight to it, with the same result."""
    if not sys.platform.startswith("linux"):
        yield
        return
    original = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield
    finally:
        ctypes.util.find_library = original


def main() -> int:
    """``make deps``: report what is missing, in Vietnamese."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("Cảnh báo: %(message)s"))
    logging.getLogger("bulletin").addHandler(handler)  # our warnings only: not WeasyPrint's progress lines
    try:
        require_weasyprint()
    except BulletinError as exc:
        print(f"Lỗi: {exc}")
        return 1
    print("Đủ thư viện hệ thống để tạo bản PDF.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
