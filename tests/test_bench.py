"""The benchmark's smoke run: ``make bench`` with one run per case, smallest cases only.

Its figures mean nothing (speed is never asserted in tests); what is checked is that every case
module still runs to the end and gives rows with measured figures, so CI catches a broken bench.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

from .helpers import ROOT


def test_bench_smoke_run_completes_every_case(tmp_path):
    results = tmp_path / "results.json"
    env = {**os.environ, "BENCH_SMOKE": "1", "BENCH_RESULTS": str(results)}
    done = subprocess.run([sys.executable, "-m", "bench"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=900, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    data = json.loads(results.read_text(encoding="utf-8"))
    from bench.__main__ import MODULES

    assert {m: s["status"] for m, s in data["modules"].items()} == dict.fromkeys(MODULES, "ok")
    assert data["runs"] == 1
    unmeasured = [r["case"] for r in data["rows"] if r["figure"] is None]
    assert not unmeasured and len(data["rows"]) >= 10, (unmeasured, data["rows"])


def test_stage_breakdown_measures_every_stage_at_every_size(tmp_path):
    """``python -m bench.stages`` (the growth breakdown behind the 1,000-item row's target)."""
    figures = tmp_path / "stages.json"
    done = subprocess.run([sys.executable, "-m", "bench.stages", "6", "3", "--work", str(tmp_path), "--json", str(figures)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    from bench.stages import STAGES

    results = json.loads(figures.read_text(encoding="utf-8"))
    assert [r["items"] for r in results] == [3, 6] and all(r["pages"] > 1 for r in results)
    for r in results:
        assert list(r["stages"]) == list(STAGES)
        assert all(s["cpu"] > 0 and s["peak_mb"] >= s["start_mb"] > 0 for s in r["stages"].values())
    assert done.stdout.count("×") == 2 * len(STAGES)
