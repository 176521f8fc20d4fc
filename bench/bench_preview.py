"""The live preview (``make preview``) on the shipped sample, against a full ``make issue``.

- save → refreshed page: the time from writing the issue file to Chromium showing the re-rendered
  edition (file watcher, re-render, event to the page, frame reloaded and laid out, scroll restored),
  against a full build of the three editions (``bulletin issue 16 --force``) measured in the same run;
- the re-render itself (read, check, HTML edition, side panel), which the target caps at 300 ms;
- the side panel's estimated PDF pages against the pages of the PDF the full build wrote.

The preview runs in this process (it is a long-running server); the page is Debian's Chromium driven
by Playwright, as in the browser tests.
"""
from __future__ import annotations

import logging
import statistics
import tempfile
import time
from pathlib import Path

from . import VENV_BIN, Row, make_row, project_copy, repeat, run_child, sample_issue, tool_env

log = logging.getLogger("bench")

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SHOWN = ("e => +document.body.dataset.edition >= e && document.body.dataset.shown === document.body.dataset.edition")
"""True once the page shows edition ``e`` (the frame reloaded, laid out and scrolled back)."""


def run(runs: int) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as tmp:
        work = Path(tmp)
        project = project_copy(work)
        issue = sample_issue(project)
        builds: list[float] = []
        repeat(runs, lambda i: builds.append(_full_build(project, work)) if i >= 0 else _full_build(project, work))
        pages = _pages(next((work / "out").glob("*/*.pdf")))
        saves, renders, estimate = _preview(project, issue, work, runs) if CHROMIUM.exists() else ([], [], None)
    full = statistics.median(builds)
    missing = "" if CHROMIUM.exists() else "Chromium is not installed (tools/system-deps bench installs it): not measured"
    return [
        make_row("Preview: save → refreshed page in Chromium (sample)", "s", saves, baseline=full,
                 peer="make issue --force (3 editions)", target="≤ 0.1×",
                 note=missing or "watcher, re-render, server-sent event, frame reload and scroll restored; server in-process"),
        make_row("Preview: re-render of the sample (read, check, HTML edition, panel)", "ms",
                 [s * 1000 for s in renders], target="≤ 300 ms", note=missing or "Session.render_now in the server's worker thread"),
        make_row("Preview: estimated PDF pages (sample)", "pages", [estimate] if estimate else [], baseline=pages,
                 peer="pages of the PDF make issue wrote", note=missing or "side panel's model of print.css"),
    ]


def _full_build(project: Path, work: Path) -> float:
    argv = [str(VENV_BIN / "bulletin"), "issue", "16", "--output", str(work / "out"), "--force"]
    return run_child(argv, cwd=project, env=tool_env()).seconds


def _preview(project: Path, issue: Path, work: Path, runs: int) -> tuple[list[float], list[float], int | None]:
    """Serve the sample, open it in Chromium, then time ``runs`` saves (after one warm-up)."""
    from playwright.sync_api import sync_playwright

    from bulletin.preview.server import serving
    from bulletin.preview.session import Session

    session = Session(project / "sources.yaml", issue, work / "out")
    saves: list[float] = []
    renders: list[float] = []
    original = issue.read_text(encoding="utf-8")
    with serving(session) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(url)
        page.wait_for_function("document.querySelector('#edition').contentDocument.readyState === 'complete'")

        def once(i: int) -> None:
            edition = session.snapshot.edition
            started = time.perf_counter()
            issue.write_text(original.replace("chủ đề: Xã hội số", f"chủ đề: Xã hội số {i + 2}", 1), encoding="utf-8")
            page.wait_for_function(SHOWN, arg=edition + 1, timeout=30_000)
            if i >= 0:
                saves.append(time.perf_counter() - started)
                renders.append(session.snapshot.render_seconds)
        log.info("Preview: %d saves of %s…", runs, issue.name)
        repeat(runs, once)
        browser.close()
    return saves, renders, session.snapshot.good.panel.pages


def _pages(pdf: Path) -> float:
    from pypdf import PdfReader

    return float(len(PdfReader(pdf).pages))


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps([row.as_json() for row in run(int(sys.argv[1]) if sys.argv[1:] else 5)], ensure_ascii=False, indent=2))
