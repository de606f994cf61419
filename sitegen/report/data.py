"""What a follow-up report shows for one period, computed from the site model (no file reads)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sitegen.model.action import ActionStatus, StatusNote, is_overdue
from sitegen.model.indicator import Gender, Measurement
from sitegen.site.model import (
    ActionNode,
    AreaNode,
    GoalNode,
    IndicatorNode,
    MunicipalityNode,
    PlanNode,
)


@dataclass
class IndicatorReport:
    node: IndicatorNode
    #: Values (total, not by gender) up to and including the period, oldest first.
    values: list[Measurement]
    latest: Measurement | None
    #: Progress toward each target (from the follow-up computation), when it covers the period.
    progress: list[Any]
    #: No value lies after the period: the site's chart and progress describe it as it was.
    covers: bool = True


@dataclass
class ActionReport:
    node: ActionNode
    status: ActionStatus
    note: StatusNote | None
    overdue: bool


@dataclass
class GoalReport:
    node: GoalNode
    indicators: list[IndicatorReport]
    actions: list[ActionReport]
    #: The municipality's own assessment for the period, if any.
    assessment: Any | None


@dataclass
class SectionReport:
    """A goal area (or the plan's goals without an area) with its goals and indicators."""

    anchor: str
    title: str
    area: AreaNode | None
    goals: list[GoalReport]
    indicators: list[IndicatorReport]


@dataclass
class PlanReport:
    node: PlanNode
    sections: list[SectionReport]


@dataclass
class Report:
    municipality: MunicipalityNode
    period: int
    built: date
    plans: list[PlanReport] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"Uppföljning av mål {self.period} – {self.municipality.name}"

    @property
    def goals(self) -> list[GoalReport]:
        return [g for p in self.plans for s in p.sections for g in s.goals]


def _values(node: IndicatorNode) -> list[Measurement]:
    values = getattr(node, "values", None) or node.indicator.measurements
    return sorted(
        (v for v in values if v.gender is Gender.TOTAL), key=lambda v: (v.year, v.tertial or 4)
    )


def default_period(m: MunicipalityNode, today: date) -> int:
    """The latest year with a measured value, an assessment or an action follow-up; without any,
    the last year of the plans (up to the build year); else the build year."""
    years = [v.year for i in m.indicators for v in _values(i)]
    years += [n.year for a in m.actions for n in a.action.notes]
    years += [a.year for g in m.goals for a in getattr(g, "assessments", [])]
    if years:
        return max(years)
    ends = [min(p.plan.period.end, today.year) for p in m.plans if p.plan.period is not None]
    return max(ends) if ends else today.year


def period_end(period: int, today: date) -> date:
    """The day a period is judged at: its last day, or the build date if that comes first."""
    return min(date(period, 12, 31), today)


def _indicator(node: IndicatorNode, period: int) -> IndicatorReport:
    every = _values(node)
    values = [v for v in every if v.year <= period]
    covers = not every or every[-1].year <= period
    progress = list(getattr(node, "progress", []) or []) if covers else []
    return IndicatorReport(node, values, values[-1] if values else None, progress, covers)


def _action(node: ActionNode, period: int, judged: date) -> ActionReport:
    status, note = node.action.status_at(period)
    return ActionReport(node, status, note, is_overdue(node.action, judged, status))


def _goal(node: GoalNode, period: int, judged: date) -> GoalReport:
    assessments = [a for a in getattr(node, "assessments", []) if a.year == period]
    return GoalReport(
        node,
        [_indicator(i, period) for i in node.indicators],
        [_action(a, period, judged) for a in node.actions],
        assessments[-1] if assessments else None,
    )


def build_report(m: MunicipalityNode, period: int | None, today: date) -> Report:
    """The report of `m` for `period` (default: the latest period with data).

    Overdue actions are judged at the build date for the default period (as on the site), and at
    the end of the period for a chosen one (a report for 2022 shows what was overdue then).
    """
    year = default_period(m, today) if period is None else period
    judged = today if period is None else period_end(year, today)
    report = Report(municipality=m, period=year, built=today)
    for p in m.plans:
        sections = [
            SectionReport(
                anchor=f"omrade-{a.id}",
                title=a.area.title,
                area=a,
                goals=[_goal(g, year, judged) for g in a.goals],
                indicators=[_indicator(i, year) for i in a.indicators],
            )
            for a in p.areas
        ]
        loose = [g for g in p.goals if g.area is None]
        if loose:
            title = "Mål" if not sections else "Övriga mål"
            sections.append(
                SectionReport(
                    anchor=f"plan-{p.id}-mal",
                    title=title,
                    area=None,
                    goals=[_goal(g, year, judged) for g in loose],
                    indicators=[],
                )
            )
        report.plans.append(PlanReport(p, sections))
    return report
