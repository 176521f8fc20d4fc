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
