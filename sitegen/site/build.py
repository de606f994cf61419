"""Links the validated content into a :class:`SiteModel`, checking every reference."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sitegen.collation import swedish_key
from sitegen.issues import IssueList
from sitegen.load.content import Content, MunicipalityFiles, locate_field
from sitegen.load.validate import suggest
from sitegen.model import Indicator, SdgGoal, Theme
from sitegen.model.common import fold_key
from sitegen.site.actions import action_day, link_actions
from sitegen.site.followup import as_of_year, link_followups
from sitegen.site.model import (
    AreaNode,
    GoalNode,
    IndicatorNode,
    MunicipalityNode,
    PlanNode,
    SiteModel,
)


class _Refs:
    """Reports references that do not resolve, at the line of the referring field."""

    def __init__(self, issues: IssueList) -> None:
        self.issues = issues

    def error(self, path: Path, loc: tuple[Any, ...], message: str, key: bool = False) -> None:
        line, col = locate_field(path, loc, key=key)
        name = ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in loc)
        self.issues.add(path, line, col, name.replace(".[", "["), message[:1].upper() + message[1:])

    def missing(
        self, path: Path, loc: tuple[Any, ...], kind: str, value: str, options: list[str]
    ) -> None:
        hint = suggest(value, options)
        listed = ", ".join(options[:12]) or "inga finns"
        self.error(path, loc, f"{kind} '{value}' finns inte.{hint} Finns: {listed}")


def _unique(refs: _Refs, items: list[tuple[str, Path, tuple[Any, ...]]], kind: str) -> None:
    seen: dict[str, Path] = {}
    for ident, path, loc in items:
        folded = fold_key(ident)
        if folded in seen:
            other = refs.issues.rel(seen[folded])
            refs.error(path, loc, f"{kind} '{ident}' finns redan (i {other}); välj ett annat id")
        else:
            seen[folded] = path


def build_site_model(content: Content, issues: IssueList) -> SiteModel | None:
    """Resolve every reference. Returns None when content failed to load or a reference fails."""
    linker = SiteLinker(issues)
    for mf in content.municipalities:
        linker.link(content, mf)
    return linker.finish(content)


class SiteLinker:
    """Links a site one municipality at a time (references never cross municipalities), in any
    order, e.g. each as soon as it is read (`each` of :func:`sitegen.load.content.load_content`);
    :meth:`finish` then checks what spans municipalities and makes the model."""

    def __init__(self, issues: IssueList) -> None:
        self.refs = _Refs(issues)
        self._nodes: dict[Path, MunicipalityNode] = {}
        self._vocabularies: tuple[dict[str, Theme], dict[int, SdgGoal]] | None = None

    def link(self, content: Content, mf: MunicipalityFiles) -> None:
        """Link one municipality of `content` (its themes and global goals must be loaded; with
        either missing, nothing is linked: :meth:`finish` gives no model)."""
        vocabularies = self._vocabularies_of(content)
        if vocabularies is not None:
            themes, sdgs = vocabularies
            node = _link_municipality(mf, themes, sdgs, self.refs, content.failed)
            self._nodes[mf.municipality.path] = node

    def _vocabularies_of(
        self, content: Content
    ) -> tuple[dict[str, Theme], dict[int, SdgGoal]] | None:
        """The themes by id and the global goals by number (None while either is missing)."""
        if content.themes is None or content.sdgs is None:
            return None
        if self._vocabularies is None:
            themes = {t.id: t for t in content.themes.themes}
            self._vocabularies = themes, {g.number: g for g in content.sdgs.goals}
        return self._vocabularies

    def finish(self, content: Content) -> SiteModel | None:
        """The site model of every municipality linked; None when content failed to load or a
        reference fails."""
        refs = self.refs
        vocabularies = self._vocabularies_of(content)
        if content.themes is None or vocabularies is None:
            return None
        themes, sdgs = vocabularies
        theme_path = content.themes_path
        assert theme_path is not None and content.sdgs_path is not None
        _unique(
            refs,
            [(t.id, theme_path, ("teman", i, "id")) for i, t in enumerate(content.themes.themes)],
            "temat",
        )
        numbers = sorted(sdgs)
        if numbers != list(range(1, 18)):
            refs.error(
                content.sdgs_path, ("mal",), "alla 17 globala mål 1–17 ska finnas, en gång var"
            )
        municipalities = content.municipalities
        _unique(
            refs,
            [(m.municipality.obj.id, m.municipality.path, ("id",)) for m in municipalities],
            "kommunen",
        )
        _unique(
            refs,
            [
                (m.municipality.obj.kommunkod, m.municipality.path, ("kommunkod",))
                for m in municipalities
            ],
            "kommunkoden",
        )
        if refs.issues.errors:
            return None
        # In folder order, then by name (ties stay in folder order).
        nodes = [self._nodes[m.municipality.path] for m in municipalities]
        nodes.sort(key=lambda n: swedish_key(n.name))
        return SiteModel(
            municipalities=nodes,
            themes=themes,
            sdgs=sdgs,
            content_root=content.root,
            files=content.files,
            accessibility=content.accessibility,
        )


def _themes(
    refs: _Refs, path: Path, loc: tuple[Any, ...], ids: list[str], themes: dict[str, Theme]
) -> list[Theme]:
    out = []
    for i, tid in enumerate(ids):
        theme = themes.get(tid)
        if theme is None:
            refs.missing(path, (*loc, i), "temat", tid, sorted(themes))
        elif theme in out:
            refs.error(path, (*loc, i), f"temat '{tid}' står två gånger")
        else:
            out.append(theme)
    return out


def _sdgs(
    refs: _Refs, path: Path, loc: tuple[Any, ...], numbers: list[int], sdgs: dict[int, SdgGoal]
) -> list[SdgGoal]:
    out: list[SdgGoal] = []
    for i, n in enumerate(numbers):
        if n in (g.number for g in out):
            refs.error(path, (*loc, i), f"globala mål {n} står två gånger")
        elif n in sdgs:
            out.append(sdgs[n])
    return sorted(out, key=lambda g: g.number)


def _link_municipality(
    mf: MunicipalityFiles,
    themes: dict[str, Theme],
    sdgs: dict[int, SdgGoal],
    refs: _Refs,
    failed: set[Path],
) -> MunicipalityNode:
    m = mf.municipality.obj
    mpath = mf.municipality.path
    node = MunicipalityNode(municipality=m, path=mpath)
    # Ids of this municipality's files that failed to load: already reported, not missing.
    broken = {(p.parent.name, p.stem) for p in failed if p.parent.parent == mpath.parent}
    _unique(refs, [(b.id, mpath, ("organ", i, "id")) for i, b in enumerate(m.bodies)], "organet")
    _unique(refs, [(s.id, mpath, ("kallor", i, "id")) for i, s in enumerate(m.sources)], "källan")
    node.bodies = {b.id: b for b in m.bodies}
    node.sources = {s.id: s for s in m.sources}
    if m.vision_source is not None and m.vision_source not in node.sources:
        refs.missing(mpath, ("vision_kalla",), "källan", m.vision_source, sorted(node.sources))

    def source(path: Path, loc: tuple[Any, ...], sid: str) -> Any:
        found = node.sources.get(sid)
        if found is None:
            refs.missing(path, loc, "källan", sid, sorted(node.sources))
            return m.sources[0]
        return found

    def body(path: Path, loc: tuple[Any, ...], bid: str | None) -> Any:
        if bid is None:
            return None
        found = node.bodies.get(bid)
        if found is None:
            refs.missing(path, loc, "organet", bid, sorted(node.bodies))
        return found

    plans: dict[str, PlanNode] = {}
    for lp in sorted(mf.plans, key=lambda lp: (lp.obj.order, lp.obj.id)):
        p = lp.obj
        plans[p.id] = PlanNode(
            plan=p,
            path=lp.path,
            municipality=node,
            decided_by=body(lp.path, ("beslutas_av",), p.decided_by),
            source=source(lp.path, ("kalla",), p.source),
        )
    node.plans = list(plans.values())

    def plan(path: Path, pid: str) -> PlanNode | None:
        found = plans.get(pid)
        if found is None and ("planer", pid) not in broken:
            refs.missing(path, ("plan",), "planen", pid, sorted(plans))
        return found

    indicator_ids: list[tuple[str, Path, tuple[Any, ...]]] = []

    def indicators(
        path: Path,
        items: list[Indicator],
        parent_source: Any,
        goal: GoalNode | None,
        area: AreaNode | None,
    ) -> list[IndicatorNode]:
        out = []
        for i, ind in enumerate(items):
            loc = ("indikatorer", i)
            indicator_ids.append((ind.id, path, (*loc, "id")))
            out.append(
                IndicatorNode(
                    indicator=ind,
                    path=path,
                    municipality=node,
                    goal=goal,
                    area=area,
                    themes=_themes(refs, path, (*loc, "teman"), ind.themes, themes),
                    sdgs=_sdgs(refs, path, (*loc, "agenda2030"), ind.sdgs, sdgs),
                    source=parent_source
                    if ind.source is None
                    else source(path, (*loc, "kalla"), ind.source),
                    index=i,
                )
            )
        return out

    areas: dict[str, AreaNode] = {}
    for la in sorted(mf.areas, key=lambda la: (la.obj.order, swedish_key(la.obj.title))):
        a = la.obj
        pnode = plan(la.path, a.plan)
        if pnode is None:
            continue
        anode = AreaNode(
            area=a,
            path=la.path,
            municipality=node,
            plan=pnode,
            themes=_themes(refs, la.path, ("teman",), a.themes, themes),
            sdgs=_sdgs(refs, la.path, ("agenda2030",), a.sdgs, sdgs),
            source=source(la.path, ("kalla",), a.source),
        )
        anode.indicators = indicators(la.path, a.indicators, anode.source, None, anode)
        areas[a.id] = anode
        pnode.areas.append(anode)
    node.areas = list(areas.values())

    goals: dict[str, GoalNode] = {}
    for lg in sorted(mf.goals, key=lambda lg: (lg.obj.order, swedish_key(lg.obj.title))):
        g = lg.obj
        pnode = plan(lg.path, g.plan)
        anode = None
        if g.area is not None:
            anode = areas.get(g.area)
            if anode is None and ("omraden", g.area) not in broken:
                refs.missing(lg.path, ("omrade",), "målområdet", g.area, sorted(areas))
        if pnode is None:
            continue
        gnode = GoalNode(
            goal=g,
            path=lg.path,
            municipality=node,
            plan=pnode,
            area=anode,
            owner=body(lg.path, ("ansvarig",), g.owner),
            themes=_themes(refs, lg.path, ("teman",), g.themes, themes),
            sdgs=_sdgs(refs, lg.path, ("agenda2030",), g.sdgs, sdgs),
            source=source(lg.path, ("kalla",), g.source),
        )
        gnode.indicators = indicators(lg.path, g.indicators, gnode.source, gnode, None)
        goals[g.id] = gnode
        pnode.goals.append(gnode)
        if anode is not None:
            anode.goals.append(gnode)
    node.goals = list(goals.values())

    for gnode in node.goals:
        for i, target in enumerate(gnode.goal.serves):
            other = goals.get(target)
            if other is None and ("mal", target) in broken:
                continue
            if other is None:
                refs.missing(gnode.path, ("bidrar_till", i), "målet", target, sorted(goals))
            elif other is gnode:
                refs.error(gnode.path, ("bidrar_till", i), "ett mål kan inte bidra till sig självt")
            else:
                gnode.serves.append(other)
                other.served_by.append(gnode)

    _unique(refs, indicator_ids, "indikatorn")
    node.indicators = [i for a in node.areas for i in a.indicators] + [
        i for g in node.goals for i in g.indicators
    ]
    node.actions = link_actions(mf.actions, node, goals, refs, action_day(mf.actions, refs), broken)
    link_followups(node, mf.followups, refs, as_of_year())
    return node
