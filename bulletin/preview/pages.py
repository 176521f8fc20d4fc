"""What every preview page shares: the tabs, the response headers, and :func:`render_page`.

A page (the issue page, the desk) is a Jinja template under ``templates/preview/`` that extends
``preview/layout.html`` (top bar, tabs, the session token in ``<meta name="bulletin-token">``, and
``/static/preview.js``, which gives ``bulletin.post`` and ``bulletin.onChange`` to the page's script).
"""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse

from ..render.html import environment
from .session import Session

NAV: list[tuple[str, str]] = [("/", "Xem trước"), ("/desk", "Chọn tin")]
"""The tabs of the top bar: (path, Vietnamese label), in order."""
NO_STORE = {"Cache-Control": "no-store"}
"""Nothing the preview answers is cached: it changes with every save."""
PAGE_HEADERS = {**NO_STORE, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
                "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; object-src 'none'"}
"""Headers of the preview's own pages: no inline script or style, and no other site may frame them
(clickjacking)."""


def session_of(request: Request) -> Session:
    """The preview session a request belongs to."""
    return request.app.state.session


def render_page(request: Request, template: str, **context) -> HTMLResponse:
    """``templates/preview/<template>`` with ``session``, its ``snapshot``, the ``token``, the tabs (``nav``) and
    the ``current`` path, plus ``context``."""
    session = session_of(request)
    return HTMLResponse(render_fragment(template, session, nav=NAV, current=request.url.path, **context),
                        headers=PAGE_HEADERS)


def render_fragment(template: str, session: Session, **context) -> str:
    """``templates/preview/<template>`` as text, with ``session``, its ``snapshot`` and the ``token``."""
    return environment().get_template(f"preview/{template}").render(
        session=session, snapshot=session.snapshot, token=session.token, **context)
