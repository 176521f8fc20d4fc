"""Benchmark of the archive (issue 6): a generated 300-issue archive, built in full, then one more
issue added (the incremental case), and a rebuild with nothing changed.

The issues are small (a trend summary and three items, no photos) so that generating them is
quick; every issue is really built (WeasyPrint PDF, python-docx DOCX, HTML) through
``bulletin site``'s own code, nothing is stubbed. The full build of 300 issues therefore takes
minutes on a small machine: that cost is the point of the comparison.

Standalone: ``python -m bench.bench_site [runs] [issues]`` prints the rows as JSON.
The harness calls :func:`run`.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from . import smoke

REPO = Path(__file__).resolve().parents[1]
ISSUES = 2 if smoke() else 300
"""Archive size the issue asks for (2 in a smoke run)."""
ADD_TARGET_S = 10.0
"""Adding one issue must take seconds, not minutes: the target is 10 s."""


def _week(n: int) -> tuple[int, int, date, date]:
    """Issue ``n`` (0-based) of the archive -> (year, number, Monday, Sunday); weekly from 2021."""
    monday = date(2021, 1, 4) + timedelta(weeks=n)
    number = (monday - date(monday.year, 1, 1)).days // 7 + 1
    return monday.year, number, monday, monday + timedelta(days=6)


def _day(d: date) -> str:
    return f"{d.day:02d}/{d.month}" if d.day < 10 else f"{d.day}/{d.month}"


def issue_text(n: int) -> tuple[int, int, str]:
    """(year, number, text) of generated issue ``n``: front matter, trend summary, three items."""
    year, number, start, end = _week(n)
    topics = ("chuyển đổi số", "năng lượng tái tạo", "trí tuệ nhân tạo", "bán dẫn", "nông nghiệp thông minh")
    topic = topics[n % len(topics)]
    items = []
    for k, tag in enumerate(("national", "spotlight", "local")):
        day = start + timedelta(days=k * 2)
        items.append(f"## Tin {k + 1} của số {number}/{year} về {topic}\n- tag: {tag}\n- ngày: {day.day}/{day.month}/{day.year}\n"
                     f"- nguồn: [Báo Khoa học](https://khoahoc.example.vn/{year}/{number}/{k}.html)\n\n"
                     f"Đoạn mở đầu của tin {k + 1}, tuần {number} năm {year}, nói về {topic}.\n\n"
                     f"Thân bài ngắn với một câu về kết quả và một câu về kế hoạch tiếp theo.\n")
    text = (f"---\nsố: {number}\nnăm: {year}\ntuần: {_day(start)}/{start.year} - {_day(end)}/{end.year}\n"
            f"chủ đề: Tuần {number}/{year} – {topic} cho người dân\n---\n\n"
            f"## Tổng kết xu hướng tuần {number}/{year}\n- tag: trend\n\nMở đầu tổng kết.\n\n"
            f"### 1. Xu hướng chung của cả nước\n\n**Chung:** một đoạn.\n\n"
            f"### 2. Điểm sáng tại thành phố Hải Phòng\n\n**Địa phương:** một đoạn.\n\n*Kết.*\n\n" + "\n".join(items))
    return year, number, text


def write_issue(root: Path, n: int) -> Path:
    """Write generated issue ``n`` into project ``root``."""
    year, number, text = issue_text(n)
    path = root / "issues" / str(year) / f"{number:02d}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _timed_build(root: Path) -> tuple[float, int]:
    from bulletin.config import load_settings
    from bulletin.site.archive import build_site

    start = time.perf_counter()
    report = build_site(load_settings(root / "sources.yaml"), root / "build")
    elapsed = time.perf_counter() - start
    if report.failures:
        raise RuntimeError(f"generated issues failed: {report.failures[0].message}")
    return elapsed, len(report.built)


def measure(root: Path, runs: int, issues: int) -> list[dict]:
    """Generate ``issues`` issues in project ``root``, build, add one, rebuild unchanged: the rows."""
    logging.getLogger("bulletin").setLevel(logging.WARNING)
    shutil.copyfile(REPO / "sources.yaml", root / "sources.yaml")
    for n in range(issues):
        write_issue(root, n)
    full, built = _timed_build(root)
    if built != issues:
        raise RuntimeError(f"full build made {built} of {issues} issues")
    adds, nothing = [], []
    for k in range(max(1, runs)):
        write_issue(root, issues + k)
        elapsed, built = _timed_build(root)
        if built != 1:
            raise RuntimeError(f"adding one issue rebuilt {built} issues")
        adds.append(elapsed)
        elapsed, built = _timed_build(root)
        nothing.append(elapsed)
    size = sum(p.stat().st_size for p in (root / "build" / "site").rglob("*") if p.is_file())
    return _rows(issues, full, adds, nothing, size)


def _rows(issues: int, full: float, adds: list[float], nothing: list[float], size: int) -> list[dict]:
    def spread(values: list[float]) -> dict:
        return {"figure": round(statistics.median(values), 3), "min": round(min(values), 3),
                "max": round(max(values), 3), "runs": len(values)}

    peer = f"full build of {issues} issues"
    add, same = spread(adds), spread(nothing)
    return [
        {"case": f"Archive: full build, {issues} issues (3 editions each)", "figure": round(full, 1), "unit": "s",
         "runs": 1, "baseline": None, "ratio": None, "target": None,
         "note": f"{issues} generated issues (trend + 3 items, no photos); every PDF, DOCX and HTML really rendered"},
        {"case": f"Archive: add 1 issue to {issues}", **add, "unit": "s", "baseline": round(full, 1), "peer": peer,
         "ratio": round(add["figure"] / full, 4), "target": f"≤ {ADD_TARGET_S:g} s",
         "note": "the new issue's three editions + every page, feed, sitemap and search index rewritten"},
        {"case": f"Archive: rebuild {issues + len(adds)} issues, nothing changed", **same, "unit": "s",
         "baseline": round(full, 1), "peer": peer, "ratio": round(same["figure"] / full, 4),
         "target": f"≤ {ADD_TARGET_S:g} s", "note": "content hashes (stat-cached) only; no file rewritten"},
        {"case": f"Archive: build/site size, {issues + len(adds)} issues", "figure": round(size / 1e6, 1),
         "unit": "MB", "runs": 1, "baseline": None, "ratio": None, "target": None,
         "note": "one shared copy of the web fonts; PDF and DOCX of each issue included"},
    ]


def run(runs: int = 1, issues: int = ISSUES) -> list[dict]:
    """Rows ``{case, figure, unit, baseline, ratio, target, note}``.

    The code and templates are snapshotted into a temporary folder and measured there in a child
    process, so edits made to the checkout while the benchmark runs (minutes) cannot invalidate
    the content hashes half-way. ``runs`` repeats the cheap cases; the full build is done once.
    """
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        code, project = Path(tmp) / "code", Path(tmp) / "project"
        ignore = shutil.ignore_patterns("__pycache__", "results*.json")
        for name in ("bulletin", "templates", "bench"):
            shutil.copytree(REPO / name, code / name, ignore=ignore)
        shutil.copyfile(REPO / "sources.yaml", code / "sources.yaml")
        project.mkdir()
        env = {**os.environ, "PYTHONPATH": str(code)}
        child = subprocess.run([sys.executable, "-m", "bench.bench_site", "--inner", str(runs), str(issues), str(project)],
                               cwd=code, env=env, capture_output=True, text=True, check=False)
        if child.returncode != 0:
            raise RuntimeError(f"bench_site failed:\n{child.stderr[-2000:]}")
        return json.loads(child.stdout)


def main(argv: list[str]) -> int:
    """``python -m bench.bench_site [runs] [issues]``; ``--inner runs issues folder`` is the child."""
    if argv[:1] == ["--inner"]:
        import bulletin

        if not Path(bulletin.__file__).resolve().is_relative_to(REPO):
            raise RuntimeError(f"the snapshot is not the code under test: {bulletin.__file__}")
        rows = measure(Path(argv[3]), int(argv[1]), int(argv[2]))
    else:
        rows = run(*(int(a) for a in argv))
    print(json.dumps(rows, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
