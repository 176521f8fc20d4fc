"""Small SVG charts drawn by our own template: no plotting library, no script, no external file.

Charts are inline SVG, so their text uses the page's own font (Be Vietnam Pro, which carries
Vietnamese). They scale to the width of their box (``viewBox``, no fixed width) and read in grey
print: bars are dark grey with a black outline, lines are black, values are written as text.
Every chart is labelled for screen readers with its title and figures (``role="img"`` and
``aria-label``), and the archive page puts a table of the same figures under it.
"""
from __future__ import annotations

from collections.abc import Sequence
from html import escape

INK, BAR, GRID = "#1b2430", "#4d5866", "#c4ccd6"


def _svg(width: int, height: int, title: str, desc: str, body: list[str], ident: str) -> str:
    """The chart's words go in ``aria-label`` (``role="img"``): its title, then every figure."""
    return (f'<svg class="chart" id="{ident}" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="{escape(title)}. {escape(desc)}" xmlns="http://www.w3.org/2000/svg" '
            f'font-family="inherit" font-size="13">' + "".join(body) + "</svg>")


def bars(rows: Sequence[tuple[str, int]], title: str, ident: str) -> str:
    """Horizontal bars, one per (label, value): labels above their bar, values at its end."""
    width, left, step = 360, 4, 34
    most = max((v for _, v in rows), default=0) or 1
    body = []
    for n, (name, value) in enumerate(rows):
        y = 6 + n * step
        length = round((width - 48) * value / most)
        body.append(f'<text x="{left}" y="{y + 11}" fill="{INK}">{escape(name)}</text>')
        body.append(f'<rect x="{left}" y="{y + 16}" width="{max(length, 1)}" height="11" fill="{BAR}" '
                    f'stroke="{INK}" stroke-width="0.8"/>')
        body.append(f'<text x="{left + length + 6}" y="{y + 26}" fill="{INK}" font-weight="700">{value}</text>')
    desc = "; ".join(f"{name}: {value}" for name, value in rows)
    return _svg(width, 10 + len(rows) * step, title, desc, body, ident)


def series(points: Sequence[tuple[str, int]], title: str, ident: str) -> str:
    """Items per issue across the archive: a black line over grey columns, the y axis labelled."""
    width, height, left, bottom, top = 640, 190, 34, 28, 12
    most = max((v for _, v in points), default=0) or 1
    plot_w, plot_h = width - left - 8, height - top - bottom
    step = plot_w / max(len(points), 1)
    body = []
    for tick in sorted({0, most // 2, most}):
        y = top + plot_h - plot_h * tick / most
        body.append(f'<line x1="{left}" x2="{width - 8}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}" stroke-width="1"/>')
        body.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{INK}">{tick}</text>')
    line = []
    for n, (_, value) in enumerate(points):
        x, h = left + n * step, plot_h * value / most
        body.append(f'<rect x="{x + step * 0.15:.1f}" y="{top + plot_h - h:.1f}" width="{max(step * 0.7, 0.6):.1f}" '
                    f'height="{h:.1f}" fill="{GRID}"/>')
        line.append(f"{x + step / 2:.1f},{top + plot_h - h:.1f}")
    if len(line) > 1:
        body.append(f'<polyline points="{" ".join(line)}" fill="none" stroke="{INK}" stroke-width="1.6"/>')
    for n in sorted({0, len(points) - 1}) if points else ():
        anchor = "start" if n == 0 else "end"
        x = left if n == 0 else width - 8
        body.append(f'<text x="{x}" y="{height - 8}" text-anchor="{anchor}" fill="{INK}">Số {escape(points[n][0])}</text>')
    desc = f"{len(points)} số, nhiều nhất {most} tin trong một số; số gần nhất: {points[-1][1] if points else 0} tin"
    return _svg(width, height, title, desc, body, ident)


def week_chart(issue) -> str:
    """The issue page's small chart: items per part, and the phrases most of the week's items
    mention (titles and leads; cheap enough to draw on every build of the web edition)."""
    from .themes import top_phrases

    news = [p for p in issue.parts if p.items and p.role != "trend"]
    parts = [(p.title, len(p.items)) for p in news]
    themes = top_phrases([i for p in news for i in p.items], avoid=(issue.publication.province,))
    if not parts:
        return ""
    charts = [("Số tin mỗi phần", bars(parts, f"Số tin mỗi phần, số {issue.label}", "bd-phan"))]
    if themes:
        charts.append(("Được nhắc đến nhiều nhất (số tin)",
                       bars(themes, f"Cụm từ được nhiều tin nhắc đến nhất, số {issue.label}", "bd-chu-de")))
    return "".join(f'<div class="week-chart-box"><p class="week-chart-sub" aria-hidden="true">{escape(name)}</p>{svg}</div>'
                   for name, svg in charts)
