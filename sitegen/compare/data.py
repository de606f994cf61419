"""The side-by-side data: one small JSON file per municipality (`jamfor/data/<kommun>.json`), so
that the picker loads only the two to four municipalities a reader chooses, however many exist."""

from __future__ import annotations

import json
from typing import Any

from sitegen.compare import model as cm
from sitegen.compare.model import comparison_for, indicator_plan, plan_period
from sitegen.render.urls import path_of
from sitegen.site.model import AreaNode, GoalNode, IndicatorNode, PlanNode, SiteModel

#: Bumped when the shape of the files changes.
VERSION = 1


def data_path(municipality_id: str) -> str:
    return f"{cm.DATA}{municipality_id}.json"


def write_side_by_side(site: SiteModel, settings: Any, output: Any) -> None:
    """OUTPUT_STEPS hook: write each municipality's goals, indicators and areas by theme.

    Addresses (`path`) are relative to the site root and without a language prefix: the picker
    prefixes them with the address of the page it runs on, so links stay in the reader's language.
    """
    cmp = comparison_for(site)

    def plan(p: PlanNode) -> dict[str, Any]:
        return {"titel": p.plan.title, "period": plan_period(p.plan) or None}

    def goal(g: GoalNode) -> dict[str, Any]:
        return {
            "titel": g.goal.short_title or g.goal.title,
            "path": path_of(g),
            "plan": plan(g.plan),
            "grund": g.goal.themes_basis.value,
        }

    def indicator(i: IndicatorNode) -> dict[str, Any]:
        return {
            "titel": i.indicator.title,
            "path": path_of(i),
            "plan": plan(indicator_plan(i)),
            "grund": i.indicator.themes_basis.value,
        }

    def area(a: AreaNode) -> dict[str, Any]:
        return {
            "titel": a.area.title,
            "path": path_of(a),
            "plan": plan(a.plan),
            "grund": a.area.themes_basis.value,
        }

    loose_goals: dict[str, list[GoalNode]] = {}
    for g in cmp.unthemed_goals:
        loose_goals.setdefault(g.municipality.id, []).append(g)
    loose_indicators: dict[str, list[IndicatorNode]] = {}
    for i in cmp.unthemed_indicators:
        loose_indicators.setdefault(i.municipality.id, []).append(i)

    for row in cmp.rows:
        m = row.municipality
        themes = []
        for topic, entries in zip(cmp.themes, row.themes, strict=True):
            themes.append(
                {
                    "id": topic.key,
                    "namn": topic.name,
                    "path": topic.path,
                    "mal": [goal(g) for g in entries.goals] if entries else [],
                    "indikatorer": [indicator(i) for i in entries.indicators] if entries else [],
                    "omraden": [area(a) for a in entries.areas] if entries else [],
                }
            )
        doc = {
            "version": VERSION,
            "id": m.id,
            "namn": m.name,
            "path": path_of(m),
            "teman": themes,
            "utan_tema": {
                "mal": [goal(g) for g in loose_goals.get(m.id, [])],
                "indikatorer": [indicator(i) for i in loose_indicators.get(m.id, [])],
            },
        }
        output.write_text(
            data_path(m.id), json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
        )
