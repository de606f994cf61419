"""Linked nodes over the validated models. Templates navigate these; nothing re-reads files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sitegen.model import (
    Body,
    Goal,
    GoalArea,
    Indicator,
    Municipality,
    Plan,
    SdgGoal,
    Source,
    Theme,
)


@dataclass(eq=False)
class PlanNode:
    plan: Plan
    path: Path
    municipality: MunicipalityNode
    decided_by: Body | None
    source: Source
    goals: list[GoalNode] = field(default_factory=list)
    areas: list[AreaNode] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.plan.id


@dataclass(eq=False)
class IndicatorNode:
    indicator: Indicator
    path: Path
    municipality: MunicipalityNode
    goal: GoalNode | None
    area: AreaNode | None
    themes: list[Theme]
    sdgs: list[SdgGoal]
    source: Source
    #: Index of this indicator in its parent's `indikatorer` list (to locate it in the file).
    index: int = 0

    @property
    def id(self) -> str:
        return self.indicator.id

    @property
    def has_page(self) -> bool:
        """An indicator gets its own page when it has more than a line to say."""
        i = self.indicator
        return bool(i.targets or i.baselines or i.measurements or i.kolada)


@dataclass(eq=False)
class GoalNode:
    goal: Goal
    path: Path
    municipality: MunicipalityNode
    plan: PlanNode
    area: AreaNode | None
    owner: Body | None
    themes: list[Theme]
    sdgs: list[SdgGoal]
    source: Source
    indicators: list[IndicatorNode] = field(default_factory=list)
    serves: list[GoalNode] = field(default_factory=list)
    served_by: list[GoalNode] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.goal.id


@dataclass(eq=False)
class AreaNode:
    area: GoalArea
    path: Path
    municipality: MunicipalityNode
    plan: PlanNode
    themes: list[Theme]
    sdgs: list[SdgGoal]
    source: Source
    goals: list[GoalNode] = field(default_factory=list)
    indicators: list[IndicatorNode] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.area.id


@dataclass(eq=False)
class MunicipalityNode:
    municipality: Municipality
    path: Path
    bodies: dict[str, Body] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    plans: list[PlanNode] = field(default_factory=list)
    areas: list[AreaNode] = field(default_factory=list)
    goals: list[GoalNode] = field(default_factory=list)
    indicators: list[IndicatorNode] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.municipality.id

    @property
    def name(self) -> str:
        return self.municipality.name

    @property
    def goals_without_area(self) -> list[GoalNode]:
        return [g for g in self.goals if g.area is None]


@dataclass
class SiteModel:
    """The whole site: every municipality and the shared vocabularies."""

    municipalities: list[MunicipalityNode]
    themes: dict[str, Theme]
    sdgs: dict[int, SdgGoal]
    content_root: Path
    files: list[Path] = field(default_factory=list)

    def municipality(self, mid: str) -> MunicipalityNode:
        return next(m for m in self.municipalities if m.id == mid)

    @property
    def goals(self) -> list[GoalNode]:
        return [g for m in self.municipalities for g in m.goals]

    @property
    def indicators(self) -> list[IndicatorNode]:
        return [i for m in self.municipalities for i in m.indicators]
