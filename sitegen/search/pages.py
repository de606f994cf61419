"""The search page, `/sok/`: a form that works with `?q=` links, enhanced by assets/search.js."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sitegen.render.pages import Page

SEARCH_PATH = "sok/"


def search_pages(site: Any) -> Iterator[Page]:
    """The one search page; its results come from the Pagefind bundle in the browser."""
    yield Page(SEARCH_PATH, "search.html", "Sök", {"site": site})
