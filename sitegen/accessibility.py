"""The accessibility statement page (tillgänglighetsredogörelse) at /tillganglighet/.

Its content is `content/tillganglighet.yaml` (validated by
:class:`sitegen.model.accessibility.AccessibilityStatement`); every page's footer links to it.
"""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.i18n import N_
from sitegen.render.pages import Page
from sitegen.render.phrases import phrase
from sitegen.site.model import SiteModel

#: The statement's address (relative to the site root, and to /en/ for English).
PATH = "tillganglighet/"
TITLE = phrase(N_("Tillgänglighetsredogörelse"))


def accessibility_pages(site: SiteModel) -> Iterator[Page]:
    """The statement's page, when the content has one."""
    if site.accessibility is not None:
        yield Page(PATH, "accessibility.html", TITLE, {"statement": site.accessibility})
