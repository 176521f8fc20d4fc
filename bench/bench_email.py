"""Benchmark of the email edition (issue 16): the HTML body's size on the L issue (Gmail clips
messages whose HTML passes about 102 KB) and the time to compose it.

Baseline, measured in the same run: the web edition's HTML of the same issue (``render_html``),
which carries every item in full with an external stylesheet. The email body holds Phần 1 in full
and only title + lead + link for the other items, with its CSS inlined.

Standalone: ``python -m bench.bench_email [runs]`` prints the rows as JSON.
"""
from __future__ import annotations

import logging
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

from . import make_row, repeat, standalone
from .generate import SIZES, generate

LIMIT_KB = 100
"""The email body's size limit (``bulletin.mail.edition.MAX_HTML_BYTES``), in KB."""


def l_issue(root: Path):
    """The generated L issue (120 items), read and checked; its photos are small stand-ins (the
    email edition never embeds pictures, so their pixels do not matter here)."""
    from bulletin.config import load_settings
    from bulletin.reader import read_issue

    size = SIZES["L"]
    pool = {}
    for n in range(1, size.photos + 1):
        pool[n] = root / "pool" / f"{n}.jpg"
        pool[n].parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (64, 48), (n * 8 % 256, 90, 160)).save(pool[n])
    made = generate(size, root / "project", pool)
    settings = load_settings(made.root / "sources.yaml")
    return settings, read_issue(made.issue, settings.publication)


def run(runs: int) -> list[dict]:
    from bulletin.mail.edition import compose
    from bulletin.render.html import Page, render_html

    logging.getLogger("bulletin").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="bench-email-") as tmp:
        settings, issue = l_issue(Path(tmp))
    names = {img.ref: f"{n}.jpg" for n, img in enumerate(issue.images)}
    page = Page(edition="web", stylesheets=("assets/web.css",), image_url=names, cover_url="", canonical="", og_image="")
    ours, theirs, sizes = [], [], {}

    def once(i: int) -> None:
        start = time.perf_counter()
        sizes["email"] = len(compose(issue, names, "diemtin@example.org").html.encode("utf-8"))
        middle = time.perf_counter()
        sizes["web"] = len(render_html(issue, page).encode("utf-8"))
        if i >= 0:
            ours.append(middle - start)
            theirs.append(time.perf_counter() - middle)

    repeat(runs, once)
    what = f"L issue: {len(issue.items)} items"
    return [
        make_row(f"Email HTML body size ({what})", "KB", [sizes["email"] / 1024], baseline=sizes["web"] / 1024,
                 peer="web edition HTML of the same issue", target=f"≤ {LIMIT_KB} KB",
                 note="Gmail clips a message whose HTML passes ~102 KB").as_json(),
        make_row(f"Compose the email edition ({what})", "s", ours, baseline=sorted(theirs)[len(theirs) // 2],
                 peer="render_html of the web edition", target=None,
                 note="includes css-inline; informative").as_json(),
    ]


if __name__ == "__main__":
    sys.exit(standalone(run, sys.argv[1:]))
