"""Which comparison pages show a municipality's goals, so that an edit in one municipality
re-renders only those (sitegen/incremental.py).

:func:`footprint` records what the comparison shows of one municipality; a rebuild takes it
before and after the edit, and :func:`pages_to_render` picks the pages that may differ: the
theme and global-goal pages where its entries changed, the indicator pages where its indicators
changed, the matrix and the overviews when its counts or name changed, and every page this
module does not know (always).
"""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.compare import model as cm
from sitegen.compare.model import Comparison, indicator_plan
from sitegen.render.pages import Page
from sitegen.render.urls import path_of
from sitegen.site.model import AreaNode, GoalNode, IndicatorNode


@dataclass(frozen=True)
class Footprint:
    """What the comparison shows of one municipality. Nodes are compared by their content (the
    validated models, their plan's and parent's, and their address), so that a rebuild tells an
    edited goal from the municipality's unchanged ones although every node was linked afresh."""

    #: Name, and goals, indicators and areas per theme and global goal (the matrix's row).
    counts: tuple[object, ...]
    #: Per theme and global-goal page it is on: its entries there.
    topics: dict[str, tuple[object, ...]]
    #: Per indicator page with one of its indicators: those indicators and their latest values.
    groups: dict[str, tuple[object, ...]]
    #: Its goals and indicators without a theme (listed on /jamfor/teman/).
    unthemed: tuple[object, ...]
    #: Its indicators with a Kolada KPI or a shared key (listed on /jamfor/indikatorer/).
    linked: tuple[object, ...]
    #: Its row on /jamfor/malkvalitet/: the figures, the goals with none, plans with criteria.
    quality: tuple[object, ...]


#: The figures /jamfor/malkvalitet/ shows per municipality (Quality's fields and properties).
QUALITY_FIGURES = (
    "count",
    "area_units",
    "with_indicator",
    "with_value",
    "with_year",
    "with_baseline",
    "indicators",
    "indicators_with_value",
    "indicators_with_year",
    "indicators_with_baseline",
    "indicators_with_measurement",
)


def _shown(node: GoalNode | IndicatorNode | AreaNode) -> tuple[object, ...]:
    """A node's content as the comparison pages may show it."""
    if isinstance(node, GoalNode):
        return (path_of(node), node.goal, node.plan.plan)
    if isinstance(node, AreaNode):
        return (path_of(node), node.area, node.plan.plan)
    parent = node.goal.goal if node.goal is not None else node.area.area if node.area else None
    return (path_of(node), node.indicator, parent, indicator_plan(node).plan)


def footprint(cmp: Comparison, municipality_id: str) -> Footprint:
    row = next((r for r in cmp.rows if r.municipality.id == municipality_id), None)
    counts: tuple[object, ...] = ()
    name = plans = None
    if row is not None:
        m = row.municipality
        name, plans = m.name, tuple(p.plan for p in m.plans)
        cells = tuple(
            None if e is None else (len(e.goals), len(e.indicators), len(e.areas))
            for e in [*row.themes, *row.sdgs]
        )
        counts = (m.name, len(m.goals) + len(m.indicators), cells)
    topics = {}
    for topic in [*cmp.themes, *cmp.sdgs]:
        e = topic.by_municipality.get(municipality_id)
        if e is not None:
            nodes = [*e.goals, *e.indicators, *e.areas]
            topics[topic.path] = (name, plans, tuple(_shown(n) for n in nodes))
    groups = {}
    for group in cmp.indicator_groups:
        own = [r for r in group.rows if r.indicator.municipality.id == municipality_id]
        if own:
            groups[group.path] = (name, tuple((_shown(r.indicator), r.latest) for r in own))
    unthemed = tuple(
        _shown(n)
        for n in [*cmp.unthemed_goals, *cmp.unthemed_indicators]
        if n.municipality.id == municipality_id
    )
    # /jamfor/indikatorer/ shows the indicators themselves (title, KPI, key), not their parents.
    linked = tuple((path_of(i), i.indicator) for i in cmp.linked.get(municipality_id, []))
    q = next((q for q in cmp.quality if q.municipality.id == municipality_id), None)
    figures: tuple[object, ...] = ()
    if q is not None:
        figures = (
            *(getattr(q, f) for f in QUALITY_FIGURES),
            tuple(_shown(u.node) for u in q.with_none),
        )
    criteria = tuple(
        (p.plan, p.source) for p in cmp.criteria if p.municipality.id == municipality_id
    )
    return Footprint(
        counts, topics, groups, (name, unthemed), (name, linked), (name, figures, criteria)
    )


def group_members(cmp: Comparison) -> dict[str, tuple[int, ...]]:
    """Each indicator page's indicators (by identity): a page whose group changed is re-rendered."""
    return {g.path: tuple(id(r.indicator) for r in g.rows) for g in cmp.indicator_groups}


def pages_to_render(
    pages: list[Page],
    before: Footprint,
    after: Footprint,
    members_before: dict[str, tuple[int, ...]],
    members_after: dict[str, tuple[int, ...]],
) -> list[Page]:
    """The comparison pages among `pages` that may show a change of one municipality."""
    counts = before.counts != after.counts
    out = []
    for page in pages:
        path = page.path
        if page.template == "compare/matrix.html" or path in (cm.SDGS, cm.SIDE_BY_SIDE):
            dirty = counts
        elif path == cm.THEMES:
            dirty = counts or before.unthemed != after.unthemed
        elif path == cm.QUALITY:
            dirty = before.quality != after.quality
        elif path == cm.INDICATORS:
            dirty = before.linked != after.linked
        elif page.template == "compare/topic.html":
            dirty = before.topics.get(path) != after.topics.get(path)
        elif page.template == "compare/indicator_group.html":
            dirty = before.groups.get(path) != after.groups.get(path)
            dirty = dirty or members_before.get(path) != members_after.get(path)
        else:
            dirty = True
        if dirty:
            out.append(page)
    return out
