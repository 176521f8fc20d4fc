"""Public addresses of one issue on the archive site: its page, each item, the PDF, the DOCX, the
share card and the archive's index. The email edition, the share post and the editions' "way home"
links all take them from here, so every edition points at the same places."""
from __future__ import annotations

from dataclasses import dataclass

from .errors import BulletinError
from .model import Issue

CARD = "chia-se.png"
"""File name of the share card beside the editions (and in the issue's archive folder)."""
POST = "chia-se.txt"
"""File name of the ready-to-paste social post."""


@dataclass(frozen=True, slots=True)
class IssueLinks:
    """Absolute URLs of one issue on the archive site."""

    archive: str
    """The archive's index, e.g. ``https://…/diem-tin/``."""
    page: str
    """The issue's page, e.g. ``https://…/diem-tin/2026/17/``."""
    pdf: str
    """The PDF edition."""
    docx: str
    """The Word edition."""
    card: str
    """The share card picture."""

    def item(self, anchor: str) -> str:
        """The address of one item (its heading) on the issue's page."""
        return f"{self.page}#{anchor}"


def issue_links(issue: Issue) -> IssueLinks:
    """The issue's public addresses. Raises :class:`BulletinError` when ``base_url`` is not set,
    since mail and social posts need absolute addresses."""
    base = issue.publication.base_url.rstrip("/")
    if not base:
        raise BulletinError("sources.yaml chưa có publication.base_url (địa chỉ công khai của kho lưu trữ); "
                            "thư và bài chia sẻ cần địa chỉ này để dẫn người đọc về trang của số bản tin")
    page = f"{base}/{issue.year}/{issue.number}/"
    return IssueLinks(archive=f"{base}/", page=page, pdf=f"{page}{issue.slug}.pdf",
                      docx=f"{page}{issue.slug}.docx", card=f"{page}{CARD}")
