"""The site model: validated content linked into one graph, with cross-page data computed once."""

from sitegen.site.build import SiteLinker, build_site_model
from sitegen.site.model import (
    AreaNode,
    GoalNode,
    IndicatorNode,
    MunicipalityNode,
    PlanNode,
    SiteModel,
)

__all__ = [
    "AreaNode",
    "GoalNode",
    "IndicatorNode",
    "MunicipalityNode",
    "PlanNode",
    "SiteLinker",
    "SiteModel",
    "build_site_model",
]
