"""The features a build runs, in order. Each feature module contributes through three hooks, so
that adding one is one line here and nothing in the pipeline changes.

- ``pages(site) -> Iterable[Page]``: HTML pages rendered with the site's templates;
- ``outputs(site, settings, output)``: other files (JSON, CSV, XML, PDF), written via ``output``;
- ``finish(staging_dir, settings, reporter)``: steps over the whole rendered site before it is
  published (e.g. the search index); an exception here fails the build and publishes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sitegen.accessibility import accessibility_pages
from sitegen.compare.data import write_side_by_side
from sitegen.compare.pages import compare_pages
from sitegen.history_pages import history_pages, write_history_feeds
from sitegen.opendata import data_pages, write_open_data
from sitegen.publish import write_publishing_files
from sitegen.render.actions import action_pages
from sitegen.render.pages import Page, site_pages
from sitegen.report.step import write_reports
from sitegen.search import index_staged_site, search_pages

PageSource = Callable[[Any], Iterable[Page]]
OutputStep = Callable[[Any, Any, Any], None]
FinishStep = Callable[[Path, Path, Any, Any], None]

#: Producers of HTML pages (the core pages first).
PAGE_SOURCES: list[PageSource] = [site_pages]

#: Writers of non-HTML files.
OUTPUT_STEPS: list[OutputStep] = []

#: Steps over the complete site, run last: `step(site_dir, out_dir, settings, reporter)` reads the
#: site in `site_dir` and writes what it makes into `out_dir`. A full build passes its staging
#: folder as both; a rebuild in `serve` passes the published site and a fresh folder, whose files
#: are then put in place (sitegen/write/live.py), so nothing of the site is copied for the step.
FINISH_STEPS: list[FinishStep] = []

# Search (issue 4): the /sok/ page; the Pagefind index over the whole staged site (keep it after
# steps that change HTML, so the index sees the final pages).
PAGE_SOURCES.append(search_pages)
FINISH_STEPS.append(index_staged_site)

# Comparison across municipalities (issue 3): /jamfor/ pages and the side-by-side JSON.
PAGE_SOURCES.append(compare_pages)
OUTPUT_STEPS.append(write_side_by_side)

# Actions and the follow-up report (issue 10): action pages; one tagged PDF per municipality.
PAGE_SOURCES.append(action_pages)
OUTPUT_STEPS.append(write_reports)

# Publishing (issue 7): the accessibility statement page; robots.txt and sitemap.xml.
PAGE_SOURCES.append(accessibility_pages)
OUTPUT_STEPS.append(write_publishing_files)

# Open data (issue 5): the /data/ page; JSON, CSV and JSON Schemas under /data/.
PAGE_SOURCES.append(data_pages)
OUTPUT_STEPS.append(write_open_data)

# Editors (issue 6): a change-history page and an Atom feed per municipality, from one git log.
PAGE_SOURCES.append(history_pages)
OUTPUT_STEPS.append(write_history_feeds)
