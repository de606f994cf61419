"""Charts: the SVG, its text alternative and its data table show the same numbers; no colour
alone."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from sitegen.charts import ChartData, ChartLevel, ChartPoint, nice_ticks, render_svg
from sitegen.model.indicator import Comparison
from sitegen.render.formats import compared
from sitegen.render.phrases import Num, html

PAGES = "kommuner/testby/indikatorer"
CELL = r"<t[hd][^>]*>(.*?)</t[hd]>"
POINT = r'class="point" data-period="\d+" data-value="([^"]+)"'


class _Collector(HTMLParser):
    """Collects elements with data-period/data-value, inside and outside the SVG."""

    def __init__(self) -> None:
        super().__init__()
        self.points: list[tuple[str, float]] = []
        self.rows: list[tuple[str, float]] = []
        self.svg: dict[str, str] = {}
        self.styles = 0
        self.titles: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "style" in a:
            self.styles += 1
        if tag == "svg":
            self.svg = a
        if tag == "g" and a.get("class") == "point":
            self.points.append((a["data-period"], float(a["data-value"])))
        if tag == "tr" and "data-period" in a:
            self.rows.append((a["data-period"], float(a["data-value"])))


def parse(html: str) -> _Collector:
    c = _Collector()
    c.feed(html)
    return c


def page(site: tuple[Path, Any], indicator: str) -> str:
    return (site[0] / PAGES / indicator / "index.html").read_text(encoding="utf-8")


def cells(html: str, table_id: str) -> list[list[str]]:
    table = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    return [
        [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)
        ]
        for r in rows
    ]


def test_chart_points_and_table_rows_agree(followup_site: tuple[Path, Any]) -> None:
    html = page(followup_site, "resultat")
    c = parse(html)
    assert c.points == [("2019", 1.2), ("2020", 1.5), ("2021", 1.8)]
    assert c.rows == c.points
    body = cells(html, "varden-resultat")
    assert body[0] == ["Period", "Värde", "Kvinnor", "Män", "Källa"]
    assert [r[:4] for r in body[1:]] == [
        ["2019", "1,2\xa0%", "–", "–"],
        ["2020", "1,5\xa0%", "–", "–"],
        ["2021", "1,8\xa0%", "1,7\xa0%", "–"],
    ]


def test_chart_has_text_alternative_with_the_same_numbers(followup_site: tuple[Path, Any]) -> None:
    html = page(followup_site, "resultat")
    c = parse(html)
    assert c.svg["role"] == "img"
    title_id, desc_id = c.svg["aria-labelledby"].split()
    desc = re.search(rf'<desc id="{desc_id}">(.*?)</desc>', html, re.S)
    assert desc is not None and f'<title id="{title_id}">Resultat</title>' in html
    alt = desc.group(1).replace("\xa0", " ")
    for text in (
        "2019: 1,2 %",
        "2020: 1,5 %",
        "2021: 1,8 %",
        "Utgångsvärde 1 % år 2018",
        "Målvärde minst 2 % till år 2022",
        "tabellen",
    ):
        assert text in alt
    assert "<figcaption>" in html


def test_baseline_target_level_and_target_year_are_marked(followup_site: tuple[Path, Any]) -> None:
    html = page(followup_site, "resultat")
    svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert 'class="baseline" data-year="2018" data-value="1.0"' in svg
    assert 'class="target-level" data-value="2.0"' in svg and "Mål: minst 2\xa0%" in svg
    assert 'class="target-year" data-year="2022"' in svg and "Målår 2022" in svg
    # Marks differ by shape and line pattern, not only colour.
    assert "<rect" in svg and "<circle" in svg and 'stroke-dasharray="8 4"' in svg


def test_no_inline_styles_under_the_content_security_policy(
    followup_site: tuple[Path, Any],
) -> None:
    for name in ("resultat", "kostnad", "redovisning"):
        assert parse(page(followup_site, name)).styles == 0


def test_no_chart_without_values(followup_site: tuple[Path, Any]) -> None:
    html = page(followup_site, "sysselsattning")
    assert "<svg" not in html and "Inga uppföljda värden ännu." in html


def test_status_is_a_word_and_a_symbol_never_colour_alone(
    followup_site: tuple[Path, Any],
) -> None:
    html = page(followup_site, "kostnad")
    badges = re.findall(
        r'<span class="status status-([a-z-]+)">'
        r'(<span class="status-symbol"[^>]*>[^<]*</span>[^<]*)',
        html,
    )
    assert badges
    words = {
        "uppnatt": "Uppnått",
        "ej-uppnatt": "Inte uppnått",
        "ej-annu": "Inte uppnått ännu",
        "varden-saknas": "Värden saknas",
        "kan-ej-bedomas": "Kan inte bedömas",
    }
    for status, inner in badges:
        assert words[status] in inner and 'aria-hidden="true"' in inner
    assert "Varje års förändring" in html  # the rule, in plain Swedish


def chart(values: list[float], unit: str | None = "%") -> ChartData:
    points = [ChartPoint(2000 + i, None, v, "k") for i, v in enumerate(values)]
    return ChartData(
        "x", "X", unit, points, (1999, values[0]), [ChartLevel(values[-1], "mål", 2030)]
    )


@given(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=12))
def test_svg_points_are_the_data(values: list[float]) -> None:
    svg = str(render_svg(chart(values)))
    found = [
        float(v) for v in re.findall(r'class="point" data-period="\d+" data-value="([^"]+)"', svg)
    ]
    assert found == values
    assert svg.count("<circle") == len(values)
    # Every coordinate stays inside the drawing.
    for x, y in re.findall(r'cx="([-\d.]+)" cy="([-\d.]+)"', svg):
        assert 0 <= float(x) <= 640 and 0 <= float(y) <= 300


@given(st.floats(-1e6, 1e6, allow_nan=False), st.floats(0, 1e6, allow_nan=False))
def test_nice_ticks_cover_the_range(low: float, span: float) -> None:
    ticks = nice_ticks(low, low + span)
    assert ticks[0] <= low + 1e-6 * max(1, abs(low))
    assert ticks[-1] >= low + span - 1e-6 * max(1, abs(low + span))
    assert 2 <= len(ticks) <= 12
    assert ticks == sorted(ticks)


def test_svg_escapes_titles_and_formats_numbers_the_swedish_way() -> None:
    data = ChartData("x", "<Kostnad & mer>", "kvm", [ChartPoint(2020, None, 30000.0, "k")])
    svg = str(render_svg(data))
    assert "&lt;Kostnad &amp; mer&gt;" in svg and "<Kostnad" not in svg
    assert "30\xa0000\xa0kvm" in svg
    assert "Ett värde: 30\xa0000\xa0kvm år 2020." in data.alt()


def test_chart_words_and_numbers_in_english() -> None:
    data = ChartData(
        "x",
        "Kostnad <per> invånare",
        "kr",
        [ChartPoint(2020 + i, None, v, "k") for i, v in enumerate([30000.0, 1234.5])],
        (2019, 100.0),
        [ChartLevel(2000.0, compared(Comparison.AT_MOST, Num(2000.0, "kr")), 2030)],
    )
    alt = str(html(data.alt_phrase(), "en")).replace("\xa0", " ")
    kr = '<span lang="sv">kr</span>'
    assert alt == (
        'Chart of <span lang="sv">Kostnad &lt;per&gt; invånare</span>. 2 values from 2020 to 2021:'
        f" 2020: 30,000 {kr}; 2021: 1,234.5 {kr}. Lowest 1,234.5 {kr} (2021), highest 30,000"
        f" {kr} (2020). Baseline 100 {kr} in 2019. Target at most 2,000 {kr} by 2030. All values"
        " are in the table below the chart."
    )
    svg = str(render_svg(data, "en")).replace("\xa0", " ")
    # Inside the SVG the words are plain text (no <span lang>), in English.
    assert "<desc" in svg and "Chart of Kostnad &lt;per&gt; invånare. 2 values" in svg
    assert ">Target year 2030</text>" in svg and ">Target: at most 2,000 kr</text>" in svg
    assert ">Baseline</text><title>Baseline 2019: 100 kr</title>" in svg
    assert "<title>2020: 30,000 kr</title>" in svg and ">30,000</text>" in svg
    for swedish in ("Målår", "Mål:", "Utgångsvärde", "Diagram", "värden", "<span"):
        assert swedish not in svg
    # The same chart in Swedish is as it always was.
    assert "Diagram över Kostnad <per> invånare. 2 värden från 2020 till 2021" in data.alt()
    sv_svg = str(render_svg(data))
    assert "Mål: högst 2\xa0000\xa0kr" in sv_svg and "Målår 2030" in sv_svg


def test_english_chart_caption_marks_the_content(followup_site: tuple[Path, Any]) -> None:
    out = followup_site[0]
    html_en = (out / "en" / PAGES / "kostnad" / "index.html").read_text(encoding="utf-8")
    caption = re.search(r"<figcaption>(.*?)</figcaption>", html_en, re.S)
    assert caption is not None
    assert caption.group(1).startswith('Chart of <span lang="sv">Kostnad per invånare</span>. 3')
    assert '2019: 100\xa0<span lang="sv">kr</span>' in caption.group(1)
    svg = html_en.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "Chart of Kostnad per invånare" in svg and "Diagram över" not in svg
    # One chart per language from the same data: the Swedish page is unchanged.
    assert parse(html_en).points == parse(page(followup_site, "kostnad")).points
