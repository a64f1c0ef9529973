"""Charts as server-rendered SVG, readable without JavaScript, numbers on hover: stacked bars
of counts per year, and a line over time with landmark marks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

__all__ = ["PALETTE", "Chart", "line_chart", "stacked_bars"]

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39",
           "#7b4173", "#3182bd", "#e6550d", "#31a354")


@dataclass(frozen=True)
class Chart:
    svg: Markup
    keys: list[str]
    colours: dict[str, str]
    rows: list[tuple[int, dict[str, int], int]]  # year, counts, total (years with events)


def stacked_bars(series: dict[int, dict[str, int]], title: str) -> Chart:
    """An SVG stacked bar chart of counts per year, one colour per key, with a <title> per bar."""
    totals: dict[str, int] = {}
    for counts in series.values():
        for k, n in counts.items():
            totals[k] = totals.get(k, 0) + n
    keys = sorted(totals, key=lambda k: (-totals[k], k))
    colours = {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(keys)}
    years = sorted(series)
    width, height, left, bottom, top = 1000, 260, 32, 24, 8
    peak = max((sum(c.values()) for c in series.values()), default=1) or 1
    bar = (width - left) / max(len(years), 1)
    scale = (height - bottom - top) / peak
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'role="img" aria-labelledby="chart-{escape(title)}" class="chart">',
             f'<title id="chart-{escape(title)}">{escape(title)}</title>']
    for tick in range(0, peak + 1, max(1, peak // 4)):
        y = height - bottom - tick * scale
        parts.append(f'<line x1="{left}" x2="{width}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
                     f'<text x="{left - 4}" y="{y + 4:.1f}" class="axis" text-anchor="end">'
                     f'{tick}</text>')
    for i, year in enumerate(years):
        x = left + i * bar
        y = height - bottom
        for key in keys:
            n = series[year].get(key, 0)
            if not n:
                continue
            h = n * scale
            y -= h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(bar - 1, 1):.1f}" '
                         f'height="{h:.1f}" fill="{colours[key]}"><title>{year} · '
                         f'{escape(key)}: {n}</title></rect>')
        if year % 10 == 0:
            parts.append(f'<text x="{x:.1f}" y="{height - 6}" class="axis">{year}</text>')
    parts.append("</svg>")
    rows = [(y, series[y], sum(series[y].values())) for y in years if series[y]]
    return Chart(Markup("".join(parts)), keys, colours, rows)


def line_chart(points: list[tuple[date, float | None]], marks: list[tuple[date, str, str]],
               title: str) -> Markup:
    """An SVG line over time, with vertical marks (date, label, link) for landmark events."""
    width, height, left, bottom, top = 1000, 300, 48, 28, 12
    values = [v for _, v in points if v is not None]
    if not points or not values:
        return Markup("")
    lo_v, hi_v = min([*values, 0.0]), max([*values, 0.0])
    if hi_v == lo_v:
        hi_v = lo_v + 1
    t0, t1 = points[0][0].toordinal(), points[-1][0].toordinal()
    span = max(t1 - t0, 1)

    def x(d: date) -> float:
        return left + (d.toordinal() - t0) / span * (width - left - 8)

    def y(v: float) -> float:
        return float(top + (hi_v - v) / (hi_v - lo_v) * (height - top - bottom))

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'role="img" aria-label="{escape(title)}" class="chart line-chart">',
             f"<title>{escape(title)}</title>",
             f'<line x1="{left}" x2="{width}" y1="{y(0):.1f}" y2="{y(0):.1f}" class="zero"/>',
             f'<text x="{left - 4}" y="{y(hi_v) + 4:.1f}" class="axis" text-anchor="end">'
             f"{hi_v:.2f}</text>",
             f'<text x="{left - 4}" y="{y(lo_v) + 4:.1f}" class="axis" text-anchor="end">'
             f"{lo_v:.2f}</text>"]
    for d, label, href in marks:
        if t0 <= d.toordinal() <= t1:
            parts.append(f'<a href="{escape(href)}"><line x1="{x(d):.1f}" x2="{x(d):.1f}" '
                         f'y1="{top}" y2="{height - bottom}" class="mark"><title>'
                         f"{escape(d.isoformat())} — {escape(label)}</title></line></a>")
    path, pen = [], "M"
    for d, v in points:
        if v is None:
            pen = "M"
            continue
        path.append(f"{pen}{x(d):.1f},{y(v):.1f}")
        pen = "L"
    parts.append(f'<path d="{" ".join(path)}" class="series"/>')
    for d, v in points:
        if v is not None:
            parts.append(f'<circle cx="{x(d):.1f}" cy="{y(v):.1f}" r="2.5" class="point">'
                         f"<title>{d.isoformat()}: {v:.3f}</title></circle>")
    for year in range(points[0][0].year, points[-1][0].year + 1):
        d = date(year, 1, 1)
        if t0 <= d.toordinal() <= t1:
            parts.append(f'<text x="{x(d):.1f}" y="{height - 8}" class="axis">{year}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
