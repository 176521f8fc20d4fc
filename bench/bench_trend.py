"""Benchmark of ``make trend`` (issue 15) and of the archive's "Xu hướng" page.

Cases, each measured in this process against a baseline measured in the same run:

* ``make trend`` on the L issue (120 items, bench/generate.py), the draft really written into a
  scratch copy each run; baseline: ``make check`` of the same issue (reading and checking it).
* ``make trend`` on the newest issue of a 300-issue archive (bench_site's generated issues); it
  reads only the four previous issues, so the archive's size should barely count. Same baseline.
* the "Xu hướng" page over the 300 issues, first with an empty cache (every issue read), then with
  a warm cache (nothing changed); baseline: reading the 300 issues with ``make check``'s reader.

Standalone: ``python -m bench.bench_trend [runs]`` prints the rows as JSON. The harness calls :func:`run`.
"""
from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"L": "≤ 12×", "archive": "≤ 8×", "cold": "≤ 2.0×", "warm": "≤ 0.1×"}
"""Set after measuring (2026-12-03, 5 runs, L 9.2×, archive 5.4×, cold 1.7×, warm 0.02×; see the
README): drafting the L issue tokenises and clusters 120 long items, about nine readings of it;
the newest issue of an archive costs reading five issues; the page with a warm cache must cost a
small fraction of reading the archive."""


def _timed(action, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def _trend_case(root: Path, number: int, year: int, runs: int) -> tuple[list[float], list[float]]:
    from bulletin.config import load_settings
    from bulletin.project import Project
    from bulletin.reader import read_issue
    from bulletin.trend.run import TrendRequest, make_trend

    settings = load_settings(root / "sources.yaml")
    path = Project(root).find_issue(number, year)
    original = path.read_bytes()

    def trend() -> None:
        path.write_bytes(original)
        make_trend(TrendRequest(settings, number, year))

    trend()  # warm-up
    check = _timed(lambda: read_issue(path, settings.publication), runs)
    return _timed(trend, runs), check


def _page_case(root: Path, runs: int) -> dict[str, list[float]]:
    from bulletin.config import load_settings
    from bulletin.reader import read_issue
    from bulletin.project import Project
    from bulletin.record import common_digest, issue_record
    from bulletin.site.trends import render_trends

    settings = load_settings(root / "sources.yaml")
    files = [i.path for i in Project(root).all_issues()]
    cache = root / "cache"
    read_all = _timed(lambda: [read_issue(p, settings.publication) for p in files], 1)
    common = common_digest(settings.path)  # the site has these from its build records
    digests = {p: issue_record(read_issue(p, settings.publication), common, None, 0).digest for p in files}

    def cold() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        render_trends(settings, digests, cache)

    cold_times = _timed(cold, 1)
    warm = _timed(lambda: render_trends(settings, digests, cache), runs)
    return {"read": read_all, "cold": cold_times, "warm": warm}


def _row(case: str, values: list[float], baseline: list[float], target: str, note: str) -> dict:
    figure, base = statistics.median(values), statistics.median(baseline)
    return {"case": case, "figure": round(figure, 3), "unit": "s", "min": round(min(values), 3),
            "max": round(max(values), 3), "runs": len(values), "baseline": round(base, 3),
            "ratio": round(figure / base, 3), "target": target, "peer": "make check", "note": note}


def run(runs: int = 5) -> list[dict]:
    """Rows ``{case, figure, unit, baseline, ratio, target, note}``."""
    from bench.bench_site import write_issue
    from bench.generate import SIZES, YEAR, generate

    with tempfile.TemporaryDirectory(prefix="bench-trend-") as tmp:
        large = generate(SIZES["L"], Path(tmp) / "large")
        l_trend, l_check = _trend_case(large.root, SIZES["L"].number, YEAR, runs)
        archive = Path(tmp) / "archive"
        archive.mkdir()
        shutil.copyfile(Path(__file__).resolve().parents[1] / "sources.yaml", archive / "sources.yaml")
        newest = [write_issue(archive, n) for n in range(300)][-1]
        a_trend, a_check = _trend_case(archive, int(newest.stem), int(newest.parent.name), runs)
        page = _page_case(archive, runs)
    return [
        _row("make trend: L issue (120 items)", l_trend, l_check, TARGETS["L"],
             "themes of both parts, figures against 4 earlier issues (none here), draft written"),
        _row("make trend: newest of a 300-issue archive", a_trend, a_check, TARGETS["archive"],
             "reads the 4 previous issues only"),
        _row("Xu hướng page: 300 issues, empty cache", page["cold"], page["read"], TARGETS["cold"],
             "every issue read and cached; baseline: reading the 300 issues"),
        _row("Xu hướng page: 300 issues, warm cache", page["warm"], page["read"], TARGETS["warm"],
             "nothing changed: counts cached under each issue's build record digest, no issue file read"),
    ]


def main(argv: list[str]) -> int:
    print(json.dumps(run(*(int(a) for a in argv)), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
