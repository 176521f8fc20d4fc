"""Benchmark of large feeds (issue 11): a collect over 50 feeds of 1,000 items each.

Feeds of 1,000 items are real (VietNamNet's home.rss served 1,000 items in 2026). Each run is a
fresh ``bulletin collect`` in a child process (its own time and peak memory), against a loopback
server that answers at once. The baseline, measured in the same run, is the floor no collector can
go under: ``feedparser.parse`` of the same 50 bodies, in a child process too. ``ratio`` =
collect / bare parse, for time and for peak memory.

``BENCH_SMOKE=1`` uses 4 feeds of 100 items (the figures then mean nothing). Standalone:
``python -m bench.bench_feeds [runs]``.
"""
from __future__ import annotations

import os
import random
import sys
import tempfile
import threading
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from . import REPO, make_row, project_copy, repeat, run_child, standalone

SMOKE = os.environ.get("BENCH_SMOKE", "").strip() == "1"
FEEDS, ITEMS = (4, 100) if SMOKE else (50, 1000)
"""Feeds, and items in each."""
TARGETS = {"time": "≤ 2.5×", "memory": "≤ 2.0×, ≤ 600 MB"}
"""The pipeline (fetch, decode, parse, clean, dedupe, cap, write) at most 2.5 times the bare parse,
and its peak memory at most twice the bare parse's, under 600 MB."""
WEEK_START = datetime(2026, 5, 4, 6, 0)
WORDS = ("khoa học công nghệ dữ liệu bán dẫn mạng số hóa trung tâm nghiên cứu đổi mới sáng tạo thành phố "
         "doanh nghiệp kỹ sư vệ tinh robot năng lượng sinh học vật liệu chip giao thông cảng biển").split()


def _feed(n: int, rng: random.Random) -> bytes:
    items = []
    for i in range(ITEMS):
        words = " ".join(rng.choice(WORDS) for _ in range(9))
        when = WEEK_START + timedelta(minutes=(n * 7 + i * 13) % (7 * 24 * 60 - 600))
        link = f"https://nguon{n}.example/bai-{i}.html"
        items.append(f"<item><title><![CDATA[{words} {n}-{i}]]></title><link>{link}</link><guid>{link}</guid>"
                     f"<description><![CDATA[<a href=\"{link}\"><img src=\"https://img.example/{i}.jpg\"></a></br>"
                     f"Đoạn mở đầu về {words}, bài {i} của nguồn {n}.]]></description>"
                     f"<pubDate>{when:%a, %d %b %Y %H:%M:%S} +0700</pubDate></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Nguồn {n}</title>'
            f"<link>https://nguon{n}.example/</link>{''.join(items)}</channel></rss>").encode("utf-8")


def _serve(bodies: dict[str, bytes]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            body = bodies.get(self.path, b"")
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server


def run(runs: int = 1) -> list[dict]:
    """Two rows: time and peak memory of the collect, each against the bare parse."""
    rng = random.Random(11)
    bodies = {f"/feed/{n}.rss": _feed(n, rng) for n in range(FEEDS)}
    server = _serve(bodies)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    python = str(REPO / ".venv" / "bin" / "python") if (REPO / ".venv" / "bin" / "python").exists() else sys.executable
    collect_times, collect_mem, parse_times, parse_mem = [], [], [], []
    try:
        with tempfile.TemporaryDirectory(prefix="bench-feeds-") as tmp:
            folder = Path(tmp)
            bodies_dir = folder / "bodies"
            bodies_dir.mkdir()
            for n, body in enumerate(bodies.values()):
                (bodies_dir / f"{n}.rss").write_bytes(body)
            feeds = folder / "feeds.yaml"
            feeds.write_text("sources:\n" + "".join(
                f"  - name: Nguồn {n}\n    url: {url}/feed/{n}.rss\n    scope: national\n    enabled: true\n"
                for n in range(FEEDS)), encoding="utf-8")

            def once(i: int) -> None:
                work = folder / f"run-{i}"
                work.mkdir()
                root = project_copy(work)
                collected = run_child([python, "-m", "bulletin", "collect", "17", "--nam", "2026", "--sources",
                                       str(feeds), "--allow-private", "127.0.0.1"], cwd=root)
                parsed = run_child([python, "-c", _BARE_PARSE, str(bodies_dir)], cwd=root)
                if i >= 0:
                    collect_times.append(collected.seconds)
                    collect_mem.append(collected.max_rss_mb)
                    parse_times.append(parsed.seconds)
                    parse_mem.append(parsed.max_rss_mb)

            repeat(runs, once)
    finally:
        server.shutdown()
        server.server_close()
    return _rows(collect_times, collect_mem, parse_times, parse_mem)


_BARE_PARSE = """
import io, sys, pathlib, feedparser
for path in sorted(pathlib.Path(sys.argv[1]).iterdir()):
    feedparser.parse(io.BytesIO(path.read_bytes()))
"""
"""The floor: feedparser alone on the same bodies, read from disk."""


def _rows(times: list[float], memory: list[float], floor_times: list[float], floor_memory: list[float]) -> list[dict]:
    what = f"Collect {FEEDS} feeds × {ITEMS:,} items".replace(",", ".")
    peer = "feedparser.parse of the same bodies, nothing else"
    time_row = make_row(f"{what}: time", "s", times, baseline=min(floor_times) if floor_times else None, peer=peer,
                        target=TARGETS["time"], note="whole `bulletin collect` in a child process, new issue file; "
                        "30 candidates per source kept (the cap)")
    memory_row = make_row(f"{what}: peak memory", "MB", memory, baseline=min(floor_memory) if floor_memory else None,
                          peer=peer, target=TARGETS["memory"], note="peak RSS of the child process")
    return [_as_dict(time_row), _as_dict(memory_row)]


def _as_dict(row) -> dict:
    return {"case": row.case, "figure": row.figure, "unit": row.unit, "min": row.low, "max": row.high,
            "runs": row.runs, "baseline": row.baseline, "peer": row.peer, "ratio": row.ratio,
            "target": TARGETS["time"] if row.unit == "s" else TARGETS["memory"], "note": row.note}


if __name__ == "__main__":
    sys.exit(standalone(run, sys.argv[1:]))
