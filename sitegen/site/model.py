"""Linked nodes over the validated models. Templates navigate these; nothing re-reads files."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

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
from sitegen.model.accessibility import AccessibilityStatement
from sitegen.model.action import Action
from sitegen.model.followup import FollowUp, GoalAssessment, RankEntry
from sitegen.model.indicator import Measurement
from sitegen.progress.types import TargetProgress

if TYPE_CHECKING:
    from sitegen.history import ContentHistory


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
    #: Every measured value: `matningar` in the goal file and the follow-up files, by period.
    values: list[Measurement] = field(default_factory=list)
    #: The place among all municipalities per year (from follow-up files).
    ranks: list[RankEntry] = field(default_factory=list)
    #: Progress toward each target, in the order of `malvarden` (computed once per build).
    progress: list[TargetProgress] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.indicator.id

    @property
    def has_page(self) -> bool:
        """An indicator gets its own page when it has more than a line to say."""
        i = self.indicator
        return bool(i.targets or i.baselines or i.measurements or i.kolada or self.values)


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
    #: The municipality's own assessment per year (from follow-up files), oldest first.
    assessments: list[GoalAssessment] = field(default_factory=list)
    #: The actions (åtgärder) meant to move this goal, in order.
    actions: list[ActionNode] = field(default_factory=list)

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
class ActionNode:
    """An action linked to its goals and responsible body; `overdue` is computed at build time."""

    action: Action
    path: Path
    municipality: MunicipalityNode
    goals: list[GoalNode]
    responsible: Body | None
    source: Source | None
    #: Due date passed at the build date and neither klar nor avbruten.
    overdue: bool = False

    @property
    def id(self) -> str:
        return self.action.id


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
    #: Every action of the municipality, in order.
    actions: list[ActionNode] = field(default_factory=list)
    #: The follow-up files (uppfoljning/*.yaml), by file name.
    followups: list[FollowUp] = field(default_factory=list)

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
    #: The accessibility statement (content/tillganglighet.yaml), if the content has one.
    accessibility: AccessibilityStatement | None = None

    def municipality(self, mid: str) -> MunicipalityNode:
        return next(m for m in self.municipalities if m.id == mid)

    @cached_property
    def history(self) -> ContentHistory:
        """The content's git history: one `git log` per build, on first use (sitegen/history.py)."""
        from sitegen.history import read_history

        return read_history(self.content_root)

    @property
    def goals(self) -> list[GoalNode]:
        return [g for m in self.municipalities for g in m.goals]

    @property
    def indicators(self) -> list[IndicatorNode]:
        return [i for m in self.municipalities for i in m.indicators]
