"""The progress rules, one per target form. Each states its rule in plain words beside the result.

The texts are phrases (sitegen/render/phrases.py), made once per build and rendered in each page's
language; in Swedish they read as they always did (open data keeps the Swedish text).

Only values for the whole population (gender T) count; a year is represented by its full-year
value, or by its latest tertial when the year has no full-year value.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from sitegen.i18n import N_
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
from sitegen.render.formats import compared, target_phrase
from sitegen.render.phrases import Content, Num, Phrase, Piece, phrase, seq, unit_is_content

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
    pts: Sequence[Point], year: int, ok: Callable[[float], bool], fmt: Callable[[float], Num]
) -> Phrase:
    before = [p for p in pts if p.year <= year]
    if not before:
        return phrase(N_("För målåret %(year)s finns inget uppföljt värde."), year=year)
    last = before[-1]
    value = fmt(last.value)
    if last.year == year:
        if ok(last.value):
            msgid = N_("Målet nåddes i tid: värdet för målåret %(year)s var %(value)s.")
        else:
            msgid = N_("Målet nåddes inte i tid: värdet för målåret %(year)s var %(value)s.")
        return phrase(msgid, year=year, value=value)
    if ok(last.value):
        msgid = N_("Målet nåddes i tid: värdet senast före målåret (%(period)s) var %(value)s.")
    else:
        msgid = N_(
            "Målet nåddes inte i tid: värdet senast före målåret (%(period)s) var %(value)s."
        )
    return phrase(msgid, period=last.label, value=value)


def level(
    target: LevelTarget | CountTarget,
    values: Sequence[Measurement],
    baselines: Sequence[Baseline],
    as_of: int,
) -> TargetProgress:
    """A level (or count): the latest value against the level; the target year decides 'in time'."""
    goal = compared(target.comparison, Num(target.value, target.unit))
    pts = points(values)
    cumulative = isinstance(target, CountTarget) and target.start_year and target.year
    if cumulative:
        assert isinstance(target, CountTarget) and target.start_year and target.year
        return _cumulative(target, pts, as_of)
    rules: list[Piece] = [
        phrase(N_("Det senaste värdet jämförs med målnivån (%(goal)s)."), goal=goal)
    ]
    if target.year:
        rules.append(
            phrase(
                N_(
                    "Om målet nåddes i tid avgörs av värdet för målåret %(year)s "
                    "(eller det senaste värdet före)."
                ),
                year=target.year,
            )
        )
    base = _baseline(baselines)
    if base is not None:
        rules.append(Phrase(N_("Utgångsvärdet visar hur stor del av vägen som är gjord.")))
    rule = seq(*rules)
    described = target_phrase(target)
    if not pts:
        return TargetProgress(
            target.kind, described, Status.UNKNOWN, rule, Phrase(N_("Inga uppföljda värden ännu."))
        )

    def ok(v: float) -> bool:
        return meets(v, target.value, target.comparison)

    def fmt(v: float) -> Num:
        return Num(v, target.unit)

    latest = pts[-1]
    reached = ok(latest.value)
    if reached:
        msgid = N_("Senaste värdet, %(value)s (%(period)s), når målnivån %(goal)s.")
    else:
        msgid = N_("Senaste värdet, %(value)s (%(period)s), når inte målnivån %(goal)s.")
    summary: list[Piece] = [phrase(msgid, value=fmt(latest.value), period=latest.label, goal=goal)]
    share = _share(latest.value, base.value, target.value) if base is not None else None
    if base is not None and share is not None and not reached:
        summary.append(
            phrase(
                N_("Från utgångsvärdet %(value)s är %(share)s %% av vägen gjord."),
                value=fmt(base.value),
                share=Num(round(share * 100)),
            )
        )
    if target.year:
        summary.append(_by_year_verdict(pts, target.year, ok, fmt))
    if reached:
        status = Status.MET
    elif target.year is not None and target.year < as_of:
        status = Status.MISSED
    else:
        status = Status.NOT_YET
    return TargetProgress(target.kind, described, status, rule, seq(*summary), share)


def _cumulative(target: CountTarget, pts: Sequence[Point], as_of: int) -> TargetProgress:
    assert target.start_year is not None and target.year is not None
    goal = compared(target.comparison, Num(target.value, target.unit))
    rule = phrase(
        N_(
            "Årens värden från %(start)s till och med %(end)s läggs ihop "
            "och jämförs med målet (%(goal)s)."
        ),
        start=target.start_year,
        end=target.year,
        goal=goal,
    )
    described = target_phrase(target)
    years = [p for p in yearly(pts) if target.start_year <= p.year <= target.year]
    if not years:
        return TargetProgress(
            target.kind,
            described,
            Status.UNKNOWN,
            rule,
            Phrase(N_("Inga uppföljda värden för perioden ännu.")),
        )
    total = 0.0
    steps = []
    for p in years:
        total += p.value
        steps.append(
            Step(
                p.label,
                phrase(
                    N_("%(value)s, sammanlagt %(total)s"),
                    value=Num(p.value, target.unit),
                    total=Num(total, target.unit),
                ),
                None,
            )
        )
    reached = meets(total, target.value, target.comparison)
    summary = phrase(
        N_("Sammanlagt %(total)s för %(first)s–%(last)s; målet är %(goal)s."),
        total=Num(total, target.unit),
        first=years[0].year,
        last=years[-1].year,
        goal=goal,
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
    if relative:
        kind: Piece = Phrase(N_("procent av föregående års värde"))
    else:
        unit = Content(target.unit) if unit_is_content(target.unit) else target.unit
        kind = phrase(N_("i %(unit)s"), unit=unit)
    need = Num(target.value, target.unit, signed=True)
    better = compared(Comparison.AT_LEAST if target.value >= 0 else Comparison.AT_MOST, need)
    if target.start_year or target.end_year:
        rule = phrase(
            N_(
                "Varje års förändring från året före, räknad %(kind)s, ska vara %(need)s "
                "(år %(start)s–%(end)s)."
            ),
            kind=kind,
            need=better,
            start=target.start_year or "…",
            end=target.end_year or "…",
        )
    else:
        rule = phrase(
            N_("Varje års förändring från året före, räknad %(kind)s, ska vara %(need)s."),
            kind=kind,
            need=better,
        )
    described = target_phrase(target)
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
            steps.append(Step(cur.label, Phrase(N_("kan inte räknas (året före var 0)")), None))
            continue
        ok = delta >= target.value if target.value >= 0 else delta <= target.value
        ok = ok or math.isclose(delta, target.value, abs_tol=1e-9)
        steps.append(
            Step(
                cur.label,
                phrase(
                    N_("%(change)s (krav %(need)s)"),
                    change=Num(round(delta, 1), target.unit, signed=True),
                    need=need,
                ),
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
            Phrase(N_("Det behövs värden för två år i följd för att räkna en förändring.")),
            steps=steps,
        )
    met = sum(1 for s in judged if s.ok)
    latest = judged[-1]
    summary = phrase(
        N_(
            "Den krävda förändringen nåddes %(met)s av %(count)s år; senast %(period)s: %(result)s."
        ),
        met=met,
        count=len(judged),
        period=latest.period,
        result=latest.text,
    )
    status = Status.MET if latest.ok else Status.MISSED
    return TargetProgress(target.kind, described, status, rule, summary, steps=steps)


def rank(target: RankTarget, ranks: Sequence[RankEntry], as_of: int) -> TargetProgress:
    """A rank: the latest known place among all municipalities against the top share."""
    top = Num(target.top_percent)
    rule = seq(
        phrase(
            N_("Kommunens plats bland %(group)s jämförs med gränsen för de %(top)s %% bästa."),
            group=Content(target.group),
            top=top,
        ),
        Phrase(
            N_("Platsen räknas bara när ett värde finns för alla kommuner (t.ex. från Kolada).")
        ),
    )
    described = target_phrase(target)
    entries = sorted(ranks, key=lambda r: r.year)
    if not entries:
        return TargetProgress(
            target.kind,
            described,
            Status.UNKNOWN,
            rule,
            Phrase(N_("Ingen rangordning finns ännu: värden för alla kommuner behövs.")),
        )

    def ok(r: RankEntry) -> bool:
        return r.rank / r.total * 100 <= target.top_percent + 1e-9

    steps = [
        Step(
            str(r.year),
            phrase(
                N_("plats %(rank)s av %(total)s (%(share)s %%)"),
                rank=r.rank,
                total=r.total,
                share=Num(round(r.rank / r.total * 100, 1)),
            ),
            ok(r),
        )
        for r in entries
    ]
    latest = entries[-1]
    if ok(latest):
        msgid = N_("Senast känd plats: %(rank)s av %(total)s (%(year)s), inom de %(top)s %% bästa.")
    else:
        msgid = N_(
            "Senast känd plats: %(rank)s av %(total)s (%(year)s), utanför de %(top)s %% bästa."
        )
    summary: list[Piece] = [
        phrase(msgid, rank=latest.rank, total=latest.total, year=latest.year, top=top)
    ]
    if target.year:
        before = [r for r in entries if r.year <= target.year]
        if before:
            if ok(before[-1]):
                msgid = N_("Målet nåddes i tid (plats %(rank)s år %(year)s).")
            else:
                msgid = N_("Målet nåddes inte i tid (plats %(rank)s år %(year)s).")
            summary.append(phrase(msgid, rank=before[-1].rank, year=before[-1].year))
        else:
            summary.append(
                phrase(N_("För målåret %(year)s finns ingen rangordning."), year=target.year)
            )
    if ok(latest):
        status = Status.MET
    elif target.year is not None and target.year < as_of:
        status = Status.MISSED
    else:
        status = Status.NOT_YET
    return TargetProgress(target.kind, described, status, rule, seq(*summary), steps=steps)


def _desired(direction: Direction, prev: float, cur: float) -> bool:
    if direction is Direction.INCREASE:
        return cur > prev and not math.isclose(cur, prev)
    if direction is Direction.DECREASE:
        return cur < prev and not math.isclose(cur, prev)
    return math.isclose(cur, prev, rel_tol=KEEP_TOLERANCE, abs_tol=1e-9)


#: What the value should do, in the rules of :func:`direction`.
_VERBS = {
    Direction.INCREASE: Phrase(N_("öka")),
    Direction.DECREASE: Phrase(N_("minska")),
    Direction.KEEP: Phrase(N_("ligga kvar (högst 1 %% ifrån det första värdet)")),
}


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
    verb = _VERBS[target.direction]
    if target.yearly:
        rule = phrase(
            N_(
                "Värdet ska %(verb)s varje år jämfört med året före; "
                "senaste årets förändring avgör."
            ),
            verb=verb,
        )
    else:
        rule = phrase(
            N_("Det senaste värdet jämförs med det första kända värdet; det ska %(verb)s."),
            verb=verb,
        )
    described = target_phrase(target)
    years: list[tuple[Piece, int, float]] = [
        (p.label, p.year, p.value) for p in yearly(points(values))
    ]
    base = _baseline(baselines)
    if base is not None and base.year is not None and (not years or base.year < years[0][1]):
        label = phrase(N_("%(year)s (utgångsvärde)"), year=base.year)
        years.insert(0, (label, base.year, base.value))
    if len(years) < 2:
        return TargetProgress(
            target.kind,
            described,
            Status.UNKNOWN,
            rule,
            Phrase(N_("Det behövs minst två värden för att se en riktning.")),
        )
    if target.yearly:
        steps = [
            Step(
                cur[0],
                phrase(
                    N_("%(value)s mot %(previous)s året före"),
                    value=Num(cur[2]),
                    previous=Num(prev[2]),
                ),
                _desired(target.direction, prev[2], cur[2]),
            )
            for prev, cur in pairwise(years)
        ]
        good = sum(1 for s in steps if s.ok)
        ok = bool(steps[-1].ok)
        summary = phrase(
            N_("Värdet gick åt rätt håll %(good)s av %(count)s år; senast %(period)s: %(result)s."),
            good=good,
            count=len(steps),
            period=steps[-1].period,
            result=steps[-1].text,
        )
    else:
        first, last = years[0], years[-1]
        ok = _desired(target.direction, first[2], last[2])
        steps = []
        if ok:
            msgid = N_(
                "Från %(first)s (%(first_period)s) till %(last)s (%(last_period)s): rätt riktning."
            )
        else:
            msgid = N_(
                "Från %(first)s (%(first_period)s) till %(last)s (%(last_period)s): "
                "inte rätt riktning."
            )
        summary = phrase(
            msgid,
            first=Num(first[2]),
            first_period=first[0],
            last=Num(last[2]),
            last_period=last[0],
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
    rule = Phrase(
        N_(
            "Ett värde ska finnas för varje år som har gått, inom planens period "
            "eller från det första uppföljda året."
        )
    )
    if target.frequency == "mandatperiod":
        rule = Phrase(
            N_("Ett värde ska finnas för mandatperiodens sista år när perioden har gått.")
        )
    described = target_phrase(target)
    reported = {m.year for m in values}
    due = sorted(set(due_years))
    if not due:
        return TargetProgress(
            target.kind,
            described,
            Status.UNKNOWN,
            rule,
            Phrase(N_("Inget år är ännu att följa upp, eller så är perioden okänd.")),
        )
    found, lacking = Phrase(N_("värde finns")), Phrase(N_("värde saknas här"))
    steps = [Step(str(y), found if y in reported else lacking, y in reported) for y in due]
    missing = [str(y) for y in due if y not in reported]
    if not missing:
        summary = phrase(
            N_("Värde finns för alla %(count)s år som ska följas upp."), count=len(due)
        )
        status = Status.MET
    else:
        summary = phrase(
            N_("Värde finns för %(have)s av %(count)s år; här saknas värde för %(missing)s."),
            have=len(due) - len(missing),
            count=len(due),
            missing=", ".join(missing),
        )
        status = Status.MISSING
    return TargetProgress(target.kind, described, status, rule, summary, steps=steps)
