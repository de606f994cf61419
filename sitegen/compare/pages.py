"""The comparison pages under /jamfor/, rendered from the comparison computed once per build.

Titles and breadcrumbs that are interface text are phrases (sitegen/render/phrases.py), shown in
the page's language; a theme's or global goal's name in them is in the page's language too.
"""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.compare import model as cm
from sitegen.compare.fragments import topic_section
from sitegen.compare.model import comparison_for, percent, plan_period, sdg_label
from sitegen.i18n import N_
from sitegen.render.pages import Page
from sitegen.render.phrases import phrase, term
from sitegen.site.model import SiteModel

HOME = (N_("Startsida"), "")  # translated in base.html
COMPARE = (phrase(N_("Jämför")), cm.ROOT)
THEMES = phrase(N_("Teman"))
SDGS = phrase(N_("Agenda 2030"))
INDICATORS = phrase(N_("Indikatorer i flera kommuner"))


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
                phrase(N_("Jämför kommunerna")),
                {**common, "order": order},
                top,
            )
        else:
            yield Page(
                order.path,
                "compare/matrix.html",
                phrase(N_("Jämför kommunerna, sorterat efter %(order)s"), order=order.label),
                {**common, "order": order},
                crumbs,
            )

    yield Page(cm.THEMES, "compare/themes.html", THEMES, common, crumbs)
    theme_crumbs = [*crumbs, (THEMES, cm.THEMES)]
    for topic in cmp.themes:
        yield Page(
            topic.path,
            "compare/topic.html",
            term(topic.theme),
            {**common, "topic": topic},
            theme_crumbs,
        )

    yield Page(cm.SDGS, "compare/sdgs.html", SDGS, common, crumbs)
    sdg_crumbs = [*crumbs, (SDGS, cm.SDGS)]
    for topic in cmp.sdgs:
        yield Page(
            topic.path,
            "compare/topic.html",
            sdg_label(topic),
            {**common, "topic": topic},
            sdg_crumbs,
        )

    yield Page(cm.INDICATORS, "compare/indicators.html", INDICATORS, common, crumbs)
    ind_crumbs = [*crumbs, (INDICATORS, cm.INDICATORS)]
    for group in cmp.indicator_groups:
        yield Page(
            group.path,
            "compare/indicator_group.html",
            group.title,
            {**common, "group": group},
            ind_crumbs,
        )

    yield Page(
        cm.QUALITY,
        "compare/quality.html",
        phrase(N_("Målkvalitet: hur mätbara är målen?")),
        common,
        crumbs,
    )
    yield Page(
        cm.SIDE_BY_SIDE, "compare/side_by_side.html", phrase(N_("Sida vid sida")), common, crumbs
    )
