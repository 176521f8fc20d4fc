"""The Starlette application of ``bulletin preview``: its routes, its guards, its background work.

Routes (every page is a Jinja template under ``templates/preview/``, autoescape on):

- ``GET /``: the issue page: the HTML edition in a frame, the error banner, the side panel;
- ``GET /edition/<name>``: the HTML edition and the files it loads (:func:`.guard.edition_files`);
- ``GET /index.html``: where the edition's "← Kho lưu trữ các số" link (``../../index.html``) leads: a note
  that the archive is not part of the preview, with the way back;
- ``GET /fragments``: the banner and side panel as HTML, for the page to swap in after a change;
- ``GET /events``: server-sent events, one ``{"session", "version", "edition", "digest"}`` per change;
- ``POST /pdf``: build the editions in the background (needs the session token);
- ``/static/…``: the preview's own script and style.

Other pages (the desk) add their routes through :data:`PAGES` and their tab through :data:`.pages.NAV`.
"""
from __future__ import annotations

import json
import mimetypes
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import anyio
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from ..render.html import TEMPLATES
from .desk import routes as desk_routes
from .guard import TokenCheck, edition_files, host_check
from .pages import NO_STORE, render_fragment, render_page, session_of
from .pdf import build_pdf, load_pdf_renderer
from .session import Session, Snapshot
from .watch import watch

STATIC = TEMPLATES / "preview" / "static"
"""The preview's own script and stylesheet."""
EDITION_HEADERS = {**NO_STORE, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
                   "Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                                              "script-src 'none'; object-src 'none'; frame-ancestors 'self'"}
"""Headers of the edition and its files: only the preview may frame it, and no script runs in it."""
BUILT = {**NO_STORE, "X-Content-Type-Options": "nosniff"}
"""Headers of the built PDF and Word files: no CSP, which would keep the browser's PDF viewer out."""
KEPT = {**EDITION_HEADERS, "Cache-Control": "private, max-age=3600"}
"""Headers of files whose name changes with their content (prepared pictures, named by their digest; the
fonts, named by their package): the browser keeps them across reloads of the edition."""

PAGES: list[Callable[[], list[BaseRoute]]] = [desk_routes]
"""Other pages' routes: each callable returns its routes (the desk adds ``desk.routes`` here)."""


def create_app(session: Session) -> Starlette:
    """The application serving ``session`` (the server binds it to 127.0.0.1)."""
    app = Starlette(routes=routes(), lifespan=_lifespan,
                    middleware=[host_check(), Middleware(TokenCheck, token=session.token)])
    app.state.session = session
    return app


def routes() -> list[BaseRoute]:
    """The preview's routes, then every extra page's."""
    own: list[BaseRoute] = [
        Route("/", issue_page), Route("/edition/{name:path}", edition_file), Route("/fragments", fragments),
        Route("/index.html", archive_note),
        Route("/events", events), Route("/pdf", pdf, methods=["POST"]), Route("/favicon.ico", no_icon),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    return own + [route for page in PAGES for route in page()]


@asynccontextmanager
async def _lifespan(app: Starlette) -> AsyncIterator[None]:
    """Render once, load the PDF renderer in the background, then watch the files until the server stops;
    ``app.state.tasks`` runs background work."""
    session: Session = app.state.session
    await session.refresh()
    stop = anyio.Event()
    async with anyio.create_task_group() as tasks:
        app.state.tasks = tasks
        tasks.start_soon(watch, session, stop)
        tasks.start_soon(load_pdf_renderer)
        yield
        stop.set()
        tasks.cancel_scope.cancel()


async def issue_page(request: Request) -> Response:
    return render_page(request, "issue.html")


async def archive_note(request: Request) -> Response:
    """The page the edition's archive link leads to in the preview (in the edition's frame)."""
    session = session_of(request)
    good = session.snapshot.good
    text = render_fragment("archive.html", session, edition_url=f"/edition/{good.issue.slug}.html" if good else "",
                           label=good.issue.label if good else "",
                           base_url=good.issue.publication.base_url if good else "")
    return Response(text, media_type="text/html; charset=utf-8", headers=EDITION_HEADERS)


async def fragments(request: Request) -> Response:
    """The banner and the side panel as they are now."""
    session = session_of(request)
    snapshot = session.snapshot
    parts = {name: render_fragment(f"{name}.html", session) for name in ("banner", "panel")}
    url = f"/edition/{snapshot.good.issue.slug}.html" if snapshot.good else ""
    return JSONResponse({**_state(session, snapshot), **parts, "edition_url": url}, headers=NO_STORE)


async def edition_file(request: Request) -> Response:
    """One of the files the edition page may load; anything else is not found."""
    session, name = session_of(request), request.path_params["name"]
    found = edition_files(session.snapshot, session.out_root).get(name)
    if found is None:
        return Response("Không có tệp này trong bản xem trước.", status_code=404, media_type="text/plain; charset=utf-8")
    if isinstance(found, str):
        return Response(found, media_type=mimetypes.guess_type(name)[0] or "text/plain", headers=EDITION_HEADERS)
    if name.startswith(("img/", "assets/fonts/")):
        return FileResponse(found, headers=KEPT)
    return FileResponse(found, headers=BUILT if name.endswith((".pdf", ".docx")) else EDITION_HEADERS)


async def events(request: Request) -> Response:
    """Server-sent events: the current state at once, then one event per change."""
    session = session_of(request)

    async def stream() -> AsyncIterator[str]:
        snapshot = session.snapshot
        yield _event(session, snapshot)
        async for snapshot in session.changes(snapshot.version):
            yield _event(session, snapshot)

    return StreamingResponse(stream(), media_type="text/event-stream", headers=NO_STORE)


async def pdf(request: Request) -> Response:
    """Start building the editions; the page follows the status through the events."""
    session = session_of(request)
    request.app.state.tasks.start_soon(build_pdf, session)
    return JSONResponse({"started": True}, status_code=202)


async def no_icon(request: Request) -> Response:
    """Browsers ask for one; there is none (and no error in the console)."""
    return Response(status_code=204)


def _state(session: Session, snapshot: Snapshot) -> dict:
    return {"session": session.id, "version": snapshot.version, "edition": snapshot.edition, "digest": snapshot.digest}


def _event(session: Session, snapshot: Snapshot) -> str:
    return f"retry: 1000\ndata: {json.dumps(_state(session, snapshot))}\n\n"
