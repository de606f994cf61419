"""Goals, indicators, measurements, attainment and progress as CSV tables with Swedish columns.

Each table lists its columns with a description; the /data/ page and the README show them.
Numbers use a decimal point and no grouping (machine-readable); lists are joined with '; '.
A text cell that a spreadsheet would run as a formula gets an apostrophe in front (`safe_cell`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sitegen.i18n import N_
from sitegen.render.formats import describe_baseline, describe_target
from sitegen.render.phrases import text
from sitegen.site.model import IndicatorNode, MunicipalityNode, SiteModel

Row = dict[str, Any]


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    columns: list[tuple[str, str]]
    rows: Callable[[SiteModel], Iterator[Row]]

    @property
    def file(self) -> str:
        return f"{self.name}.csv"


def _join(items: list[Any]) -> str:
    return "; ".join(str(i) for i in items)


def _municipality(m: MunicipalityNode) -> Row:
    return {"kommun": m.name, "kommunkod": m.municipality.kommunkod, "kommun_id": m.id}


_MUNICIPALITY_COLUMNS = [
    ("kommun", N_("Kommunens namn")),
    ("kommunkod", N_("SCB:s kommunkod, fyra siffror")),
    ("kommun_id", N_("Kommunens id i webbplatsens adresser")),
]


def _goals(site: SiteModel) -> Iterator[Row]:
    for m in site.municipalities:
        for g in m.goals:
            goal = g.goal
            yield {
                **_municipality(m),
                "mal_id": goal.id,
                "titel": goal.title,
                "kort_titel": goal.short_title or "",
                "niva": goal.level.value,
                "plan_id": g.plan.id,
                "plan": g.plan.plan.title,
                "omrade_id": g.area.id if g.area else "",
                "ansvarig": g.owner.name if g.owner else "",
                "agenda2030": _join([s.number for s in g.sdgs]),
                "teman": _join([t.id for t in g.themes]),
                "antal_indikatorer": len(g.indicators),
                "senaste_bedomning": g.assessments[-1].attainment.value if g.assessments else "",
                "kalla": g.source.title,
                "kalla_adress": g.source.url or "",
            }


def _parent(ind: IndicatorNode) -> tuple[str, str]:
    return (ind.goal.id if ind.goal else "", ind.area.id if ind.area else "")


def _indicators(site: SiteModel) -> Iterator[Row]:
    for m in site.municipalities:
        for ind in m.indicators:
            i = ind.indicator
            goal_id, area_id = _parent(ind)
            yield {
                **_municipality(m),
                "indikator_id": i.id,
                "titel": i.title,
                "formulering": i.wording,
                "enhet": i.unit or "",
                "riktning": i.direction.value,
                "mal_id": goal_id,
                "omrade_id": area_id,
                "utgangsvarden": _join([describe_baseline(b) for b in i.baselines]),
                "malvarden": _join([describe_target(t) for t in i.targets]),
                "kolada_kpi": i.kolada.kpi if i.kolada else "",
                "nyckel": i.key or "",
                "antal_varden": len(ind.values),
            }


def _measurements(site: SiteModel) -> Iterator[Row]:
    for m in site.municipalities:
        for ind in m.indicators:
            for v in ind.values:
                yield {
                    **_municipality(m),
                    "indikator_id": ind.id,
                    "ar": v.year,
                    "tertial": v.tertial or "",
                    "kon": v.gender.value,
                    "varde": repr(float(v.value)),
                    "enhet": ind.indicator.unit or "",
                    "kalla": v.source,
                    "anmarkning": v.note or "",
                }


def _attainment(site: SiteModel) -> Iterator[Row]:
    for m in site.municipalities:
        for g in m.goals:
            for a in g.assessments:
                yield {
                    **_municipality(m),
                    "mal_id": g.id,
                    "ar": a.year,
                    "tertial": a.tertial or "",
                    "bedomning": a.attainment.value,
                    "motivering": (a.motivation or "").strip(),
                    "kalla": a.source,
                }


def _progress(site: SiteModel) -> Iterator[Row]:
    for m in site.municipalities:
        for ind in m.indicators:
            for n, p in enumerate(ind.progress, start=1):
                yield {
                    **_municipality(m),
                    "indikator_id": ind.id,
                    "malvarde_nr": n,
                    "typ": p.kind,
                    "malvarde": text(p.target),
                    "lage": p.status.value,
                    "sammanfattning": text(p.summary),
                    "regel": text(p.rule),
                }


TABLES: list[Table] = [
    Table(
        "mal",
        "Mål",
        [
            *_MUNICIPALITY_COLUMNS,
            ("mal_id", N_("Målets id")),
            ("titel", N_("Målet med källans egna ord")),
            ("kort_titel", N_("Kortare titel, om sådan finns")),
            ("niva", N_("`kf`, `ks` eller `namnd`")),
            ("plan_id", N_("Id för planen som beslutar målet")),
            ("plan", N_("Planens titel")),
            ("omrade_id", N_("Id för målområdet, om målet har ett")),
            ("ansvarig", N_("Ansvarigt organ, om källan anger det")),
            ("agenda2030", N_("Globala mål (nummer 1–17), åtskilda med semikolon")),
            ("teman", N_("Teman (id), åtskilda med semikolon")),
            ("antal_indikatorer", N_("Antal indikatorer under målet")),
            (
                "senaste_bedomning",
                N_("Kommunens senaste bedömning: `uppfyllt`, `delvis-uppfyllt`, …"),
            ),
            ("kalla", N_("Källans titel")),
            ("kalla_adress", N_("Källans adress, om känd")),
        ],
        _goals,
    ),
    Table(
        "indikatorer",
        "Indikatorer",
        [
            *_MUNICIPALITY_COLUMNS,
            ("indikator_id", N_("Indikatorns id")),
            ("titel", N_("Kort namn på indikatorn")),
            ("formulering", N_("Indikatorn med källans egna ord")),
            ("enhet", N_("Enheten, t.ex. %")),
            ("riktning", N_("`oka`, `minska`, `behalla` eller `redovisa`")),
            ("mal_id", N_("Id för målet indikatorn hör till (tomt om den hör till ett område)")),
            ("omrade_id", N_("Id för målområdet, när indikatorn står direkt under det")),
            ("utgangsvarden", N_("Utgångsvärden i klartext, åtskilda med semikolon")),
            ("malvarden", N_("Målvärden i klartext, åtskilda med semikolon")),
            ("kolada_kpi", N_("Koladas nyckeltal, t.ex. `N00914`")),
            ("nyckel", N_("Gemensam nyckel för samma mått i flera kommuner")),
            ("antal_varden", N_("Antal uppföljda värden")),
        ],
        _indicators,
    ),
    Table(
        "matningar",
        "Mätningar",
        [
            *_MUNICIPALITY_COLUMNS,
            ("indikator_id", N_("Indikatorns id")),
            ("ar", N_("År")),
            ("tertial", N_("Tertial 1–3, tomt för helår")),
            ("kon", N_("`T` totalt, `K` kvinnor, `M` män (Koladas indelning)")),
            ("varde", N_("Värdet, med decimalpunkt")),
            ("enhet", N_("Indikatorns enhet")),
            ("kalla", N_("Varifrån värdet kommer, t.ex. Kolada (RKA)")),
            ("anmarkning", N_("Anmärkning till värdet")),
        ],
        _measurements,
    ),
    Table(
        "maluppfyllelse",
        "Måluppfyllelse",
        [
            *_MUNICIPALITY_COLUMNS,
            ("mal_id", N_("Målets id")),
            ("ar", N_("År")),
            ("tertial", N_("Tertial 1–3, tomt för helår")),
            ("bedomning", N_("`uppfyllt`, `delvis-uppfyllt`, `ej-uppfyllt` eller `ej-bedomt`")),
            ("motivering", N_("Kommunens motivering (Markdown)")),
            ("kalla", N_("Varifrån bedömningen kommer")),
        ],
        _attainment,
    ),
    Table(
        "framsteg",
        "Framsteg mot målvärdena",
        [
            *_MUNICIPALITY_COLUMNS,
            ("indikator_id", N_("Indikatorns id")),
            ("malvarde_nr", N_("Målvärdets ordning under indikatorn, från 1")),
            (
                "typ",
                N_(
                    "Målvärdets form: `niva`, `forandring`, `rang`, `riktning`, `antal`, `redovisning`"  # noqa: E501
                ),
            ),
            ("malvarde", N_("Målvärdet i klartext")),
            (
                "lage",
                N_("`uppnatt`, `ej-annu`, `ej-uppnatt`, `varden-saknas` eller `kan-ej-bedomas`"),
            ),
            ("sammanfattning", N_("Resultatet i klartext")),
            ("regel", N_("Regeln som bedömningen följer, i klartext")),
        ],
        _progress,
    ),
]


#: A spreadsheet reads a cell that starts with one of these as a formula ("CSV injection"), so a
#: text that does gets an apostrophe in front (OWASP's advice): `'=HYPERLINK(…)` stays text.
#: Plain numbers (`-3.5`) are numbers, not formulas, and stay as they are.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")


def safe_cell(value: Any) -> Any:
    """The cell as a spreadsheet will read it as data, never as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


#: Rows per piece of CSV text handed to the writer (a few hundred kB).
CSV_ROWS_PER_PART = 2000


def csv_parts(table: Table, site: SiteModel) -> Iterator[str]:
    """The table as CSV, piece by piece: UTF-8, comma-separated, a header row of the Swedish
    column names."""
    names = [name for name, _ in table.columns]
    rows = ([safe_cell(row[name]) for name in names] for row in table.rows(site))
    batch: list[list[Any]] = [names]
    for row in rows:
        batch.append(row)
        if len(batch) >= CSV_ROWS_PER_PART:
            yield _csv_text(batch)
            batch = []
    if batch:
        yield _csv_text(batch)


def _csv_text(rows: list[list[Any]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def to_csv(table: Table, site: SiteModel) -> str:
    """The whole table as one CSV text (see :func:`csv_parts`)."""
    return "".join(csv_parts(table, site))
