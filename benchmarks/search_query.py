"""How fast a reader gets search results, and how much the browser loads for them.

    python benchmarks/search_query.py SITE_DIR [--runs 5] [--query bostad --query trygghet …]

Serves a built site on 127.0.0.1 and drives Debian's Chromium (Playwright, no download) like a
reader, in a fresh browser context (empty cache) for every run and query:

- **linked**: open `/sok/?q=<query>`: milliseconds from navigation start until the first result
  is on the page (the page, its CSS and scripts, Pagefind's metadata and WebAssembly included);
- **typed**: open `/sok/`, wait until search is ready (Pagefind's metadata and WebAssembly load
  with the page), submit the query: milliseconds from the submit to the first result;
- **keyed** (added later; the two above are unchanged, so their figures stay comparable): open
  `/sok/`, wait until search is ready, type the query into the field key by key
  (`KEY_DELAY_MS` between keys, a brisk typist; the page's search-as-you-type waits longer than
  that, so normally it does not start during the typing: `searched_while_typing` counts the runs
  where it did, on a busy machine), then press Enter: milliseconds from the Enter key to the
  first result that search adds. What the page does while the reader types (preloading the
  word's index chunk) counts here, and its bytes are included.

For each it records the milliseconds and the bytes of every Pagefind file the browser fetched
(`pagefind/…`: scripts, metadata, WebAssembly, index chunks, fragments), counting text files
(`.js`, `.json`) as a static host sends them gzipped; Pagefind's own index files are compressed
already. Prints one JSON object (medians, min, max per query) — `benchmarks/run.py` calls it
with the site it built at each size.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import statistics
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DEFAULT_QUERIES = ("bostad", "trygghet", "förskola", "klimatutsläpp", "hemtjänst")
DONE = "#sok-status[data-state='results'], #sok-status[data-state='none']"
TEXT_SUFFIXES = (".js", ".json", ".css", ".html")
MODES = ("linked", "typed", "keyed")
KEY_DELAY_MS = 120


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _serve(root: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=root))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return server, f"http://{host}:{port}"


def _wire_bytes(root: Path, path: str, cache: dict[str, int]) -> int:
    if path not in cache:
        data = (root / path.lstrip("/")).read_bytes()
        cache[path] = len(gzip.compress(data)) if path.endswith(TEXT_SUFFIXES) else len(data)
    return cache[path]


# Timed in the page itself (performance.now(), from navigation start or from the submit), so the
# figures are the browser's, not Playwright's round trips: the moment the first result link (or
# the "no hits" message) is in the document.
_WATCH = """
window.__firstResult = new Promise((resolve) => {
  const done = () => document.querySelector("#sok-traffar li h3 a, #sok-status[data-state='none']");
  const observer = new MutationObserver(() => {
    if (done()) { observer.disconnect(); resolve(performance.now()); }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true });
});
"""
_SUBMIT = """(query) => {
  window.__started = performance.now();
  document.getElementById("sok-q").value = query;
  document.getElementById("sok").requestSubmit();
}"""
_ON_ENTER = """() => {
  // From the Enter key on, the first result added to the list (or the "no hits" message) is this
  // search's: Enter starts a new search, and one begun while typing adds nothing after that.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    window.__started = performance.now();
    window.__early = document.querySelector("#sok-traffar li") !== null;
    window.__keyedResult = new Promise((resolve) => {
      const observer = new MutationObserver((records) => {
        for (const r of records) {
          const added = Array.from(r.addedNodes).some((n) => n.nodeName === "LI");
          const none = r.type === "attributes" && r.target.dataset?.state === "none";
          if ((r.target.id === "sok-traffar" && added) || (r.target.id === "sok-status" && none)) {
            observer.disconnect();
            resolve(performance.now());
            return;
          }
        }
      });
      observer.observe(document, { subtree: true, childList: true, attributes: true });
    });
  }, { capture: true });
}"""


def _one(browser: Any, root: Path, origin: str, query: str, mode: str, sizes: dict) -> dict:
    context = browser.new_context()
    fetched: list[str] = []
    early = False

    def finished(request: Any) -> None:
        path = request.url.removeprefix(origin).split("?")[0]
        if path.startswith("/pagefind/"):
            fetched.append(path)

    context.on("requestfinished", finished)
    page = context.new_page()
    page.add_init_script(_WATCH)
    try:
        if mode == "typed":
            page.goto(f"{origin}/sok/")
            page.wait_for_selector("#sok[data-ready='true']")
            page.evaluate(_SUBMIT, query)
            ms = page.evaluate("window.__firstResult.then((t) => t - window.__started)")
        elif mode == "keyed":
            page.goto(f"{origin}/sok/")
            page.wait_for_selector("#sok[data-ready='true']")
            page.evaluate(_ON_ENTER)
            page.click("#sok-q")
            page.keyboard.type(query, delay=KEY_DELAY_MS)
            page.keyboard.press("Enter")
            ms = page.evaluate("window.__keyedResult.then((t) => t - window.__started)")
            early = page.evaluate("window.__early")
        else:
            page.goto(f"{origin}/sok/?q={query}")
            ms = page.evaluate("window.__firstResult")
        page.wait_for_selector(DONE)
        hits = page.inner_text("#sok-status")
    finally:
        context.close()
    kb = sum(_wire_bytes(root, path, sizes) for path in set(fetched)) / 1024
    return {"ms": ms, "kb": kb, "files": len(set(fetched)), "status": hits, "early": early}


def _stats(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), 1),
        "min": round(min(values), 1),
        "max": round(max(values), 1),
    }


def measure(root: Path, queries: list[str], runs: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).is_file():
        raise SystemExit(f"{CHROMIUM} saknas: installera Debians chromium (apt-get install)")
    server, origin = _serve(root)
    sizes: dict[str, int] = {}
    out: dict[str, Any] = {"queries": {}}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            _one(browser, root, origin, queries[0], "typed", sizes)  # warm the OS file cache
            for query in queries:
                row: dict[str, Any] = {}
                for mode in MODES:
                    runs_ = [_one(browser, root, origin, query, mode, sizes) for _ in range(runs)]
                    row[mode] = {
                        "ms": _stats([r["ms"] for r in runs_]),
                        "kb": _stats([r["kb"] for r in runs_]),
                        "files": runs_[0]["files"],
                    }
                    if mode == "keyed":  # runs where a pause in typing started a search early
                        row[mode]["searched_while_typing"] = sum(r["early"] for r in runs_)
                row["status"] = runs_[0]["status"]
                out["queries"][query] = row
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    rows = list(out["queries"].values())
    for mode in MODES:
        out[mode] = {
            "ms_median_of_medians": _stats([r[mode]["ms"]["median"] for r in rows]),
            "kb_max": max(r[mode]["kb"]["max"] for r in rows),
            "ms_max": max(r[mode]["ms"]["max"] for r in rows),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--query", action="append", dest="queries")
    args = parser.parse_args(argv)
    result = measure(args.site.resolve(), args.queries or list(DEFAULT_QUERIES), args.runs)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
