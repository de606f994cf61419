"""Browser fixtures: a built site served on 127.0.0.1 and Debian's Chromium driven by Playwright.

The browser tests FAIL (never skip) when Chromium is missing: install it with
`apt-get install chromium` (`.ci/run` does). No browser is ever downloaded.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class StaticServer:
    """A threaded http.server over one folder, on a free port of 127.0.0.1."""

    def __init__(self, root: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def origin(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def serve_folder() -> Iterator[Callable[[Path], str]]:
    """Serve any folder for the rest of the session: `origin = serve_folder(path)`."""
    servers: list[StaticServer] = []

    def _serve(root: Path) -> str:
        servers.append(StaticServer(root))
        return servers[-1].origin

    yield _serve
    for server in servers:
        server.close()


@pytest.fixture(scope="session")
def site_server(built_site: tuple[Path, Any], serve_folder: Callable[[Path], str]) -> str:
    """The session's built site (base path '/') served over HTTP: its origin."""
    return serve_folder(built_site[0])


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} saknas: webbläsartesterna behöver Debians chromium "
            "(apt-get install chromium); ingen webbläsare laddas ner."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(locale="sv-SE")
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()
