"""Charts made at build time: an SVG, its text alternative and its data table from one source."""

from __future__ import annotations

from dataclasses import dataclass
from weakref import WeakKeyDictionary

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


#: Charts already made in this process: a page is rendered once per language, the chart once.
_MADE: WeakKeyDictionary[IndicatorNode, Chart | None] = WeakKeyDictionary()


def chart_for(ind: IndicatorNode) -> Chart | None:
    """The chart of one indicator, or None when it has no values to draw."""
    if ind in _MADE:
        return _MADE[ind]
    data = chart_data(ind)
    chart = None if data is None else Chart(data=data, svg=render_svg(data), alt=data.alt())
    _MADE[ind] = chart
    return chart
