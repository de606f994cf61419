"""The content model: what a municipality decides, independent of how it is shown.

Every model is strict: unknown fields are refused, values are not coerced, and YAML keys are the
Swedish field aliases an editor writes.
"""

from sitegen.model.goal import Goal, GoalArea
from sitegen.model.indicator import (
    Baseline,
    ChangeTarget,
    CountTarget,
    DirectionTarget,
    Indicator,
    LevelTarget,
    Measurement,
    RankTarget,
    ReportTarget,
    Target,
)
from sitegen.model.municipality import Body, Municipality, Source
from sitegen.model.plan import Plan, ProcessStep
from sitegen.model.vocabulary import SdgCatalogue, SdgGoal, Theme, ThemeVocabulary

__all__ = [
    "Baseline",
    "Body",
    "ChangeTarget",
    "CountTarget",
    "DirectionTarget",
    "Goal",
    "GoalArea",
    "Indicator",
    "LevelTarget",
    "Measurement",
    "Municipality",
    "Plan",
    "ProcessStep",
    "RankTarget",
    "ReportTarget",
    "SdgCatalogue",
    "SdgGoal",
    "Source",
    "Target",
    "Theme",
    "ThemeVocabulary",
]
