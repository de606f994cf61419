"""Number formats (Babel), and plain-language descriptions of targets and baselines.

The descriptions are phrases (sitegen/render/phrases.py): pages render them in their language,
`describe_target` and `describe_baseline` give the Swedish text (open data, the PDF report).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sitegen.i18n import N_
from sitegen.model.indicator import (
    Baseline,
    ChangeTarget,
    Comparison,
    CountTarget,
    Direction,
    DirectionTarget,
    LevelTarget,
    RankTarget,
    ReportTarget,
)
from sitegen.render.numbers import LOCALES, number  # noqa: F401 (formats.LOCALES, as before)
from sitegen.render.phrases import Content, Num, Phrase, Piece, phrase, text


def quantity(value: float | int, unit: str | None, language: str = "sv") -> str:
    """A number with its unit: '1,6 %', '30 000 kvm'."""
    out = number(value, language)
    if not unit:
        return out
    return f"{out}\u00a0{unit}"


#: 'minst 2 %': a comparison with its amount; an exact level is just the amount.
COMPARISON_SV: dict[Comparison, str | None] = {
    Comparison.AT_LEAST: N_("minst %(amount)s"),
    Comparison.AT_MOST: N_("högst %(amount)s"),
    Comparison.EXACTLY: None,
    Comparison.ABOVE: N_("över %(amount)s"),
    Comparison.BELOW: N_("under %(amount)s"),
}
# N_() marks the msgids for pybabel (`make i18n`); templates translate them with _().
DIRECTION_SV = {
    Direction.INCREASE: N_("öka"),
    Direction.DECREASE: N_("minska"),
    Direction.KEEP: N_("behållas"),
    Direction.REPORT: N_("redovisas"),
}
FREQUENCY_SV = {
    "arligen": N_("årligen"),
    "tertial": N_("varje tertial"),
    "mandatperiod": N_("varje mandatperiod"),
}
KIND_SV = {
    "niva": N_("Nivå"),
    "forandring": N_("Årlig förändring"),
    "rang": N_("Rangordning"),
    "riktning": N_("Riktning"),
    "antal": N_("Antal"),
    "redovisning": N_("Redovisning"),
}


def compared(comparison: Comparison, amount: Num) -> Piece:
    """'minst 2 %', 'högst −5 %', or just the amount for an exact level."""
    msgid = COMPARISON_SV[comparison]
    return amount if msgid is None else phrase(msgid, amount=amount)


def _by(described: Piece, year: int | None) -> Piece:
    return phrase(N_("%(target)s år %(year)s"), target=described, year=year) if year else described


def target_phrase(target: object) -> Piece:
    """The target as data, in plain words (the source's own words are shown beside it)."""
    if isinstance(target, LevelTarget):
        return _by(compared(target.comparison, Num(target.value, target.unit)), target.year)
    if isinstance(target, CountTarget):
        goal = compared(target.comparison, Num(target.value, target.unit))
        if target.start_year and target.year:
            return phrase(
                N_("%(target)s från %(start)s till och med %(end)s"),
                target=goal,
                start=target.start_year,
                end=target.year,
            )
        return _by(goal, target.year)
    if isinstance(target, ChangeTarget):
        amount = Num(abs(target.value), target.unit)
        if target.value >= 0:
            change = phrase(N_("öka med %(amount)s per år"), amount=amount)
        else:
            change = phrase(N_("minska med %(amount)s per år"), amount=amount)
        if not (target.start_year or target.end_year):
            return change
        return phrase(
            N_("%(target)s (%(start)s–%(end)s)"),
            target=change,
            start=target.start_year or "…",
            end=target.end_year or "…",
        )
    if isinstance(target, RankTarget):
        best = phrase(
            N_("bland de %(top)s bästa i %(group)s"),
            top=Num(target.top_percent, "%"),
            group=Content(target.group),
        )
        return _by(best, target.year)
    if isinstance(target, DirectionTarget):
        out: Piece = phrase(N_("ska %(verb)s"), verb=Phrase(DIRECTION_SV[target.direction]))
        if target.yearly:
            out = phrase(N_("%(target)s årligen"), target=out)
        if target.end_year:
            out = phrase(N_("%(target)s till år %(year)s"), target=out, year=target.end_year)
        return out
    if isinstance(target, ReportTarget):
        return phrase(
            N_("ska redovisas %(frequency)s"), frequency=Phrase(FREQUENCY_SV[target.frequency])
        )
    raise TypeError(f"unknown target {target!r}")  # pragma: no cover


def baseline_phrase(baseline: Baseline) -> Phrase:
    """'1,6 % (flickor), år 2019': the amount, whose value it is (content), and its year."""
    amount = Num(baseline.value, baseline.unit)
    if baseline.subject:
        subject = Content(baseline.subject)
        if baseline.year:
            return phrase(
                N_("%(amount)s (%(subject)s), år %(year)s"),
                amount=amount,
                subject=subject,
                year=baseline.year,
            )
        return phrase(N_("%(amount)s (%(subject)s), år okänt"), amount=amount, subject=subject)
    if baseline.year:
        return phrase(N_("%(amount)s, år %(year)s"), amount=amount, year=baseline.year)
    return phrase(N_("%(amount)s, år okänt"), amount=amount)


def describe_target(target: object) -> str:
    """The target in plain Swedish, e.g. 'minst 1,6 % år 2017' (see :func:`target_phrase`)."""
    return text(target_phrase(target))


def describe_baseline(baseline: Baseline) -> str:
    """The baseline in plain Swedish, e.g. '1,6 % (flickor), år 2019'."""
    return text(baseline_phrase(baseline))


def latest_total(values: Sequence[Any]) -> Any | None:
    """The last of an indicator's measurements for everyone (kön T), or None."""
    return next((m for m in reversed(values) if m.gender.value == "T"), None)


def indicator_tags(indicators: Sequence[Any]) -> tuple[list[Any], list[Any]]:
    """The themes and the Agenda 2030 goals of `indicators`, each once, in the order they come
    (the search filters of a goal or goal area page for its indicator cards)."""
    themes: dict[str, Any] = {}
    sdgs: dict[int, Any] = {}
    for ind in indicators:
        for theme in ind.themes:
            themes.setdefault(theme.id, theme)
        for sdg in ind.sdgs:
            sdgs.setdefault(sdg.number, sdg)
    return list(themes.values()), list(sdgs.values())


def target_year(target: object) -> int | None:
    for attr in ("year", "end_year"):
        value = getattr(target, attr, None)
        if value:
            return int(value)
    return None
