"""Links actions (åtgärder) to their goals, responsible body and source; flags overdue ones."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Protocol

from sitegen.builddate import BuildDateError, build_date
from sitegen.collation import swedish_key
from sitegen.load.content import Loaded
from sitegen.model.action import Action, is_overdue
from sitegen.site.model import ActionNode, GoalNode, MunicipalityNode


class RefReporter(Protocol):
    """The part of the site builder's reference checker that actions use."""

    def error(self, path: Path, loc: tuple[Any, ...], message: str, key: bool = False) -> None: ...

    def missing(
        self, path: Path, loc: tuple[Any, ...], kind: str, value: str, options: list[str]
    ) -> None: ...


def link_actions(
    loaded: list[Loaded[Action]],
    node: MunicipalityNode,
    goals: dict[str, GoalNode],
    refs: RefReporter,
    today: date | None,
    broken: set[tuple[str, str]] | None = None,
) -> list[ActionNode]:
    """Resolve every action's goals, body and source. `today` None: nothing is overdue."""
    out: list[ActionNode] = []
    for la in sorted(loaded, key=lambda la: (la.obj.order, swedish_key(la.obj.title))):
        a = la.obj
        linked: list[GoalNode] = []
        for i, gid in enumerate(a.goals):
            goal = goals.get(gid)
            if goal is None and ("mal", gid) in (broken or set()):
                continue  # the goal's own file failed and is reported already
            if goal is None:
                refs.missing(la.path, ("mal", i), "målet", gid, sorted(goals))
            else:
                linked.append(goal)
        responsible = None
        if a.responsible is not None:
            responsible = node.bodies.get(a.responsible)
            if responsible is None:
                refs.missing(la.path, ("ansvarig",), "organet", a.responsible, sorted(node.bodies))
        source = None
        if a.source is not None:
            source = node.sources.get(a.source)
            if source is None:
                refs.missing(la.path, ("kalla",), "källan", a.source, sorted(node.sources))
        anode = ActionNode(
            action=a,
            path=la.path,
            municipality=node,
            goals=linked,
            responsible=responsible,
            source=source,
            overdue=today is not None and is_overdue(a, today),
        )
        for goal in linked:
            goal.actions.append(anode)
        out.append(anode)
    return out


def action_day(loaded: list[Loaded[Action]], refs: RefReporter) -> date | None:
    """The build date for the overdue rule; a bad `SOURCE_DATE_EPOCH` is reported once."""
    if not loaded:
        return None
    try:
        return build_date()
    except BuildDateError as err:
        issues = getattr(refs, "issues", None)
        if issues is None or all(i.message != str(err) for i in issues.items):
            refs.error(loaded[0].path, ("klar_senast",), str(err))
        return None
