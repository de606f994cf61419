"""Which content files a municipality's page shows, so that a rebuild renders only the pages an
edit can change (sitegen/incremental.py).

A page under `kommuner/<id>/` shows that municipality's files only. Its *item files* are the goal,
goal-area and action files (`mal/`, `omraden/`, `atgarder/`) whose text can appear on it:
:func:`page_inputs` lists them, from the linked nodes in the page's context. Every other file of
the municipality (`kommun.yaml`, `planer/`, `uppfoljning/`) is shown on nearly every page, so a
change to one renders all of the municipality's pages; so does a page type not listed here.

Keep the rules in step with the templates: a template that starts to show another node must name
its file here (tests/test_incremental.py compares each kind of edit with a cold build).
"""

from __future__ import annotations

from pathlib import Path

from sitegen.render.pages import Page
from sitegen.site.model import ActionNode, AreaNode, GoalNode, IndicatorNode

#: The folders of a municipality whose files :func:`page_inputs` tracks one by one.
ITEM_FOLDERS = frozenset({"mal", "omraden", "atgarder"})


def is_item_file(parts: tuple[str, ...]) -> bool:
    """`parts` of a path below `kommuner/`: ('<id>', 'mal', '<fil>.yaml') is an item file."""
    return len(parts) == 3 and parts[1] in ITEM_FOLDERS


def page_inputs(page: Page) -> frozenset[Path] | None:
    """The item files `page` shows, or None when it may show any file of its municipality."""
    ctx = page.context
    if page.template == "goal.html":
        return _goal(ctx["goal"])
    if page.template == "indicator.html":
        return _indicator(ctx["ind"])
    if page.template == "area.html":
        return _area(ctx["area"])
    if page.template == "action.html":
        return _action(ctx["action"])
    return None


def _goal(goal: GoalNode) -> frozenset[Path]:
    files = {goal.path, *(g.path for g in goal.serves), *(g.path for g in goal.served_by)}
    if goal.area is not None:
        files.add(goal.area.path)
    # The actions section appears when the municipality has any action at all.
    files.update(a.path for a in goal.municipality.actions)
    return frozenset(files)


def _indicator(ind: IndicatorNode) -> frozenset[Path]:
    files = {ind.path}
    if ind.area is not None:
        files.add(ind.area.path)
    if ind.goal is not None:
        files.add(ind.goal.path)
        if ind.goal.area is not None:
            files.add(ind.goal.area.path)
    return frozenset(files)


def _area(area: AreaNode) -> frozenset[Path]:
    return frozenset({area.path, *(g.path for g in area.goals)})


def _action(action: ActionNode) -> frozenset[Path]:
    files = {action.path}
    for goal in action.goals:
        files.add(goal.path)
        if goal.area is not None:
            files.add(goal.area.path)
    return frozenset(files)
