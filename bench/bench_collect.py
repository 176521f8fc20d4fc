"""Benchmark of the collector (issue 5): 200 feeds of 20 items each on a loopback server that
answers every request after 100 ms.

Cases, each a full ``bulletin.collect.collect`` run (fetch, parse, dedupe, write the issue file):

* cold: empty state, every feed answers 200 and 4000 candidates are written;
* warm: the same again, every feed answers 304 and nothing changes.

The baseline of each case is the same collector fetching the same feeds one by one
(concurrency 1), measured in the same run; ``ratio`` = concurrent / sequential.

Standalone: ``python -m bench.bench_collect [runs]`` prints the rows as JSON. The harness calls
:func:`run`.
"""
from __future__ import annotations

import hashlib
import json
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from . import smoke

REPO = Path(__file__).resolve().parents[1]
FEEDS, ITEMS, DELAY = (8 if smoke() else 200), 20, 0.1
"""Feeds, items per feed, seconds each answer waits."""
TARGETS = {"cold": "≤ 0.4×", "warm": "≤ 0.2×"}
"""Cold runs are CPU-bound (feedparser parses 4000 items in both arms; concurrency hides only the
network wait), so at least 2.5 times faster than one by one; warm runs (304, remembered entries, the
issue file not re-parsed) at least five times faster."""
WEEK_START = datetime(2026, 5, 4, 8, 0)
SYLLABLES = ("khoa học công nghệ dữ liệu bán dẫn mạng số hóa trung tâm nghiên cứu đổi mới sáng tạo "
             "thành phố doanh nghiệp kỹ sư vệ tinh robot năng lượng sinh học vật liệu chip điện tử "
             "nông nghiệp y tế giáo dục giao thông cảng biển hạ tầng phần mềm an ninh đám mây").split()


def _feed(n: int, rng: random.Random) -> bytes:
    """One RSS feed of ITEMS items dated in the week 04/5 - 10/5/2026, with distinct titles."""
    items = []
    for i in range(ITEMS):
        words = " ".join(rng.choice(SYLLABLES) for _ in range(7))
        when = WEEK_START + timedelta(hours=(n * ITEMS + i) % 160)
        link = f"https://nguon{n}.example/bai-{i}.html"
        items.append(f"<item><title>Công nghệ {words} {n}-{i}</title><link>{link}</link><guid>{link}</guid>"
                     f"<description>&lt;p&gt;Đoạn mở đầu về {words} của bài {i}.&lt;/p&gt;</description>"
                     f"<pubDate>{when:%a, %d %b %Y %H:%M:%S} +0700</pubDate></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Nguồn {n}</title>'
            f"<link>https://nguon{n}.example/</link>{''.join(items)}</channel></rss>").encode("utf-8")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024


def _serve(bodies: dict[str, bytes]) -> _Server:
    etags = {path: '"' + hashlib.sha1(body).hexdigest()[:16] + '"' for path, body in bodies.items()}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            time.sleep(DELAY)
            body, etag = bodies.get(self.path), etags.get(self.path)
            if body is None or self.headers.get("If-None-Match") == etag:
                self.send_response(404 if body is None else 304)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

    server = _Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server


def _project(folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(REPO / "sources.yaml", folder / "sources.yaml")
    (folder / "issues" / "2026").mkdir(parents=True)
    (folder / "issues" / "2026" / "17.md").write_text(
        "---\nsố: 17\nnăm: 2026\ntuần: 04/5/2026 - 10/5/2026\nchủ đề: Đo tốc độ\n---\n\n# Tin ứng viên\n",
        encoding="utf-8")
    return folder


def _pair(folder: Path, url: str, concurrency: int) -> tuple[float, float, int]:
    """Cold then warm run in a fresh project; returns both times and the candidates written."""
    from bulletin.collect import CollectRequest, FetchOptions, collect
    from bulletin.config import FeedSource, load_settings

    settings = load_settings(_project(folder) / "sources.yaml")
    sources = tuple(FeedSource(f"Nguồn {n}", f"{url}/feed/{n}.rss", "national", True, (), ()) for n in range(FEEDS))
    request = CollectRequest(settings=settings, keywords=settings.keywords, sources=sources, number=17, year=2026,
                             fetch=FetchOptions(allow_private=True, concurrency=concurrency),
                             now=datetime(2026, 5, 11, 9, 0).astimezone(), articles=False)  # the feed stage alone
    started = time.perf_counter()
    cold = collect(request)
    middle = time.perf_counter()
    warm = collect(request)
    done = time.perf_counter()
    assert all(s.status == "ok" for s in cold.sources) and all(s.status == "304" for s in warm.sources)
    assert warm.added == 0
    return middle - started, done - middle, cold.added


def run(runs: int = 1) -> list[dict]:
    """Rows for the harness: cold and warm, concurrent vs one by one, ``runs`` times each."""
    rng = random.Random(17)
    bodies = {f"/feed/{n}.rss": _feed(n, rng) for n in range(FEEDS)}
    server = _serve(bodies)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    times: dict[str, list[float]] = {"cold": [], "warm": [], "cold-seq": [], "warm-seq": []}
    added = 0
    try:
        with tempfile.TemporaryDirectory(prefix="bench-collect-") as tmp:
            for r in range(runs):
                cold, warm, added = _pair(Path(tmp) / f"par-{r}", url, concurrency=16)
                cold_seq, warm_seq, _ = _pair(Path(tmp) / f"seq-{r}", url, concurrency=1)
                for key, value in zip(times, (cold, warm, cold_seq, warm_seq)):
                    times[key].append(value)
    finally:
        server.shutdown()
        server.server_close()
    return [_row("cold", "every feed answers 200", times["cold"], times["cold-seq"], added),
            _row("warm", "every feed answers 304", times["warm"], times["warm-seq"], 0)]


def _row(kind: str, what: str, figures: list[float], baselines: list[float], added: int) -> dict:
    figure, baseline = statistics.median(figures), statistics.median(baselines)
    return {
        "case": f"Collect {kind}: {FEEDS} feeds × {ITEMS} items, {DELAY * 1000:g} ms each ({what})",
        "figure": round(figure, 3), "unit": "s", "min": round(min(figures), 3), "max": round(max(figures), 3),
        "runs": len(figures), "baseline": round(baseline, 3), "peer": "same feeds fetched one by one",
        "ratio": round(figure / baseline, 4), "target": TARGETS[kind],
        "note": f"16 feeds at once vs 1; fetch + parse + dedupe + write ({added} candidates written)"
                if kind == "cold" else "16 feeds at once vs 1; conditional GET, cached bodies parsed, nothing written",
    }


if __name__ == "__main__":
    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 1), ensure_ascii=False, indent=2))
