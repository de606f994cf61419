"""Hand Pagefind only the pages it will index, one language at a time.

Pagefind reads and parses every HTML file under `--site`, even the pages it then skips because
they have no `data-pagefind-body` (indicator pages, change histories, the start page). At 290
municipalities that is 100,000 files for 30,000 indexed pages: two thirds of its time and about
half its memory went to pages it threw away. So the indexer links the pages to index into a
scratch folder and runs Pagefind over that; their paths, and so their URLs, are the same as in
the site. The folder is made in memory with symbolic links when the machine has a memory file
system (sitegen/search/indexer.py), else inside the staged site with hard links (no copying in
either case; in `serve`, in the fresh folder the index is written to, beside the published
site).

Pagefind's memory also grows with the pages of one run (at 290 municipalities it peaked at
2.7 GB for both languages, 1.8 GB for one), though it builds one index per language, each on its
own. So the pages are linked into one scratch folder per language (the primary subtag of
`<html lang>`: Pagefind never puts two such groups in one index) and Pagefind runs once per
folder; its peak is that of the biggest language, not of all.

Which pages: those whose `<main>` tag carries `data-pagefind-body` (the only element our
templates put it on: base.html's `search_body` block). Only the start of each file is read, up to
the end of that tag. A site with no such page at all is indexed whole, as Pagefind would.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: The scratch folder, inside the staged site; removed after indexing, never published.
SCRATCH_DIR = ".sokindex-sidor"

_MARK = b"data-pagefind-body"
_CHUNK = 16384
_HTML_LANG = re.compile(rb"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]+)""", re.IGNORECASE)


def page_language(path: Path) -> str | None:
    """The language group of a page Pagefind will index (lower-case primary subtag of
    `<html lang>`, '' when there is none), or None when its `<main>` tag has no
    `data-pagefind-body` (reads up to that tag)."""
    return _language_and_size(path)[0]


def _language_and_size(path: Path | str) -> tuple[str | None, int]:
    """:func:`page_language`, and the page's size in bytes. (Plain system calls rather than a
    file object: at 290 municipalities the survey reads 100,000 pages, and file objects added
    a third to its time.)"""
    seen = b""
    fd = os.open(path, os.O_RDONLY)
    try:
        size = os.fstat(fd).st_size
        while chunk := os.read(fd, _CHUNK):
            seen += chunk
            start = seen.find(b"<main")
            if start < 0:
                continue
            end = seen.find(b">", start)
            if end < 0:
                continue
            if _MARK not in seen[start:end]:
                return None, size
            lang = _HTML_LANG.search(seen, 0, start)
            return (lang.group(1).decode("ascii").lower() if lang else ""), size
    finally:
        os.close(fd)
    return None, size


def is_indexed(path: Path) -> bool:
    """Whether the page's `<main>` tag has `data-pagefind-body` (reads up to that tag)."""
    return page_language(path) is not None


def indexed_pages(site_dir: Path, skip: str) -> dict[str, list[str]]:
    """Paths (relative, '/'-separated, sorted) of the pages Pagefind should index, by language
    group (sorted)."""
    return _survey(site_dir, skip)[0]


def _survey(site_dir: Path, skip: str) -> tuple[dict[str, list[str]], int, int]:
    """:func:`indexed_pages`, the bytes of those pages, and the bytes of every HTML page."""
    found: dict[str, list[str]] = {}
    indexed = every = 0
    for folder, dirs, files in os.walk(site_dir):
        rel = os.path.relpath(folder, site_dir)
        if rel == ".":
            dirs[:] = [d for d in dirs if d not in (skip, SCRATCH_DIR)]
        for name in files:
            if not name.endswith(".html"):
                continue
            language, size = _language_and_size(os.path.join(folder, name))
            every += size
            if language is not None:
                page = name if rel == "." else f"{rel}/{name}".replace(os.sep, "/")
                found.setdefault(language, []).append(page)
                indexed += size
    groups = {language: sorted(found[language]) for language in sorted(found)}
    return groups, indexed, every


class Folders(list[Path]):
    """The folders Pagefind is to index, and how many bytes of HTML they hold."""

    def __init__(self, folders: list[Path], html_bytes: int) -> None:
        super().__init__(folders)
        self.html_bytes = html_bytes


@contextmanager
def pages_to_index(
    site_dir: Path, skip: str, scratch_in: Path | None = None, symlinks: bool = False
) -> Iterator[Folders]:
    """Folders holding just the pages to index, one per language group; or the site itself
    alone when no page is marked (Pagefind then indexes every page whole) or the links cannot
    be made. The folders are made in `scratch_in` (default: the site itself). The pages are
    hard links, so `scratch_in` must be on the site's file system; or, with `symlinks`,
    symbolic links to the pages (Pagefind reads through them), so that the folders can be made
    anywhere, e.g. in memory (sitegen/search/indexer.py)."""
    groups, indexed, every = _survey(site_dir, skip)
    if not groups:
        yield Folders([site_dir], every)
        return
    scratch = (scratch_in or site_dir) / SCRATCH_DIR
    link = os.symlink if symlinks else os.link
    site_dir = site_dir.resolve()  # symbolic links lead to absolute paths
    folders = []
    try:
        for number, pages in enumerate(groups.values()):
            folder = scratch / str(number)  # a folder name no page path can clash with
            for rel in pages:
                target = folder / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                link(site_dir / rel, target)
            folders.append(folder)
    except OSError:
        shutil.rmtree(scratch, ignore_errors=True)
        yield Folders([site_dir], every)
        return
    try:
        yield Folders(folders, indexed)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
