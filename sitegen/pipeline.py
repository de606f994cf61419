"""The build in two phases: load and validate everything into one site model, then render and
write. Nothing is written unless the whole content is valid and every page rendered."""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field

import jinja2

from sitegen import features
from sitegen.builddate import build_date_or_error
from sitegen.heap import paused_collection
from sitegen.i18n import LANGUAGES
from sitegen.issues import ContentError, Issue, IssueList
from sitegen.load.cache import load_content_in_parallel
from sitegen.render.assets import collect_assets
from sitegen.render.batch import PageRenderer, render_pages
from sitegen.reporter import Reporter
from sitegen.settings import Settings
from sitegen.site import SiteLinker, SiteModel
from sitegen.write import Output, OutputError
from sitegen.write.output import os_message


class BuildError(Exception):
    """The build failed for a reason other than content (template or output error)."""


@dataclass
class BuildResult:
    site: SiteModel
    pages: int
    files: list[str] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)


def load_site(settings: Settings, reporter: Reporter) -> tuple[SiteModel, IssueList]:
    """Phase one: read, validate and link. Raises :class:`ContentError` with every error."""
    root = settings.content_dir
    # Paths in messages are relative to the folder that holds content/: 'content/kommuner/…'.
    issues = IssueList(root=root.resolve().parent)
    reporter.phase("läser och kontrollerar innehållet")
    with paused_collection():  # millions of lasting objects, next to no garbage: see heap.py
        # Workers read big sites; each municipality is linked here as soon as it is read.
        linker = SiteLinker(issues)
        content = load_content_in_parallel(root.resolve(), issues, each=linker.link)
        site = linker.finish(content)
    if issues.errors or site is None:
        for issue in issues.errors:
            reporter.issue(issue)
        raise ContentError(issues.errors)
    return site, issues


def render_site(site: SiteModel, settings: Settings, output: Output, reporter: Reporter) -> int:
    """Phase two: render every page and copy assets into `output`."""
    reporter.phase("skriver sidorna")
    assets = collect_assets(settings.templates_dir / "static")
    day = build_date_or_error()
    pages = [page for source in features.PAGE_SOURCES for page in source(site)]
    # Swedish at the root, every other language under /<lang>/; big sites render in workers.
    jobs = [(language, page) for language in LANGUAGES for page in pages]
    count = render_pages(jobs, PageRenderer(site, settings, assets, day), output)
    for rel, src in assets.files():
        output.copy_file(rel, src)
    for step in features.OUTPUT_STEPS:
        step(site, settings, output)
    for finish in features.FINISH_STEPS:
        finish(output.staging, output.staging, settings, reporter)
    return count


def build(settings: Settings, reporter: Reporter) -> BuildResult:
    """Load, validate, render and write the site; the previous output stays until all is done."""
    site, issues = load_site(settings, reporter)
    try:
        output = Output(
            settings.out_dir,
            protect=(settings.content_dir, settings.templates_dir),
            on_wait=lambda: reporter.phase("väntar på ett annat bygge till samma mapp"),
        )
    except OutputError as err:
        raise BuildError(str(err)) from err
    try:
        pages = render_site(site, settings, output, reporter)
        output.commit()
    except OutputError as err:
        output.abort()
        raise BuildError(str(err)) from err
    except OSError as err:  # e.g. a full disk in a step that writes into the staging folder
        output.abort()
        raise BuildError(os_message(err, err.filename or "en fil")) from err
    except (jinja2.TemplateError, Exception) as err:
        output.abort()
        raise BuildError(_template_message(err)) from err
    except BaseException:
        output.abort()
        raise
    reporter.done(f"klart: {pages} sidor i {settings.out_dir}")
    return BuildResult(
        site=site, pages=pages, files=sorted(output.written), warnings=issues.warnings
    )


def check(settings: Settings, reporter: Reporter) -> SiteModel:
    """Validate only; raises :class:`ContentError`."""
    site, _ = load_site(settings, reporter)
    reporter.done("innehållet är giltigt")
    return site


def _template_message(err: Exception) -> str:
    if isinstance(err, jinja2.TemplateSyntaxError):
        return f"{err.filename or err.name}:{err.lineno}: mallfel: {err.message}"
    if isinstance(err, jinja2.TemplateNotFound):
        return f"mallen {err.name} finns inte: mallfel: kontrollera namnet i sidlistan eller mallen"
    for frame in reversed(traceback.extract_tb(err.__traceback__)):
        if frame.filename.endswith(".html"):
            return f"{frame.filename}:{frame.lineno}: mallfel: {type(err).__name__}: {err}"
    tb = err.__traceback__
    innermost = None
    while tb is not None:  # a template with another suffix (.xml, .txt): Jinja marks its frames
        template = tb.tb_frame.f_globals.get("__jinja_template__")
        if template is not None:
            innermost = f"{template.filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    if innermost is not None:
        return f"{innermost}: mallfel: {type(err).__name__}: {err}"
    raise err
