"""``python -m bench [build pdf docx collect site]``: run the cases, print the table, write results.json.

``python -m bench --markdown`` prints the last results as the README's Markdown table.

``BENCH_RUNS`` (default 5) sets how many measured runs each case makes after its warm-up.
``BENCH_SMOKE=1`` makes one run per case of the smallest cases only (the test suite's smoke run), and
``BENCH_RESULTS`` names another results file. Naming
modules on the command line runs only those (``python -m bench build``). A case module that does
not exist yet is reported as missing; one that fails is reported with its error; the others still
run and ``bench/results.json`` is written either way.
"""
from __future__ import annotations

import importlib
import json
import logging
import os
import platform
import sys
import time
import traceback
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from rich.console import Console
from rich.logging import RichHandler
from rich.table import Table

from . import Row, row_from_dict, smoke

MODULES = ("build", "pdf", "docx", "collect", "feeds", "site", "trend", "email", "preview", "articles")
"""Case modules, ``bench/bench_<name>.py``, in the order they run."""
RESULTS = Path(os.environ.get("BENCH_RESULTS") or Path(__file__).resolve().parent / "results.json")
"""Where the rows are written (``BENCH_RESULTS`` overrides it, e.g. for the smoke run)."""
DEFAULT_RUNS = 5
"""Measured runs per case when ``BENCH_RUNS`` is not set."""

log = logging.getLogger("bench")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one case module gave."""

    module: str
    """``build``, ``pdf``, …"""
    rows: tuple[Row, ...]
    """Its rows (empty when missing or failed)."""
    status: str
    """``ok``, ``missing`` or ``failed``."""
    detail: str
    """Why it is missing or how it failed; ''."""
    seconds: float
    """How long it ran."""


def main(argv: list[str]) -> int:
    if argv == ["--markdown"]:
        print(markdown_table(json.loads(RESULTS.read_text(encoding="utf-8"))))
        return 0
    runs = _runs()
    names = argv or list(MODULES)
    unknown = [n for n in names if n not in MODULES]
    if runs is None or unknown:
        print(f"usage: BENCH_RUNS=<n ≥ 1> python -m bench [{' '.join(MODULES)}]", file=sys.stderr)
        return 2
    console = Console(stderr=True)
    logging.basicConfig(level=logging.WARNING, handlers=[RichHandler(console=console, show_path=False)],
                        format="%(message)s")
    log.setLevel(logging.INFO)
    started = time.perf_counter()
    outcomes = [run_module(name, runs) for name in names]
    write_results(outcomes, runs, time.perf_counter() - started)
    print_table(outcomes, Console(width=max(Console().width, 150)))
    return 1 if any(o.status == "failed" for o in outcomes) else 0


def _runs() -> int | None:
    if smoke():
        return 1
    text = os.environ.get("BENCH_RUNS", "").strip() or str(DEFAULT_RUNS)
    return int(text) if text.isdigit() and int(text) >= 1 else None


def run_module(name: str, runs: int) -> Outcome:
    """Import ``bench.bench_<name>`` and call its ``run(runs)``; never raises."""
    started = time.perf_counter()
    try:
        module = importlib.import_module(f"bench.bench_{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"bench.bench_{name}":
            log.warning("bench/bench_%s.py does not exist yet: its rows are missing", name)
            return Outcome(name, (), "missing", f"bench/bench_{name}.py does not exist", 0.0)
        return _failed(name, started)
    except Exception:
        return _failed(name, started)
    log.info("[bold]bench_%s[/bold]: %d runs per case", name, runs, extra={"markup": True})
    try:
        raw = module.run(runs)
        rows = tuple(r if isinstance(r, Row) else row_from_dict(r) for r in raw)
    except Exception:
        return _failed(name, started)
    seconds = time.perf_counter() - started
    log.info("bench_%s done in %.0f s", name, seconds)
    return Outcome(name, rows, "ok", "", seconds)


def _failed(name: str, started: float) -> Outcome:
    detail = traceback.format_exc()
    log.error("bench_%s failed:\n%s", name, detail)
    return Outcome(name, (), "failed", detail.strip().splitlines()[-1], time.perf_counter() - started)


def write_results(outcomes: list[Outcome], runs: int, seconds: float) -> None:
    """``bench/results.json``, replaced atomically."""
    rows = [row for o in outcomes for row in o.rows]
    data = {
        "generated": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "runs": runs, "seconds": round(seconds, 1),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "rows": [row.as_json() for row in rows],
        "unmet": [row.case for row in rows if row.met is False],
        "modules": {o.module: {"status": o.status, "detail": o.detail, "seconds": round(o.seconds, 1)} for o in outcomes},
    }
    tmp = RESULTS.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(RESULTS)


def print_table(outcomes: list[Outcome], console: Console) -> None:
    """One row per case, notes below, then what is missing or failed."""
    table = Table(title="make bench (bench/results.json)")
    for header, justify in (("#", "right"), ("Case", "left"), ("Figure", "right"), ("Min", "right"),
                            ("Max", "right"), ("Runs", "right"), ("Compared with", "left"), ("Baseline", "right"),
                            ("Ratio", "right"), ("Target", "left"), ("Met", "center")):
        table.add_column(header, justify=justify)  # type: ignore[arg-type]
    rows = [row for o in outcomes for row in o.rows]
    for n, row in enumerate(rows, 1):
        table.add_row(str(n), row.case, _value(row.figure, row.unit), _value(row.low, row.unit),
                      _value(row.high, row.unit), str(row.runs), row.peer, _value(row.baseline, row.unit),
                      f"{row.ratio:.3f}×" if row.ratio is not None else "—", row.target, _met(row.met))
    console.print(table)
    for n, row in enumerate(rows, 1):
        if row.note:
            console.print(f"  {n}. {row.note}", highlight=False)
    for o in outcomes:
        if o.status != "ok":
            console.print(f"[yellow]bench_{o.module}: {o.status}[/yellow] — {o.detail}")


def markdown_table(results: dict) -> str:
    """The README's table from ``results.json`` (``python -m bench --markdown``)."""
    lines = ["| Case | Figure (min–max) | Compared with | Baseline | Ratio | Target | Met |", "|---|---|---|---|---|---|---|"]
    for r in results["rows"]:
        spread = f" ({_value(r['min'], '')}–{_value(r['max'], '')})" if r["runs"] > 1 else ""
        ratio = f"{r['ratio']:.3f}×" if r["ratio"] is not None else "—"
        met = "—" if r["met"] is None else "yes" if r["met"] else "**no**"
        lines.append(f"| {r['case']} | {_value(r['figure'], r['unit'])}{spread} | {r['peer']} | "
                     f"{_value(r['baseline'], r['unit'])} | {ratio} | {r['target']} | {met} |")
    return "\n".join(lines)


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    return f"{value:.3g} {unit}".rstrip() if abs(value) < 100 else f"{value:.0f} {unit}".rstrip()


def _met(met: bool | None) -> str:
    return "—" if met is None else "[green]yes[/green]" if met else "[red]NO[/red]"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
