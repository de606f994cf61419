"""A line chart as static SVG, made at build time: no JavaScript, readable without colour.

Values are circles joined by a solid line; the baseline is a square; each target level is a dashed
line with its text; each target year a dotted vertical line with its text. Every mark that carries
a number also has it in text (a `<title>` for screen readers and hover) and in the data table.
Its words and numbers are in the page's language, as plain text (an SVG has no `<span lang>`).
"""

from __future__ import annotations

import math

from markupsafe import Markup, escape

from sitegen.charts.data import ChartData
from sitegen.i18n import N_
from sitegen.render.numbers import number
from sitegen.render.phrases import Phrase, phrase, text

WIDTH = 640
HEIGHT = 300
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 20, 40

#: The chart's own words (msgids; pybabel does not look inside f-strings).
TARGET_YEAR = N_("Målår %(year)s")
TARGET_LEVEL = N_("Mål: %(target)s")
BASELINE = Phrase(N_("Utgångsvärde"))
BASELINE_VALUE = N_("Utgångsvärde %(year)s: %(value)s")


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high] (1, 2 or 5 times a power of ten apart)."""
    if math.isclose(low, high, abs_tol=1e-9):
        pad = abs(low) * 0.1 or 1.0
        low, high = low - pad, high + pad
    raw = (high - low) / max(1, count - 1)
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    digits = max(0, 2 - math.floor(math.log10(step)))
    first = math.floor(low / step)
    ticks: list[float] = []
    n = 0
    while not ticks or ticks[-1] < high - step * 1e-9 or len(ticks) < 2:
        ticks.append(round((first + n) * step, digits))
        n += 1
    return ticks


def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def render_svg(data: ChartData, language: str = "sv") -> Markup:
    """The chart as an inline `<svg>` element with a title and a description."""

    def say(piece: object) -> Markup:
        return escape(text(piece, language))  # type: ignore[arg-type]

    def fmt(value: float) -> Markup:
        return escape(data.fmt(value, language))

    xs = [p.x for p in data.points] + [float(y) for y in data.target_years]
    if data.baseline is not None:
        xs.append(float(data.baseline[0]))
    first_year, last_year = math.floor(min(xs)), math.ceil(max(xs))
    if first_year == last_year:
        first_year, last_year = first_year - 1, last_year + 1
    # A little room on both sides so that marks at the first and last year are not cut.
    pad = max(0.25, (last_year - first_year) * 0.04)
    x_low, x_high = first_year - pad, last_year + pad
    ys = [p.value for p in data.points] + [lv.value for lv in data.levels]
    if data.baseline is not None:
        ys.append(data.baseline[1])
    y_low, y_high = min(ys), max(ys)
    if y_low > 0:
        y_low = 0.0
    if y_high < 0:
        y_high = 0.0
    ticks = nice_ticks(y_low, y_high)
    y_low, y_high = ticks[0], ticks[-1]
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM

    def sx(x: float) -> float:
        return LEFT + (x - x_low) / (x_high - x_low) * plot_w

    def sy(y: float) -> float:
        return TOP + (y_high - y) / (y_high - y_low) * plot_h

    ident = escape(f"diagram-{data.ident}")
    out: list[str] = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{ident}-titel {ident}-beskrivning" '
        f'data-unit="{escape(data.unit or "")}">',
        f'<title id="{ident}-titel">{escape(data.title)}</title>',
        f'<desc id="{ident}-beskrivning">{say(data.alt_phrase())}</desc>',
        '<g class="axis" aria-hidden="true">',
    ]
    for t in ticks:
        y = sy(t)
        out.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_f(y)}" y2="{_f(y)}"/>'
            f'<text class="tick" x="{LEFT - 6}" y="{_f(y + 4)}" text-anchor="end">'
            f"{escape(number(t, language))}</text>"
        )
    step = max(1, math.ceil((last_year - first_year) / 10))
    for year in range(first_year, last_year + 1, step):
        x = sx(year)
        out.append(
            f'<text class="tick" x="{_f(x)}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">'
            f"{year}</text>"
        )
    out.append(
        f'<line class="axis-line" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
        f'y1="{_f(sy(y_low))}" y2="{_f(sy(y_low))}"/></g>'
    )
    for year in data.target_years:
        x = sx(year)
        right = x > WIDTH - RIGHT - 90
        out.append(
            f'<g class="target-year" data-year="{year}"><line x1="{_f(x)}" x2="{_f(x)}" '
            f'y1="{TOP}" y2="{HEIGHT - BOTTOM}" stroke-dasharray="2 4"/>'
            f'<text x="{_f(x - 4 if right else x + 4)}" y="{HEIGHT - BOTTOM - 6}" '
            f'text-anchor="{"end" if right else "start"}">'
            f"{say(phrase(TARGET_YEAR, year=year))}</text></g>"
        )
    for lv in data.levels:
        y = sy(lv.value)
        out.append(
            f'<g class="target-level" data-value="{lv.value!r}"><line x1="{LEFT}" '
            f'x2="{WIDTH - RIGHT}" y1="{_f(y)}" y2="{_f(y)}" stroke-dasharray="8 4"/>'
            f'<text x="{WIDTH - RIGHT - 4}" y="{_f(y - 5)}" text-anchor="end">'
            f"{say(phrase(TARGET_LEVEL, target=lv.label))}</text></g>"
        )
    if data.baseline is not None:
        year, value = data.baseline
        x, y = sx(year), sy(value)
        out.append(
            f'<g class="baseline" data-year="{year}" data-value="{value!r}">'
            f'<rect x="{_f(x - 5)}" y="{_f(y - 5)}" width="10" height="10"/>'
            f'<text x="{_f(x + 8)}" y="{_f(y + 16)}">{say(BASELINE)}</text>'
            f"<title>{say(phrase(BASELINE_VALUE, year=year, value=data.amount(value)))}</title></g>"
        )
    coords = " ".join(f"{_f(sx(p.x))},{_f(sy(p.value))}" for p in data.points)
    if len(data.points) > 1:
        out.append(f'<polyline class="series" points="{coords}"/>')
    for p in data.points:
        out.append(
            f'<g class="point" data-period="{escape(p.label)}" data-value="{p.value!r}">'
            f'<circle cx="{_f(sx(p.x))}" cy="{_f(sy(p.value))}" r="4.5"/>'
            f"<title>{escape(p.label)}: {fmt(p.value)}</title></g>"
        )
    last = data.points[-1]
    lx = sx(last.x)
    anchor = "end" if lx > WIDTH - RIGHT - 60 else "start"
    lx = lx - 8 if anchor == "end" else lx + 8
    out.append(
        f'<text class="last-value" x="{_f(lx)}" y="{_f(sy(last.value) - 8)}" '
        f'text-anchor="{anchor}">'
        f"{fmt(last.value)}</text>"
    )
    out.append("</svg>")
    return Markup("".join(out))
