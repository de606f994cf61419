"""Build the Pagefind search index over a rendered site, with Pagefind's own binary.

The pages are handed to the binary in one run per language (the same work as `python -m
pagefind --site DIR`), never page by page, and only the pages it will index
(sitegen/search/selection.py); the runs' bundles are merged into one, as one run would write it.
Pagefind reads each page's `lang` (one index per language, Swedish stemming for `lang="sv"`),
indexes only `data-pagefind-body` elements and collects the `data-pagefind-filter` /
`data-pagefind-meta` attributes the templates set.
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.search.selection import pages_to_index
from sitegen.search.stable import ENTRY_FILE, stabilise_bundle
from sitegen.write import OutputError

#: Folder of the search bundle inside the site; the search page loads `<base>pagefind/pagefind.js`.
BUNDLE_DIR = "pagefind"

#: Labels of description lists ("Plan", "Källa") and table headings and captions ("År",
#: "Målvärde") are UI, not content: left out, they neither run into their values ("PlanMål för …",
#: Pagefind joins cells) nor make every page a hit for "mål".
EXCLUDE_SELECTORS = "dt, thead, caption"

#: A hung binary must not hang the build forever (290 municipalities index in well under this).
TIMEOUT_SECONDS = 900


class SearchIndexError(OutputError):
    """The search index could not be built; the build fails and nothing is published."""


@dataclass(frozen=True)
class IndexStats:
    """What one indexing run produced."""

    pages: dict[str, int]  # language → pages indexed
    seconds: float
    bundle: Path

    @property
    def total_pages(self) -> int:
        return sum(self.pages.values())


def pagefind_executable() -> Path:
    """The Pagefind binary of the `pagefind[bin]` package (or $PAGEFIND_BINARY_PATH)."""
    try:
        from pagefind.service import get_executable
    except ImportError as err:
        raise SearchIndexError(
            "sökindexet kan inte byggas: Python-paketet pagefind saknas "
            "(installera med: pip install 'pagefind[bin]')"
        ) from err
    try:
        exe = get_executable()
    except FileNotFoundError as err:
        raise SearchIndexError(
            f"sökindexet kan inte byggas: Pagefind-programmet saknas: {err}"
        ) from err
    if exe is None or not exe.is_file():
        raise SearchIndexError(
            "sökindexet kan inte byggas: Pagefind-programmet hittades inte "
            "(installera med: pip install 'pagefind[bin]')"
        )
    return exe


def index_site(
    site_dir: Path, *, bundle_dir: str = BUNDLE_DIR, out_dir: Path | None = None
) -> IndexStats:
    """Index every HTML page under `site_dir` and write the bundle to `out_dir/bundle_dir`
    (`out_dir`: by default the site itself; `serve` writes into a fresh folder beside it).

    Raises :class:`SearchIndexError` (with a Swedish message) if Pagefind fails or indexes no
    page. Callable on its own, e.g. by a benchmark: ``index_site(Path("_site")).seconds``.
    """
    site_dir = Path(site_dir).resolve()
    if not site_dir.is_dir():
        raise SearchIndexError(f"sökindexet kan inte byggas: mappen {site_dir} finns inte")
    out = site_dir if out_dir is None else Path(out_dir).resolve()
    bundle = out / bundle_dir
    if bundle.exists():
        raise SearchIndexError(
            f"sökindexet kan inte byggas: {bundle_dir}/ finns redan i webbplatsen; "
            "den sökvägen är reserverad för sökindexet"
        )
    executable = str(pagefind_executable())
    started = time.perf_counter()
    # Exits in order: the scratch pages are removed while the bundle is finished in the
    # background, which is waited for before the memory folder it may be in goes.
    with _MemoryFolder() as memory, ThreadPoolExecutor(max_workers=2) as background:
        # The pages to index are linked into a scratch folder: symbolic links in memory (when
        # there is a memory file system; creating and removing thousands of folders is fast
        # there), else hard links in the site.
        in_memory = memory.make()
        with pages_to_index(
            site_dir, bundle_dir, scratch_in=in_memory or out, symlinks=in_memory is not None
        ) as sources:
            work = memory.place(bundle, needed=sources.html_bytes)
            # One run per language (see selection.py): the first writes the bundle, each
            # further run writes beside it (in memory only when the bundle is) and is moved in.
            for number, source in enumerate(sources):
                target = work if number == 0 else work.parent / f".{bundle_dir}-{number}"
                _pagefind(executable, source, target)
                if target != work:
                    _merge(target, work)
                    shutil.rmtree(target)
            pages = _indexed_pages(work)
            if not pages or not any(pages.values()):
                raise SearchIndexError(
                    "sökindexet kunde inte byggas: Pagefind indexerade inga sidor"
                )
            finished = background.submit(_finish, work, bundle, background)
        finished.result()
    return IndexStats(pages=pages, seconds=time.perf_counter() - started, bundle=bundle)


#: The folder of Pagefind's page fragments (one file per page): stable.py leaves it as it is.
FRAGMENT_DIR = "fragment"


def _finish(work: Path, bundle: Path, background: ThreadPoolExecutor) -> None:
    """Same bytes from every build of the same pages (stable.py), then into the site. The page
    fragments, most of the bundle's files, are copied while the rest is rewritten."""
    if work == bundle:
        stabilise_bundle(work)
        return
    bundle.mkdir()
    fragments = None
    if (work / FRAGMENT_DIR).is_dir():
        fragments = background.submit(_copy_folder, work / FRAGMENT_DIR, bundle / FRAGMENT_DIR)
    try:
        try:
            stabilise_bundle(work)

            def skip(folder: str, names: list[str]) -> list[str]:
                return [FRAGMENT_DIR] if fragments and Path(folder) == work else []

            shutil.copytree(work, bundle, ignore=skip, dirs_exist_ok=True, copy_function=_copy)
        finally:
            if fragments is not None:
                fragments.result()
    except BaseException:
        shutil.rmtree(bundle, ignore_errors=True)  # no half bundle in the site
        raise


#: Bytes only: the files' times and modes are the site's own, as if Pagefind wrote them there.
_copy = shutil.copyfile

#: The system's copy program, for the fragments (see :func:`_copy_folder`).
CP = shutil.which("cp") if os.name == "posix" else None


def _copy_folder(source: Path, target: Path) -> None:
    """Copy a folder of many small files, e.g. 11,600 fragments at 290 municipalities.

    With `cp` the copying runs in a process of its own: in this one, each file's few system
    calls waited for the interpreter lock that stable.py's rewriting holds meanwhile (at 290
    municipalities the finishing step took 2.9 s instead of 2.2 s). Like :data:`_copy`,
    `cp -R` without `-p` keeps neither times nor owners, and gives modes the site's umask.
    Without `cp`, the copy is made here.
    """
    if CP is None:
        shutil.copytree(source, target, copy_function=_copy)
        return
    try:
        run = subprocess.run(
            [CP, "-R", str(source), str(target)],
            capture_output=True,
            text=True,
            errors="replace",
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        raise SearchIndexError(f"sökindexet kunde inte kopieras till webbplatsen: {err}") from err
    if run.returncode != 0:
        raise SearchIndexError(
            f"sökindexet kunde inte kopieras till webbplatsen: {_last_lines(run.stderr)}"
        )


#: Where Pagefind writes its bundle first when the machine has it: a memory-backed file system.
#: Pagefind writes its thousands of small files much faster there than to a disk (at 11,600
#: pages on the benchmark machine: 8.8 s instead of 12 s, its system time 2 s instead of 8 s),
#: and copying the finished bundle to the site takes one to two seconds (:func:`_finish`).
MEMORY_DIR = Path("/dev/shm")
#: Room the memory file system must have beyond the HTML of the pages to index (the bundle is
#: less than half the size of that HTML); with less, the bundle is written in the site directly.
MEMORY_SPARE_BYTES = 512 * 1024 * 1024


#: Names of the memory folders: this prefix, then the process id of the build that made it.
MEMORY_PREFIX = "malbild-sokindex-"


class _MemoryFolder:
    """A scratch folder in :data:`MEMORY_DIR` (made by :meth:`make`), removed on exit; one left
    by a build that was killed is removed by the next (its process is gone), since it would
    hold on to memory until the machine restarts."""

    def __init__(self) -> None:
        self.path: Path | None = None

    def __enter__(self) -> _MemoryFolder:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.path is not None:
            shutil.rmtree(self.path, ignore_errors=True)

    def make(self) -> Path | None:
        """The folder, made now; None when there is no memory file system to make it in."""
        if self.path is None:
            try:
                if os.access(MEMORY_DIR, os.W_OK):
                    _remove_stale_folders()
                    prefix = f"{MEMORY_PREFIX}{os.getpid()}-"
                    self.path = Path(tempfile.mkdtemp(prefix=prefix, dir=MEMORY_DIR))
            except OSError:
                self.path = None
        return self.path

    def place(self, bundle: Path, needed: int) -> Path:
        """Where to write `bundle`: in the memory folder when it has room for `needed` bytes and
        :data:`MEMORY_SPARE_BYTES` more, else `bundle` itself."""
        folder = self.make()
        try:
            if folder is None or shutil.disk_usage(folder).free < MEMORY_SPARE_BYTES + needed:
                return bundle
        except OSError:
            return bundle
        return folder / bundle.name


def _remove_stale_folders() -> None:
    """Remove memory folders whose build process no longer runs."""
    for entry in os.scandir(MEMORY_DIR):
        if not entry.name.startswith(MEMORY_PREFIX):
            continue
        pid = entry.name[len(MEMORY_PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(entry.path, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. another user's process: running
        return True
    return True


def _pagefind(executable: str, source: Path, bundle: Path) -> None:
    command = [executable, "--site", str(source), "--output-path", str(bundle)]
    command += ["--exclude-selectors", EXCLUDE_SELECTORS, "--quiet"]
    run = _run(command)
    if run.returncode != 0:
        detail = _last_lines(run.stderr or run.stdout)
        raise SearchIndexError(
            f"sökindexet kunde inte byggas: Pagefind avslutades med kod {run.returncode}: {detail}"
        )


def _merge(part: Path, bundle: Path) -> None:
    """Move the bundle of one run into the bundle of the runs before it.

    A run's files are its own (named by a hash of their content, prefixed with the language)
    except Pagefind's scripts and WebAssembly, which every run writes the same; the entry file
    lists the languages of both.
    """
    for folder, _, files in os.walk(part):
        rel = Path(folder).relative_to(part)
        (bundle / rel).mkdir(exist_ok=True)
        for name in files:
            if rel == Path(".") and name == ENTRY_FILE:
                continue
            src, dst = Path(folder) / name, bundle / rel / name
            if not dst.exists():
                shutil.move(src, dst)  # the run may be in memory and the bundle in the site
            elif not filecmp.cmp(src, dst, shallow=False):
                raise SearchIndexError(
                    f"sökindexet kunde inte byggas: två språks index har olika {rel / name}"
                )
    entry = _entry(bundle)
    added = _entry(part)["languages"]
    if entry["languages"].keys() & added.keys():
        raise SearchIndexError(
            "sökindexet kunde inte byggas: Pagefind gav samma språk i två körningar"
        )
    entry["languages"].update(added)
    (bundle / ENTRY_FILE).write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            command,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=TIMEOUT_SECONDS,
            env={**os.environ, "NO_COLOR": "1"},
            check=False,
        )
    except subprocess.TimeoutExpired as err:
        raise SearchIndexError(
            f"sökindexet kunde inte byggas: Pagefind blev inte klart på {TIMEOUT_SECONDS} s"
        ) from err
    except OSError as err:
        raise SearchIndexError(
            f"sökindexet kunde inte byggas: Pagefind kunde inte startas: {err}"
        ) from err


def index_staged_site(site_dir: Path, out_dir: Path, settings: Any, reporter: Any) -> None:
    """Finishing step of the build (see sitegen/features.py): index the site in `site_dir`,
    writing the bundle into `out_dir`."""
    reporter.phase("bygger sökindexet")
    index_site(site_dir, out_dir=out_dir)


def _entry(bundle: Path) -> dict[str, Any]:
    """Pagefind's entry file, with its `languages` checked to be a mapping."""
    entry = bundle / ENTRY_FILE
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
        if not isinstance(data["languages"], dict):
            raise TypeError("languages är ingen tabell")
        return data
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise SearchIndexError(
            f"sökindexet kunde inte byggas: {entry.name} saknas eller är ogiltig ({err})"
        ) from err


def _indexed_pages(bundle: Path) -> dict[str, int]:
    languages: dict[str, Any] = _entry(bundle)["languages"]
    try:
        return {lang: int(info["page_count"]) for lang, info in languages.items()}
    except (ValueError, KeyError, TypeError) as err:
        raise SearchIndexError(
            f"sökindexet kunde inte byggas: {ENTRY_FILE} är ogiltig ({err})"
        ) from err


def _last_lines(text: str, count: int = 3) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " ".join(lines[-count:]) or "inget felmeddelande"
