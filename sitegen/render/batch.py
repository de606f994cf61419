"""Rendering many pages: one Jinja2 environment per language, and worker processes for big sites.

Every page's output path is claimed in the parent first (so the writer still refuses two pages at
one path before anything is rendered). Then, for a site with many pages, forked workers each
render an interleaved slice of the pages and write them through the same :class:`Output` (into
its staging folder); small sites render in this process. The bytes are the same either way.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import jinja2

from sitegen.heap import freeze
from sitegen.render.assets import AssetManifest
from sitegen.render.env import language_prefix, make_environment
from sitegen.render.pages import Page
from sitegen.render.urls import file_of
from sitegen.write import Output, OutputError
from sitegen.write.live import LiveOutput

#: A page in one language.
Job = tuple[str, Page]

#: Below this many pages, starting workers costs more than it saves.
PARALLEL_MIN_PAGES = 1500
#: `MALBILD_WORKERS=1` renders in this process; `=N` uses N workers whatever the site's size.
WORKERS_ENV = "MALBILD_WORKERS"


class RenderError(OutputError):
    """A page failed to render in a worker process (the message names the template line)."""


@dataclass
class Templates:
    """Compiled templates per language; a long-lived build keeps them while templates and
    assets are unchanged (compiling costs more than rendering a municipality's pages)."""

    key: tuple[Any, ...] = ()
    envs: dict[str, jinja2.Environment] = field(default_factory=dict)
    compiled: dict[tuple[str, str], jinja2.Template] = field(default_factory=dict)


class PageRenderer:
    """Renders one page in one language; environments and templates are made once."""

    def __init__(
        self,
        site: Any,
        settings: Any,
        assets: AssetManifest | None,
        day: date | None,
        templates: Templates | None = None,
    ) -> None:
        self.site = site
        self.settings = settings
        self.assets = assets
        self.day = day
        key = (settings, assets.files() if assets is not None else None, day)
        if templates is None or templates.key != key:
            templates = Templates(key)
        self.templates = templates
        self._envs = templates.envs
        self._templates = templates.compiled

    def file(self, job: Job) -> str:
        language, page = job
        return file_of(language_prefix(language, page.path) + page.path)

    def html(self, job: Job) -> str:
        _, page = job
        context = {"site": self.site, **page.context, "page": page, "settings": self.settings}
        return self.template(job).render(context)

    def template(self, job: Job) -> jinja2.Template:
        language, page = job
        template = self._templates.get((language, page.template))
        if template is None:
            env = self._envs.get(language)
            if env is None:
                s = self.settings
                env = self._envs[language] = make_environment(
                    s.templates_dir, s.base_url, language, self.assets, self.day
                )
            template = self._templates[(language, page.template)] = env.get_template(page.template)
        return template


def worker_count(pages: int) -> int:
    """How many processes render `pages` pages: one per core for big sites, else none."""
    forced = os.environ.get(WORKERS_ENV, "").strip()
    if forced.isdigit() and int(forced) > 0:
        return int(forced)
    if pages < PARALLEL_MIN_PAGES or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def render_pages(
    jobs: Sequence[Job],
    renderer: PageRenderer,
    output: Output | LiveOutput,
    workers: int | None = None,
) -> int:
    """Render and write every job; returns the number of pages written."""
    targets = [output.claim(renderer.file(job)) for job in jobs]
    count = worker_count(len(jobs)) if workers is None else workers
    if count <= 1:
        for job, target in zip(jobs, targets, strict=True):
            output.write_claimed(target, renderer.html(job).encode("utf-8"))
        return len(jobs)
    for job in {(language, page.template): (language, page) for language, page in jobs}.values():
        renderer.template(job)  # compile once here rather than in every worker
    # A page's languages go to one worker, which then converts the page's Markdown only once.
    by_page: dict[int, list[int]] = {}
    for i, (_, page) in enumerate(jobs):
        by_page.setdefault(id(page), []).append(i)
    global _SHARED
    _SHARED = (jobs, targets, renderer, output, list(by_page.values()))
    slices = count * 4  # interleaved slices even out heavy and light pages
    # Frozen objects (the site model, the templates) are left out of the workers' garbage
    # collections, which would otherwise walk the whole model and copy every page of it. They
    # stay frozen after (see sitegen/heap.py): a long-lived builder hands them back itself.
    freeze()
    try:
        with multiprocessing.get_context("fork").Pool(count) as pool:
            for error in pool.imap_unordered(_render_slice, [(k, slices) for k in range(slices)]):
                if error is not None:
                    pool.terminate()
                    raise RenderError(error)
    finally:
        _SHARED = None
    return len(jobs)


#: What forked workers inherit: the jobs, their claimed paths, the renderer, the writer, and the
#: jobs' indexes grouped by page.
_SHARED: (
    tuple[Sequence[Job], list[Path], PageRenderer, Output | LiveOutput, list[list[int]]] | None
) = None


def _render_slice(task: tuple[int, int]) -> str | None:
    """In a worker: render every `step`-th page from `start` in each of its languages; a failure
    comes back as a message."""
    start, step = task
    assert _SHARED is not None
    jobs, targets, renderer, output, by_page = _SHARED
    # Rendering makes short-lived objects that reference counting frees (goal, indicator and
    # municipality pages make no cycles; a comparison page about a hundred objects), so the
    # collector mostly costs time here; one collection per slice frees the few cycles.
    gc.disable()
    try:
        for group in by_page[start::step]:
            for i in group:
                try:
                    output.write_claimed(targets[i], renderer.html(jobs[i]).encode("utf-8"))
                except Exception as err:  # the parent raises it; a worker must not die silently
                    return _describe(err, jobs[i][1])
    finally:
        gc.collect()
    return None


def _describe(err: Exception, page: Page) -> str:
    if isinstance(err, jinja2.TemplateSyntaxError):
        return f"{err.filename or err.name}:{err.lineno}: mallfel: {err.message}"
    for frame in reversed(traceback.extract_tb(err.__traceback__)):
        if frame.filename.endswith(".html"):
            return f"{frame.filename}:{frame.lineno}: mallfel: {type(err).__name__}: {err}"
    return f"sidan /{page.path} kunde inte skrivas: {type(err).__name__}: {err}"
