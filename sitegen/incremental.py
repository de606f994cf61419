"""Rebuilds for a long-lived build (`serve`): only what a change touches is read and rendered.

The first build is a normal full build (staged, then swapped in). Each later :meth:`build`:

1. stats every content and template file; if none changed it returns at once (a no-op);
2. re-reads only the folders of the municipalities with a changed file (the parse cache supplies
   their unchanged files), links each on its own (references never cross municipalities) and
   puts it in place in the kept site model; the comparison is computed again from the model;
3. re-renders only the pages that may show a changed file and writes those whose bytes changed:
   a municipality's pages by the files they show (:mod:`sitegen.depends`), the comparison pages
   by what they show of the municipality (:mod:`sitegen.compare.depends`), and the few other
   site-wide pages (start page, search, data) always. A change to a shared file (`teman.yaml`,
   …), a template, or a new or removed municipality builds everything;
4. then runs the other outputs and the finishing steps (the search index) over the new site.

The result is the same, byte for byte, as a cold build of the same content (a test checks).
"""

from __future__ import annotations

import dataclasses
import gc
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sitegen import features
from sitegen.builddate import build_date_or_error
from sitegen.compare import fragments
from sitegen.compare.depends import footprint, group_members, pages_to_render
from sitegen.compare.model import comparison_for, update_comparison
from sitegen.depends import is_item_file, page_inputs
from sitegen.i18n import LANGUAGES
from sitegen.issues import ContentError, IssueList
from sitegen.load.cache import ParseCache, using
from sitegen.pipeline import BuildError, build
from sitegen.render.assets import collect_assets
from sitegen.render.batch import Job, PageRenderer, RenderError, Templates, render_pages
from sitegen.render.pages import Page
from sitegen.reporter import Reporter
from sitegen.settings import Settings
from sitegen.site.model import MunicipalityNode, SiteModel
from sitegen.site.relink import (
    link_municipality,
    load_municipality,
    replace_municipality,
    unchanged,
)
from sitegen.write import OutputError
from sitegen.write.live import LiveOutput, run_finish_steps

Stamp = tuple[int, int, int]
MUNICIPALITIES = "kommuner"
COMPARE_TEMPLATES = "compare/"
#: Rebuilds between two full garbage collections (see :meth:`SiteBuilder._freeze`).
COLLECT_EVERY = 50
TOPIC_TEMPLATE = "compare/topic.html"


@dataclass
class RebuildResult:
    """What one :meth:`SiteBuilder.build` did."""

    full: bool  # everything was rendered and swapped in
    rendered: int  # pages rendered
    changed: int  # files whose bytes changed (for a full build: every file written)
    html_seconds: float  # until every page showing the change was fresh on disk
    seconds: float  # including the other outputs and the search index


@dataclass
class _Scoped:
    """A municipality's page and the item files it shows (None: any of the municipality's)."""

    page: Page
    inputs: frozenset[Path] | None


class _FullBuildNeeded(Exception):
    """The change is one a partial rebuild does not handle (e.g. a new municipality)."""


class SiteBuilder:
    """Builds `settings` once, then again and again cheaply; `serve` keeps one."""

    def __init__(self, settings: Settings, reporter: Reporter) -> None:
        self.settings = settings
        self.reporter = reporter
        self.cache = ParseCache()
        self._stamps: dict[str, Stamp] | None = None
        self._pages: set[str] = set()  # page files on disk
        self._files: set[str] = set()  # every file the build itself wrote (pages, assets, data)
        self._finished: set[str] = set()  # files the finishing steps made
        self._templates = Templates()
        self._site: SiteModel | None = None
        #: Per municipality id: its pages by path (without the language prefix).
        self._scoped: dict[str, dict[str, _Scoped]] = {}
        #: The page sources that make municipality pages (run over one municipality at a time).
        self._per_municipality: list[int] = []
        #: Their site-wide pages (start page, about, 404): their context is the kept site model.
        self._kept_sitewide: list[Page] = []
        #: Files of the site-wide pages made afresh on every rebuild (comparison, search, data).
        self._sitewide_files: set[str] = set()
        self._since_collect = 0

    def build(self, on_pages: Callable[[], None] | None = None) -> RebuildResult:
        """Build or rebuild; raises ContentError or BuildError like :func:`pipeline.build`, and
        then leaves the published site as it was.

        `on_pages` is called as soon as every page that may show the change is in place, before
        the other outputs and the search index are refreshed (`serve` reloads the browser then);
        after a full build, at its end; not at all when nothing changed or the build failed
        first."""
        started = time.perf_counter()
        stamps = self._scan()
        out = self.settings.out_dir
        if stamps == self._stamps and out.is_dir():
            elapsed = time.perf_counter() - started
            return RebuildResult(False, 0, 0, elapsed, elapsed)
        scopes = self._changed_scopes(stamps)
        if scopes is None or not out.is_dir() or self._site is None:
            return self._full(stamps, started, on_pages)
        try:
            return self._partial(stamps, scopes, started, on_pages)
        except _FullBuildNeeded:
            return self._full(stamps, started, on_pages)
        except ContentError:
            raise  # found before anything was written or changed
        except BaseException:
            self._stamps = None  # the site on disk may be half updated: next time, build it all
            self._site = None
            raise

    def _scan(self) -> dict[str, Stamp]:
        """(mtime, size, inode) of every content and template file, by absolute path."""
        stamps: dict[str, Stamp] = {}
        for root in (self.settings.content_dir, self.settings.templates_dir):
            _stat_tree(str(root.resolve()), stamps)
        return stamps

    def _changed_scopes(self, stamps: dict[str, Stamp]) -> dict[str, set[Path]] | None:
        """The changed files per municipality, or None when a shared file or template changed."""
        if self._stamps is None:
            return None
        old = self._stamps
        municipalities = str(self.settings.content_dir.resolve() / MUNICIPALITIES) + os.sep
        scopes: dict[str, set[Path]] = {}
        changed = [p for p, stamp in stamps.items() if old.get(p) != stamp]
        for path in changed + [p for p in old if p not in stamps]:
            if not path.startswith(municipalities):
                return None
            parts = path[len(municipalities) :].split(os.sep)
            if len(parts) < 2:
                return None
            scopes.setdefault(parts[0], set()).add(Path(path))
        return scopes

    def _full(
        self, stamps: dict[str, Stamp], started: float, on_pages: Callable[[], None] | None
    ) -> RebuildResult:
        self._templates = Templates()  # a template may have changed
        self._site = None
        fragments.clear()
        with using(self.cache):
            result = build(self.settings, self.reporter)
        elapsed = time.perf_counter() - started
        self._stamps = stamps
        self._files = set(result.files)
        out = self.settings.out_dir
        on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
        self._finished = on_disk - self._files
        site = result.site
        assets = collect_assets(self.settings.templates_dir / "static")
        renderer = PageRenderer(site, self.settings, assets, build_date_or_error())
        self._scoped, self._per_municipality, self._kept_sitewide = {}, [], []
        pages = []
        for n, source in enumerate(features.PAGE_SOURCES):
            made = list(source(site))
            pages += made
            if any(_scope(page.path) is not None for page in made):
                self._per_municipality.append(n)
                self._kept_sitewide += [p for p in made if _scope(p.path) is None]
            for page in made:
                mid = _scope(page.path)
                if mid is not None:
                    self._scoped.setdefault(mid, {})[page.path] = _Scoped(page, page_inputs(page))
        jobs = [(language, page) for language in LANGUAGES for page in pages]
        self._pages = {renderer.file(job) for job in jobs}
        for job in {(job[0], job[1].template): job for job in jobs}.values():
            renderer.template(job)  # compiled now, so that the first edit renders at once
        with fragments.kept():  # and the theme pages' sections rendered once, to keep
            for job in jobs:
                if job[1].template == TOPIC_TEMPLATE:
                    renderer.html(job)
        self._templates = renderer.templates
        self._sitewide_files = {
            renderer.file(job) for job in jobs if _scope(job[1].path) is None
        } - {renderer.file((lang, p)) for lang in LANGUAGES for p in self._kept_sitewide}
        self._site = site
        self._freeze()
        if on_pages is not None:
            on_pages()
        return RebuildResult(True, result.pages, len(result.files), elapsed, elapsed)

    def _relink(self, scopes: dict[str, set[Path]]) -> dict[str, MunicipalityNode]:
        """Re-read and link the changed municipalities; only those whose files really changed."""
        site = self._site
        assert site is not None
        issues = IssueList(root=site.content_root.parent)
        self.reporter.phase("läser och kontrollerar innehållet")
        nodes: dict[str, MunicipalityNode] = {}
        current = {m.id: m for m in site.municipalities}
        for mid in sorted(scopes):
            folder = site.content_root / MUNICIPALITIES / mid
            if mid not in current or not folder.is_dir():
                raise _FullBuildNeeded  # a municipality was added or removed
            with using(self.cache):
                files = load_municipality(site, folder, issues)
            if files is None:
                continue
            if unchanged(files, current[mid]):
                continue  # saved without a change
            nodes[mid] = link_municipality(site, files, issues)
        if issues.errors:
            for issue in issues.errors:
                self.reporter.issue(issue)
            raise ContentError(issues.errors)
        codes = {m.id: m.municipality.kommunkod for m in site.municipalities}
        codes.update({mid: node.municipality.kommunkod for mid, node in nodes.items()})
        if len(set(codes.values())) != len(codes):
            raise _FullBuildNeeded  # the full build reports the duplicate
        return nodes

    def _partial(
        self,
        stamps: dict[str, Stamp],
        scopes: dict[str, set[Path]],
        started: float,
        on_pages: Callable[[], None] | None,
    ) -> RebuildResult:
        settings, reporter, site = self.settings, self.reporter, self._site
        assert site is not None
        nodes = self._relink(scopes)
        if not nodes:
            self._stamps = stamps
            elapsed = time.perf_counter() - started
            return RebuildResult(False, 0, 0, elapsed, elapsed)

        reporter.phase("skriver de ändrade sidorna")
        cmp = comparison_for(site)
        before = {mid: footprint(cmp, mid) for mid in nodes}
        members_before = group_members(cmp)
        for node in nodes.values():
            replace_municipality(site, node)
        new_cmp = update_comparison(site, set(nodes))
        members_after = group_members(new_cmp)
        del cmp  # kept until here, so that no old node's id() is reused in the comparison
        fragments.keep_only(e for t in [*new_cmp.themes, *new_cmp.sdgs] for e in t.groups)

        dirty: list[Page] = []
        removed: list[Page] = []
        for mid, node in nodes.items():
            pages = self._municipality_pages(site, node)
            changed = {p.relative_to(site.content_root / MUNICIPALITIES) for p in scopes[mid]}
            dirty += _dirty_scoped(pages, self._scoped.get(mid, {}), scopes[mid], changed)
            removed += [
                s.page for path, s in self._scoped.get(mid, {}).items() if path not in pages
            ]
            self._scoped[mid] = pages
        sitewide = list(self._kept_sitewide)
        for n, source in enumerate(features.PAGE_SOURCES):
            if n not in self._per_municipality:
                sitewide += source(site)
        compared = [p for p in sitewide if p.template.startswith(COMPARE_TEMPLATES)]
        dirty += [p for p in sitewide if not p.template.startswith(COMPARE_TEMPLATES)]
        chosen: set[int] = set()
        for mid in nodes:
            after = footprint(new_cmp, mid)
            for page in pages_to_render(
                compared, before[mid], after, members_before, members_after
            ):
                chosen.add(id(page))
        dirty += [p for p in compared if id(p) in chosen]

        assets = collect_assets(settings.templates_dir / "static")
        renderer = PageRenderer(site, settings, assets, build_date_or_error(), self._templates)
        self._templates = renderer.templates
        jobs: list[Job] = [(language, page) for language in LANGUAGES for page in dirty]
        gone = {renderer.file((lang, page)) for lang in LANGUAGES for page in removed}
        fresh = {
            renderer.file((lang, page))
            for lang in LANGUAGES
            for page in sitewide
            if not any(page is kept for kept in self._kept_sitewide)
        }
        gone |= self._sitewide_files - fresh
        self._sitewide_files = fresh
        pages_out = LiveOutput(settings.out_dir)
        try:
            with fragments.kept():
                render_pages(jobs, renderer, pages_out, workers=1)
            pages_out.commit(remove=gone - pages_out.written)
        except RenderError as err:
            raise BuildError(str(err)) from err
        except OutputError as err:
            raise BuildError(str(err)) from err
        except Exception as err:
            from sitegen.pipeline import _template_message

            raise BuildError(_template_message(err)) from err
        html_seconds = time.perf_counter() - started
        self._pages = (self._pages - gone) | pages_out.written
        if on_pages is not None:
            on_pages()

        others = LiveOutput(settings.out_dir)
        try:
            for rel, src in assets.files():
                others.copy_file(rel, src)
            for step in features.OUTPUT_STEPS:
                step(site, settings, others)
            old_others = self._files - self._pages
            others.commit(remove=old_others - others.written)
            self._files = self._pages | others.written
            if features.FINISH_STEPS or self._finished:
                reporter.phase("uppdaterar sökindexet")
                self._finished = run_finish_steps(
                    settings.out_dir,
                    self._files,
                    self._finished,
                    [
                        lambda site_dir, out_dir, f=f: f(site_dir, out_dir, settings, reporter)
                        for f in features.FINISH_STEPS
                    ],
                )
        except OutputError as err:
            raise BuildError(str(err)) from err
        self._stamps = stamps
        self._since_collect += 1
        if self._since_collect >= COLLECT_EVERY:
            self._freeze()
        seconds = time.perf_counter() - started
        changed = len(pages_out.changed) + len(others.changed)
        reporter.done(f"klart: {len(jobs)} sidor skrevs om, {changed} filer ändrades")
        return RebuildResult(False, len(jobs), changed, html_seconds, seconds)

    def _freeze(self) -> None:
        """Collect garbage, then leave the kept site model out of later collections: a full
        collection walks millions of objects on a big site (seconds), and Python would otherwise
        start one in the middle of a rebuild. Replaced nodes that were frozen are freed by the
        next collection here, every `COLLECT_EVERY` rebuilds (after the pages are written)."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self._since_collect = 0

    def _municipality_pages(self, site: SiteModel, node: MunicipalityNode) -> dict[str, _Scoped]:
        """The pages of one municipality: the page sources run over a site of it alone."""
        view = dataclasses.replace(site, municipalities=[node])
        view.__dict__["history"] = site.history  # one git log per full build, not per edit
        pages: dict[str, _Scoped] = {}
        for n in self._per_municipality:
            for page in features.PAGE_SOURCES[n](view):
                if _scope(page.path) == node.id:
                    pages[page.path] = _Scoped(page, page_inputs(page))
        return pages


def _dirty_scoped(
    pages: dict[str, _Scoped],
    before: dict[str, _Scoped],
    changed: set[Path],
    relative: Iterable[PurePosixPath | Path],
) -> list[Page]:
    """A municipality's pages that may show a change to `changed` (its changed files; the same
    relative to `kommuner/` in `relative`)."""
    # kommun.yaml, a plan or a follow-up file: shown nearly everywhere.
    wide = not all(is_item_file(rel.parts) for rel in relative)
    out = []
    for path, now in pages.items():
        old = before.get(path)
        if (
            wide
            or old is None
            or now.inputs is None
            or old.inputs is None
            or not changed.isdisjoint(now.inputs | old.inputs)
        ):
            out.append(now.page)
    return out


def _stat_tree(folder: str, stamps: dict[str, Stamp]) -> None:
    """Stamp every file under `folder` (hidden files and folders skipped, as the loader does)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir():
                if not entry.is_symlink():  # as os.walk: a linked folder is not followed
                    _stat_tree(entry.path, stamps)
                continue
            st = entry.stat()
        except OSError:
            continue
        stamps[entry.path] = (st.st_mtime_ns, st.st_size, st.st_ino)


def _scope(path: str) -> str | None:
    """The municipality a page belongs to ('kommuner/<id>/…'), or None for a site-wide page."""
    parts = PurePosixPath(path).parts
    if len(parts) >= 2 and parts[0] == MUNICIPALITIES:
        return parts[1]
    return None
