"""Everything the comparison pages show, computed ONCE per build from the linked site model.

One pass over the municipalities files every goal, indicator and goal area under the themes and
global goals it is linked to; the matrix orders, the indicator groups and the measurability
figures are derived from that. The cost is linear in the number of goals and indicators (the
number of themes and global goals is fixed), and the pages only read the result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from sitegen.collation import swedish_key
from sitegen.i18n import N_
from sitegen.model import Measurement, Plan, SdgGoal, Theme
from sitegen.model.indicator import Gender
from sitegen.render import formats
from sitegen.render.phrases import Phrase, Piece, phrase, term
from sitegen.site.model import (
    AreaNode,
    GoalNode,
    IndicatorNode,
    MunicipalityNode,
    PlanNode,
    SiteModel,
)

ROOT = "jamfor/"
THEMES = f"{ROOT}teman/"
SDGS = f"{ROOT}agenda-2030/"
INDICATORS = f"{ROOT}indikatorer/"
QUALITY = f"{ROOT}malkvalitet/"
SIDE_BY_SIDE = f"{ROOT}sida-vid-sida/"
DATA = f"{ROOT}data/"

#: Target kinds that name a number to reach (a direction or a promise to report does not).
VALUE_KINDS = frozenset({"niva", "forandring", "rang", "antal"})


def theme_path(theme: Theme) -> str:
    return f"{THEMES}{theme.id}/"


def sdg_path(sdg: SdgGoal) -> str:
    return f"{SDGS}{sdg.number}/"


def plan_period(plan: Plan) -> str:
    """'2019–2022', '2022' or '' when the source gives no period."""
    p = plan.period
    if p is None:
        return ""
    return str(p.start) if p.start == p.end else f"{p.start}–{p.end}"


def indicator_plan(ind: IndicatorNode) -> PlanNode:
    if ind.goal is not None:
        return ind.goal.plan
    assert ind.area is not None
    return ind.area.plan


# --- themes and global goals ------------------------------------------------------------------


@dataclass(eq=False)
class PlanBlock:
    """One plan's part of a municipality's entries under a topic."""

    plan: PlanNode
    goals: list[GoalNode] = field(default_factory=list)
    indicators: list[IndicatorNode] = field(default_factory=list)
    areas: list[AreaNode] = field(default_factory=list)

    @property
    def period(self) -> str:
        return plan_period(self.plan.plan)


@dataclass(eq=False)
class Entries:
    """What one municipality has under one theme or global goal."""

    municipality: MunicipalityNode
    goals: list[GoalNode] = field(default_factory=list)
    indicators: list[IndicatorNode] = field(default_factory=list)
    areas: list[AreaNode] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Goals and indicators (goal areas are context, not counted)."""
        return len(self.goals) + len(self.indicators)

    @property
    def sort_key(self) -> tuple[int, int]:
        return (self.total, len(self.areas))

    @property
    def by_plan(self) -> list[PlanBlock]:
        """The entries grouped by the plan that decides them, in the municipality's plan order."""
        blocks: dict[int, PlanBlock] = {}

        def block(plan: PlanNode) -> PlanBlock:
            found = blocks.get(id(plan))
            if found is None:
                found = blocks[id(plan)] = PlanBlock(plan)
            return found

        for g in self.goals:
            block(g.plan).goals.append(g)
        for i in self.indicators:
            block(indicator_plan(i)).indicators.append(i)
        for a in self.areas:
            block(a.plan).areas.append(a)
        rank = {id(p): n for n, p in enumerate(self.municipality.plans)}
        return sorted(blocks.values(), key=lambda b: rank.get(id(b.plan), len(rank)))


@dataclass(eq=False)
class Topic:
    """A theme or a global goal, with every municipality's goals, indicators and areas in it."""

    kind: Literal["tema", "agenda2030"]
    key: str
    name: str
    path: str
    theme: Theme | None = None
    sdg: SdgGoal | None = None
    by_municipality: dict[str, Entries] = field(default_factory=dict)

    def entries(self, m: MunicipalityNode) -> Entries:
        found = self.by_municipality.get(m.id)
        if found is None:
            found = self.by_municipality[m.id] = Entries(m)
        return found

    def get(self, m: MunicipalityNode) -> Entries | None:
        return self.by_municipality.get(m.id)

    @property
    def groups(self) -> list[Entries]:
        """One group per municipality that has something here, in the site's municipality order."""
        return list(self.by_municipality.values())

    @property
    def goals(self) -> int:
        return sum(len(e.goals) for e in self.by_municipality.values())

    @property
    def indicators(self) -> int:
        return sum(len(e.indicators) for e in self.by_municipality.values())

    @property
    def areas(self) -> int:
        return sum(len(e.areas) for e in self.by_municipality.values())

    @property
    def municipalities(self) -> int:
        return len(self.by_municipality)


def sdg_label(topic: Topic) -> Phrase:
    """'Globala målet 3: God hälsa och välbefinnande', with the goal's name in the language of
    the page it is shown on."""
    return phrase(N_("Globala målet %(num)s: %(name)s"), num=topic.key, name=term(topic.sdg))


@dataclass(eq=False)
class MatrixRow:
    municipality: MunicipalityNode
    themes: list[Entries | None]
    sdgs: list[Entries | None]


@dataclass(eq=False)
class Order:
    """One way to sort the matrix: its own page, so that sorting needs no JavaScript."""

    key: str
    #: What the rows are sorted by, in the page's language (`say` in the templates).
    label: Piece
    path: str
    rows: list[MatrixRow]
    #: The sorted column ('tema:<id>' or 'agenda2030:<n>'), or None for name and total.
    column: str | None = None


# --- indicators across municipalities ---------------------------------------------------------


@dataclass(eq=False)
class IndicatorRow:
    indicator: IndicatorNode
    latest: Measurement | None

    @property
    def plan(self) -> PlanNode:
        return indicator_plan(self.indicator)

    @property
    def targets_with_value(self) -> list[object]:
        return [t for t in self.indicator.indicator.targets if t.kind in VALUE_KINDS]

    @property
    def target_years(self) -> list[int]:
        years = {formats.target_year(t) for t in self.indicator.indicator.targets}
        return sorted(y for y in years if y is not None)


@dataclass(eq=False)
class IndicatorGroup:
    """Indicators that measure the same thing: same Kolada KPI or same shared key (`nyckel`)."""

    key: str
    kpis: list[str]
    keys: list[str]
    rows: list[IndicatorRow]

    @property
    def path(self) -> str:
        return f"{INDICATORS}{self.key}/"

    @property
    def title(self) -> str:
        return self.rows[0].indicator.indicator.title

    @property
    def municipalities(self) -> list[MunicipalityNode]:
        seen: dict[str, MunicipalityNode] = {}
        for row in self.rows:
            seen.setdefault(row.indicator.municipality.id, row.indicator.municipality)
        return list(seen.values())


def measured_values(ind: IndicatorNode) -> list[Measurement]:
    """Every measured value of `ind`: the goal file's `matningar` merged with the follow-up files
    (`IndicatorNode.values`, filled when the model is linked), or the goal file's alone."""
    merged: list[Measurement] | None = getattr(ind, "values", None)
    return list(merged) if merged else list(ind.indicator.measurements)


def latest_measurement(ind: IndicatorNode) -> Measurement | None:
    """The most recent value, for everyone (kön T) when there is one, else for any group."""
    values = measured_values(ind)
    total = [m for m in values if m.gender == Gender.TOTAL] or list(values)
    if not total:
        return None
    return max(total, key=lambda m: (m.year, m.tertial or 4))


# --- how measurable the goals are -------------------------------------------------------------


@dataclass(eq=False)
class QualityUnit:
    """A goal, or a goal area that carries indicators itself (no goals between)."""

    node: GoalNode | AreaNode
    indicators: list[IndicatorNode]
    has_indicator: bool
    has_target_value: bool
    has_target_year: bool
    has_baseline: bool

    @property
    def is_area(self) -> bool:
        return isinstance(self.node, AreaNode)

    @property
    def title(self) -> str:
        if isinstance(self.node, GoalNode):
            return self.node.goal.short_title or self.node.goal.title
        return self.node.area.title

    @property
    def has_none(self) -> bool:
        return not (
            self.has_indicator or self.has_target_value or self.has_target_year or self.has_baseline
        )


@dataclass(eq=False)
class Quality:
    municipality: MunicipalityNode
    units: list[QualityUnit]
    indicators: int
    indicators_with_value: int
    indicators_with_year: int
    indicators_with_baseline: int
    indicators_with_measurement: int

    @property
    def count(self) -> int:
        return len(self.units)

    @property
    def area_units(self) -> int:
        return sum(1 for u in self.units if u.is_area)

    @property
    def with_indicator(self) -> int:
        return sum(1 for u in self.units if u.has_indicator)

    @property
    def with_value(self) -> int:
        return sum(1 for u in self.units if u.has_target_value)

    @property
    def with_year(self) -> int:
        return sum(1 for u in self.units if u.has_target_year)

    @property
    def with_baseline(self) -> int:
        return sum(1 for u in self.units if u.has_baseline)

    @property
    def with_none(self) -> list[QualityUnit]:
        return [u for u in self.units if u.has_none]


def percent(part: int, whole: int) -> str:
    """'67 %' (rounded to a whole percent), or '–' when there is nothing to divide."""
    if whole == 0:
        return "–"
    return f"{formats.number(round(100 * part / whole))}\u00a0%"


def _flags(ind: IndicatorNode) -> tuple[bool, bool, bool]:
    """(has a target value, has a target year, has a baseline) for one indicator."""
    targets = ind.indicator.targets
    return (
        any(t.kind in VALUE_KINDS for t in targets),
        any(formats.target_year(t) is not None for t in targets),
        bool(ind.indicator.baselines),
    )


def _quality(m: MunicipalityNode) -> Quality:
    flags = {id(i): _flags(i) for i in m.indicators}

    def unit(node: GoalNode | AreaNode, indicators: list[IndicatorNode]) -> QualityUnit:
        own = [flags[id(i)] for i in indicators]
        return QualityUnit(
            node=node,
            indicators=indicators,
            has_indicator=bool(own),
            has_target_value=any(f[0] for f in own),
            has_target_year=any(f[1] for f in own),
            has_baseline=any(f[2] for f in own),
        )

    units = [unit(a, a.indicators) for a in m.areas if a.indicators]
    units += [unit(g, g.indicators) for g in m.goals]
    every = list(flags.values())
    return Quality(
        municipality=m,
        units=units,
        indicators=len(every),
        indicators_with_value=sum(1 for f in every if f[0]),
        indicators_with_year=sum(1 for f in every if f[1]),
        indicators_with_baseline=sum(1 for f in every if f[2]),
        indicators_with_measurement=sum(1 for i in m.indicators if measured_values(i)),
    )


# --- the whole comparison ---------------------------------------------------------------------


@dataclass(eq=False)
class Comparison:
    site: SiteModel
    themes: list[Topic]
    sdgs: list[Topic]
    rows: list[MatrixRow]
    orders: list[Order]
    indicator_groups: list[IndicatorGroup]
    #: Indicators with a Kolada id or shared key that no other municipality shares yet.
    unshared: list[IndicatorNode]
    quality: list[Quality]
    #: Plans whose source lists criteria for good goals (Vaggeryd's), as yardsticks.
    criteria: list[PlanNode]
    unthemed_goals: list[GoalNode]
    unthemed_indicators: list[IndicatorNode]
    #: Per municipality id: its indicators with a Kolada KPI or a shared key.
    linked: dict[str, list[IndicatorNode]] = field(default_factory=dict)

    @property
    def default_order(self) -> Order:
        return self.orders[0]

    def order(self, key: str) -> Order:
        """The order with `key`: 'namn', 'flest', 'tema-<id>' or 'agenda-2030-<n>'."""
        return self._orders[key]

    def __post_init__(self) -> None:
        self._orders = {o.key: o for o in self.orders}

    def theme(self, theme_id: str) -> Topic:
        return next(t for t in self.themes if t.key == theme_id)

    def sdg(self, number: int) -> Topic:
        return self.sdgs[number - 1]


_last: tuple[SiteModel, Comparison] | None = None


def comparison_for(site: SiteModel) -> Comparison:
    """The comparison of `site`, computed on first use and shared by every page and output step
    of the same build (a one-slot cache keyed by the model's identity)."""
    global _last
    if _last is None or _last[0] is not site:
        _last = (site, build_comparison(site))
    return _last[1]


def update_comparison(site: SiteModel, changed: set[str]) -> Comparison:
    """The comparison of `site` after the municipalities with ids in `changed` were replaced in
    place (`serve`). The other municipalities' parts (their :class:`Entries`, measurability and
    latest values) are taken over from the last comparison, not computed again; the result
    equals :func:`build_comparison`'s."""
    global _last
    old = _last[1] if _last is not None and _last[0] is site else None
    if old is None:
        _last = (site, build_comparison(site))
        return _last[1]
    kept = {m.id for m in site.municipalities} - changed
    latest = {
        id(row.indicator): row.latest
        for group in old.indicator_groups
        for row in group.rows
        if row.indicator.municipality.id in kept
    }
    quality = {q.municipality.id: q for q in old.quality if q.municipality.id in kept}
    linked = {mid: old.linked[mid] for mid in kept if mid in old.linked}
    themes, sdgs = _topics(site)
    old_topics = [*old.themes, *old.sdgs]
    new_topics = [*themes.values(), *sdgs.values()]
    for m in site.municipalities:
        if m.id in kept:
            for before, after in zip(old_topics, new_topics, strict=True):
                entries = before.by_municipality.get(m.id)
                if entries is not None:
                    after.by_municipality[m.id] = entries
        else:
            _file(m, themes, sdgs)
    _last = (
        site,
        _assemble(
            site,
            themes,
            sdgs,
            [quality.get(m.id) or _quality(m) for m in site.municipalities],
            {m.id: linked[m.id] if m.id in linked else _linked(m) for m in site.municipalities},
            lambda ind: latest[id(ind)] if id(ind) in latest else latest_measurement(ind),
            (old, changed),
        ),
    )
    return _last[1]


def build_comparison(site: SiteModel) -> Comparison:
    """Compute every comparison from `site` in one pass over its goals, indicators and areas."""
    themes, sdgs = _topics(site)
    for m in site.municipalities:
        _file(m, themes, sdgs)
    quality = [_quality(m) for m in site.municipalities]
    linked = {m.id: _linked(m) for m in site.municipalities}
    return _assemble(site, themes, sdgs, quality, linked, latest_measurement)


def _topics(site: SiteModel) -> tuple[dict[str, Topic], dict[int, Topic]]:
    """Every theme and global goal, without entries yet."""
    themes = {
        tid: Topic("tema", tid, t.name, theme_path(t), theme=t) for tid, t in site.themes.items()
    }
    sdgs = {
        n: Topic("agenda2030", str(n), g.name, sdg_path(g), sdg=g)
        for n, g in sorted(site.sdgs.items())
    }
    return themes, sdgs


def _file(m: MunicipalityNode, themes: dict[str, Topic], sdgs: dict[int, Topic]) -> None:
    """File one municipality's goal areas, goals and indicators under their themes and goals."""
    for area in m.areas:
        for t in area.themes:
            themes[t.id].entries(m).areas.append(area)
        for s in area.sdgs:
            sdgs[s.number].entries(m).areas.append(area)
    for goal in m.goals:
        for t in goal.themes:
            themes[t.id].entries(m).goals.append(goal)
        for s in goal.sdgs:
            sdgs[s.number].entries(m).goals.append(goal)
    for ind in m.indicators:
        for t in ind.themes:
            themes[t.id].entries(m).indicators.append(ind)
        for s in ind.sdgs:
            sdgs[s.number].entries(m).indicators.append(ind)


def _assemble(
    site: SiteModel,
    themes: dict[str, Topic],
    sdgs: dict[int, Topic],
    quality: list[Quality],
    linked: dict[str, list[IndicatorNode]],
    latest: Callable[[IndicatorNode], Measurement | None],
    previous: tuple[Comparison, set[str]] | None = None,
) -> Comparison:
    """The comparison from the filed topics (rows, orders and indicator groups are cheap).
    `previous`: the last comparison and the municipalities changed since, whose indicator groups
    are reused when the changed municipalities' links are as they were."""
    theme_list = list(themes.values())
    sdg_list = list(sdgs.values())
    rows = [
        MatrixRow(
            municipality=m,
            themes=[t.get(m) for t in theme_list],
            sdgs=[s.get(m) for s in sdg_list],
        )
        for m in site.municipalities
    ]
    regrouped = _regroup(*previous, linked, latest) if previous is not None else None
    groups, unshared = regrouped or _indicator_groups(
        [i for m in linked for i in linked[m]], latest
    )
    return Comparison(
        site=site,
        themes=theme_list,
        sdgs=sdg_list,
        rows=rows,
        orders=_orders(rows, theme_list, sdg_list),
        indicator_groups=groups,
        unshared=unshared,
        quality=quality,
        criteria=[p for m in site.municipalities for p in m.plans if p.plan.criteria],
        unthemed_goals=[g for m in site.municipalities for g in m.goals if not g.themes],
        unthemed_indicators=[i for m in site.municipalities for i in m.indicators if not i.themes],
        linked=linked,
    )


def _count(entries: Entries | None) -> tuple[int, int]:
    return (0, 0) if entries is None else entries.sort_key


def _orders(rows: list[MatrixRow], themes: list[Topic], sdgs: list[Topic]) -> list[Order]:
    """The matrix by name (the main page), by total, and by each theme and global goal."""

    def name(row: MatrixRow) -> tuple[tuple[int, ...], str]:
        return swedish_key(row.municipality.name)

    by_name = sorted(rows, key=name)
    orders = [Order("namn", phrase(N_("Kommunens namn (A–Ö)")), ROOT, by_name)]

    def most(key: object) -> list[MatrixRow]:
        # Stable sort of the name order: ties stay alphabetical.
        return sorted(by_name, key=key, reverse=True)  # type: ignore[arg-type]

    orders.append(
        Order(
            "flest",
            phrase(N_("Flest mål och indikatorer")),
            f"{ROOT}ordning/flest/",
            most(lambda r: (len(r.municipality.goals) + len(r.municipality.indicators),)),
        )
    )
    for i, t in enumerate(themes):
        orders.append(
            Order(
                f"tema-{t.key}",
                term(t.theme),
                f"{ROOT}ordning/tema-{t.key}/",
                most(lambda r, i=i: _count(r.themes[i])),
                column=f"tema:{t.key}",
            )
        )
    for i, s in enumerate(sdgs):
        orders.append(
            Order(
                f"agenda-2030-{s.key}",
                sdg_label(s),
                f"{ROOT}ordning/agenda-2030-{s.key}/",
                most(lambda r, i=i: _count(r.sdgs[i])),
                column=f"agenda2030:{s.key}",
            )
        )
    return orders


@lru_cache(maxsize=1 << 16)
def _title_key(title: str) -> tuple[tuple[int, ...], str]:
    """:func:`swedish_key`, remembered: the groups are sorted again on every rebuild in `serve`."""
    return swedish_key(title)


def _linked(m: MunicipalityNode) -> list[IndicatorNode]:
    """A municipality's indicators with a Kolada KPI or a shared key, in order."""
    return [i for i in m.indicators if i.indicator.kolada or i.indicator.key]


def _indicator_groups(
    linked: list[IndicatorNode], latest: Callable[[IndicatorNode], Measurement | None]
) -> tuple[list[IndicatorGroup], list[IndicatorNode]]:
    """Join indicators that share a Kolada KPI or a `nyckel`; keep groups across municipalities.
    `linked` are the site's indicators with either, in site order."""
    parent = list(range(len(linked)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first: dict[str, int] = {}
    for n, ind in enumerate(linked):
        labels = []
        if ind.indicator.kolada:
            labels.append("kpi:" + ind.indicator.kolada.kpi)
        if ind.indicator.key:
            labels.append("nyckel:" + ind.indicator.key)
        for label in labels:
            if label in first:
                parent[find(n)] = find(first[label])
            else:
                first[label] = n
    members: dict[int, list[IndicatorNode]] = {}
    for n, ind in enumerate(linked):
        members.setdefault(find(n), []).append(ind)

    groups: list[IndicatorGroup] = []
    unshared: list[IndicatorNode] = []
    used: set[str] = set()
    for inds in members.values():
        if len({i.municipality.id for i in inds}) < 2:
            unshared.extend(inds)
            continue
        kpis = sorted({i.indicator.kolada.kpi for i in inds if i.indicator.kolada})
        keys = sorted({i.indicator.key for i in inds if i.indicator.key})
        key = keys[0] if keys else f"kolada-{kpis[0].lower()}"
        base, n = key, 2
        while key in used:
            key, n = f"{base}-{n}", n + 1
        used.add(key)
        groups.append(IndicatorGroup(key, kpis, keys, [IndicatorRow(i, latest(i)) for i in inds]))
    # Site order: municipalities alphabetically, then as in their content.
    position = {id(ind): n for n, ind in enumerate(linked)}
    _sort_groups(groups, position)
    unshared.sort(key=lambda ind: position[id(ind)])
    return groups, unshared


def _sort_groups(groups: list[IndicatorGroup], position: dict[int, int]) -> None:
    """By title; groups with the same title in the order they were made (by their first
    member's place in the site), as a stable sort of the groups in that order gives."""
    groups.sort(key=lambda g: (_title_key(g.title), position[id(g.rows[0].indicator)]))


def _labels(ind: IndicatorNode) -> tuple[str | None, str | None]:
    """What joins an indicator to others: its Kolada KPI and its shared key."""
    i = ind.indicator
    return (i.kolada.kpi if i.kolada else None, i.key)


def _regroup(
    old: Comparison,
    changed: set[str],
    linked: dict[str, list[IndicatorNode]],
    latest: Callable[[IndicatorNode], Measurement | None],
) -> tuple[list[IndicatorGroup], list[IndicatorNode]] | None:
    """The indicator groups after an edit, from the last ones, when the edit left every link as
    it was (the same municipalities in the same order, and the changed ones' linked indicators
    with the same KPIs and keys in the same order): then the groups have the same members in the
    same places, and only the changed municipalities' nodes and latest values are new. None
    otherwise (group again from scratch). The result equals :func:`_indicator_groups`'s."""
    if list(old.linked) != list(linked):
        return None
    new_node: dict[int, IndicatorNode] = {}
    for mid in changed:
        before, after = old.linked.get(mid, []), linked[mid]
        if [_labels(i) for i in before] != [_labels(i) for i in after]:
            return None
        new_node.update((id(b), a) for b, a in zip(before, after, strict=True))
    groups = [
        IndicatorGroup(
            g.key,
            g.kpis,
            g.keys,
            [
                IndicatorRow(new_node[id(r.indicator)], latest(new_node[id(r.indicator)]))
                if id(r.indicator) in new_node
                else r
                for r in g.rows
            ],
        )
        for g in old.indicator_groups
    ]
    position = {id(ind): n for n, ind in enumerate(i for m in linked for i in linked[m])}
    _sort_groups(groups, position)
    unshared = [new_node.get(id(ind), ind) for ind in old.unshared]
    return groups, unshared
