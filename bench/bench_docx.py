"""Benchmark of the Word edition (issue 4): the DOCX step for the shipped sample, against pandoc.

Rows (each measured ``runs`` times after one warm-up, rounds interleaved so that both sides see
the same machine load):

1. the DOCX step as the build runs it (``write_docx``: python-docx, MỤC LỤC with PAGEREF fields and
   bookmarks, pictures at print size), in-process, against ``pandoc <sample>.md -o x.docx``;
2. the same step as its own process (Python start-up, imports, reading the issue, the DOCX), which
   is what pandoc's figure includes, against the same pandoc runs.

Pandoc embeds the original photos, the bulletin the prepared print-size ones (the image cache is
warm and not part of the step). The PDF page numbers the MỤC LỤC caches come from one untimed PDF.

Standalone: ``python -m bench.bench_docx [runs]`` prints the rows as JSON. The harness calls :func:`run`.
"""
from __future__ import annotations

import logging
import math
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import standalone, REPO, make_row, project_copy, repeat, run_child, sample_issue, tool_env

"""The shipped sample issue's number."""
TARGET = "≤ 1.0×"
"""Making the richer DOCX should cost no more than pandoc's plain one."""
PEER = "pandoc Markdown → DOCX (same issue file, as a process)"

_CHILD = """
import sys
from pathlib import Path
from bulletin.config import load_settings
from bulletin.editions import write_docx
from bulletin.images import prepare
from bulletin.reader import read_issue
source, cache, out = map(Path, sys.argv[1:4])  # out: a folder
settings = load_settings(source.parents[2] / "sources.yaml")
issue = read_issue(source, settings.publication)
out.mkdir(exist_ok=True)
write_docx(issue, {i.ref: prepare(i, "print", cache) for i in issue.images}, out, {})
"""
"""The DOCX step as a process of its own: read the issue, prepared pictures from the cache, write."""


def _pandoc_version(pandoc: str) -> str:
    done = subprocess.run([pandoc, "--version"], capture_output=True, text=True, check=False)
    return done.stdout.split("\n", 1)[0].strip()


@dataclass(frozen=True, slots=True)
class Prepared:
    """The sample, read and ready for the DOCX step (pictures prepared, PDF pages known)."""

    source: Path
    """The issue file in the scratch project."""
    issue: object
    """The :class:`bulletin.model.Issue`."""
    images: dict
    """Image reference -> prepared print-size picture."""
    cache: Path
    """The image cache folder."""
    pages: dict
    """Element id -> PDF page (from one untimed PDF build)."""


def prepare_sample(work: Path) -> Prepared:
    """Copy the project into ``work``, read the sample, prepare its pictures, build its PDF once."""
    from bulletin.config import load_settings
    from bulletin.editions import write_pdf
    from bulletin.images import prepare
    from bulletin.reader import read_issue

    root = project_copy(work)
    source = sample_issue(root)
    issue = read_issue(source, load_settings(root / "sources.yaml").publication)
    cache = work / "cache"
    images = {img.ref: prepare(img, "print", cache) for img in issue.images}
    (work / "pdf").mkdir()
    pages = dict(write_pdf(issue, images, work / "pdf", roots=(root, cache)).pages)
    return Prepared(source, issue, images, cache, pages)


def run(runs: int) -> list[dict]:
    """Measure both rows; see the module docstring."""
    from bulletin.editions import write_docx

    logging.getLogger("bulletin").setLevel(logging.ERROR)
    pandoc = shutil.which("pandoc", path=tool_env()["PATH"])
    ours, alone, theirs, sizes = [], [], [], {}
    with tempfile.TemporaryDirectory(prefix="bench-docx-") as tmp:
        sample = prepare_sample(Path(tmp))

        def once(i: int) -> None:
            out = Path(tmp) / f"ours-{i + 1}"
            out.mkdir()
            start = time.perf_counter()
            sizes["docx_bytes"] = write_docx(sample.issue, sample.images, out, sample.pages).stat().st_size
            step = time.perf_counter() - start
            child = run_child([sys.executable, "-c", _CHILD, str(sample.source), str(sample.cache), str(out / "alone")],
                              cwd=REPO, env=tool_env()).seconds
            peer = _pandoc_docx(pandoc, sample.source, out / "pandoc.docx", sizes) if pandoc else math.nan
            if i >= 0:
                ours.append(step)
                alone.append(child)
                theirs.append(peer)

        repeat(runs, once)
    return _rows(sample.issue, ours, alone, theirs if pandoc else [], _pandoc_version(pandoc) if pandoc else "", sizes)


def _pandoc_docx(pandoc: str, source: Path, target: Path, sizes: dict) -> float:
    """Seconds for ``pandoc <issue>.md -o x.docx`` (run beside the issue so it finds the photos)."""
    seconds = run_child([pandoc, source.name, "--from=markdown", "--quiet", "-o", str(target)],
                        cwd=source.parent, env=tool_env()).seconds
    sizes["pandoc_bytes"] = target.stat().st_size
    return seconds


def _rows(issue, ours: list[float], alone: list[float], theirs: list[float], version: str, sizes: dict) -> list[dict]:
    what = f"sample {issue.path.parent.name}/{issue.path.name}: {len(issue.items)} items, {len(issue.images)} pictures"
    if not theirs:
        why = "pandoc is not installed (Debian package pandoc): no baseline"
        return [make_row(f"DOCX step ({what})", "s", ours, peer="pandoc: not installed", target=TARGET, note=why).as_json(),
                make_row("DOCX step as its own process", "s", alone, peer="pandoc: not installed", note=why).as_json()]
    baseline = statistics.median(theirs)
    spread = f"{version}: min {min(theirs):.3f} s, max {max(theirs):.3f} s"
    extra = {"pandoc_runs": theirs, **sizes}
    step = make_row(f"DOCX step ({what})", "s", ours, baseline=baseline, peer=PEER, target=TARGET, extra=extra,
                    note=f"write_docx in-process vs {spread}; ours adds cover, MỤC LỤC with bookmarks and cached "
                         "PAGEREF pages, header/footer, print-size pictures")
    process = make_row("DOCX step as its own process (Python start-up, imports, read, DOCX)", "s", alone,
                       baseline=baseline, peer=PEER, target=None,
                       note="informative: same start-up costs as the pandoc process; no PDF page cache")
    return [step.as_json(), process.as_json()]


if __name__ == "__main__":
    sys.exit(standalone(run, sys.argv[1:]))
