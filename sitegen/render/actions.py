"""Pages for actions: one per action, and each municipality's list of actions."""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.i18n import N_
from sitegen.render.pages import Page
from sitegen.render.phrases import Content, phrase
from sitegen.render.urls import path_of
from sitegen.site.model import SiteModel


def action_pages(site: SiteModel) -> Iterator[Page]:
    for m in site.municipalities:
        if not m.actions:
            continue
        crumbs = [(N_("Startsida"), ""), (m.name, path_of(m))]  # translated in base.html
        listing = f"{path_of(m)}atgarder/"
        title = phrase(N_("Åtgärder i %(municipality)s"), municipality=Content(m.name))
        yield Page(listing, "actions.html", title, {"m": m}, crumbs)
        for a in m.actions:
            yield Page(
                path_of(a),
                "action.html",
                a.action.title,
                {"action": a, "m": m},
                [*crumbs, (phrase(N_("Åtgärder")), listing)],
            )
