"""`python -m sitegen serve`: build, serve on localhost, rebuild and reload the browser on save.

When the content (or a template) has an error, every page shows an error page instead of the
stale site: each problem with its file, line and message and the lines around it. The server keeps
running; saving a fixed file rebuilds and brings the site back. A failed build never touches the
output folder (the pipeline's writer guarantees that); the error page is served from memory.
"""

from __future__ import annotations

import html
import re
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.incremental import SiteBuilder
from sitegen.issues import ContentError, Issue
from sitegen.pipeline import BuildError
from sitegen.reporter import Reporter
from sitegen.settings import Settings

#: Lines shown before and after the problem's line.
CONTEXT_LINES = 2
#: Problems shown with an excerpt of their file (all are listed).
MAX_EXCERPTS = 20


@dataclass
class PreviewState:
    """What the preview shows: the built site, or (when set) the error page."""

    error_html: str | None = None
    builds: int = 0
    #: Keeps the last build in memory so that a save re-renders only what it touches (issue 8).
    builder: SiteBuilder | None = None


def _excerpt(path: Path, line: int) -> str:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    if not lines:
        return ""
    first = max(1, line - CONTEXT_LINES)
    last = min(len(lines), line + CONTEXT_LINES)
    rows = []
    for n in range(first, last + 1):
        text = html.escape(lines[n - 1]) or " "
        if n == line:
            rows.append(f'<span class="hit"><mark>{n:>4} → {text}</mark></span>')
        else:
            rows.append(f"{n:>4}   {text}")
    return "<pre><code>" + "\n".join(rows) + "</code></pre>"


_STYLE = """
body{font:1rem/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}
main{max-width:60rem;margin:0 auto;padding:1.5rem}
h1{color:#8a1010;font-size:1.6rem}
.problem{border-left:.4rem solid #8a1010;padding:.25rem 1rem;margin:1.5rem 0;background:#fdf3f3}
.where{font-family:ui-monospace,monospace;font-weight:bold}
pre{background:#fff;border:1px solid #ccc;padding:.5rem;overflow-x:auto}
mark{background:#ffe08a;color:#000;display:inline-block;min-width:100%}
"""


def error_page(issues: list[Issue], root: Path, title: str = "Fel i innehållet") -> str:
    """A self-contained Swedish error page (no templates: they may be what is broken)."""
    count = len(issues)
    items = []
    for i, issue in enumerate(issues):
        field = f" <code>{html.escape(issue.field)}</code>" if issue.field else ""
        where = f"{issue.path}:{issue.line}:{issue.column}"
        excerpt = _excerpt(root / issue.path, issue.line) if i < MAX_EXCERPTS else ""
        items.append(
            '<li class="problem">'
            f'<p><span class="where">{html.escape(where)}</span>{field}</p>'
            f"<p>{html.escape(issue.message)}</p>{excerpt}</li>"
        )
    return f"""<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} – förhandsvisning</title>
<style>{_STYLE}</style>
</head>
<body>
<main>
<h1>{html.escape(title)}: {count} fel</h1>
<p>Förhandsvisningen är pausad tills felen är rättade. Rätta filen och spara: sidan laddas om av
sig själv. Inget har skrivits till webbplatsens mapp.</p>
<ol>
{"".join(items)}
</ol>
<p>Samma lista i terminalen: <code>python -m sitegen check</code></p>
</main>
</body>
</html>
"""


def rebuild(
    settings: Settings,
    reporter: Reporter,
    state: PreviewState | None = None,
    on_pages: Callable[[], None] | None = None,
) -> bool:
    """Build once. On errors, report them and (with `state`) show them in the browser.

    `on_pages` is called once the pages that may show the change are in place (see
    :meth:`SiteBuilder.build`); the preview then shows the site again, not an earlier error."""
    state = state if state is not None else PreviewState()
    state.builds += 1
    root = settings.content_dir.resolve().parent
    if state.builder is None:
        state.builder = SiteBuilder(settings, reporter)

    def pages_ready() -> None:
        state.error_html = None
        if on_pages is not None:
            on_pages()

    try:
        state.builder.build(on_pages=pages_ready)
    except ContentError as err:
        print(f"{len(err.issues)} fel; webbläsaren visar dem tills de är rättade.", flush=True)
        state.error_html = error_page(sorted(err.issues), root)
        return False
    except BuildError as err:
        print(f"bygget misslyckades: {err}", flush=True)
        problem = Issue("(bygget)", 1, 1, "", str(err))
        state.error_html = error_page([problem], root, "Bygget misslyckades")
        return False
    except Exception as err:  # the server must survive anything a save can cause
        print(f"bygget misslyckades: {type(err).__name__}: {err}", file=sys.stderr, flush=True)
        problem = Issue("(bygget)", 1, 1, "", f"{type(err).__name__}: {err}")
        state.error_html = error_page([problem], root, "Bygget misslyckades")
        return False
    state.error_html = None
    return True


def _is_page(path: str) -> bool:
    """A request for an HTML page (not a stylesheet, image, feed or data file)."""
    last = path.rsplit("/", 1)[-1]
    return not last or last.endswith(".html") or "." not in last


def make_server(settings: Settings, reporter: Reporter, state: PreviewState) -> Any:
    """A livereload server that serves the output folder, or the error page while there is one."""
    from livereload import Server
    from livereload.handlers import LiveReloadHandler, StaticFileHandler
    from livereload.watcher import get_watcher_class
    from tornado import web
    from tornado.ioloop import IOLoop

    class PreviewHandler(StaticFileHandler):  # type: ignore[misc]
        def initialize(self, path: str, default_filename: str | None = None) -> None:
            super().initialize(path, default_filename)

        async def get(self, path: str, include_body: bool = True) -> None:
            page = state.error_html
            if page is not None and _is_page(path):
                self.set_status(500)
                self.set_header("Content-Type", "text/html; charset=utf-8")
                self.set_header("Cache-Control", "no-store")
                self.finish(page)
                return
            await super().get(path, include_body)

    base = settings.base_url

    class PreviewServer(Server):  # type: ignore[misc]
        def get_web_handlers(self, script: bytes) -> list[Any]:
            handlers: list[Any] = [
                (
                    rf"{re.escape(base)}(.*)",
                    PreviewHandler,
                    {"path": str(settings.out_dir), "default_filename": "index.html"},
                )
            ]
            if base != "/":
                handlers.append((r"/", web.RedirectHandler, {"url": base}))
            return handlers

    class QuietWatcher(get_watcher_class()):  # type: ignore[misc]
        """Runs the watch tasks, but never has livereload reload the browser for a change (it
        would as soon as a task returns, before the build in the background is done): the
        rebuilder says when. The reload after the server (re)starts stays livereload's."""

        def examine(self) -> tuple[str | None, float | None]:
            filepath, delay = super().examine()
            return (filepath, delay) if filepath == "__livereload__" else (None, None)

    server = PreviewServer(watcher=QuietWatcher())
    loop: list[Any] = []  # the server's event loop, known from the first save on

    def reload() -> None:
        # Reload now (also after a quick second save, which livereload would skip), from the
        # server's own thread.
        loop[0].add_callback(LiveReloadHandler.reload_waiters)

    rebuilder = Rebuilder(
        lambda on_pages: rebuild(settings, reporter, state, on_pages=on_pages), reload
    )

    def on_change() -> None:
        if not loop:
            loop.append(IOLoop.current())
        rebuilder.request()

    for folder in (settings.content_dir, settings.templates_dir):
        server.watch(str(folder / "**" / "*"), on_change)
    return server


class Rebuilder:
    """Runs `build(on_pages)` in a thread of its own, one build at a time, so that the server
    answers while a build runs: the browser is reloaded as soon as the changed pages are in
    place (`on_pages`), while the search index is still being refreshed (at 290 municipalities
    the pages take 0.3 s, the whole rebuild 48 s). Saves during a build lead to one more build
    after it, which sees them all. When the pages were never reported ready (an error, or
    nothing changed) or the build failed after them, the browser is reloaded at the end."""

    def __init__(self, build: Callable[[Callable[[], None]], bool], reload: Callable[[], None]):
        self._build = build
        self._reload = reload
        self._lock = threading.Lock()
        self._running = False
        self._again = False

    def request(self) -> threading.Thread | None:
        """Build now, or after the running build; the thread when one was started."""
        with self._lock:
            if self._running:
                self._again = True
                return None
            self._running = True
        thread = threading.Thread(target=self._run, name="malbild-bygge", daemon=True)
        thread.start()
        return thread

    def _run(self) -> None:
        while True:
            try:
                self._once()
            except BaseException:
                with self._lock:
                    self._running = self._again = False
                raise
            with self._lock:
                if not self._again:
                    self._running = False
                    return
                self._again = False

    def _once(self) -> None:
        reloaded = False

        def pages_ready() -> None:
            nonlocal reloaded
            reloaded = True
            self._reload()

        ok = self._build(pages_ready)
        if not reloaded or not ok:
            self._reload()


def serve(settings: Settings, reporter: Reporter, host: str = "127.0.0.1", port: int = 8000) -> int:
    state = PreviewState()
    rebuild(settings, reporter, state)
    server = make_server(settings, reporter, state)
    print(f"Servar http://{host}:{port}{settings.base_url} – avsluta med Ctrl+C", flush=True)
    try:
        server.serve(host=host, port=port, root=str(settings.out_dir), restart_delay=0)
    except OSError as err:
        print(
            f"fel: kan inte lyssna på {host}:{port} ({err.strerror}); "
            "välj en annan port med --port",
            file=sys.stderr,
        )
        return 2
    return 0
