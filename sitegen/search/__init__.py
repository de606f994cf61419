"""Full-text search with Pagefind: the search page and the index over the staged site."""

from sitegen.search.indexer import (
    BUNDLE_DIR,
    IndexStats,
    SearchIndexError,
    index_site,
    index_staged_site,
)
from sitegen.search.pages import search_pages

__all__ = [
    "BUNDLE_DIR",
    "IndexStats",
    "SearchIndexError",
    "index_site",
    "index_staged_site",
    "search_pages",
]
