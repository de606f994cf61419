"""The comparison pages (/jamfor/), checked on built sites against the content they come from.

Expected numbers are computed here straight from the YAML files, independently of
`sitegen.compare`, and compared with what the built pages say.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from sitegen import features
from sitegen.compare import model as compare_model
from sitegen.compare.data import write_side_by_side
from sitegen.pipeline import BuildResult, build
from sitegen.reporter import RecordingReporter
from sitegen.settings import Settings

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
FIXTURE = REPO / "tests" / "fixtures" / "compare" / "content"
VALUE_KINDS = {"niva", "forandring", "rang", "antal"}


# --- reading the content independently ---------------------------------------------------------


@dataclass
class Item:
    municipality: str  # display name
    kind: str  # 'mal', 'indikator', 'omrade'
    title: str
    themes: list[str]
    sdgs: list[int]
    data: dict[str, Any] = field(default_factory=dict)


def _load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def read_content(root: Path) -> tuple[dict[str, str], list[Item], dict[str, str], dict[int, str]]:
    """(municipality id → name, every goal/indicator/area, theme id → name, sdg → name)."""
    themes = {t["id"]: t["namn"] for t in _load(root / "teman.yaml")["teman"]}
    sdgs = {g["nummer"]: g["namn"] for g in _load(root / "agenda2030.yaml")["mal"]}
    names: dict[str, str] = {}
    items: list[Item] = []
    for folder in sorted((root / "kommuner").iterdir()):
        name = _load(folder / "kommun.yaml")["namn"]
        names[folder.name] = name
        for kind, sub in (("mal", "mal"), ("omrade", "omraden")):
            for f in sorted((folder / sub).glob("*.yaml")) if (folder / sub).is_dir() else []:
                d = _load(f)
                title = d.get("kort_titel") or d["titel"]
                items.append(
                    Item(name, kind, title, d.get("teman", []), d.get("agenda2030", []), d)
                )
                for ind in d.get("indikatorer", []):
                    items.append(
                        Item(
                            name,
                            "indikator",
                            ind["titel"],
                            ind.get("teman", []),
                            ind.get("agenda2030", []),
                            {**ind, "_parent": d, "_parent_kind": kind},
                        )
                    )
    return names, items, themes, sdgs


def expected_counts(items: list[Item], by: str) -> dict[tuple[str, str], tuple[int, int, int]]:
    """(municipality name, theme id or sdg number as str) → (goals, indicators, areas)."""
    out: dict[tuple[str, str], list[int]] = {}
    slot = {"mal": 0, "indikator": 1, "omrade": 2}
    for it in items:
        keys = it.themes if by == "tema" else [str(n) for n in it.sdgs]
        for k in keys:
            out.setdefault((it.municipality, k), [0, 0, 0])[slot[it.kind]] += 1
    return {k: (v[0], v[1], v[2]) for k, v in out.items()}


# --- reading the built pages ---------------------------------------------------------------------


@dataclass
class Table:
    caption: str = ""
    rows: list[list[tuple[str, str, dict[str, str]]]] = field(default_factory=list)


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[Table] = []
        self.cell: list[str] | None = None
        self.cell_tag = ""
        self.cell_attrs: dict[str, str] = {}
        self.in_caption = False
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "table":
            self.tables.append(Table())
        elif tag == "caption":
            self.in_caption = True
        elif tag == "tr" and self.tables:
            self.tables[-1].rows.append([])
        elif tag in ("td", "th") and self.tables:
            self.cell, self.cell_tag, self.cell_attrs = [], tag, a
        elif tag == "span" and self.hidden:
            self.hidden += 1
        elif tag == "span" and "visually-hidden" in a.get("class", ""):
            self.hidden = 1
        if tag == "span" and "count-line" in a.get("class", "") and self.cell is not None:
            self.cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption":
            self.in_caption = False
        elif tag in ("td", "th") and self.cell is not None:
            text = re.sub(r"[ \t\r\n]+", " ", "".join(self.cell)).strip()
            self.tables[-1].rows[-1].append((self.cell_tag, text, self.cell_attrs))
            self.cell = None
        elif tag == "span" and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if self.in_caption:
            self.tables[-1].caption += data
        elif self.cell is not None and not self.hidden:
            self.cell.append(data)


def tables(html: str) -> list[Table]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def table(html: str, caption_start: str) -> Table:
    found = [t for t in tables(html) if t.caption.strip().startswith(caption_start)]
    assert len(found) == 1, [t.caption for t in tables(html)]
    return found[0]


def main_text(html: str) -> str:
    body = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).replace("&nbsp;", " ")


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def cell_counts(text: str) -> tuple[int, int, int]:
    def num(pattern: str) -> int:
        m = re.search(pattern, text)
        return int(m.group(1)) if m else 0

    return (
        num(r"(\d+) mål(?!område)"),
        num(r"(\d+) indikator"),
        num(r"(\d+) målområde"),
    )


def links(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html[html.index("<main") : html.index("</main>")])


# --- built sites ---------------------------------------------------------------------------------


def quick_build(settings: Settings) -> BuildResult:
    """A real build through the pipeline with every page source, but without the other features'
    file outputs and finishing steps (search index, PDF reports), which these tests do not read."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(features, "OUTPUT_STEPS", [write_side_by_side])
        mp.setattr(features, "FINISH_STEPS", [])
        return build(settings, RecordingReporter())


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    """The made-up two-municipality tree (a shared indicator), built under a base path."""
    out = tmp_path_factory.mktemp("jamfor") / "_site"
    settings = Settings(content_dir=FIXTURE, out_dir=out, base_url="/malbild/")
    return out, quick_build(settings)


def _check_matrix(site: Path, root: Path) -> None:
    names, items, themes, sdgs = read_content(root)
    html = page(site, "jamfor")
    for by, caption, headers in (
        ("tema", "Mål, indikatorer och målområden per kommun och tema", list(themes)),
        (
            "sdg",
            "Mål, indikatorer och målområden per kommun och globalt mål",
            [str(n) for n in sdgs],
        ),
    ):
        expected = expected_counts(items, by)
        t = table(html, caption)
        head, *body, foot = t.rows
        assert len(head) == len(headers) + 1 + (1 if by == "tema" else 0)
        if by == "tema":
            assert [h[1].split(" sortera")[0] for h in head[1 : len(themes) + 1]] == list(
                themes.values()
            )
        assert sorted(r[0][1] for r in body) == sorted(names.values())
        for row in body:
            municipality = row[0][1]
            for key, cell in zip(headers, row[1:], strict=False):
                got = cell_counts(cell[1])
                assert got == expected.get((municipality, key), (0, 0, 0)), (municipality, key)
                if got == (0, 0, 0):
                    assert cell[1] == "–"
            if by == "tema":
                goals = sum(1 for i in items if i.municipality == municipality and i.kind == "mal")
                inds = sum(
                    1 for i in items if i.municipality == municipality and i.kind == "indikator"
                )
                assert cell_counts(row[-1][1])[:2] == (goals, inds)
        for key, cell in zip(headers, foot[1:], strict=False):
            with_any = {m for (m, k) in expected if k == key}
            assert int(cell[1]) == len(with_any), key


def test_matrix_counts_match_the_content(built_site: tuple[Path, BuildResult]) -> None:
    _check_matrix(built_site[0], CONTENT)


def test_matrix_counts_match_the_fixture(fixture_site: tuple[Path, BuildResult]) -> None:
    _check_matrix(fixture_site[0], FIXTURE)


def test_matrix_is_an_accessible_table_sortable_by_links(
    built_site: tuple[Path, BuildResult],
) -> None:
    site = built_site[0]
    names, items, themes, _ = read_content(CONTENT)
    html = page(site, "jamfor")
    assert '<th scope="col" aria-sort="ascending">' in html
    assert html.count('<th scope="row">') >= 2 * len(names)
    orders = sorted(set(re.findall(r'href="/(jamfor/ordning/[^"]+/)"', html)))
    assert len(orders) == 1 + len(themes) + 17
    for path in orders:
        assert (site / path / "index.html").is_file(), path

    # By a theme: most goals and indicators first, ties alphabetical.
    expected = expected_counts(items, "tema")
    sorted_html = page(site, "jamfor/ordning/tema-utbildning")
    t = table(sorted_html, "Mål, indikatorer och målområden per kommun och tema")
    sorted_head = t.rows[0]
    marked = [c for c in sorted_head if c[2].get("aria-sort")]
    assert [(c[1].split(" ")[0], c[2]["aria-sort"]) for c in marked] == [
        ("Utbildning", "descending")
    ]
    order = [r[0][1] for r in t.rows[1:-1]]

    def key(m: str) -> tuple[int, int]:
        g, i, a = expected.get((m, "utbildning"), (0, 0, 0))
        return (-(g + i), -a)

    assert order == sorted(order, key=key)
    assert "sorterat efter Utbildning" in t.caption

    # By the whole municipality.
    t = table(
        page(site, "jamfor/ordning/flest"), "Mål, indikatorer och målområden per kommun och tema"
    )
    totals = [
        sum(1 for i in items if i.municipality == r[0][1] and i.kind != "omrade")
        for r in t.rows[1:-1]
    ]
    assert totals == sorted(totals, reverse=True)


def _expected_quality(root: Path) -> dict[str, dict[str, Any]]:
    names, items, _, _ = read_content(root)
    out: dict[str, dict[str, Any]] = {n: {"units": [], "inds": []} for n in names.values()}
    for it in items:
        if it.kind == "indikator":
            out[it.municipality]["inds"].append(it.data)
            continue
        inds = it.data.get("indikatorer", [])
        if it.kind == "omrade" and not inds:
            continue
        targets = [t for i in inds for t in i.get("malvarden", [])]
        out[it.municipality]["units"].append(
            {
                "title": it.title,
                "area": it.kind == "omrade",
                "indicator": bool(inds),
                "value": any(t["typ"] in VALUE_KINDS for t in targets),
                "year": any(t.get("ar") or t.get("till_ar") for t in targets),
                "baseline": any(i.get("utgangsvarden") for i in inds),
            }
        )
    return out


def _share(text: str, part: int, whole: int) -> None:
    if whole == 0:
        assert text == "–"
        return
    assert text == f"{round(100 * part / whole)} % ({part} av {whole})".replace(" %", "\u00a0%")


def _check_quality(site: Path, root: Path) -> None:
    expected = _expected_quality(root)
    html = page(site, "jamfor/malkvalitet")
    goals = table(html, "Andel av kommunens mål med indikator")
    assert len(goals.rows) == 1 + len(expected)
    for row in goals.rows[1:]:
        e = expected[row[0][1]]
        units = e["units"]
        n = len(units)
        assert int(row[1][1].split(" ")[0]) == n
        areas = sum(1 for u in units if u["area"])
        assert (f"varav {areas} målområde" in row[1][1]) == bool(areas)
        for col, flag in zip(row[2:6], ("indicator", "value", "year", "baseline"), strict=True):
            _share(col[1], sum(1 for u in units if u[flag]), n)
        none = [
            u for u in units if not (u["indicator"] or u["value"] or u["year"] or u["baseline"])
        ]
        _share(row[6][1], len(none), n)

        # The goals with none of these are listed by name.
        name = row[0][1]
        section = html[html.index(f">{name}</h3>", html.index('id="utan"')) :]
        section = section[: section.index("</section>")]
        listed = re.findall(r'<a href="[^"]+">([^<]+)</a>', section)
        assert sorted(listed) == sorted(u["title"] for u in none), name

    inds = table(html, "Andel av kommunens indikatorer")
    for row in inds.rows[1:]:
        e = expected[row[0][1]]["inds"]
        n = len(e)
        assert int(row[1][1]) == n
        _share(
            row[2][1], sum(1 for i in e if any(t["typ"] in VALUE_KINDS for t in i["malvarden"])), n
        )
        _share(
            row[3][1],
            sum(1 for i in e if any(t.get("ar") or t.get("till_ar") for t in i["malvarden"])),
            n,
        )
        _share(row[4][1], sum(1 for i in e if i.get("utgangsvarden")), n)


def test_malkvalitet_numbers_match_the_content(built_site: tuple[Path, BuildResult]) -> None:
    _check_quality(built_site[0], CONTENT)


def test_malkvalitet_numbers_match_the_fixture(fixture_site: tuple[Path, BuildResult]) -> None:
    _check_quality(fixture_site[0], FIXTURE)


def test_malkvalitet_states_the_rule_with_vaggeryds_criteria(
    built_site: tuple[Path, BuildResult],
) -> None:
    text = main_text(page(built_site[0], "jamfor/malkvalitet"))
    assert "Så räknar vi" in text
    assert "”Ska öka” eller ”ska redovisas” är inget målvärde" in text
    assert "räknar vi målområdet som ett mål" in text
    plan = _load(CONTENT / "kommuner/vaggeryd/planer/mal-for-mandatperioden-2019-2022.yaml")
    assert plan["kriterier"]
    for criterion in plan["kriterier"]:
        assert f"”{criterion}”" in text
    assert "Vaggeryd: Mål för mandatperioden 2019-2022" in text


def test_topic_pages_list_every_goal_with_plan_period_and_basis(
    built_site: tuple[Path, BuildResult],
) -> None:
    site = built_site[0]
    _, items, themes, sdgs = read_content(CONTENT)
    for tid, name in themes.items():
        text = main_text(page(site, f"jamfor/teman/{tid}"))
        assert f"{name}" in text
        for it in (i for i in items if tid in i.themes):
            assert it.title in text, (tid, it.title)
    for n, name in sdgs.items():
        html = page(site, f"jamfor/agenda-2030/{n}")
        assert f'class="sdg-banner sdg-{n}"' in html
        assert f"Mål {n}: {name}" in main_text(html)
        linked = [i for i in items if n in i.sdgs]
        for it in linked:
            assert it.title in main_text(html)
        if not linked:
            assert "Ingen kommun har ännu kopplat" in main_text(html)

    # Kungsör's long-term goal names SDG 3 itself; Kommunstyrelsens goal is our reading.
    html = page(site, "jamfor/agenda-2030/3")
    source = html.index("god hälsa och välbefinnande</a>")
    assert "Enligt källan" in html[source : source + 400]
    assert "Mål och budget 2022 (2022)" in main_text(html[: source + 1] + "</main>")
    judged = html.index("Förebyggande arbete för god hälsa</a>")
    assert "Vår bedömning" in html[judged : judged + 400]
    text = main_text(page(site, "jamfor/teman/boende"))
    assert "Vision och mål (period okänd)" in text  # Smedjebacken's plan has no period
    assert "Mål för mandatperioden 2019-2022 (2019–2022)" in text


def test_sdg_overview_counts_municipalities_and_goals(built_site: tuple[Path, BuildResult]) -> None:
    _, items, _, sdgs = read_content(CONTENT)
    t = table(page(built_site[0], "jamfor/agenda-2030"), "De 17 globala målen")
    assert len(t.rows) == 18
    for n, row in zip(sdgs, t.rows[1:], strict=True):
        assert row[0][1].endswith(f"Mål {n}: {sdgs[n]}")
        linked = [i for i in items if n in i.sdgs]
        kinds = [sum(1 for i in linked if i.kind == k) for k in ("mal", "indikator", "omrade")]
        assert [int(c[1]) for c in row[1:]] == [len({i.municipality for i in linked}), *kinds]


def test_real_indicator_index_is_honest_when_nothing_is_shared(
    built_site: tuple[Path, BuildResult],
) -> None:
    site = built_site[0]
    _, items, _, _ = read_content(CONTENT)
    kpis: dict[str, set[str]] = {}
    for it in items:
        if it.kind == "indikator" and it.data.get("kolada"):
            kpis.setdefault(it.data["kolada"]["kpi"], set()).add(it.municipality)
    assert kpis and all(len(m) == 1 for m in kpis.values()), "the seeds now share a KPI"
    html = page(site, "jamfor/indikatorer")
    assert "Än så länge mäter ingen indikator samma sak i mer än en kommun" in main_text(html)
    assert [p.name for p in (site / "jamfor/indikatorer").iterdir()] == ["index.html"]
    unshared = table(html, "Indikatorer med Kolada-kod")
    assert sorted(r[2][1].split(" ")[0] for r in unshared.rows[1:]) == sorted(kpis)


def test_shared_indicator_shows_baseline_target_year_and_latest_value(
    fixture_site: tuple[Path, BuildResult],
) -> None:
    site = fixture_site[0]
    index = page(site, "jamfor/indikatorer")
    groups = table(index, "Indikatorer som mäts i mer än en kommun")
    assert [(r[0][1], r[1][1], r[2][1], r[3][1]) for r in groups.rows[1:]] == [
        ("Förvärvsarbetande 20–64 år", "Norrby, Söderby", "N00914", "–"),
        ("Nöjd medborgar-index", "Norrby, Söderby", "–", "nojda-invanare"),
    ]
    unshared = table(index, "Indikatorer med Kolada-kod")
    assert [(r[0][1], r[1][1]) for r in unshared.rows[1:]] == [("Trygghetsindex", "Söderby")]

    t = table(page(site, "jamfor/indikatorer/kolada-n00914"), "Förvärvsarbetande 20–64 år:")
    norrby, soderby = t.rows[1:]
    nbsp = "\u00a0"
    assert norrby[0][1] == "Norrby"
    assert norrby[2][1] == f"78{nbsp}%, år 2022"
    assert norrby[3][1] == f"minst 82{nbsp}% år 2026"
    assert norrby[4][1] == "2026"
    # The latest value for everyone (kön T), not the 2024 value for women.
    assert norrby[5][1].startswith(f"80,25{nbsp}% (2024)")
    assert "Enligt källan" in norrby[1][1]
    assert soderby[0][1] == "Söderby"
    assert soderby[2][1] == "inget angivet"
    assert soderby[3][1] == "ska öka"
    assert soderby[4][1] == "–"
    assert soderby[5][1].startswith(f"76,5{nbsp}% (2023)")
    assert "Vår bedömning" in soderby[1][1]

    t = table(page(site, "jamfor/indikatorer/nojda-invanare"), "Nöjd medborgar-index:")
    assert [r[0][1] for r in t.rows[1:]] == ["Norrby", "Söderby"]
    assert t.rows[2][2][1] == f"64{nbsp}%, år okänt"
    assert t.rows[2][5][1] == "inget uppföljt värde ännu"


def test_side_by_side_data_matches_the_theme_pages(built_site: tuple[Path, BuildResult]) -> None:
    site = built_site[0]
    names, _, themes, _ = read_content(CONTENT)
    for mid, name in names.items():
        doc = json.loads((site / f"jamfor/data/{mid}.json").read_text(encoding="utf-8"))
        assert (doc["version"], doc["id"], doc["namn"]) == (1, mid, name)
        assert [t["id"] for t in doc["teman"]] == list(themes)
        for theme in doc["teman"]:
            html = page(site, f"jamfor/teman/{theme['id']}")
            start = html.find(f'id="kommun-{mid}"')
            listed = [e["path"] for kind in ("mal", "indikatorer", "omraden") for e in theme[kind]]
            if start < 0:
                assert not listed
                continue
            section = html[start : html.index("</section>", start)]
            for kind in ("mal", "indikatorer", "omraden"):
                for entry in theme[kind]:
                    assert not entry["path"].startswith("/")
                    assert f'href="/{entry["path"]}"' in section, entry
                    assert entry["grund"] in ("kalla", "bedomning")


def test_side_by_side_page_works_under_a_base_path(fixture_site: tuple[Path, BuildResult]) -> None:
    html = page(fixture_site[0], "jamfor/sida-vid-sida")
    assert 'data-data="/malbild/jamfor/data/"' in html
    assert 'data-pages="/malbild/"' in html
    assert re.search(r'<script src="/malbild/assets/compare(\.[0-9a-f]+)?\.js" defer>', html)
    assert "<script>" not in html
    for mid in ("norrby", "soderby"):
        assert f'name="kommun" value="{mid}"' in html
        assert (fixture_site[0] / f"jamfor/data/{mid}.json").is_file()
    assert "<noscript>" in html


def test_goal_area_and_indicator_pages_link_to_the_comparisons(
    built_site: tuple[Path, BuildResult],
) -> None:
    site = built_site[0]
    goal = page(site, "kommuner/kungsor/mal/god-halsa-och-valbefinnande")
    assert "/jamfor/agenda-2030/3/" in links(goal)
    assert "/jamfor/teman/halsa/" in links(goal)
    area = page(site, "kommuner/vaggeryd/omraden/kunskap-halsa-och-fritid")
    assert {"/jamfor/teman/utbildning/", "/jamfor/agenda-2030/4/"} <= set(links(area))
    ind = page(site, "kommuner/hallsberg/indikatorer/trygghet-nri")
    assert {"/jamfor/teman/trygghet/", "/jamfor/agenda-2030/16/"} <= set(links(ind))
    assert '<a href="/jamfor/" aria-current="page">Jämför</a>' in page(site, "jamfor")
    assert '<a href="/jamfor/" aria-current="true">Jämför</a>' in page(site, "jamfor/teman/boende")
    assert '<a href="/jamfor/">Jämför</a>' in goal


NEW_GOAL = """\
id: fler-unga-i-arbete
titel: 'Fler unga i arbete och trygga i kommunen'
plan: kommunstyrelsens-mal-2022
niva: ks
ansvarig: ks
ordning: 15
agenda2030: [3, 16]
agenda2030_grund: bedomning
teman: [halsa, trygghet]
teman_grund: bedomning
kalla: kommunstyrelsens-mal
indikatorer:
  - id: unga-forvarvsarbetande
    titel: 'Unga som förvärvsarbetar'
    formulering: 'Andelen som förvärvsarbetar ska öka till 80 % 2025.'
    enhet: '%'
    riktning: oka
    utgangsvarden:
      - ar: 2021
        varde: 74
        enhet: '%'
        text: '74 % 2021'
    malvarden:
      - typ: niva
        text: '80 % 2025'
        varde: 80
        enhet: '%'
        ar: 2025
    kolada:
      kpi: 'N00914'
      grund: bedomning
    teman: [arbete-och-naringsliv]
    agenda2030: [8]
"""


def test_a_goal_added_to_content_appears_on_every_comparison_page(
    content_copy: Path, tmp_path: Path
) -> None:
    (content_copy / "kommuner/kungsor/mal/fler-unga-i-arbete.yaml").write_text(
        NEW_GOAL, encoding="utf-8"
    )
    site = tmp_path / "site"
    quick_build(Settings(content_dir=content_copy, out_dir=site))
    goal_href = 'href="/kommuner/kungsor/mal/fler-unga-i-arbete/"'
    ind_href = 'href="/kommuner/kungsor/indikatorer/unga-forvarvsarbetande/"'

    for path in ("jamfor/teman/halsa", "jamfor/teman/trygghet", "jamfor/agenda-2030/3"):
        assert goal_href in page(site, path), path
        assert goal_href.replace("/kommuner", "/en/kommuner") in page(site, "en/" + path), path
    assert goal_href in page(site, "jamfor/agenda-2030/16")
    for path in (
        "jamfor/teman/boende",
        "jamfor/agenda-2030/1",
        "jamfor/teman/arbete-och-naringsliv",
    ):
        assert goal_href not in page(site, path), path
    assert ind_href in page(site, "jamfor/teman/arbete-och-naringsliv")
    assert ind_href in page(site, "jamfor/agenda-2030/8")

    # The matrix and målkvalitet count it, and the shared KPI now has its own page.
    _check_matrix(site, content_copy)
    _check_quality(site, content_copy)
    quality = table(page(site, "jamfor/malkvalitet"), "Andel av kommunens mål med indikator")
    kungsor = next(r for r in quality.rows if r[0][1] == "Kungsör")
    assert kungsor[1][1] == "20" and kungsor[2][1] == "10\u00a0% (2 av 20)"
    shared = page(site, "jamfor/indikatorer/kolada-n00914")
    assert ind_href in shared
    assert 'href="/kommuner/hallsberg/indikatorer/forvarvsarbetande-20-64-ar/"' in shared
    assert "Förvärvsarbetande 20-64 år" in page(site, "jamfor/indikatorer")

    doc = json.loads((site / "jamfor/data/kungsor.json").read_text(encoding="utf-8"))
    by_theme = {t["id"]: [g["path"] for g in t["mal"]] for t in doc["teman"]}
    for tid in ("halsa", "trygghet"):
        assert "kommuner/kungsor/mal/fler-unga-i-arbete/" in by_theme[tid]
    assert "kommuner/kungsor/mal/fler-unga-i-arbete/" not in by_theme["boende"]


def test_the_comparison_is_computed_once_per_build(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[object] = []
    real = compare_model.build_comparison

    def counting(site: Any) -> Any:
        calls.append(site)
        return real(site)

    monkeypatch.setattr(compare_model, "build_comparison", counting)
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    quick_build(Settings(content_dir=content, out_dir=tmp_path / "a"))
    assert len(calls) == 1
    quick_build(Settings(content_dir=content, out_dir=tmp_path / "b"))
    assert len(calls) == 2 and calls[0] is not calls[1]


def test_every_goal_and_indicator_in_the_seeds_has_themes() -> None:
    _, items, themes, _ = read_content(CONTENT)
    for it in items:
        if it.kind == "omrade":
            continue
        assert it.themes, f"{it.municipality}: {it.title} har inga teman"
        assert set(it.themes) <= set(themes)


def test_kungsors_long_term_goals_carry_exactly_the_sources_global_goals() -> None:
    expected = {
        "hallbara-stader-och-samhallen": [11],
        "god-utbildning-for-alla": [4],
        "god-halsa-och-valbefinnande": [3],
        "goda-arbetsvillkor-och-ekonomisk-tillvaxt": [8],
        "hallbar-konsumtion-och-produktion": [12],
    }
    folder = CONTENT / "kommuner/kungsor/mal"
    long_term = {
        f.stem: _load(f) for f in folder.glob("*.yaml") if _load(f)["plan"] == "mal-och-budget-2022"
    }
    assert set(long_term) == set(expected)
    for gid, goal in long_term.items():
        assert goal["agenda2030"] == expected[gid], gid
        assert goal["agenda2030_grund"] == "kalla", gid


def test_judged_links_in_the_seeds_say_so() -> None:
    """A link is only marked as the source's where the source names it (Kungsör's five goals)."""
    _, items, _, _ = read_content(CONTENT)
    from_source = [
        (it.municipality, it.title)
        for it in items
        if it.data.get("agenda2030_grund") == "kalla" or it.data.get("teman_grund") == "kalla"
    ]
    assert sorted(from_source) == sorted(
        ("Kungsör", t)
        for t in (
            "hållbara städer och samhällen",
            "god utbildning för alla",
            "god hälsa och välbefinnande",
            "goda arbetsvillkor och ekonomiskt tillväxt",
            "hållbar konsumtion och produktion",
        )
    )


def test_a_shared_key_and_a_shared_kpi_join_into_one_comparison(tmp_path: Path) -> None:
    """Indicators are the same when a chain of shared KPIs and keys links them."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    goal = content / "kommuner/soderby/mal/hog-sysselsattning.yaml"
    text = goal.read_text(encoding="utf-8")
    goal.write_text(text.replace("    kolada:\n", "    nyckel: nojda-invanare\n    kolada:\n"))
    site = tmp_path / "site"
    quick_build(Settings(content_dir=content, out_dir=site))
    assert sorted(p.name for p in (site / "jamfor/indikatorer").iterdir()) == [
        "index.html",
        "nojda-invanare",
    ]
    html = page(site, "jamfor/indikatorer/nojda-invanare")
    t = table(html, "Förvärvsarbetande 20–64 år:")
    assert [(r[0][1], r[1][1].split(" ”")[0]) for r in t.rows[1:]] == [
        ("Norrby", "Förvärvsarbetande 20–64 år"),
        ("Norrby", "Nöjd medborgar-index"),
        ("Söderby", "Nöjda invånare"),  # goal-area indicators come first, as on the site
        ("Söderby", "Andel invånare som arbetar"),
    ]
    assert "N00914" in main_text(html) and "nojda-invanare" in main_text(html)
