"""Rebuilds for a long-lived build (`serve`): only what a change touches is read and rendered.

The first build is a normal full build (staged, then swapped in). Each later :meth:`build`:

1. stats every content and template file; if none changed it returns at once (a no-op);
2. reloads the content with the parse cache, so only changed files are read and validated, and
   links the site model and its cross-page data afresh (as a cold build does);
3. re-renders the pages that may show a changed file and writes only those whose bytes changed.
   The rule: a page under `kommuner/<id>/` shows only that municipality's files and the shared
   ones; every other page (start page, comparisons, data) may show any file and is re-rendered on
   every change. A change to a shared file (`teman.yaml`, …) or a template renders everything;
4. then runs the other outputs and the finishing steps (the search index) over the new site.

The result is the same, byte for byte, as a cold build of the same content (a test checks).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sitegen import features
from sitegen.builddate import build_date_or_error
from sitegen.i18n import LANGUAGES
from sitegen.issues import ContentError
from sitegen.load.cache import ParseCache, using
from sitegen.load.content import walk_files
from sitegen.pipeline import BuildError, build, load_site
from sitegen.render.assets import collect_assets
from sitegen.render.batch import PageRenderer, RenderError, Templates, render_pages
from sitegen.reporter import Reporter
from sitegen.settings import Settings
from sitegen.write import OutputError
from sitegen.write.live import LiveOutput, run_finish_steps

Stamp = tuple[int, int, int]
MUNICIPALITIES = "kommuner"


@dataclass
class RebuildResult:
    """What one :meth:`SiteBuilder.build` did."""

    full: bool  # everything was rendered and swapped in
    rendered: int  # pages rendered
    changed: int  # files whose bytes changed (for a full build: every file written)
    html_seconds: float  # until every page showing the change was fresh on disk
    seconds: float  # including the other outputs and the search index


class SiteBuilder:
    """Builds `settings` once, then again and again cheaply; `serve` keeps one."""

    def __init__(self, settings: Settings, reporter: Reporter) -> None:
        self.settings = settings
        self.reporter = reporter
        self.cache = ParseCache()
        self._stamps: dict[Path, Stamp] | None = None
        self._pages: set[str] = set()  # page files on disk
        self._files: set[str] = set()  # every file the build itself wrote (pages, assets, data)
        self._finished: set[str] = set()  # files the finishing steps made
        self._templates = Templates()

    def build(self) -> RebuildResult:
        """Build or rebuild; raises ContentError or BuildError like :func:`pipeline.build`, and
        then leaves the published site as it was."""
        started = time.perf_counter()
        stamps = self._scan()
        out = self.settings.out_dir
        if stamps == self._stamps and out.is_dir():
            elapsed = time.perf_counter() - started
            return RebuildResult(False, 0, 0, elapsed, elapsed)
        scopes = self._changed_scopes(stamps)
        if scopes is None or not out.is_dir():
            return self._full(stamps, started)
        try:
            return self._partial(stamps, scopes, started)
        except ContentError:
            raise  # found before anything was written
        except BaseException:
            self._stamps = None  # the site on disk may be half updated: next time, build it all
            raise

    def _scan(self) -> dict[Path, Stamp]:
        stamps = {}
        for root in (self.settings.content_dir, self.settings.templates_dir):
            for path in walk_files(root) if root.is_dir() else []:
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                stamps[path] = (st.st_mtime_ns, st.st_size, st.st_ino)
        return stamps

    def _changed_scopes(self, stamps: dict[Path, Stamp]) -> set[str] | None:
        """Municipalities whose files changed, or None when a shared file or template did."""
        if self._stamps is None:
            return None
        old = self._stamps
        municipalities = self.settings.content_dir / MUNICIPALITIES
        scopes = set()
        for path in stamps.keys() | old.keys():
            if stamps.get(path) == old.get(path):
                continue
            try:
                parts = path.relative_to(municipalities).parts
            except ValueError:
                return None
            if len(parts) < 2:
                return None
            scopes.add(parts[0])
        return scopes

    def _full(self, stamps: dict[Path, Stamp], started: float) -> RebuildResult:
        self._templates = Templates()  # a template may have changed
        with using(self.cache):
            result = build(self.settings, self.reporter)
        elapsed = time.perf_counter() - started
        self._stamps = stamps
        self._files = set(result.files)
        out = self.settings.out_dir
        on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
        self._finished = on_disk - self._files
        assets = collect_assets(self.settings.templates_dir / "static")
        renderer = PageRenderer(result.site, self.settings, assets, build_date_or_error())
        pages = [page for source in features.PAGE_SOURCES for page in source(result.site)]
        jobs = [(language, page) for language in LANGUAGES for page in pages]
        self._pages = {renderer.file(job) for job in jobs}
        for job in {(job[0], job[1].template): job for job in jobs}.values():
            renderer.template(job)  # compiled now, so that the first edit renders at once
        self._templates = renderer.templates
        return RebuildResult(True, result.pages, len(result.files), elapsed, elapsed)

    def _partial(
        self, stamps: dict[Path, Stamp], scopes: set[str], started: float
    ) -> RebuildResult:
        settings, reporter = self.settings, self.reporter
        with using(self.cache):
            site, _ = load_site(settings, reporter)
        reporter.phase("skriver de ändrade sidorna")
        pages = [page for source in features.PAGE_SOURCES for page in source(site)]
        jobs = [(language, page) for language in LANGUAGES for page in pages]
        assets = collect_assets(settings.templates_dir / "static")
        renderer = PageRenderer(site, settings, assets, build_date_or_error(), self._templates)
        self._templates = renderer.templates
        files = [renderer.file(job) for job in jobs]
        if len(set(files)) != len(files):
            raise BuildError("två sidor vill skrivas till samma adress; bygg om hela webbplatsen")
        dirty = [
            job
            for job, file in zip(jobs, files, strict=True)
            if file not in self._pages or _scope(job[1].path) in scopes | {None}
        ]
        pages_out = LiveOutput(settings.out_dir)
        try:
            render_pages(dirty, renderer, pages_out, workers=1)
            pages_out.commit(remove=self._pages - set(files))
        except RenderError as err:
            raise BuildError(str(err)) from err
        except OutputError as err:
            raise BuildError(str(err)) from err
        except Exception as err:
            from sitegen.pipeline import _template_message

            raise BuildError(_template_message(err)) from err
        html_seconds = time.perf_counter() - started
        self._pages = set(files)

        others = LiveOutput(settings.out_dir)
        try:
            for rel, src in assets.files():
                others.copy_file(rel, src)
            for step in features.OUTPUT_STEPS:
                step(site, settings, others)
            old_others = self._files - self._pages
            others.commit(remove=old_others - others.written)
            self._files = self._pages | others.written
            reporter.phase("uppdaterar sökindexet")
            self._finished = run_finish_steps(
                settings.out_dir,
                self._files,
                self._finished,
                [lambda stage, f=f: f(stage, settings, reporter) for f in features.FINISH_STEPS],
            )
        except OutputError as err:
            raise BuildError(str(err)) from err
        self._stamps = stamps
        seconds = time.perf_counter() - started
        changed = len(pages_out.changed) + len(others.changed)
        reporter.done(f"klart: {len(dirty)} sidor skrevs om, {changed} filer ändrades")
        return RebuildResult(False, len(dirty), changed, html_seconds, seconds)


def _scope(path: str) -> str | None:
    """The municipality a page belongs to ('kommuner/<id>/…'), or None for a site-wide page."""
    parts = PurePosixPath(path).parts
    if len(parts) >= 2 and parts[0] == MUNICIPALITIES:
        return parts[1]
    return None
