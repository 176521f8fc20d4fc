"""The "PDF" button: build the real editions in the background with :func:`bulletin.build.build_issue`,
the code ``make issue`` runs, in this process. WeasyPrint, the print fonts and stylesheets are loaded
once, in the background as the server starts (:func:`load_pdf_renderer`): the button pays no import."""
from __future__ import annotations

import logging
import time

import anyio.to_thread

from ..build import Editions, build_issue
from ..config import load_settings
from ..errors import BulletinError
from ..printer import load_renderer
from ..project import Project
from ..reader import read_issue
from .session import PdfStatus, Session

log = logging.getLogger(__name__)

HAS_ERRORS = "Tệp số bản tin đang có lỗi (xem khung đỏ): hãy sửa rồi bấm lại nút PDF."
"""Why no PDF is built while the file has errors."""


async def build_pdf(session: Session) -> None:
    """Build the editions of the issue as it is on disk now, telling the session how it goes. Never
    raises: a failure becomes the status the page shows."""
    snapshot = session.snapshot
    if snapshot.pdf.state == "building":
        return
    if snapshot.problems or snapshot.good is None:
        session.set_pdf(PdfStatus("failed", HAS_ERRORS))
        return
    session.set_pdf(PdfStatus("building", "Đang tạo bản PDF (cùng lúc bản Word và HTML); trang vẫn dùng được…"))
    started = time.perf_counter()
    try:
        editions = await anyio.to_thread.run_sync(_build, session)
    except BulletinError as exc:
        session.set_pdf(PdfStatus("failed", f"Không tạo được bản PDF: {exc}"))
        return
    except Exception as exc:  # a bug must not stop the preview: say so, keep serving
        log.exception("lỗi khi tạo bản PDF")
        session.set_pdf(PdfStatus("failed", f"Không tạo được bản PDF do lỗi của chương trình ({exc.__class__.__name__}); "
                                            "xem thông báo trong cửa sổ dòng lệnh"))
        return
    seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
    session.set_pdf(PdfStatus("done", f"Bản PDF đã xong sau {seconds} giây.", editions.pdf.name))


async def load_pdf_renderer() -> None:
    """Load what the PDF needs in a worker thread; if it cannot be loaded, the button will say why."""
    try:
        await anyio.to_thread.run_sync(load_renderer)
    except BulletinError as exc:
        log.debug("chưa nạp được WeasyPrint: %s", exc)


def _build(session: Session) -> Editions:
    """What ``bulletin issue`` does: read the settings and the issue file, build (blocking)."""
    settings = load_settings(session.config)
    issue = read_issue(session.path, settings.publication, Project(settings.root))
    return build_issue(settings, issue, session.out_root)
