"""The build in two phases: load and validate everything into one site model, then render and
write. Nothing is written unless the whole content is valid and every page rendered."""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from sitegen.issues import ContentError, Issue, IssueList
from sitegen.load.content import load_content
from sitegen.render.env import make_environment
from sitegen import features
from sitegen.render.urls import file_of
from sitegen.reporter import Reporter
from sitegen.settings import Settings
from sitegen.site import SiteModel, build_site_model
from sitegen.write import Output, OutputError


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
    issues = IssueList(root=root.resolve().parent if root.is_dir() else Path.cwd())
    issues.root = root.resolve().parent
    reporter.phase("läser och kontrollerar innehållet")
    content = load_content(root.resolve(), issues)
    site = build_site_model(content, issues)
    if issues.errors or site is None:
        for issue in issues.errors:
            reporter.issue(issue)
        raise ContentError(issues.errors)
    return site, issues


def render_site(site: SiteModel, settings: Settings, output: Output, reporter: Reporter) -> int:
    """Phase two: render every page and copy assets into `output`."""
    reporter.phase("skriver sidorna")
    env = make_environment(settings.templates_dir, settings.base_url)
    count = 0
    cache: dict[str, jinja2.Template] = {}
    pages = (page for source in features.PAGE_SOURCES for page in source(site))
    for page in pages:
        template = cache.get(page.template)
        if template is None:
            template = cache[page.template] = env.get_template(page.template)
        html = template.render({"site": site, **page.context, "page": page, "settings": settings})
        output.write_text(file_of(page.path), html)
        count += 1
    static = settings.templates_dir / "static"
    if static.is_dir():
        for src in sorted(static.rglob("*")):
            if src.is_file():
                output.copy_file("assets/" + src.relative_to(static).as_posix(), src)
    for step in features.OUTPUT_STEPS:
        step(site, settings, output)
    for finish in features.FINISH_STEPS:
        finish(output.staging, settings, reporter)
    return count


def build(settings: Settings, reporter: Reporter) -> BuildResult:
    """Load, validate, render and write the site; the previous output stays until all is done."""
    site, issues = load_site(settings, reporter)
    output = Output(settings.out_dir)
    try:
        pages = render_site(site, settings, output, reporter)
        output.commit()
    except OutputError as err:
        output.abort()
        raise BuildError(str(err)) from err
    except (jinja2.TemplateError, Exception) as err:
        output.abort()
        raise BuildError(_template_message(err)) from err
    except BaseException:
        output.abort()
        raise
    reporter.done(f"klart: {pages} sidor i {settings.out_dir}")
    return BuildResult(site=site, pages=pages, files=sorted(output.written), warnings=issues.warnings)


def check(settings: Settings, reporter: Reporter) -> SiteModel:
    """Validate only; raises :class:`ContentError`."""
    site, _ = load_site(settings, reporter)
    reporter.done("innehållet är giltigt")
    return site


def _template_message(err: Exception) -> str:
    if isinstance(err, jinja2.TemplateSyntaxError):
        return f"{err.filename or err.name}:{err.lineno}: mallfel: {err.message}"
    for frame in reversed(traceback.extract_tb(err.__traceback__)):
        if frame.filename.endswith(".html"):
            return f"{frame.filename}:{frame.lineno}: mallfel: {type(err).__name__}: {err}"
    raise err
