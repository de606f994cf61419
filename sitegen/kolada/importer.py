"""Turns Kolada values into follow-up files: `kommuner/<kommun>/uppfoljning/kolada.yaml`.

The import owns that one file per municipality and rewrites it whole; it never touches goal files
or other follow-up files. A period that already has a value from another source (the goal file's
`matningar` or another follow-up file) is left to that source and reported as skipped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.kolada.response import GENDERS, KoladaValue
from sitegen.load.yamlfile import load_text
from sitegen.model.followup import FollowUp
from sitegen.model.indicator import Direction, RankTarget
from sitegen.site.model import IndicatorNode, MunicipalityNode, SiteModel

SOURCE = "Kolada (RKA)"
FILE_ID = "kolada"
FOLLOWUP_DIR = "uppfoljning"
MARKER = "# Skapad av `python -m sitegen kolada import`"
#: A rank is computed only when every municipality of Sweden has a value that year.
ALL_MUNICIPALITIES = 290
_MUNICIPALITY_CODE = re.compile(r"^(0[1-9]|1\d|2[0-5])\d{2}$")


@dataclass(frozen=True)
class Wanted:
    municipality: MunicipalityNode
    indicator: IndicatorNode
    kpi: str

    @property
    def code(self) -> str:
        return self.municipality.municipality.kommunkod

    @property
    def wants_rank(self) -> bool:
        i = self.indicator.indicator
        return any(isinstance(t, RankTarget) for t in i.targets) and i.direction in (
            Direction.INCREASE,
            Direction.DECREASE,
        )


@dataclass
class Planned:
    """The follow-up file of one municipality, as the import will write it."""

    municipality: MunicipalityNode
    path: Path
    text: str | None  # None: nothing to write (no values for any indicator)
    values: int = 0
    indicators: int = 0


@dataclass
class ImportPlan:
    files: list[Planned] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def wanted(site: SiteModel, only: str | None = None) -> list[Wanted]:
    """Every indicator that names a Kolada KPI, municipality by municipality."""
    out = []
    for m in site.municipalities:
        if only is not None and m.id != only:
            continue
        for ind in m.indicators:
            if ind.indicator.kolada is not None:
                out.append(Wanted(m, ind, ind.indicator.kolada.kpi))
    return out


def _taken(ind: IndicatorNode, m: MunicipalityNode) -> dict[tuple[int, str], str]:
    """Periods (year, gender) of an indicator that other sources than the import already give."""
    taken = {
        (v.year, v.gender.value): ind.path.name
        for v in ind.indicator.measurements
        if v.tertial is None
    }
    for f in m.followups:
        if f.id == FILE_ID:
            continue
        for s in f.series:
            if s.indicator == ind.id:
                for v in s.values:
                    if v.tertial is None:
                        taken[(v.year, v.gender.value)] = f"{FOLLOWUP_DIR}/{f.id}.yaml"
    return taken


def _rank(values: list[KoladaValue], code: str, year: int, direction: Direction) -> tuple[int, int]:
    """(place, count) among municipalities with a total value that year, or (0, count)."""
    rows = {
        v.municipality: v.value
        for v in values
        if v.year == year
        and v.gender == "T"
        and v.value is not None
        and (v.municipality == code or _MUNICIPALITY_CODE.match(v.municipality))
    }
    own = rows.get(code)
    if own is None:
        return 0, len(rows)
    if direction is Direction.INCREASE:
        better = sum(1 for v in rows.values() if v is not None and v > own)
    else:
        better = sum(1 for v in rows.values() if v is not None and v < own)
    return better + 1, len(rows)


def plan_import(
    site: SiteModel, content_root: Path, values: Iterable[KoladaValue], only: str | None = None
) -> ImportPlan:
    """What the import would write, with notes on missing and skipped periods."""
    by_kpi: dict[str, list[KoladaValue]] = defaultdict(list)
    for v in values:
        by_kpi[v.kpi].append(v)
    plan = ImportPlan()
    per_municipality: dict[str, list[Wanted]] = defaultdict(list)
    for w in wanted(site, only):
        per_municipality[w.municipality.id].append(w)
    for m in site.municipalities:
        items = per_municipality.get(m.id)
        if not items:
            continue
        path = content_root / "kommuner" / m.id / FOLLOWUP_DIR / f"{FILE_ID}.yaml"
        series: list[str] = []
        count = 0
        for w in items:
            rows = [v for v in by_kpi.get(w.kpi, []) if v.municipality == w.code]
            if not rows:
                plan.notes.append(
                    f"{m.id}: inga värden från Kolada för {w.kpi} ({w.indicator.id}) i svaren"
                )
                continue
            taken = _taken(w.indicator, m)
            lines: list[str] = []
            seen: set[tuple[int, str]] = set()
            order = {g: n for n, g in enumerate(GENDERS)}
            for v in sorted(rows, key=lambda v: (v.year, order[v.gender])):
                key = (v.year, v.gender)
                if key in seen:
                    continue
                seen.add(key)
                if v.value is None:
                    status = f", status '{v.status}'" if v.status else ""
                    plan.notes.append(
                        f"{m.id}: {w.kpi} saknar värde för {v.year} (kön {v.gender}{status}); "
                        "perioden hoppas över"
                    )
                    continue
                if key in taken:
                    plan.notes.append(
                        f"{m.id}: {w.indicator.id} {v.year} (kön {v.gender}) finns redan i "
                        f"{taken[key]}; Koladas värde skrivs inte"
                    )
                    continue
                lines.extend(_value_yaml(v))
                count += 1
            ranks: list[str] = []
            if w.wants_rank:
                for year in sorted({v.year for v in rows if v.value is not None}):
                    direction = w.indicator.indicator.direction
                    place, total = _rank(by_kpi[w.kpi], w.code, year, direction)
                    if place and total >= ALL_MUNICIPALITIES:
                        ranks.extend(_rank_yaml(year, place, total))
                    else:
                        plan.notes.append(
                            f"{m.id}: ingen rangordning för {w.kpi} {year}: värden för "
                            f"{total} av {ALL_MUNICIPALITIES} kommuner i svaren"
                        )
            if not lines and not ranks:
                continue
            series.append(f"  - indikator: {w.indicator.id}")
            if lines:
                series.append("    varden:")
                series.extend(lines)
            if ranks:
                series.append("    rangordning:")
                series.extend(ranks)
        planned = Planned(m, path, None)
        if series:
            planned.text = _file_yaml(series)
            planned.values = count
            planned.indicators = sum(1 for s in series if s.startswith("  - indikator:"))
        plan.files.append(planned)
    return plan


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _number(value: float) -> str:
    text = repr(float(value))
    if "e" in text or "inf" in text or "nan" in text:
        text = f"{value:.10f}".rstrip("0")
        text = text + "0" if text.endswith(".") else text
    return text


def _value_yaml(v: KoladaValue) -> list[str]:
    note = f"Koladas nyckeltal {v.kpi}" + (f", status {v.status}" if v.status else "")
    return [
        f"      - ar: {v.year}",
        f"        varde: {_number(v.value or 0.0)}",
        f"        kon: {_quote(v.gender)}",
        f"        kalla: {_quote(SOURCE)}",
        f"        anmarkning: {_quote(note)}",
    ]


def _rank_yaml(year: int, place: int, total: int) -> list[str]:
    source = f"{SOURCE}; platsen räknad av Målbild bland {total} kommuner med värde"
    return [
        f"      - ar: {year}",
        f"        plats: {place}",
        f"        antal: {total}",
        f"        kalla: {_quote(source)}",
    ]


def _file_yaml(series: list[str]) -> str:
    head = [
        "# yaml-language-server: $schema=../../../../schemas/uppfoljning.schema.json",
        f"{MARKER} ur Koladas API (källa: Kolada (RKA)).",
        "# Ändra inte för hand: nästa import skriver om filen. Egna värden hör hemma i en",
        "# annan fil i uppfoljning/; de går före Koladas värden för samma period.",
        f"id: {FILE_ID}",
        "titel: 'Värden från Kolada'",
        "matningar:",
    ]
    return "\n".join([*head, *series]) + "\n"


def check_text(text: str) -> FollowUp:
    """Validate generated text as a follow-up file (a guard against writing a broken file)."""
    data, _ = load_text(text)
    return FollowUp.model_validate(data)


def hand_edited(path: Path) -> bool:
    """True when a kolada.yaml exists that the import did not write (then it is not replaced)."""
    if not path.is_file():
        return False
    try:
        head = path.read_text(encoding="utf-8")[:400]
    except (OSError, UnicodeDecodeError):
        return True
    return MARKER not in head
