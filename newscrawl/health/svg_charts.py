"""Small inline SVG bar charts for the health report, written by hand.

Why not matplotlib: the report draws about ten small charts per site, so a store of 50 sites is
500 charts; matplotlib's SVG backend takes ~40 ms a chart (20 s in all, over the 10 s budget of
benchmarks/bench_health.py) and ~0.6 s to import, and its SVG carries fonts and ids that clash
when 500 of them share one page. A bar chart of at most N crawls is ~40 lines of SVG.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

WIDTH, HEIGHT = 240, 84
PLOT_TOP, PLOT_BOTTOM, PLOT_LEFT = 16, 70, 30
# Stacked series colours (fetch failures by kind), colour-blind safe (Okabe-Ito).
PALETTE = ("#e69f00", "#d55e00", "#56b4e9", "#009e73", "#cc79a7", "#0072b2", "#999999")
BAR = "#4a7ab0"
LAST_BAR = "#1d3f66"


def _fmt(value: float, unit: str) -> str:
    if unit == "%":
        return f"{100 * value:.0f}%"
    if abs(value) >= 10 or value == int(value):
        return f"{value:,.0f}{unit}"
    return f"{value:.1f}{unit}"


def bar_chart(metric: str, title: str, labels: Sequence[str],
              series: dict[str, Sequence[float]], *, unit: str = "") -> str:
    """An SVG bar chart, oldest crawl left: one bar per label, stacked when ``series`` has more
    than one entry (then with a legend). ``unit`` ``%`` formats shares (0..1) as percent."""
    stacked = len(series) > 1
    # A stacked chart is wider and draws its legend on a second line.
    width = WIDTH + 80 if stacked else WIDTH
    plot_top = PLOT_TOP + 8 if stacked else PLOT_TOP
    n = max(len(labels), 1)
    totals = [sum(values[i] for values in series.values()) for i in range(len(labels))]
    top = max(totals, default=0.0) or 1.0
    step = (width - PLOT_LEFT - 4) / n
    bar_w = max(step * 0.72, 1.0)
    scale = (PLOT_BOTTOM - plot_top) / top
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="plot" data-metric="{escape(metric)}" '
        f'width="{width}" height="{HEIGHT}" viewBox="0 0 {width} {HEIGHT}" role="img" '
        f'aria-label="{escape(title)}">',
        f'<text x="2" y="11" class="t">{escape(title)}</text>',
        f'<text x="{PLOT_LEFT - 3}" y="{plot_top + 4}" class="a" text-anchor="end">'
        f'{escape(_fmt(top, unit))}</text>',
        f'<text x="{PLOT_LEFT - 3}" y="{PLOT_BOTTOM}" class="a" text-anchor="end">0</text>',
        f'<line x1="{PLOT_LEFT}" y1="{PLOT_BOTTOM}" x2="{width - 2}" y2="{PLOT_BOTTOM}" '
        f'stroke="#888" stroke-width="0.5"/>',
    ]
    for i, label in enumerate(labels):
        x = PLOT_LEFT + i * step + (step - bar_w) / 2
        base = float(PLOT_BOTTOM)
        for k, (name, values) in enumerate(series.items()):
            value = values[i]
            if value <= 0:
                continue
            h = max(value * scale, 0.8)
            base -= h
            colour = PALETTE[k % len(PALETTE)] if stacked else (
                LAST_BAR if i == len(labels) - 1 else BAR)
            tip = f"{label}: {name + ' ' if stacked else ''}{_fmt(value, unit)}"
            parts.append(f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar_w:.1f}" '
                         f'height="{h:.1f}" fill="{colour}"><title>{escape(tip)}</title></rect>')
    if labels:
        parts.append(f'<text x="{PLOT_LEFT}" y="{HEIGHT - 3}" class="a">{escape(labels[0])}</text>')
        if len(labels) > 1:
            parts.append(f'<text x="{width - 2}" y="{HEIGHT - 3}" class="a" text-anchor="end">'
                         f'{escape(labels[-1])}</text>')
    if stacked:
        x = float(PLOT_LEFT)
        for k, name in enumerate(series):
            parts.append(f'<rect x="{x:.0f}" y="14" width="6" height="6" '
                         f'fill="{PALETTE[k % len(PALETTE)]}"/><text x="{x + 8:.0f}" y="20" '
                         f'class="a">{escape(name)}</text>')
            x += 10 + 5.5 * len(name)
    parts.append("</svg>")
    return "".join(parts)
