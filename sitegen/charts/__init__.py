"""Charts made at build time: an SVG, its text alternative and its data table from one source."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from sitegen.charts.data import ChartData, ChartLevel, ChartPoint, chart_data
from sitegen.charts.svg import nice_ticks, render_svg
from sitegen.site.model import IndicatorNode

__all__ = [
    "Chart",
    "ChartData",
    "ChartLevel",
    "ChartPoint",
    "chart_data",
    "chart_for",
    "nice_ticks",
    "render_svg",
]


@dataclass(frozen=True)
class Chart:
    """What a page shows: the SVG, the same in words, and the numbers as table rows."""

    data: ChartData
    svg: Markup
    alt: str


def chart_for(ind: IndicatorNode) -> Chart | None:
    """The chart of one indicator, or None when it has no values to draw."""
    data = chart_data(ind)
    if data is None:
        return None
    return Chart(data=data, svg=render_svg(data), alt=data.alt())
