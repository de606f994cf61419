"""The build's output step: one PDF report per municipality, cached by a hash of its inputs."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from sitegen.builddate import BuildDateError, build_datetime
from sitegen.report.data import build_report
from sitegen.report.pdf import PdfCache, ReportError, render_pdf
from sitegen.report.render import ReportRenderer, report_file
from sitegen.settings import Settings
from sitegen.site.model import SiteModel
from sitegen.write import Output, OutputError

#: Beside the content folder (the repository's root for `content/`); `.malbild-*` is ignored by
#: git. Keys are hashes of everything that goes into a PDF, so builds into any output share it.
CACHE_DIR = Path(".malbild-cache") / "pdf"
MAX_WORKERS = 4


def cache_folder(settings: Settings) -> Path:
    return settings.content_dir.resolve().parent / CACHE_DIR


def _job(args: tuple[str, str, str]) -> bytes:
    html, css, base = args
    return render_pdf(html, css, Path(base))


def render_many(jobs: list[tuple[str, str]], css: str, base: Path) -> list[bytes]:
    """PDFs for (key, html) jobs, in order; in parallel processes when there are several."""
    args = [(html, css, str(base)) for _, html in jobs]
    workers = min(MAX_WORKERS, os.cpu_count() or 1, len(jobs) // 2)
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [_job(a) for a in args]
    # Forked, like the page renderer (sitegen/render/batch.py): no re-import of __main__.
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            return list(pool.map(_job, args))
    except BrokenProcessPool as err:
        raise ReportError(f"en process som skapar PDF:er avbröts ({err})") from err


def write_reports(site: SiteModel, settings: Settings, output: Output) -> None:
    """Write `kommuner/<id>/uppfoljningsrapport-<id>.pdf` for every municipality."""
    if not settings.pdf_reports:
        return
    try:
        moment = build_datetime()
    except BuildDateError as err:
        raise OutputError(str(err)) from err
    renderer = ReportRenderer(settings)
    cache = PdfCache(cache_folder(settings))
    planned: list[tuple[str, str, str, bytes | None]] = []
    try:
        for m in site.municipalities:
            html = renderer.html(build_report(m, None, moment.date()), moment)
            key = cache.key(html, renderer.css)
            planned.append((report_file(m.id), key, html, cache.get(key)))
        missing = [(key, html) for _, key, html, data in planned if data is None]
        made = dict(
            zip(
                [k for k, _ in missing],
                render_many(missing, renderer.css, settings.templates_dir),
                strict=True,
            )
        )
    except ReportError as err:
        raise OutputError(str(err)) from err
    for rel, key, _, data in planned:
        if data is None:
            data = made[key]
            cache.put(key, data)
        output.write_bytes(rel, data)
    cache.prune()
