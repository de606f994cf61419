"""Swedish number and date formats (Babel), and plain-language descriptions of targets."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from babel.numbers import format_decimal

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

LOCALES = {"sv": "sv_SE", "en": "en_GB"}


@lru_cache(maxsize=4096)
def number(value: float | int, language: str = "sv") -> str:
    """1.6 → '1,6'; 30000 → '30 000' (with a no-break space, as Swedish typography wants)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return format_decimal(value, locale=LOCALES[language], group_separator=True)


def quantity(value: float | int, unit: str | None, language: str = "sv") -> str:
    """A number with its unit: '1,6 %', '30 000 kvm'."""
    text = number(value, language)
    if not unit:
        return text
    return f"{text}\u00a0{unit}"


COMPARISON_SV = {
    Comparison.AT_LEAST: "minst",
    Comparison.AT_MOST: "högst",
    Comparison.EXACTLY: "",
    Comparison.ABOVE: "över",
    Comparison.BELOW: "under",
}
# N_() marks the msgids for pybabel (`make i18n`); templates translate them with _().
DIRECTION_SV = {
    Direction.INCREASE: N_("öka"),
    Direction.DECREASE: N_("minska"),
    Direction.KEEP: N_("behållas"),
    Direction.REPORT: N_("redovisas"),
}
FREQUENCY_SV = {
    "arligen": "årligen",
    "tertial": "varje tertial",
    "mandatperiod": "varje mandatperiod",
}
KIND_SV = {
    "niva": N_("Nivå"),
    "forandring": N_("Årlig förändring"),
    "rang": N_("Rangordning"),
    "riktning": N_("Riktning"),
    "antal": N_("Antal"),
    "redovisning": N_("Redovisning"),
}


def _by(year: int | None) -> str:
    return f" år {year}" if year else ""


def describe_target(target: object) -> str:
    """The target as data, in plain Swedish (the source's own words are shown beside it)."""
    if isinstance(target, LevelTarget):
        comp = COMPARISON_SV[target.comparison]
        lead = f"{comp} " if comp else ""
        return f"{lead}{quantity(target.value, target.unit)}{_by(target.year)}".strip()
    if isinstance(target, CountTarget):
        comp = COMPARISON_SV[target.comparison]
        lead = f"{comp} " if comp else ""
        span = ""
        if target.start_year and target.year:
            span = f" från {target.start_year} till och med {target.year}"
        elif target.year:
            span = f" år {target.year}"
        return f"{lead}{quantity(target.value, target.unit)}{span}"
    if isinstance(target, ChangeTarget):
        verb = "öka" if target.value >= 0 else "minska"
        amount = quantity(abs(target.value), target.unit)
        span = ""
        if target.start_year or target.end_year:
            span = f" ({target.start_year or '…'}–{target.end_year or '…'})"
        return f"{verb} med {amount} per år{span}"
    if isinstance(target, RankTarget):
        return (
            f"bland de {number(target.top_percent)}\u00a0% bästa i {target.group}{_by(target.year)}"
        )
    if isinstance(target, DirectionTarget):
        verb = DIRECTION_SV[target.direction]
        yearly = " årligen" if target.yearly else ""
        until = f" till år {target.end_year}" if target.end_year else ""
        return f"ska {verb}{yearly}{until}"
    if isinstance(target, ReportTarget):
        return f"ska redovisas {FREQUENCY_SV[target.frequency]}"
    raise TypeError(f"unknown target {target!r}")  # pragma: no cover


def describe_baseline(baseline: Baseline) -> str:
    when = f"år {baseline.year}" if baseline.year else "år okänt"
    subject = f" ({baseline.subject})" if baseline.subject else ""
    return f"{quantity(baseline.value, baseline.unit)}{subject}, {when}"


def latest_total(values: Sequence[Any]) -> Any | None:
    """The last of an indicator's measurements for everyone (kön T), or None."""
    return next((m for m in reversed(values) if m.gender.value == "T"), None)


def target_year(target: object) -> int | None:
    for attr in ("year", "end_year"):
        value = getattr(target, attr, None)
        if value:
            return int(value)
    return None
