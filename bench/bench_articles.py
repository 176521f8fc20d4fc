"""Benchmark of the collector's article stage (issue 14): reading the pages behind new candidates,
and drafting their summaries.

Cases:

* enrich: 100 article pages (real outlets' pages, saved in tests/fixtures/articles/realworld) spread
  over 10 sites on loopback (127.0.0.1 … 127.0.0.10), every answer (robots.txt, page, picture)
  after 100 ms; read with :func:`bulletin.collect.article.read_articles` (robots.txt, extraction,
  lead picture checked by Pillow). Baseline: the same reader one request at a time.
* draft: TextRank drafts of the 100 extracted texts. Baseline: extracting those 100 pages with
  trafilatura (the step before it), so the row says what drafting adds.

Standalone: ``python -m bench.bench_articles [runs]`` prints the rows as JSON.
"""
from __future__ import annotations

import dataclasses
import io
import json
import re
import statistics
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from PIL import Image

from . import smoke

REPO = Path(__file__).resolve().parents[1]
PAGES = REPO / "tests" / "fixtures" / "articles" / "realworld"
ARTICLES, SITES, DELAY = (10, 2, 0.02) if smoke() else (100, 10, 0.1)
"""Pages read, sites they are spread over, seconds each answer waits."""
TARGETS = {"enrich": "≤ 0.75×", "draft": "≤ 0.15×"}
"""Set after measuring (README, Performance: 0.655× and 0.069× on 2026-12-03): the network waits are
hidden by ten sites at two requests each, but extraction (CPU, one interpreter lock) is not; drafting
costs a small share of extraction."""
_OG_IMAGE = re.compile(r'(<meta[^>]+property="og:image"[^>]+content=")[^"]*(")')


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256


def _serve(host: str, bodies: dict[str, tuple[bytes, str]]) -> _Server:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            time.sleep(DELAY)
            body, kind = bodies.get(self.path.split("?")[0], (b"", ""))
            self.send_response(200 if kind else 404)
            self.send_header("Content-Type", kind or "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = _Server((host, 0), Handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server


def _picture() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1200, 675), "#2b6cb0").save(out, "JPEG", quality=85)
    return out.getvalue()


def _bodies() -> dict[str, tuple[bytes, str]]:
    """Each saved page (its og:image pointing back to the same site), a picture, and robots.txt."""
    bodies = {"/robots.txt": (b"User-agent: *\nDisallow: /admin/\n", "text/plain"),
              "/anh.jpg": (_picture(), "image/jpeg")}
    for page in sorted(PAGES.glob("*.html")):
        html = _OG_IMAGE.sub(r"\g<1>/anh.jpg\g<2>", page.read_text(encoding="utf-8"))
        bodies[f"/{page.name}"] = (html.encode("utf-8"), "text/html; charset=utf-8")
    return bodies


def _urls(servers: list[_Server], names: list[str]) -> list[str]:
    return [f"http://{servers[n % SITES].server_address[0]}:{servers[n % SITES].server_address[1]}/"
            f"{names[n % len(names)]}?bai={n}" for n in range(ARTICLES)]


def _enrich(urls: list[str], concurrency: int) -> tuple[float, int]:
    from bulletin.collect.article import read_articles
    from bulletin.collect.model import FetchOptions

    started = time.perf_counter()
    articles = read_articles(urls, FetchOptions(allow_private=True, concurrency=concurrency))
    elapsed = time.perf_counter() - started
    assert all(a.readable for a in articles.values()), [a.failure for a in articles.values() if a.failure][:3]
    return elapsed, sum(1 for a in articles.values() if a.picture is not None)


def _draft_pair(bodies: dict[str, tuple[bytes, str]], names: list[str]) -> tuple[float, float]:
    from bulletin.collect.extract import extract
    from bulletin.collect.summary import draft

    pages = [bodies[f"/{names[n % len(names)]}"][0].decode("utf-8") for n in range(ARTICLES)]
    started = time.perf_counter()
    articles = [extract(page, f"http://127.0.0.1/{n}.html") for n, page in enumerate(pages)]
    middle = time.perf_counter()
    for article in articles:
        draft(article.text, article.lead)
    return time.perf_counter() - middle, middle - started


def run(runs: int = 1) -> list[dict]:
    """Rows for the harness, ``runs`` measured runs each."""
    bodies = _bodies()
    names = [name.lstrip("/") for name in bodies if name.endswith(".html")]
    servers = [_serve(f"127.0.0.{n + 1}", bodies) for n in range(SITES)]
    times: dict[str, list[float]] = {"enrich": [], "enrich-seq": [], "draft": [], "extract": []}
    pictures = 0
    try:
        for _ in range(runs):
            concurrent, pictures = _enrich(_urls(servers, names), concurrency=16)
            sequential, _ = _enrich(_urls(servers, names), concurrency=1)
            drafting, extracting = _draft_pair(bodies, names)
            for key, value in zip(times, (concurrent, sequential, drafting, extracting)):
                times[key].append(value)
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
    return [_row("enrich", times["enrich"], times["enrich-seq"], "same pages read one request at a time",
                 f"{SITES} sites, ≤ 2 requests per site, 16 in all; robots.txt + page + picture per article "
                 f"({pictures} pictures checked)"),
            _row("draft", times["draft"], times["extract"], "trafilatura extracting the same pages",
                 "TextRank over each article's sentences, plain Python")]


def _row(kind: str, figures: list[float], baselines: list[float], peer: str, note: str) -> dict:
    figure, baseline = statistics.median(figures), statistics.median(baselines)
    what = (f"Enrich {ARTICLES} candidates: read their pages at {DELAY * 1000:g} ms latency" if kind == "enrich"
            else f"Draft the summaries of {ARTICLES} articles")
    return dataclasses.asdict(_Row(what, round(figure, 3), round(min(figures), 3), round(max(figures), 3),
                                   len(figures), round(baseline, 3), peer, round(figure / baseline, 4),
                                   TARGETS[kind], note)) | {"unit": "s"}


@dataclasses.dataclass(frozen=True, slots=True)
class _Row:
    case: str
    figure: float
    min: float
    max: float
    runs: int
    baseline: float
    peer: str
    ratio: float
    target: str
    note: str


if __name__ == "__main__":
    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 1), ensure_ascii=False, indent=2))
