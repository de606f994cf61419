"""The progress rules, one per target form. Each states its rule in plain Swedish beside the result.

Only values for the whole population (gender T) count; a year is represented by its full-year
value, or by its latest tertial when the year has no full-year value.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from sitegen.model.followup import RankEntry
from sitegen.model.indicator import (
    Baseline,
    ChangeTarget,
    Comparison,
    CountTarget,
    Direction,
    DirectionTarget,
    Gender,
    LevelTarget,
    Measurement,
    RankTarget,
    ReportTarget,
)
from sitegen.progress.types import Status, Step, TargetProgress
from sitegen.render.formats import COMPARISON_SV, describe_target, number, quantity

#: 'behålla' is met while the latest value differs from the first by at most this share.
KEEP_TOLERANCE = 0.01


@dataclass(frozen=True)
class Point:
    """One value in time: a year, optionally a tertial (1–3)."""

    year: int
    tertial: int | None
    value: float

    @property
    def label(self) -> str:
        return str(self.year) if self.tertial is None else f"{self.year} T{self.tertial}"

    @property
    def order(self) -> tuple[int, int]:
        return (self.year, 4 if self.tertial is None else self.tertial)


def points(values: Sequence[Measurement]) -> list[Point]:
    """The total (T) values as points, oldest first."""
    out = [Point(m.year, m.tertial, m.value) for m in values if m.gender is Gender.TOTAL]
    return sorted(out, key=lambda p: p.order)


def yearly(pts: Sequence[Point]) -> list[Point]:
    """One point per year: the full-year value, else the year's latest tertial."""
    by_year: dict[int, Point] = {}
    for p in sorted(pts, key=lambda p: p.order):
        by_year[p.year] = p
    return [by_year[y] for y in sorted(by_year)]


def meets(value: float, target: float, comparison: Comparison) -> bool:
    if comparison is Comparison.AT_LEAST:
        return value >= target or math.isclose(value, target)
    if comparison is Comparison.AT_MOST:
        return value <= target or math.isclose(value, target)
    if comparison is Comparison.ABOVE:
        return value > target and not math.isclose(value, target)
    if comparison is Comparison.BELOW:
        return value < target and not math.isclose(value, target)
    return math.isclose(value, target, rel_tol=1e-9, abs_tol=1e-9)


def _signed(value: float, unit: str | None) -> str:
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return sign + quantity(abs(value), unit)


def _baseline(baselines: Sequence[Baseline]) -> Baseline | None:
    """The baseline to measure from: the latest one with a year, else the first."""
    dated = [b for b in baselines if b.year is not None]
    if dated:
        return max(dated, key=lambda b: b.year or 0)
    return baselines[0] if baselines else None


def _share(value: float, start: float, goal: float) -> float | None:
    if math.isclose(start, goal):
        return None
    return min(1.0, max(0.0, (value - start) / (goal - start)))


def _by_year_verdict(
    pts: Sequence[Point], year: int, ok: Callable[[float], bool], fmt: Callable[[float], str]
) -> str:
    before = [p for p in pts if p.year <= year]
    if not before:
        return f"För målåret {year} finns inget uppföljt värde."
    last = before[-1]
    when = f"för målåret {year}" if last.year == year else f"senast före målåret ({last.label})"
    verdict = "nåddes" if ok(last.value) else "nåddes inte"
    return f"Målet {verdict} i tid: värdet {when} var {fmt(last.value)}."


def level(
    target: LevelTarget | CountTarget,
    values: Sequence[Measurement],
    baselines: Sequence[Baseline],
    as_of: int,
) -> TargetProgress:
    """A level (or count): the latest value against the level; the target year decides 'in time'."""
    comp = COMPARISON_SV[target.comparison]
    goal_text = f"{comp} {quantity(target.value, target.unit)}".strip()
    pts = points(values)
    cumulative = isinstance(target, CountTarget) and target.start_year and target.year
    if cumulative:
        assert isinstance(target, CountTarget) and target.start_year and target.year
        return _cumulative(target, pts, as_of)
    rule = f"Det senaste värdet jämförs med målnivån ({goal_text})."
    if target.year:
        rule += (
            f" Om målet nåddes i tid avgörs av värdet för målåret {target.year} "
            "(eller det senaste värdet före)."
        )
    base = _baseline(baselines)
    if base is not None:
        rule += " Utgångsvärdet visar hur stor del av vägen som är gjord."
    described = describe_target(target)
    if not pts:
        return TargetProgress(
            target.kind, described, Status.UNKNOWN, rule, "Inga uppföljda värden ännu."
        )

    def ok(v: float) -> bool:
        return meets(v, target.value, target.comparison)

    def fmt(v: float) -> str:
        return quantity(v, target.unit)

    latest = pts[-1]
    reached = ok(latest.value)
    summary = (
        f"Senaste värdet, {fmt(latest.value)} ({latest.label}), "
        f"{'når' if reached else 'når inte'} målnivån {goal_text}."
    )
    share = _share(latest.value, base.value, target.value) if base is not None else None
    if base is not None and share is not None and not reached:
        summary += (
            f" Från utgångsvärdet {fmt(base.value)} är {number(round(share * 100))} % "
            "av vägen gjord."
        )
    if target.year:
        summary += " " + _by_year_verdict(pts, target.year, ok, fmt)
    if reached:
        status = Status.MET
    elif target.year is not None and target.year < as_of:
        status = Status.MISSED
    else:
        status = Status.NOT_YET
    return TargetProgress(target.kind, described, status, rule, summary, share)


def _cumulative(target: CountTarget, pts: Sequence[Point], as_of: int) -> TargetProgress:
    assert target.start_year is not None and target.year is not None
    comp = COMPARISON_SV[target.comparison]
    goal_text = f"{comp} {quantity(target.value, target.unit)}".strip()
    rule = (
        f"Årens värden från {target.start_year} till och med {target.year} läggs ihop "
        f"och jämförs med målet ({goal_text})."
    )
    described = describe_target(target)
    years = [p for p in yearly(pts) if target.start_year <= p.year <= target.year]
    if not years:
        return TargetProgress(
            target.kind, described, Status.UNKNOWN, rule, "Inga uppföljda värden för perioden ännu."
        )
    total = 0.0
    steps = []
    for p in years:
        total += p.value
        steps.append(
            Step(
                p.label,
                f"{quantity(p.value, target.unit)}, sammanlagt {quantity(total, target.unit)}",
                None,
            )
        )
    reached = meets(total, target.value, target.comparison)
    summary = (
        f"Sammanlagt {quantity(total, target.unit)} för {years[0].year}–{years[-1].year}; "
        f"målet är {goal_text}."
    )
    share = _share(total, 0.0, float(target.value))
    if reached:
        status = Status.MET
    elif target.year < as_of:
        status = Status.MISSED
    else:
        status = Status.NOT_YET
    return TargetProgress(target.kind, described, status, rule, summary, share, steps)


def _change_of(prev: float, cur: float, relative: bool) -> float | None:
    if not relative:
        return cur - prev
    if prev == 0:
        return None
    return (cur - prev) / abs(prev) * 100


def change(target: ChangeTarget, values: Sequence[Measurement], as_of: int) -> TargetProgress:
    """A yearly change: every year's change from the year before against the required change."""
    relative = target.unit.strip() == "%"
    kind = "procent av föregående års värde" if relative else f"i {target.unit}"
    need = _signed(target.value, target.unit)
    span = ""
    if target.start_year or target.end_year:
        span = f" (år {target.start_year or '…'}–{target.end_year or '…'})"
    better = "minst" if target.value >= 0 else "högst"
    rule = f"Varje års förändring från året före, räknad {kind}, ska vara {better} {need}{span}."
    described = describe_target(target)
    years = yearly(points(values))
    steps: list[Step] = []
    for prev, cur in pairwise(years):
        if cur.year != prev.year + 1:
            continue
        if target.start_year and cur.year < target.start_year:
            continue
        if target.end_year and cur.year > target.end_year:
            continue
        delta = _change_of(prev.value, cur.value, relative)
        if delta is None:
            steps.append(Step(cur.label, "kan inte räknas (året före var 0)", None))
            continue
        ok = delta >= target.value if target.value >= 0 else delta <= target.value
        ok = ok or math.isclose(delta, target.value, abs_tol=1e-9)
        steps.append(
            Step(
                cur.label,
                f"{_signed(round(delta, 1), target.unit)} (krav {need})",
                ok,
            )
        )
    judged = [s for s in steps if s.ok is not None]
    if not judged:
        return TargetProgress(
            target.kind,
            described,
            Status.UNKNOWN,
            rule,
            "Det behövs värden för två år i följd för att räkna en förändring.",
            steps=steps,
        )
    met = sum(1 for s in judged if s.ok)
    latest = judged[-1]
    summary = (
        f"Den krävda förändringen nåddes {met} av {len(judged)} år; "
        f"senast {latest.period}: {latest.text}."
    )
    status = Status.MET if latest.ok else Status.MISSED
    return TargetProgress(target.kind, described, status, rule, summary, steps=steps)


def rank(target: RankTarget, ranks: Sequence[RankEntry], as_of: int) -> TargetProgress:
    """A rank: the latest known place among all municipalities against the top share."""
    top = f"{number(target.top_percent)} %"
    rule = (
        f"Kommunens plats bland {target.group} jämförs med gränsen för de {top} bästa. "
        "Platsen räknas bara när ett värde finns för alla kommuner (t.ex. från Kolada)."
    )
    described = describe_target(target)
    entries = sorted(ranks, key=lambda r: r.year)
    if not entries:
        return TargetProgress(
            target.kind,
            described,
            Status.UNKNOWN,
            rule,
            "Ingen rangordning finns ännu: värden för alla kommuner behövs.",
        )

    def ok(r: RankEntry) -> bool:
        return r.rank / r.total * 100 <= target.top_percent + 1e-9

    steps = [
        Step(
            str(r.year),
            f"plats {r.rank} av {r.total} ({number(round(r.rank / r.total * 100, 1))} %)",
            ok(r),
        )
        for r in entries
    ]
    latest = entries[-1]
    summary = (
        f"Senast känd plats: {latest.rank} av {latest.total} ({latest.year}), "
        f"{'inom' if ok(latest) else 'utanför'} de {top} bästa."
    )
    if target.year:
        before = [r for r in entries if r.year <= target.year]
        if before:
            verdict = "nåddes" if ok(before[-1]) else "nåddes inte"
            summary += f" Målet {verdict} i tid (plats {before[-1].rank} år {before[-1].year})."
        else:
            summary += f" För målåret {target.year} finns ingen rangordning."
    if ok(latest):
        status = Status.MET
    elif target.year is not None and target.year < as_of:
        status = Status.MISSED
    else:
        status = Status.NOT_YET
    return TargetProgress(target.kind, described, status, rule, summary, steps=steps)


def _desired(direction: Direction, prev: float, cur: float) -> bool:
    if direction is Direction.INCREASE:
        return cur > prev and not math.isclose(cur, prev)
    if direction is Direction.DECREASE:
        return cur < prev and not math.isclose(cur, prev)
    return math.isclose(cur, prev, rel_tol=KEEP_TOLERANCE, abs_tol=1e-9)


def direction(
    target: DirectionTarget,
    values: Sequence[Measurement],
    baselines: Sequence[Baseline],
    as_of: int,
    due_years: Sequence[int] = (),
) -> TargetProgress:
    """A direction: does the trend (year by year when 'årligen') go the desired way?"""
    if target.direction is Direction.REPORT:
        return report(ReportTarget(typ="redovisning", text=target.text), values, due_years)
    verbs = {
        Direction.INCREASE: "öka",
        Direction.DECREASE: "minska",
        Direction.KEEP: "ligga kvar (högst 1 % ifrån det första värdet)",
    }
    verb = verbs[target.direction]
    if target.yearly:
        rule = f"Värdet ska {verb} varje år jämfört med året före; senaste årets förändring avgör."
    else:
        rule = f"Det senaste värdet jämförs med det första kända värdet; det ska {verb}."
    described = describe_target(target)
    years = [(p.label, p.year, p.value) for p in yearly(points(values))]
    base = _baseline(baselines)
    if base is not None and base.year is not None and (not years or base.year < years[0][1]):
        years.insert(0, (f"{base.year} (utgångsvärde)", base.year, base.value))
    if len(years) < 2:
        return TargetProgress(
            target.kind,
            described,
            Status.UNKNOWN,
            rule,
            "Det behövs minst två värden för att se en riktning.",
        )
    if target.yearly:
        steps = [
            Step(
                cur[0],
                f"{number(cur[2])} mot {number(prev[2])} året före",
                _desired(target.direction, prev[2], cur[2]),
            )
            for prev, cur in pairwise(years)
        ]
        good = sum(1 for s in steps if s.ok)
        ok = bool(steps[-1].ok)
        summary = (
            f"Värdet gick åt rätt håll {good} av {len(steps)} år; "
            f"senast {steps[-1].period}: {steps[-1].text}."
        )
    else:
        first, last = years[0], years[-1]
        ok = _desired(target.direction, first[2], last[2])
        steps = []
        summary = (
            f"Från {number(first[2])} ({first[0]}) till {number(last[2])} ({last[0]}): "
            f"{'rätt' if ok else 'inte rätt'} riktning."
        )
    if ok:
        status = Status.MET
    elif target.end_year is not None and target.end_year < as_of:
        status = Status.MISSED
    else:
        status = Status.NOT_YET
    return TargetProgress(target.kind, described, status, rule, summary, steps=steps)


def report(
    target: ReportTarget, values: Sequence[Measurement], due_years: Sequence[int]
) -> TargetProgress:
    """Reporting only: is there a value for each year that is due?"""
    rule = (
        "Ett värde ska finnas för varje år som har gått, inom planens period "
        "eller från det första uppföljda året."
    )
    if target.frequency == "mandatperiod":
        rule = "Ett värde ska finnas för mandatperiodens sista år när perioden har gått."
    described = describe_target(target)
    reported = {m.year for m in values}
    due = sorted(set(due_years))
    if not due:
        return TargetProgress(
            target.kind,
            described,
            Status.UNKNOWN,
            rule,
            "Inget år är ännu att följa upp, eller så är perioden okänd.",
        )
    steps = [
        Step(str(y), "värde finns" if y in reported else "värde saknas här", y in reported)
        for y in due
    ]
    missing = [str(y) for y in due if y not in reported]
    if not missing:
        summary = f"Värde finns för alla {len(due)} år som ska följas upp."
        status = Status.MET
    else:
        summary = (
            f"Värde finns för {len(due) - len(missing)} av {len(due)} år; "
            f"här saknas värde för {', '.join(missing)}."
        )
        status = Status.MISSING
    return TargetProgress(target.kind, described, status, rule, summary, steps=steps)
