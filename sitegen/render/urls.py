"""Pretty Swedish URLs for every node. Paths are relative to the site root and end in '/'."""

from __future__ import annotations

from sitegen.site.model import ActionNode, AreaNode, GoalNode, IndicatorNode, MunicipalityNode


def path_of(obj: object) -> str:
    if isinstance(obj, MunicipalityNode):
        return f"kommuner/{obj.id}/"
    if isinstance(obj, GoalNode):
        return f"kommuner/{obj.municipality.id}/mal/{obj.id}/"
    if isinstance(obj, AreaNode):
        return f"kommuner/{obj.municipality.id}/omraden/{obj.id}/"
    if isinstance(obj, IndicatorNode):
        if obj.has_page:
            return f"kommuner/{obj.municipality.id}/indikatorer/{obj.id}/"
        parent = obj.goal if obj.goal is not None else obj.area
        return f"{path_of(parent)}#indikator-{obj.id}"
    if isinstance(obj, ActionNode):
        return f"kommuner/{obj.municipality.id}/atgarder/{obj.id}/"
    raise TypeError(f"no URL for {obj!r}")


def file_of(path: str) -> str:
    """The file a URL path is written to: 'a/b/' → 'a/b/index.html'."""
    if not path or path.endswith("/"):
        return f"{path}index.html"
    return path
