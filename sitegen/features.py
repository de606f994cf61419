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

from sitegen.render.pages import Page, site_pages

PageSource = Callable[[Any], Iterable[Page]]
OutputStep = Callable[[Any, Any, Any], None]
FinishStep = Callable[[Path, Any, Any], None]

#: Producers of HTML pages (the core pages first).
PAGE_SOURCES: list[PageSource] = [site_pages]

#: Writers of non-HTML files.
OUTPUT_STEPS: list[OutputStep] = []

#: Steps over the complete staged site, run last.
FINISH_STEPS: list[FinishStep] = []
