"""What keeps the preview to its editor: the ``Host`` check, the session token, and the list of the
only files it serves.

- The server binds 127.0.0.1, and :func:`host_check` refuses any ``Host`` other than ``127.0.0.1`` or
  ``localhost``: a page on another site whose name was re-pointed at 127.0.0.1 (DNS rebinding) is
  refused before it reads anything.
- :class:`TokenCheck` refuses every request that may change something (any method but GET, HEAD and
  OPTIONS) unless it carries the session's token in the :data:`TOKEN_HEADER` header. Only the preview's
  own pages know the token (another site cannot read them), so no other page can make the preview act.
- :func:`edition_files` lists, by name, every file the issue page may load; anything else is not found,
  so no request reaches a file outside them, whatever its path says.
"""
from __future__ import annotations

import secrets
from collections.abc import Mapping
from pathlib import Path

from starlette.datastructures import Headers
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from ..build import edition_folder
from ..editions import web_assets
from .session import Snapshot

HOSTS = ("127.0.0.1", "localhost")
"""The only ``Host`` names the preview answers (any port)."""
TOKEN_HEADER = "X-Bulletin-Token"
"""The header that carries the session token on every request that changes something."""
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
"""Methods that change nothing and need no token."""
REFUSED = ("Yêu cầu bị từ chối: thiếu mã phiên của trang xem trước hoặc mã không đúng "
           "(trang đã cũ, hoặc yêu cầu không đến từ trang xem trước). Hãy tải lại trang.")
"""What a request without the right token is told."""


def host_check() -> Middleware:
    """The ``Host`` header check (Starlette's own middleware)."""
    return Middleware(TrustedHostMiddleware, allowed_hosts=list(HOSTS), www_redirect=False)


class TokenCheck:
    """ASGI middleware: requests that may change something must carry ``token``."""

    def __init__(self, app: ASGIApp, token: str):
        self.app = app
        self.token = token.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in SAFE_METHODS and not self.allows(Headers(scope=scope)):
            await PlainTextResponse(REFUSED, status_code=403)(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def allows(self, headers: Headers) -> bool:
        """Whether the headers carry the session token (compared in constant time)."""
        return secrets.compare_digest(headers.get(TOKEN_HEADER, "").encode(), self.token)


def edition_files(snapshot: Snapshot, out_root: Path) -> Mapping[str, Path | str]:
    """Every file the edition page may load, by its URL relative to the page: the web edition's assets,
    the issue's prepared pictures, and the PDF and Word editions once built. A name maps to a file to
    send or to a text."""
    files: dict[str, Path | str] = dict(web_assets())
    good = snapshot.good
    if good is None:
        return files
    issue = good.issue
    files[f"{issue.slug}.html"] = good.html
    files.update(good.pictures)
    folder = edition_folder(out_root, issue.year, issue.number)
    for suffix in ("pdf", "docx"):
        built = folder / f"{issue.slug}.{suffix}"
        if built.is_file():
            files[built.name] = built
    return files
