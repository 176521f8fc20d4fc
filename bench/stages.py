"""Per-stage time and peak memory of a build at several item counts: is the build linear?

``python -m bench.stages 250 500 1000 2000`` generates one photo-less issue per size (the bench
generator's text) and builds each in its own child process, stage by stage: read, HTML, PDF
layout (pictures fitted, as the build does), PDF write, DOCX. Each stage reports its seconds and
its own peak RSS (the kernel's high-water mark is reset before it through ``/proc/self/clear_refs``).
The table gives, per stage, seconds per item as a ratio to the smallest size *of the same run*:
1.0 is linear, 2.0 means an item costs twice as much at that size. ``--json FILE`` keeps the figures;
``--profile STAGE`` writes a cProfile of that stage next to it (``<size>-<stage>.prof``).
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .generate import Size, generate

STAGES = ("read", "html", "pdf_layout", "pdf_write", "docx")
"""The stages, in build order."""


def _peak_reset() -> None:
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS (Linux ≥ 4.0)


def _status_mb(key: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    raise KeyError(key)


def measure_one(items: int, work: Path, profile: str = "") -> dict:
    """Build a generated ``items``-item issue stage by stage in this process; the figures."""
    from bulletin.config import load_settings
    from bulletin.editions import pdf_layout, write_docx, write_web
    from bulletin.images import prepare_all
    from bulletin.reader import read_issue
    from bulletin.render.pdf import OPTIONS, fill_metadata, page_of_anchors, source_attachment

    made = generate(Size(f"N{items}", 40, items, 0), work / f"project-{items}")
    out = work / f"out-{items}"
    out.mkdir(parents=True, exist_ok=True)
    settings = load_settings(made.root / "sources.yaml")
    figures: dict[str, dict] = {}
    state: dict = {}

    def stage(name: str, call: Callable[[], object]) -> None:
        _peak_reset()
        before = _status_mb("VmRSS")
        profiler = cProfile.Profile() if name == profile else None
        started, cpu = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        state[name] = call()
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        if profiler:
            profiler.disable()
            profiler.dump_stats(str(work / f"{items}-{name}.prof"))
        figures[name] = {"seconds": seconds, "cpu": cpu, "peak_mb": _status_mb("VmHWM"), "start_mb": before}

    def write() -> dict[str, int]:
        document = state["pdf_layout"]
        fill_metadata(document.metadata, state["read"])
        document.write_pdf(out / "issue.pdf", attachments=[source_attachment(state["read"])], **OPTIONS)
        return page_of_anchors(document)

    cache = made.root / "build" / ".cache" / "images"
    stage("read", lambda: read_issue(made.issue, settings.publication))
    issue = state["read"]
    prepared = prepare_all(issue.images, ("web", "print"), cache)
    stage("html", lambda: write_web(issue, prepared["web"], out))
    stage("pdf_layout", lambda: pdf_layout(issue, prepared["print"], (issue.path.parent, cache)))
    stage("pdf_write", write)
    stage("docx", lambda: write_docx(issue, prepared["print"], out, state["pdf_write"]))
    return {"items": items, "pages": len(state["pdf_layout"].pages), "stages": figures,
            "peak_mb": _status_mb("VmHWM")}


def run_sizes(sizes: list[int], work: Path, profile: str = "") -> list[dict]:
    """Each size in its own child process (a fresh interpreter, so no size inherits another's heap)."""
    results = []
    for items in sizes:
        argv = [sys.executable, "-m", "bench.stages", "--one", str(items), "--work", str(work)]
        started = time.perf_counter()
        done = subprocess.run(argv + (["--profile", profile] if profile else []), capture_output=True,
                              text=True, cwd=Path(__file__).resolve().parents[1], check=False)
        if done.returncode:
            raise RuntimeError(f"{items} items failed:\n{done.stderr[-3000:]}")
        result = json.loads(done.stdout.splitlines()[-1])
        result["wall"] = time.perf_counter() - started
        results.append(result)
        print(f"{items} items: {result['pages']} pages, {result['wall']:.0f} s, {result['peak_mb']:.0f} MB",
              file=sys.stderr, flush=True)
    return results


def table(results: list[dict]) -> str:
    """Per stage: CPU seconds, peak MB, and CPU seconds per item as a ratio to the smallest size.

    CPU time (this process's user + system) rather than wall time: on a shared machine other
    processes' load stretches wall time but hardly the work done (wall time is in the JSON)."""
    base = results[0]
    lines = [f"load average now: {os.getloadavg()[0]:.1f}; CPU s, peak RSS, CPU s per item ÷ the {base['items']}-item "
             "build's (1.00 = linear)", f"{'items':>6} {'pages':>6} " + " ".join(f"{s:>24}" for s in STAGES)]
    for r in results:
        cells = []
        for s in STAGES:
            f, b = r["stages"][s], base["stages"][s]
            ratio = (f["cpu"] / r["items"]) / (b["cpu"] / base["items"]) if b["cpu"] else float("nan")
            cells.append(f"{f['cpu']:7.1f}s {f['peak_mb']:6.0f}MB ×{ratio:5.2f}")
        lines.append(f"{r['items']:>6} {r['pages']:>6} " + " ".join(f"{c:>24}" for c in cells))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.stages", description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[250, 500, 1000, 2000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help="folder for the generated issues (default: a temporary one)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--profile", choices=STAGES, default="", help="cProfile this stage at every size")
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure_one(args.one, args.work, args.profile)))
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-stages-") as tmp:
        results = run_sizes(sorted(args.sizes), args.work or Path(tmp), args.profile)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
