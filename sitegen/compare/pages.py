"""The comparison pages under /jamfor/, rendered from the comparison computed once per build."""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.compare import model as cm
from sitegen.compare.fragments import topic_section
from sitegen.compare.model import comparison_for, percent, plan_period
from sitegen.render.pages import Page
from sitegen.site.model import SiteModel

HOME = ("Startsida", "")
COMPARE = ("Jämför", cm.ROOT)


def compare_pages(site: SiteModel) -> Iterator[Page]:
    """Every comparison page, in a stable order."""
    cmp = comparison_for(site)
    common = {
        "cmp": cmp,
        "percent": percent,
        "plan_period": plan_period,
        "topic_section": topic_section,
    }
    top = [HOME]
    crumbs = [HOME, COMPARE]

    for order in cmp.orders:
        if order is cmp.default_order:
            yield Page(
                order.path,
                "compare/matrix.html",
                "Jämför kommunerna",
                {**common, "order": order},
                top,
            )
        else:
            yield Page(
                order.path,
                "compare/matrix.html",
                f"Jämför kommunerna, sorterat efter {order.label}",
                {**common, "order": order},
                crumbs,
            )

    yield Page(cm.THEMES, "compare/themes.html", "Teman", common, crumbs)
    theme_crumbs = [*crumbs, ("Teman", cm.THEMES)]
    for topic in cmp.themes:
        yield Page(
            topic.path, "compare/topic.html", topic.name, {**common, "topic": topic}, theme_crumbs
        )

    yield Page(cm.SDGS, "compare/sdgs.html", "Agenda 2030", common, crumbs)
    sdg_crumbs = [*crumbs, ("Agenda 2030", cm.SDGS)]
    for topic in cmp.sdgs:
        yield Page(
            topic.path,
            "compare/topic.html",
            f"Globala målet {topic.key}: {topic.name}",
            {**common, "topic": topic},
            sdg_crumbs,
        )

    yield Page(
        cm.INDICATORS, "compare/indicators.html", "Indikatorer i flera kommuner", common, crumbs
    )
    ind_crumbs = [*crumbs, ("Indikatorer i flera kommuner", cm.INDICATORS)]
    for group in cmp.indicator_groups:
        yield Page(
            group.path,
            "compare/indicator_group.html",
            group.title,
            {**common, "group": group},
            ind_crumbs,
        )

    yield Page(
        cm.QUALITY, "compare/quality.html", "Målkvalitet: hur mätbara är målen?", common, crumbs
    )
    yield Page(cm.SIDE_BY_SIDE, "compare/side_by_side.html", "Sida vid sida", common, crumbs)
