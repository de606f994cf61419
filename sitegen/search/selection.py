"""Hand Pagefind only the pages it will index.

Pagefind reads and parses every HTML file under `--site`, even the pages it then skips because
they have no `data-pagefind-body` (indicator pages, change histories, the start page). At 290
municipalities that is 100,000 files for 30,000 indexed pages: two thirds of its time and about
half its memory went to pages it threw away. So the indexer links the pages to index into a
scratch folder inside the staged site (hard links: no copying) and runs Pagefind over that;
their paths, and so their URLs, are the same as in the site. (In `serve`, the folder is made in
the fresh folder the index is written to, beside the published site.)

Which pages: those whose `<main>` tag carries `data-pagefind-body` (the only element our
templates put it on: base.html's `search_body` block). Only the start of each file is read, up to
the end of that tag. A site with no such page at all is indexed whole, as Pagefind would.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: The scratch folder, inside the staged site; removed after indexing, never published.
SCRATCH_DIR = ".sokindex-sidor"

_MARK = b"data-pagefind-body"
_CHUNK = 16384


def is_indexed(path: Path) -> bool:
    """Whether the page's `<main>` tag has `data-pagefind-body` (reads up to that tag)."""
    seen = b""
    with open(path, "rb") as file:
        while chunk := file.read(_CHUNK):
            seen += chunk
            start = seen.find(b"<main")
            if start < 0:
                continue
            end = seen.find(b">", start)
            if end < 0:
                continue
            return _MARK in seen[start:end]
    return False


def indexed_pages(site_dir: Path, skip: str) -> list[str]:
    """Paths (relative, '/'-separated, sorted) of the pages Pagefind should index."""
    found = []
    for folder, dirs, files in os.walk(site_dir):
        rel = os.path.relpath(folder, site_dir)
        if rel == ".":
            dirs[:] = [d for d in dirs if d not in (skip, SCRATCH_DIR)]
        for name in files:
            if name.endswith(".html") and is_indexed(Path(folder) / name):
                found.append(name if rel == "." else f"{rel}/{name}".replace(os.sep, "/"))
    return sorted(found)


@contextmanager
def pages_to_index(site_dir: Path, skip: str, scratch_in: Path | None = None) -> Iterator[Path]:
    """A folder holding just the pages to index (hard links), or the site itself when no page
    is marked (Pagefind then indexes every page whole) or the file system has no hard links.
    The folder is made in `scratch_in` (default: the site itself), which must be on the same
    file system as the site."""
    pages = indexed_pages(site_dir, skip)
    if not pages:
        yield site_dir
        return
    scratch = (scratch_in or site_dir) / SCRATCH_DIR
    try:
        for rel in pages:
            target = scratch / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(site_dir / rel, target)
    except OSError:
        shutil.rmtree(scratch, ignore_errors=True)
        yield site_dir
        return
    try:
        yield scratch
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
