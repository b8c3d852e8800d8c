"""Charts for the HTML report, drawn as SVG in Python (no script, no network): completion over time.

Every label is escaped here, since the template inserts this markup as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ecoplan_cli.report.html_tally import Rate

WIDTH, HEIGHT = 600, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 16, 44


def chart(points: Sequence[tuple[str, Rate]], *, kind: str, label: str, y_label: str) -> str:
    """A bar (kind="bar") or line (kind="line") chart of completion rates, 0–100%, with axes, ticks and labels.
    Points with nothing ended are left out of the line and drawn as an empty bar slot."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-label="{escape(label)}" class="chart">',
        f"<title>{escape(label)}</title>",
    ]
    for tick in range(0, 101, 25):
        y = TOP + plot_h * (1 - tick / 100)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" class="grid"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" class="tick">{tick}%</text>')
    parts.append(f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" class="axis"/>')
    parts.append(f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" class="axis"/>')
    parts.append(
        f'<text x="12" y="{TOP + plot_h / 2:.1f}" transform="rotate(-90 12 {TOP + plot_h / 2:.1f})" '
        f'text-anchor="middle" class="tick">{escape(y_label)}</text>'
    )
    count = max(1, len(points))
    step = plot_w / count
    every = max(1, (count + 11) // 12)  # at most a dozen x labels
    line: list[str] = []
    dots: list[str] = []
    for index, (name, rate) in enumerate(points):
        x = LEFT + step * (index + 0.5)
        ratio = rate.ratio
        if index % every == 0:
            parts.append(f'<text x="{x:.1f}" y="{TOP + plot_h + 16}" text-anchor="middle" class="tick">{escape(name)}</text>')
        if ratio is None:
            continue
        y = TOP + plot_h * (1 - ratio)
        tip = f"{name}: {rate.percent} ({rate.met}/{rate.ended})"
        if kind == "bar":
            w = step * 0.6
            parts.append(
                f'<rect x="{x - w / 2:.1f}" y="{y:.1f}" width="{w:.1f}" height="{TOP + plot_h - y:.1f}" class="bar">'
                f"<title>{escape(tip)}</title></rect>"
            )
            parts.append(f'<text x="{x:.1f}" y="{y - 4:.1f}" text-anchor="middle" class="value">{escape(rate.percent)}</text>')
        else:
            line.append(f"{x:.1f},{y:.1f}")
            dots.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" class="dot"><title>{escape(tip)}</title></circle>')
    if line:
        parts.append(f'<polyline points="{" ".join(line)}" class="line"/>')
    parts.extend(dots)
    parts.append(f'<text x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 6}" text-anchor="middle" class="tick">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)
