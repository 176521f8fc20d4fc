"""``make bench``: how fast, how large, and against whom.

Every case module (``bench/bench_*.py``) exposes ``run(runs: int) -> list[dict]``; each dict is one
row with the keys ``case, figure, unit, baseline, ratio, target, note`` and, optionally,
``min, max, runs, peer, met`` (anything else is kept under ``extra``). The harness
(``python -m bench``) turns them into :class:`Row` objects, prints one table and writes
``bench/results.json``.

``target`` is best given as text: ``"≤ 1.15×"`` compares the ratio, ``"≤ 1.5 s"`` or ``"≤ 600 MB"``
the figure (in the row's unit), and several limits may be joined (``"≤ 0.25×, ≤ 3 MB"``). A bare
number is read as a limit on the ratio when the row has one, else on the figure. ``None`` means the
row is informative only (``met`` is then ``None``). A row that could not be measured has
``figure = None`` and a ``note`` saying why.
"""
from __future__ import annotations

import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
"""The repository root."""
VENV_BIN = REPO / ".venv" / "bin"
"""The project's virtualenv scripts (``bulletin``, ``weasyprint``)."""


def smoke() -> bool:
    """``BENCH_SMOKE=1``: one run per case, no warm-up, smallest cases only (``make test`` runs
    this so that a benchmark that no longer runs is caught; its figures mean nothing)."""
    return os.environ.get("BENCH_SMOKE", "").strip() == "1"


@dataclass(frozen=True, slots=True)
class Limit:
    """One machine-checkable target, e.g. ratio ≤ 1.15 or figure ≤ 600."""

    of: str
    """``ratio`` or ``figure``."""
    op: str
    """``<=`` or ``>=``."""
    value: float
    """The limit."""

    def holds(self, figure: float | None, ratio: float | None) -> bool:
        """Whether the measured value is within the limit (False when it was not measured)."""
        measured = ratio if self.of == "ratio" else figure
        if measured is None:
            return False
        return measured <= self.value if self.op == "<=" else measured >= self.value

    def text(self, unit: str) -> str:
        """``≤ 1.15×`` or ``≤ 600 MB``."""
        sign = "≤" if self.op == "<=" else "≥"
        number = f"{self.value:g}"
        if self.of == "ratio":
            return f"{sign} {number if '.' in number else number + '.0'}×"
        return f"{sign} {number} {unit}".rstrip()


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the results table."""

    case: str
    """What is measured, e.g. "Full issue build (sample, 3 editions)"."""
    figure: float | None
    """The median of the runs (or the single value of a deterministic measure); None if not measured."""
    unit: str
    """Unit of ``figure``, ``low``, ``high`` and ``baseline``: "s", "MB", ..."""
    low: float | None
    """Smallest run, or None."""
    high: float | None
    """Largest run, or None."""
    runs: int
    """How many measured runs the figure summarises (warm-up excluded); 0 if not measured."""
    baseline: float | None
    """The peer or floor measured in the same run, in ``unit``; None when there is none."""
    peer: str
    """What the baseline is, e.g. "pandoc DOCX + HTML + PDF (WeasyPrint)"; "—" when there is none."""
    ratio: float | None
    """``figure / baseline``, or None."""
    target: str
    """The target as text ("≤ 1.0×"), "—" when the row has none."""
    limits: tuple[Limit, ...]
    """The target, machine-checkable."""
    met: bool | None
    """Whether every limit holds; None for a row without a target."""
    note: str
    """Anything a reader needs: why a figure is missing, what the baseline does, fitted parameters."""
    extra: Mapping[str, object] = field(default_factory=dict)
    """Further figures (per-size times, a fitted line, file sizes), written to the JSON as they are."""

    def as_json(self) -> dict[str, object]:
        """The row as written to ``bench/results.json``."""
        return {"case": self.case, "figure": _round(self.figure), "unit": self.unit, "min": _round(self.low),
                "max": _round(self.high), "runs": self.runs, "baseline": _round(self.baseline), "peer": self.peer,
                "ratio": _round(self.ratio),
                "target": self.target, "met": self.met, "note": self.note, **({"extra": dict(self.extra)} if self.extra else {})}


def _round(value: float | None) -> float | None:
    return None if value is None else float(f"{value:.4g}") if abs(value) < 1 else round(value, 4)


def make_row(case: str, unit: str, values: Sequence[float] | None, *, baseline: float | None = None,
             peer: str = "—", target: str | float | None = None, note: str = "",
             extra: Mapping[str, object] | None = None) -> Row:
    """A row from raw run values: median, min, max, ratio and the target check done here."""
    values = list(values or [])
    figure = statistics.median(values) if values else None
    ratio = figure / baseline if figure is not None and baseline else None
    limits = parse_target(target, has_ratio=ratio is not None or baseline is not None)
    met = all(limit.holds(figure, ratio) for limit in limits) if limits else None
    shown = ", ".join(limit.text(unit) for limit in limits) if limits else (str(target) if target else "—")
    return Row(case=case, figure=figure, unit=unit, low=min(values) if values else None,
               high=max(values) if values else None, runs=len(values), baseline=baseline, peer=peer,
               ratio=ratio, target=shown, limits=limits, met=met, note=note, extra=dict(extra or {}))


_LIMIT = re.compile(r"(≤|<=|<|≥|>=|>)\s*([0-9]+(?:[.,][0-9]+)?)\s*(×|x\b)?")


def parse_target(target: str | float | None, has_ratio: bool) -> tuple[Limit, ...]:
    """Read a target as documented in this module's docstring."""
    if target is None or target == "":
        return ()
    if isinstance(target, (int, float)):
        return (Limit("ratio" if has_ratio else "figure", "<=", float(target)),)
    limits = []
    for sign, number, times in _LIMIT.findall(str(target)):
        op = "<=" if sign in ("≤", "<=", "<") else ">="
        limits.append(Limit("ratio" if times else "figure", op, float(number.replace(",", "."))))
    return tuple(limits)


_KNOWN = {"case", "figure", "unit", "baseline", "ratio", "target", "note", "min", "max", "low", "high",
          "runs", "peer", "met", "extra"}


def row_from_dict(data: Mapping[str, object]) -> Row:
    """Convert a case module's dict row. Its own ``ratio`` and ``met`` are kept when given."""
    figure, baseline = _number(data.get("figure")), _number(data.get("baseline"))
    ratio = _number(data.get("ratio"))
    if ratio is None and figure is not None and baseline:
        ratio = figure / baseline
    target = data.get("target")
    limits = parse_target(target if isinstance(target, (str, int, float)) else None, ratio is not None)
    met = data.get("met")
    if not isinstance(met, bool):
        met = all(limit.holds(figure, ratio) for limit in limits) if limits else None
    unit = str(data.get("unit") or "")
    shown = ", ".join(limit.text(unit) for limit in limits) if limits else (str(target) if target else "—")
    extra = {k: v for k, v in data.items() if k not in _KNOWN}
    extra.update(data.get("extra") or {})  # type: ignore[arg-type]
    return Row(case=str(data.get("case", "?")), figure=figure, unit=unit,
               low=_number(data.get("min", data.get("low"))), high=_number(data.get("max", data.get("high"))),
               runs=int(data.get("runs") or (1 if figure is not None else 0)), baseline=baseline,  # type: ignore[call-overload]
               peer=str(data.get("peer") or ("—" if baseline is None else "see note")), ratio=ratio,
               target=shown, limits=limits, met=met, note=str(data.get("note") or ""), extra=extra)


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


# --- measuring ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ChildRun:
    """One finished child process."""

    seconds: float
    """Wall-clock time from start to exit."""
    max_rss_mb: float
    """The child's own peak resident memory (``ru_maxrss`` from ``wait4``, or that of the largest
    child it waited for), in decimal MB; never the harness's (see ``bench/launch.py``)."""
    cpu_seconds: float = 0.0
    """User + system CPU time of the child and the children it waited for (``wait4``): the work done,
    which other processes' load on a shared machine hardly changes (unlike ``seconds``)."""


class ChildFailed(RuntimeError):
    """A measured command exited non-zero; the message carries the end of its output."""


LAUNCHER = Path(__file__).resolve().parent / "launch.py"
"""The small process that starts every measured command, so that its peak memory is its own."""


def run_child(argv: Sequence[str], cwd: Path, env: Mapping[str, str] | None = None) -> ChildRun:
    """Run ``argv`` to completion; time it and read its own peak RSS (not the parent's or other children's).

    The command is started by ``bench/launch.py``, a fresh, bare interpreter: a child started by this
    process directly would report at least this process's own peak memory (see that file)."""
    read, write = os.pipe()
    with tempfile.TemporaryFile() as out:
        try:
            proc = subprocess.Popen([sys.executable, "-I", "-S", str(LAUNCHER), str(write), *argv], cwd=cwd,
                                    env=dict(env) if env is not None else None, stdin=subprocess.DEVNULL,
                                    stdout=out, stderr=subprocess.STDOUT, pass_fds=(write,))
        finally:
            os.close(write)
        with os.fdopen(read, "rb") as report:
            line = report.read().decode()
        proc.wait()
        out.seek(0)
        output = out.read().decode("utf-8", errors="replace")
    if not line:
        raise ChildFailed(f"{' '.join(argv)} could not be started (launcher exit {proc.returncode}):\n{output[-2000:]}")
    seconds, max_rss_kib, user, system, status = line.split()
    returncode = os.waitstatus_to_exitcode(int(status))
    if returncode != 0:
        raise ChildFailed(f"{' '.join(argv)} exited {returncode}:\n{output[-2000:]}")
    return ChildRun(float(seconds), int(max_rss_kib) * 1024 / 1_000_000, float(user) + float(system))


def repeat(runs: int, once: Callable[[int], None], warmup: int = 1) -> None:
    """Call ``once(i)`` for ``warmup`` unrecorded rounds (negative ``i``), then for i in 0..runs-1.

    A smoke run (:func:`smoke`) skips the warm-up."""
    for i in range(-(0 if smoke() else warmup), runs):
        once(i)


def tool_env() -> dict[str, str]:
    """The environment for measured commands: the venv's ``bin`` first on PATH (``weasyprint``)."""
    env = dict(os.environ)
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    return env


def sample_issue(root: Path, sample: int = 16) -> Path:
    """``issues/<newest year>/16.md`` under ``root``."""
    found = sorted(root.glob(f"issues/[0-9][0-9][0-9][0-9]/{sample:02d}.md"))
    if not found:
        raise FileNotFoundError(f"the shipped sample issues/<year>/{sample}.md is missing")
    return found[-1]


SAMPLE_ISSUES = ("2026/16.md", "2026/16")
"""What the repository ships under ``issues/`` (``git ls-files issues``): the sample issue and its pictures.
An editor's own issues beside it are never copied (tests/helpers.py keeps the same list for the tests)."""


def copy_sample_issues(root: Path) -> Path:
    """Copy the shipped sample issue(s), pictures included, into ``root/issues``; returns that folder."""
    for name in SAMPLE_ISSUES:
        source, target = REPO / "issues" / name, root / "issues" / name
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return root / "issues"


def project_copy(work: Path) -> Path:
    """A scratch copy of the project's settings and shipped sample issue under ``work``."""
    root = work / "project"
    root.mkdir()
    shutil.copy(REPO / "sources.yaml", root / "sources.yaml")
    copy_sample_issues(root)
    return root


def standalone(run: Callable[[int], list[dict]], argv: Sequence[str]) -> int:
    """``python -m bench.bench_<name> [runs]``: run one case module and print its rows as JSON."""
    print(json.dumps(run(int(argv[0]) if argv else 5), ensure_ascii=False, indent=2))
    return 0
