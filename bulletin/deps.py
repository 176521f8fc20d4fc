"""System libraries the editions need, with the Debian package that provides each."""
from __future__ import annotations

import ctypes.util
import logging

from .errors import BulletinError

log = logging.getLogger(__name__)

DEBIAN = {"pango": "libpango-1.0-0 libpangoft2-1.0-0", "harfbuzz-subset": "libharfbuzz-subset0"}
"""Library -> Debian packages to install."""


def require_weasyprint() -> None:
    """Import WeasyPrint, or explain which Debian package is missing."""
    try:
        import weasyprint  # noqa: F401
    except OSError as exc:
        raise BulletinError(
            "thiếu thư viện Pango mà WeasyPrint cần để tạo bản PDF "
            f"({exc}). Hãy cài: sudo apt-get install {DEBIAN['pango']}"
        ) from None
    if not ctypes.util.find_library("harfbuzz-subset"):
        log.warning("chưa có thư viện HarfBuzz-Subset nên tạo PDF sẽ chậm hơn 3-5 lần. "
                    "Hãy cài: sudo apt-get install %s", DEBIAN["harfbuzz-subset"])


def main() -> int:
    """``make deps``: report what is missing, in Vietnamese."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        require_weasyprint()
    except BulletinError as exc:
        print(f"Lỗi: {exc}")
        return 1
    print("Đủ thư viện hệ thống để tạo bản PDF.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
