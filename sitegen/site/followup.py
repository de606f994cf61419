"""Links follow-up files to the indicators and goals they name, and computes progress once.

A value for one indicator, period and gender may be written only once, whether in the goal file's
`matningar` or in any follow-up file: a second one is a located error that names the first.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from sitegen.builddate import BuildDateError, build_date
from sitegen.load.content import Loaded
from sitegen.model.followup import FollowUp, GoalAssessment
from sitegen.model.indicator import Gender, Measurement
from sitegen.progress import assess
from sitegen.site.model import IndicatorNode, MunicipalityNode

_GENDER_ORDER = {Gender.TOTAL: 0, Gender.WOMEN: 1, Gender.MEN: 2}


class _Reporter(Protocol):
    issues: Any

    def error(self, path: Path, loc: tuple[Any, ...], message: str, key: bool = False) -> None: ...

    def missing(
        self, path: Path, loc: tuple[Any, ...], kind: str, value: str, options: list[str]
    ) -> None: ...


def as_of_year() -> int:
    """The build's year: values for earlier years are due (SOURCE_DATE_EPOCH is respected)."""
    try:
        return build_date().year
    except BuildDateError:
        return datetime.now(UTC).year


def _period(m: Measurement) -> str:
    text = str(m.year) if m.tertial is None else f"{m.year} tertial {m.tertial}"
    return f"{text}, kön {m.gender.value}"


def _order(m: Measurement) -> tuple[int, int, int]:
    return (m.year, 4 if m.tertial is None else m.tertial, _GENDER_ORDER[m.gender])


def link_followups(
    node: MunicipalityNode, followups: list[Loaded[FollowUp]], refs: _Reporter, as_of: int
) -> None:
    """Attach values, ranks and assessments to the municipality's nodes; compute progress."""
    indicators = {i.id: i for i in node.indicators}
    goals = {g.id: g for g in node.goals}
    seen: dict[tuple[str, int, int | None, Gender], Path] = {}
    for ind in indicators.values():
        for m in ind.indicator.measurements:
            seen[(ind.id, m.year, m.tertial, m.gender)] = ind.path
        ind.values = list(ind.indicator.measurements)
    rank_seen: dict[tuple[str, int], Path] = {}
    assessed: dict[tuple[str, int, int | None], Path] = {}
    for lf in sorted(followups, key=lambda lf: lf.path.name):
        path, f = lf.path, lf.obj
        node.followups.append(f)
        for i, series in enumerate(f.series):
            ind = indicators.get(series.indicator)
            if ind is None:
                refs.missing(
                    path,
                    ("matningar", i, "indikator"),
                    "indikatorn",
                    series.indicator,
                    sorted(indicators),
                )
                continue
            for j, m in enumerate(series.values):
                key = (ind.id, m.year, m.tertial, m.gender)
                if key in seen:
                    other = refs.issues.rel(seen[key])
                    refs.error(
                        path,
                        ("matningar", i, "varden", j, "ar"),
                        f"värdet för {_period(m)} finns redan i {other}; ta bort det ena",
                    )
                    continue
                seen[key] = path
                ind.values.append(m)
            for j, r in enumerate(series.ranks):
                if (ind.id, r.year) in rank_seen:
                    other = refs.issues.rel(rank_seen[(ind.id, r.year)])
                    refs.error(
                        path,
                        ("matningar", i, "rangordning", j, "ar"),
                        f"rangordningen för {r.year} finns redan i {other}; ta bort den ena",
                    )
                    continue
                rank_seen[(ind.id, r.year)] = path
                ind.ranks.append(r)
        for i, a in enumerate(f.assessments):
            goal = goals.get(a.goal)
            if goal is None:
                refs.missing(path, ("maluppfyllelse", i, "mal"), "målet", a.goal, sorted(goals))
                continue
            akey = (a.goal, a.year, a.tertial)
            if akey in assessed:
                other = refs.issues.rel(assessed[akey])
                refs.error(
                    path,
                    ("maluppfyllelse", i, "ar"),
                    f"målet har redan en bedömning för {a.year} (i {other}); ta bort den ena",
                )
                continue
            assessed[akey] = path
            goal.assessments.append(a)
    for goal in goals.values():
        goal.assessments.sort(key=_assessment_order)
    for ind in indicators.values():
        ind.values.sort(key=_order)
        ind.ranks.sort(key=lambda r: r.year)
        ind.progress = assess(ind.indicator, ind.values, ind.ranks, _plan_period(ind), as_of)


def _assessment_order(a: GoalAssessment) -> tuple[int, int]:
    return (a.year, 4 if a.tertial is None else a.tertial)


def _plan_period(ind: IndicatorNode) -> Any:
    parent = ind.goal if ind.goal is not None else ind.area
    return None if parent is None else parent.plan.plan.period
