"""`python -m sitegen serve`: a real server on 127.0.0.1 that rebuilds on save, shows content
errors as a page (file, line, message) while it keeps running, and recovers when the file is fixed.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from editor_support import GOAL, REPO, make_content
from tornado.websocket import websocket_connect

from sitegen.issues import Issue
from sitegen.serve import Rebuilder, error_page

#: Upper bound for one build plus the watcher's polling (a loaded CI machine is slow).
DEADLINE = 120.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")
    except OSError:
        return 0, ""


def wait_for(url: str, ok: Callable[[int, str], bool], proc: subprocess.Popen[str]) -> str:
    end = time.monotonic() + DEADLINE
    status, body = 0, ""
    while time.monotonic() < end:
        assert proc.poll() is None, "the server stopped"
        status, body = fetch(url)
        if ok(status, body):
            return body
        time.sleep(0.25)
    pytest.fail(f"timed out waiting for {url}: last status {status}\n{body[:500]}")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen[str]]]:
    content = make_content(tmp_path)
    out = tmp_path / "site"
    port = free_port()
    cmd = [sys.executable, "-m", "sitegen", "serve", "--content", str(content)]
    cmd += ["--out", str(out), "--port", str(port), "--no-pdf"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        cmd, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        yield f"http://127.0.0.1:{port}", content, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


def test_error_page_then_recovery(server: tuple[str, Path, subprocess.Popen[str]]) -> None:
    base, content, proc = server
    page = f"{base}/kommuner/exempelby/mal/trivsel/"
    body = wait_for(page, lambda s, b: s == 200, proc)
    assert "Alla invånare ska trivas i Exempelby" in body
    published = content.parent / "site/kommuner/exempelby/mal/trivsel/index.html"
    before = published.read_bytes()

    goal = content / GOAL
    good = goal.read_text(encoding="utf-8")
    goal.write_text(good.replace("niva: kf", "niva: kff"), encoding="utf-8")
    body = wait_for(page, lambda s, b: s == 500, proc)
    assert "Fel i innehållet: 1 fel" in body
    assert f"content/{GOAL}:13:7" in body
    assert "Menade du &#x27;kf&#x27;?" in body
    assert "→ niva: kff" in body  # the line itself, marked
    assert "livereload.js" in body  # the browser keeps listening for the fix
    # Every page shows the error, and the written site is untouched.
    status, other = fetch(f"{base}/")
    assert status == 500 and "Fel i innehållet" in other
    assert published.read_bytes() == before

    goal.write_text(good.replace("titel: 'Alla", "titel: 'Nu ska alla"), encoding="utf-8")
    body = wait_for(page, lambda s, b: s == 200 and "Nu ska alla" in b, proc)
    assert "Fel i innehållet" not in body
    assert proc.poll() is None


def test_the_browser_reloads_once_when_the_changed_page_is_ready(
    server: tuple[str, Path, subprocess.Popen[str]],
) -> None:
    """The reload comes when the page shows the change (not before, as livereload would do
    by itself, nor only after the search index), and once."""
    base, content, proc = server
    page = f"{base}/kommuner/exempelby/mal/trivsel/"
    wait_for(page, lambda s, b: s == 200, proc)
    entry = content.parent / "site" / "pagefind" / "pagefind-entry.json"
    index_before = entry.stat().st_ino

    async def watch() -> tuple[str, list[str]]:
        ws = await websocket_connect(base.replace("http", "ws") + "/livereload")
        await ws.write_message(json.dumps({"command": "hello", "protocols": []}))
        await ws.read_message()
        await ws.write_message(json.dumps({"command": "info", "url": page}))
        try:  # livereload's own reload of the browsers there when the server starts
            while True:
                await asyncio.wait_for(ws.read_message(), 2)
        except TimeoutError:
            pass
        await asyncio.sleep(2)  # past livereload's 3 s between reloads, which would hide one
        goal = content / GOAL
        goal.write_text(
            goal.read_text("utf-8").replace("titel: 'Alla", "titel: 'Nu ska alla"), "utf-8"
        )
        first = await asyncio.wait_for(ws.read_message(), DEADLINE)
        assert first is not None and '"reload"' in first
        shown = fetch(page)[1]  # what the reloaded browser gets
        end = time.monotonic() + DEADLINE
        while entry.stat().st_ino == index_before and time.monotonic() < end:
            await asyncio.sleep(0.2)  # the search index is refreshed after the pages
        more: list[str] = []
        try:
            while True:  # two rounds of the watcher after the index: nothing more
                message = await asyncio.wait_for(ws.read_message(), 2)
                more.append(str(message))
        except TimeoutError:
            pass
        ws.close()
        return shown, more

    # In a thread of its own: the browser tests' Playwright keeps an event loop in this one.
    results: list[tuple[str, list[str]]] = []
    thread = threading.Thread(target=lambda: results.append(asyncio.run(watch())))
    thread.start()
    thread.join(timeout=3 * DEADLINE)
    assert results, "the watch ended without a result"
    shown, more = results[0]
    assert "Nu ska alla" in shown
    assert entry.stat().st_ino != index_before
    assert more == []


def test_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    content = make_content(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        cmd = [sys.executable, "-m", "sitegen", "serve", "--content", str(content)]
        cmd += ["--out", str(tmp_path / "site"), "--port", str(port), "--no-pdf"]
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        done = subprocess.run(
            cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=DEADLINE
        )
    assert done.returncode == 2
    assert f"kan inte lyssna på 127.0.0.1:{port}" in done.stderr
    assert "Traceback" not in done.stderr


def test_error_page_lists_every_problem_with_its_lines(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content/a.yaml").write_text("x: 1\ny: <b>\nz: 3\n", encoding="utf-8")
    issues = [
        Issue("content/a.yaml", 2, 4, "y", "fel värde <b>"),
        Issue("content/saknas.yaml", 1, 1, "", "filen saknas"),
    ]
    html = error_page(issues, tmp_path)
    assert html.count('<li class="problem">') == 2
    assert "content/a.yaml:2:4" in html and "content/saknas.yaml:1:1" in html
    assert "fel värde &lt;b&gt;" in html and "<b>" not in html.split("<body>")[1]
    assert "→ y: &lt;b&gt;" in html
    assert html.count("<h1>") == 1 and 'lang="sv"' in html


class _FakeBuilds:
    """Builds for a :class:`Rebuilder` that the test lets through one by one, each reporting its
    pages ready (or not) and ending well (or not), and a log of builds and reloads."""

    def __init__(self, *outcomes: tuple[bool, bool]) -> None:
        self.outcomes = list(outcomes)  # (pages ready, ok) per build
        self.log: list[str] = []
        self.go = threading.Semaphore(0)
        self.waiting = threading.Event()

    def build(self, on_pages: Callable[[], None]) -> bool:
        pages, ok = self.outcomes.pop(0)
        self.log.append("build")
        if pages:
            on_pages()
        self.waiting.set()
        self.go.acquire()  # the finishing steps, until the test lets them end
        self.log.append("end")
        return ok

    def reload(self) -> None:
        self.log.append("reload")


def _settled(builds: _FakeBuilds, thread: threading.Thread) -> None:
    """Let the running build and every build still to come end; wait for the thread."""
    for _ in [*builds.outcomes, None]:
        builds.go.release()
    thread.join(timeout=10)
    assert not thread.is_alive()


def test_the_browser_reloads_when_the_pages_are_ready_not_when_the_build_ends() -> None:
    builds = _FakeBuilds((True, True))
    rebuilder = Rebuilder(builds.build, builds.reload)
    thread = rebuilder.request()
    assert thread is not None
    assert builds.waiting.wait(10)
    assert builds.log == ["build", "reload"]  # while the index is still being made
    _settled(builds, thread)
    assert builds.log == ["build", "reload", "end"]  # and not again


def test_saves_during_a_build_lead_to_one_more_build() -> None:
    builds = _FakeBuilds((True, True), (True, True), (False, True))
    rebuilder = Rebuilder(builds.build, builds.reload)
    thread = rebuilder.request()
    assert thread is not None and builds.waiting.wait(10)
    assert rebuilder.request() is None and rebuilder.request() is None
    builds.go.release()  # the first build ends, then the one more
    builds.go.release()
    thread.join(timeout=10)
    assert builds.log == ["build", "reload", "end", "build", "reload", "end"]
    thread = rebuilder.request()  # idle again: a new save starts a new build
    assert thread is not None
    _settled(builds, thread)
    assert builds.log[6:] == ["build", "end", "reload"] and builds.outcomes == []


@pytest.mark.parametrize(
    ("outcome", "log"),
    [
        ((False, False), ["build", "end", "reload"]),  # content error: the error page
        ((False, True), ["build", "end", "reload"]),  # nothing changed
        ((True, False), ["build", "reload", "end", "reload"]),  # the index failed after
    ],
)
def test_the_browser_reloads_at_the_end_when_the_pages_were_not_reloaded_or_it_failed(
    outcome: tuple[bool, bool], log: list[str]
) -> None:
    builds = _FakeBuilds(outcome)
    rebuilder = Rebuilder(builds.build, builds.reload)
    thread = rebuilder.request()
    assert thread is not None
    _settled(builds, thread)
    assert builds.log == log
