"""Progress toward targets, computed once per build for every indicator with values or targets.

Every target form has its rule in :mod:`sitegen.progress.rules`; :func:`assess` picks it.
"""

from __future__ import annotations

from collections.abc import Sequence

from sitegen.model.followup import RankEntry
from sitegen.model.indicator import (
    ChangeTarget,
    CountTarget,
    DirectionTarget,
    Indicator,
    LevelTarget,
    Measurement,
    RankTarget,
    ReportTarget,
)
from sitegen.model.plan import Period
from sitegen.progress import rules
from sitegen.progress.types import STATUS_SV, STATUS_SYMBOL, Status, Step, TargetProgress

__all__ = [
    "STATUS_SV",
    "STATUS_SYMBOL",
    "Status",
    "Step",
    "TargetProgress",
    "assess",
    "due_years",
]


def due_years(
    frequency: str, period: Period | None, values: Sequence[Measurement], as_of: int
) -> list[int]:
    """The years a value should exist for: ended years of the plan period, else since the first
    value; for 'mandatperiod' only the period's last year once it has ended."""
    if frequency == "mandatperiod":
        return [period.end] if period is not None and period.end < as_of else []
    if period is not None:
        return list(range(period.start, min(period.end, as_of - 1) + 1))
    if not values:
        return []
    return list(range(min(m.year for m in values), as_of))


def assess(
    indicator: Indicator,
    values: Sequence[Measurement],
    ranks: Sequence[RankEntry],
    period: Period | None,
    as_of: int,
) -> list[TargetProgress]:
    """Progress toward each of the indicator's targets, in their order."""
    out: list[TargetProgress] = []
    for target in indicator.targets:
        if isinstance(target, LevelTarget | CountTarget):
            out.append(rules.level(target, values, indicator.baselines, as_of))
        elif isinstance(target, ChangeTarget):
            out.append(rules.change(target, values, as_of))
        elif isinstance(target, RankTarget):
            out.append(rules.rank(target, ranks, as_of))
        elif isinstance(target, DirectionTarget):
            due = due_years("arligen", period, values, as_of)
            out.append(rules.direction(target, values, indicator.baselines, as_of, due))
        elif isinstance(target, ReportTarget):
            due = due_years(target.frequency, period, values, as_of)
            out.append(rules.report(target, values, due))
    return out
