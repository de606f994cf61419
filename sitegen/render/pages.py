"""The list of pages of a site: each a URL path, a template and its context."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sitegen.i18n import N_
from sitegen.render.phrases import Piece, phrase
from sitegen.render.urls import path_of
from sitegen.site.model import SiteModel


@dataclass
class Page:
    path: str  # URL path relative to the site root, '' for the start page
    template: str
    #: A plain string is content (a municipality's name, a goal's title: marked lang="sv" on
    #: other languages' pages); interface text is a phrase, shown in the page's language
    #: (sitegen/render/phrases.py; `say` and `say_text` in templates/base.html).
    title: Piece
    context: dict[str, Any] = field(default_factory=dict)
    #: Breadcrumbs as (title, url path) from the start page to the parent of this page; titles
    #: as `title`, except the start page's, a msgid translated in templates/base.html.
    crumbs: list[tuple[Piece, str]] = field(default_factory=list)


def site_pages(site: SiteModel) -> Iterator[Page]:
    """Every page of the site, in a stable order."""
    yield Page("", "index.html", phrase(N_("Kommunernas mål")), {"site": site})
    yield Page("om/", "about.html", phrase(N_("Om webbplatsen")), {"site": site})
    yield Page("404.html", "404.html", phrase(N_("Sidan finns inte")), {"site": site})
    for m in site.municipalities:
        home = [(N_("Startsida"), "")]  # translated in base.html
        mcrumbs = [*home, (m.name, path_of(m))]
        yield Page(path_of(m), "municipality.html", m.name, {"m": m}, home)
        for area in m.areas:
            yield Page(path_of(area), "area.html", area.area.title, {"area": area, "m": m}, mcrumbs)
        for goal in m.goals:
            crumbs = list(mcrumbs)
            if goal.area is not None:
                crumbs.append((goal.area.area.title, path_of(goal.area)))
            title = goal.goal.short_title or goal.goal.title
            yield Page(path_of(goal), "goal.html", title, {"goal": goal, "m": m}, crumbs)
        for ind in m.indicators:
            if not ind.has_page:
                continue
            crumbs = list(mcrumbs)
            parent = ind.goal if ind.goal is not None else ind.area
            if ind.area is not None:
                crumbs.append((ind.area.area.title, path_of(ind.area)))
            if ind.goal is not None:
                if ind.goal.area is not None:
                    crumbs.append((ind.goal.area.area.title, path_of(ind.goal.area)))
                crumbs.append((ind.goal.goal.short_title or ind.goal.goal.title, path_of(ind.goal)))
            yield Page(
                path_of(ind),
                "indicator.html",
                ind.indicator.title,
                {"ind": ind, "m": m, "parent": parent},
                crumbs,
            )
