"""Charts made at build time: an SVG, its text alternative and its data table from one source."""

from __future__ import annotations

from dataclasses import dataclass
from weakref import WeakKeyDictionary

from markupsafe import Markup

from sitegen.charts.data import ChartData, ChartLevel, ChartPoint, chart_data
from sitegen.charts.svg import nice_ticks, render_svg
from sitegen.i18n import DEFAULT_LANGUAGE
from sitegen.render.phrases import html
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
    """What a page shows: the SVG, the same in words, and the numbers as table rows; the words
    in the page's language (`alt` is plain text in Swedish, Markup with the content marked
    `lang="sv"` in other languages)."""

    data: ChartData
    svg: Markup
    alt: str | Markup


#: Charts already made in this process, per language: a page is rendered once per language, the
#: chart's data once and its SVG and text once per language.
_MADE: WeakKeyDictionary[IndicatorNode, dict[str, Chart | None]] = WeakKeyDictionary()


def chart_for(ind: IndicatorNode, language: str = DEFAULT_LANGUAGE) -> Chart | None:
    """The chart of one indicator in `language`, or None when it has no values to draw."""
    made = _MADE.get(ind)
    if made is None:
        made = _MADE[ind] = {}
        data = chart_data(ind)
    elif language in made:
        return made[language]
    else:
        other = next(iter(made.values()))
        data = None if other is None else other.data
    if data is None:
        chart = None
    elif language == DEFAULT_LANGUAGE:
        chart = Chart(data=data, svg=render_svg(data), alt=data.alt())
    else:
        chart = Chart(
            data=data, svg=render_svg(data, language), alt=html(data.alt_phrase(), language)
        )
    made[language] = chart
    return chart
