"""The desk: the preview's second page, where the editor triages the candidates and orders the parts.

- ``GET /desk``: the page (``templates/preview/desk.html``);
- ``GET /desk/table``: the tables alone, as JSON ``{"html", "digest"}``, for the page to swap in
  after a change of the file (the page follows the preview's events);
- ``POST /desk/action``: one button (``{"kind", "line", "digest", "tag"}``, with the session token):
  :func:`bulletin.curate.apply` edits the Markdown file, and nothing else. A file that changed since the
  page was built is refused (409) with a Vietnamese message; the page then reloads its tables.

Every edit runs in a worker thread; the watcher sees the new file like any other save.
"""
from __future__ import annotations

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from ..collect.issuefile import open_issue
from ..config import load_settings
from ..curate import Action, Done, apply, read_sheet
from ..curate.actions import KINDS, last_collect, restore
from ..curate.view import DeskView, desk_view
from ..errors import BulletinError, FileChanged
from ..model import Publication
from .pages import NO_STORE, render_fragment, render_page, session_of
from .session import Session

PATH = "/desk"
"""Where the desk is."""


def routes() -> list[BaseRoute]:
    """The desk's routes (listed in :data:`bulletin.preview.app.PAGES`; its tab is in ``pages.NAV``)."""
    return [Route(PATH, desk_page), Route(f"{PATH}/table", desk_table),
            Route(f"{PATH}/action", desk_action, methods=["POST"]), Route(f"{PATH}/undo", desk_undo, methods=["POST"])]


def read_desk(session: Session) -> tuple[DeskView | None, Publication | None, str]:
    """The desk's content for the file as it is now, the publication, or what stops it (Vietnamese)."""
    try:
        publication = load_settings(session.config).publication
        path = session.path
        sheet = read_sheet(open_issue(path, int(path.stem), int(path.parent.name)))
        return desk_view(sheet, publication, last_collect(path)), publication, ""
    except BulletinError as exc:
        return None, None, str(exc)


async def desk_page(request: Request) -> Response:
    view, publication, problem = await anyio.to_thread.run_sync(read_desk, session_of(request))
    return render_page(request, "desk.html", desk=view, publication=publication, problem=problem)


async def desk_table(request: Request) -> Response:
    """The tables as they are now."""
    view, publication, problem = await anyio.to_thread.run_sync(read_desk, session_of(request))
    html = render_fragment("desk_table.html", session_of(request), desk=view, publication=publication, problem=problem)
    return JSONResponse({"html": html, "digest": view.digest if view else ""}, headers=NO_STORE)


async def desk_action(request: Request) -> Response:
    """Apply one button to the file; the answer says what happened, in Vietnamese."""
    session = session_of(request)
    try:
        action = _action(await _json(request))
        publication = load_settings(session.config).publication
        done = await anyio.to_thread.run_sync(apply, session.path, action, publication)
    except BulletinError as exc:
        return _refused(exc)
    request.app.state.desk_removed = done.removed
    return _done(done)


async def desk_undo(request: Request) -> Response:
    """Take back the latest rejection, if the file is still as it left it."""
    removed = getattr(request.app.state, "desk_removed", None)
    if removed is None:
        return _refused(BulletinError("không có tin nào vừa bị loại để lấy lại"))
    try:
        done = await anyio.to_thread.run_sync(restore, session_of(request).path, removed)
    except BulletinError as exc:
        return _refused(exc)
    request.app.state.desk_removed = None
    return _done(done)


def _done(done: Done) -> Response:
    return JSONResponse({"ok": True, "message": done.message, "digest": done.digest, "line": done.line,
                         "undo": done.removed is not None}, headers=NO_STORE)


def _refused(exc: BulletinError) -> Response:
    """A refusal the page shows; a file that changed meanwhile (409) also makes it reload its tables."""
    stale = isinstance(exc, FileChanged)
    return JSONResponse({"ok": False, "stale": stale, "message": str(exc)}, status_code=409 if stale else 422,
                        headers=NO_STORE)


async def _json(request: Request) -> object:
    try:
        return await request.json()
    except ValueError:  # not JSON at all
        return None


def _action(data: object) -> Action:
    """The button pressed, from the page's JSON; anything else is refused."""
    if not isinstance(data, dict) or data.get("kind") not in KINDS:
        raise BulletinError("yêu cầu không hợp lệ: không rõ nút nào được bấm; hãy tải lại trang")
    line, digest, tag = data.get("line"), data.get("digest"), data.get("tag", "")
    if not isinstance(line, int) or not isinstance(digest, str) or not isinstance(tag, str):
        raise BulletinError("yêu cầu không hợp lệ: thiếu dòng của tin hoặc mã của tệp; hãy tải lại trang")
    return Action(data["kind"], line, digest, tag)

