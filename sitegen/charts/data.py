"""What a chart shows: an indicator's values over time, its baseline, its target levels and years.

The SVG, its text alternative and its data table are all made from one :class:`ChartData`, so
they always show the same numbers. Their words are phrases (sitegen/render/phrases.py), made in the
page's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitegen.i18n import N_
from sitegen.model.indicator import CountTarget, Gender, LevelTarget
from sitegen.render.formats import compared
from sitegen.render.phrases import Content, Num, Piece, Seq, phrase, seq, text
from sitegen.site.model import IndicatorNode


@dataclass(frozen=True)
class ChartPoint:
    year: int
    tertial: int | None
    value: float
    source: str
    women: float | None = None
    men: float | None = None

    @property
    def label(self) -> str:
        return str(self.year) if self.tertial is None else f"{self.year} T{self.tertial}"

    @property
    def x(self) -> float:
        """Position on the time axis: a full year at its number, tertials within the year."""
        return float(self.year) if self.tertial is None else self.year - 1 + self.tertial / 3


@dataclass(frozen=True)
class ChartLevel:
    """A target level drawn as a dashed line, with the year it should be reached by."""

    value: float
    #: 'minst 2 %' (a phrase; any text will do).
    label: Piece
    year: int | None


@dataclass(frozen=True)
class ChartData:
    ident: str
    title: str
    unit: str | None
    points: list[ChartPoint]
    baseline: tuple[int, float] | None = None
    levels: list[ChartLevel] = field(default_factory=list)

    def amount(self, value: float) -> Num:
        return Num(value, self.unit)

    def fmt(self, value: float, language: str = "sv") -> str:
        """A value with the chart's unit as plain text: '1,6 %'."""
        return text(self.amount(value), language)

    @property
    def has_breakdown(self) -> bool:
        return any(p.women is not None or p.men is not None for p in self.points)

    @property
    def target_years(self) -> list[int]:
        return sorted({lv.year for lv in self.levels if lv.year is not None})

    def alt(self) -> str:
        """The text alternative in Swedish (see :meth:`alt_phrase`)."""
        return text(self.alt_phrase())

    def alt_phrase(self) -> Seq:
        """The text alternative: what the chart shows, in sentences."""
        pts = self.points
        first, last = pts[0], pts[-1]
        parts: list[Piece] = [phrase(N_("Diagram över %(title)s."), title=Content(self.title))]
        if len(pts) == 1:
            parts.append(
                phrase(
                    N_("Ett värde: %(value)s år %(period)s."),
                    value=self.amount(last.value),
                    period=last.label,
                )
            )
        else:
            listed = Seq(
                tuple(seq(p.label, ": ", self.amount(p.value), sep="") for p in pts[:8]), "; "
            )
            if len(pts) > 8:
                msgid = N_(
                    "%(count)s värden från %(first)s till %(last)s: %(values)s "
                    "och %(more)s värden till."
                )
                more: dict[str, Piece] = {"more": len(pts) - 8}
            else:
                msgid = N_("%(count)s värden från %(first)s till %(last)s: %(values)s.")
                more = {}
            parts.append(
                phrase(
                    msgid,
                    count=len(pts),
                    first=first.label,
                    last=last.label,
                    values=listed,
                    **more,
                )
            )
            low = min(pts, key=lambda p: p.value)
            high = max(pts, key=lambda p: p.value)
            parts.append(
                phrase(
                    N_("Lägst %(low)s (%(low_period)s), högst %(high)s (%(high_period)s)."),
                    low=self.amount(low.value),
                    low_period=low.label,
                    high=self.amount(high.value),
                    high_period=high.label,
                )
            )
        if self.baseline is not None:
            year, value = self.baseline
            parts.append(
                phrase(
                    N_("Utgångsvärde %(value)s år %(year)s."), value=self.amount(value), year=year
                )
            )
        for lv in self.levels:
            if lv.year:
                parts.append(
                    phrase(
                        N_("Målvärde %(target)s till år %(year)s."), target=lv.label, year=lv.year
                    )
                )
            else:
                parts.append(phrase(N_("Målvärde %(target)s."), target=lv.label))
        parts.append(phrase(N_("Alla värden finns i tabellen under diagrammet.")))
        return seq(*parts)


def chart_data(ind: IndicatorNode) -> ChartData | None:
    """The chart of an indicator, or None when it has no values for the whole population."""
    i = ind.indicator
    by_period: dict[tuple[int, int | None], dict[str, float | str]] = {}
    for m in ind.values:
        row = by_period.setdefault((m.year, m.tertial), {})
        row[m.gender.value] = m.value
        if m.gender is Gender.TOTAL:
            row["source"] = m.source
    points = []
    for (year, tertial), row in by_period.items():
        total = row.get("T")
        if not isinstance(total, float | int):
            continue
        women, men = row.get("K"), row.get("M")
        points.append(
            ChartPoint(
                year,
                tertial,
                float(total),
                str(row.get("source", "")),
                float(women) if isinstance(women, float | int) else None,
                float(men) if isinstance(men, float | int) else None,
            )
        )
    if not points:
        return None
    points.sort(key=lambda p: p.x)
    unit = i.unit
    levels = []
    for t in i.targets:
        if isinstance(t, LevelTarget) or (isinstance(t, CountTarget) and not t.start_year):
            unit = unit or t.unit
            label = compared(t.comparison, Num(t.value, t.unit))
            levels.append(ChartLevel(float(t.value), label, t.year))
    dated = [b for b in i.baselines if b.year is not None]
    baseline = (dated[-1].year, dated[-1].value) if dated else None
    assert baseline is None or baseline[0] is not None
    return ChartData(
        ident=i.id,
        title=i.title,
        unit=_short_unit(unit, i.targets),
        points=points,
        baseline=(int(baseline[0]), baseline[1]) if baseline else None,
        levels=levels,
    )


def _short_unit(unit: str | None, targets: list[object]) -> str | None:
    """A long unit ('% av skatteintäkter …') is shortened to the target's unit ('%') in labels."""
    if unit and len(unit) > 12:
        for t in targets:
            short = getattr(t, "unit", None)
            if isinstance(short, str) and unit.startswith(short):
                return short
    return unit
