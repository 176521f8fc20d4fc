"""The benchmark's smoke run: ``make bench`` with one run per case, smallest cases only.

Its figures mean nothing (speed is never asserted in tests); what is checked is that every case
module still runs to the end and gives rows with measured figures, so CI catches a broken bench.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .helpers import FIXTURES, ROOT, read_tsv


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


_HARNESS = """
import sys
from pathlib import Path
from bench import run_child
grown = bytearray(int(sys.argv[1]) * 1_000_000)
grown[::4096] = b"x" * len(grown[::4096])  # touch every page: resident, not only reserved
child = "held = bytearray({0} * 1_000_000); held[::4096] = b'x' * len(held[::4096])".format(int(sys.argv[2]))
print(run_child([sys.executable, "-c", child], cwd=Path.cwd()).max_rss_mb)
"""


MEMORY_CASES = read_tsv(FIXTURES / "bench" / "child_memory.tsv", 5)


@pytest.mark.parametrize("harness_mb, child_mb, at_least, below, what", MEMORY_CASES,
                         ids=[f"harness-{case[0]}MB-child-{case[1]}MB" for case in MEMORY_CASES])
def test_child_peak_memory_is_the_childs_own(harness_mb, child_mb, at_least, below, what):
    """A child started directly by a harness that has grown reports at least the harness's peak (Linux
    records the starter's high-water mark at ``exec``); ``run_child`` reports the child's own."""
    done = subprocess.run([sys.executable, "-c", _HARNESS, harness_mb, child_mb], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=True)
    measured = float(done.stdout)
    assert float(at_least) <= measured < float(below), (what, measured)
