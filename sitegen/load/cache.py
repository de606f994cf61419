"""A parse cache for long-lived builds (`serve`): unchanged files are not read or validated again.

A file is looked up by its size and modification time, then by a hash of its bytes, so that a file
touched but not changed is not parsed either. Only files that validated without any problem are
kept (models are frozen, so sharing them between builds is safe); a file with errors or warnings is
read again every build, so its messages are reported every time. A cache for a single build
(`lasting=False`) keeps neither stamps nor hashes: it only hands over what workers read.

On a big site the same cache carries the files worker processes read ahead for a build
(:meth:`ParseCache.reading_ahead`), by municipality folder, while the build process links the
municipalities already read.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import queue
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.issues import IssueList
from sitegen.load.yamlfile import MAX_BYTES

#: A municipality folder and the files the loader will read in it, with their models.
Group = tuple[Path, list[tuple[Path, type]]]
#: Reads and validates one file: `validate(path, model, issues)` → the object, or None.
Validate = Callable[[Path, Any, IssueList], Any]
#: A file's size, modification time and inode: whether it may have changed since it was read.
Stamp = tuple[int, int, int]
#: A file a worker read without problems: its place in its group, stamp and digest (None for a
#: cache that does not last) and object.
Found = tuple[int, Stamp | None, bytes | None, Any]
#: The order the loader takes the municipality folders in (given them as listed).
FolderOrder = Callable[[list[Path]], Iterator[Path]]
#: How often the build process looks whether a worker it waits for has died.
WAIT_SECONDS = 0.5


@dataclass(frozen=True)
class _Entry:
    stamp: Stamp | None
    digest: bytes | None
    obj: Any


class ParseCache:
    """Validated models by file path, model and content.

    A lasting cache (`serve`) keeps every file that validated for the next build. One that does
    not last (a single build) only carries the files workers read ahead to the loader; it never
    stats or hashes a file (at 290 municipalities, half a second of system time saved)."""

    def __init__(self, *, lasting: bool = True) -> None:
        self._entries: dict[tuple[Path, type], _Entry] = {}
        self.lasting = lasting
        self.parsed = 0  # files read and validated (for tests and the benchmark)

    def load(
        self,
        path: Path,
        model: type,
        issues: IssueList,
        validate: Validate,
    ) -> Any:
        key = (path, model)
        if not self.lasting:
            entry = self._entries.pop(key, None)
            if entry is not None:
                return entry.obj
            self.parsed += 1
            return validate(path, model, issues)
        try:
            st = os.stat(path)
        except OSError:
            self._entries.pop(key, None)
            return validate(path, model, issues)
        stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
        entry = self._entries.get(key)
        if entry is not None and entry.stamp == stamp:
            return entry.obj
        digest = _digest(path)
        if entry is not None and digest is not None and entry.digest == digest:
            self._entries[key] = _Entry(stamp, digest, entry.obj)
            return entry.obj
        before = len(issues.items)
        self.parsed += 1
        obj = validate(path, model, issues)
        if obj is not None and digest is not None and len(issues.items) == before:
            self._entries[key] = _Entry(stamp, digest, obj)
        else:
            self._entries.pop(key, None)
        return obj

    @contextmanager
    def reading_ahead(
        self, groups: list[Group], validate: Validate, workers: int
    ) -> Iterator[FolderOrder]:
        """Read and validate the files of `groups` (one per municipality folder) in `workers`
        processes: this one and `workers - 1` forked ones. Yields the order in which the loader
        is to take the folders: first each folder a worker has read by then (its files are in
        this cache), else the next folder no process has taken yet, which the loader then reads
        here. So this process links one municipality while the workers read the next ones
        (sitegen/site/build.py: :class:`SiteLinker`), and takes fewer folders itself the more
        it has to do besides reading; with no worker the folders come as listed.

        Files that are cached already are not read again; a file with any problem is left to
        the loader (which reports it at its place). A folder a worker took but did not deliver
        (the worker died) is read here after all."""
        todo = [(folder, [f for f in files if f not in self._entries]) for folder, files in groups]
        if workers <= 1 or not any(files for _, files in todo):
            yield _as_listed
            return
        global _READ_AHEAD
        context = multiprocessing.get_context("fork")
        taken = context.Value("i", 0)  # the next group to read, for whichever process is free
        done: Any = context.Queue()  # (group, its files read without problems); None: finished
        _READ_AHEAD = (todo, validate, self.lasting, taken, done)
        readers: list[Any] = []
        try:
            for _ in range(workers - 1):
                reader = context.Process(target=_read_groups, daemon=True)
                reader.start()
                readers.append(reader)
        except OSError:
            pass  # no more processes now: those started (if any) and this one read
        finally:
            _READ_AHEAD = None
        try:
            yield lambda folders: self._ready_first(folders, todo, taken, done, readers)
        finally:
            for reader in readers:
                if reader.is_alive():
                    reader.terminate()
                reader.join()
            done.close()

    def _ready_first(
        self,
        folders: list[Path],
        todo: list[Group],
        taken: Any,
        done: Any,
        readers: list[Any],
    ) -> Iterator[Path]:
        """The folders in the order the loader should take them (see :meth:`reading_ahead`)."""
        order = {folder.name: i for i, (folder, _) in enumerate(todo)}
        wanted = {order[f.name]: f for f in folders if f.name in order}
        given: set[Path] = set()
        running = len(readers)

        def arrived(wait: bool) -> Iterator[Path]:
            """The folders the workers have read (their files now in this cache), as they come;
            with `wait`, until every worker has finished or died."""
            nonlocal running
            while running:
                try:
                    item = done.get(timeout=WAIT_SECONDS) if wait else done.get_nowait()
                except queue.Empty:
                    if wait and any(reader.exitcode is None for reader in readers):
                        continue
                    return  # nothing yet; or a worker died: what it took is read here
                if item is None:
                    running -= 1
                    continue
                group, found = item
                files = todo[group][1]
                for i, stamp, digest, obj in found:
                    self._entries[files[i]] = _Entry(stamp, digest, obj)
                    self.parsed += 1
                if group in wanted:
                    given.add(wanted[group])
                    yield wanted[group]

        while True:
            yield from arrived(wait=False)
            group = _take(taken, len(todo))
            if group is None:
                break
            if group in wanted:  # read here, by the loader
                given.add(wanted[group])
                yield wanted[group]
        yield from arrived(wait=True)
        yield from (folder for folder in folders if folder not in given)


#: Below this many files, starting workers costs more than it saves.
PARALLEL_MIN_FILES = 400
WORKERS_ENV = "MALBILD_WORKERS"


def load_content_in_parallel(
    root: Path, issues: IssueList, each: Callable[[Any, Any], None] | None = None
) -> Any:
    """:func:`sitegen.load.content.load_content` (`each` as there), with the files of a big site
    read and validated in one process per core (the same objects and messages, in less time)."""
    from sitegen.load import content

    groups = _municipality_files(root, content.MUNICIPALITIES_DIR, content.MUNICIPALITY_FILE)
    forced = os.environ.get(WORKERS_ENV, "").strip()
    many = sum(len(files) for _, files in groups) >= PARALLEL_MIN_FILES
    if forced.isdigit() and int(forced) > 0:
        workers = int(forced)
    elif many and "fork" in multiprocessing.get_all_start_methods():
        workers = min(os.cpu_count() or 1, 8)
    else:
        workers = 1
    cache = _active if _active is not None else ParseCache(lasting=False)
    with using(cache), cache.reading_ahead(groups, content._read_and_validate, workers) as order:
        return content.load_content(root, issues, order=order, each=each)


def _municipality_files(root: Path, folder: str, main_file: str) -> list[Group]:
    """Where the loader will look, and with which model, by municipality folder: kommun.yaml and
    the kinds' folders."""
    from sitegen.load.content import KIND_DIRS
    from sitegen.model import Municipality

    groups: list[Group] = []
    base = root / folder
    if not base.is_dir():
        return groups
    for municipality in sorted(os.scandir(base), key=lambda e: e.name):
        if not municipality.is_dir(follow_symlinks=False) or municipality.name.startswith("."):
            continue
        found: list[tuple[Path, type]] = [(Path(municipality.path) / main_file, Municipality)]
        groups.append((Path(municipality.path), found))
        for kind, model in KIND_DIRS.items():
            sub = Path(municipality.path) / kind
            if sub.is_dir() and not sub.is_symlink():
                for entry in sorted(os.scandir(sub), key=lambda e: e.name):
                    regular = entry.is_file(follow_symlinks=False)
                    if regular and entry.name.endswith(".yaml") and not entry.name.startswith("."):
                        found.append((Path(entry.path), model))
    return groups


def _as_listed(folders: list[Path]) -> Iterator[Path]:
    return iter(folders)


def _take(taken: Any, count: int) -> int | None:
    """The next group no process has taken yet, now taken; None when all are."""
    with taken.get_lock():
        group = int(taken.value)
        if group >= count:
            return None
        taken.value = group + 1
    return group


#: What a worker reads: the groups, the validating function, whether the cache lasts (then
#: stamps and digests are taken), the shared next-group counter and the queue it hands its
#: results to (set before the workers are forked).
_READ_AHEAD: tuple[list[Group], Validate, bool, Any, Any] | None = None


def _read_groups() -> None:
    """In a worker: read and validate groups until none is left, handing each one over."""
    assert _READ_AHEAD is not None
    todo, validate, lasting, taken, done = _READ_AHEAD
    while (group := _take(taken, len(todo))) is not None:
        done.put((group, _validate_files(todo[group][1], validate, lasting)))
    done.put(None)


def _validate_files(
    files: list[tuple[Path, type]], validate: Validate, lasting: bool
) -> list[Found]:
    """Validate `files`; return those without problems (by their place in `files`), with their
    stamps and digests if the cache lasts."""
    found: list[Found] = []
    for i, (path, model) in enumerate(files):
        stamp: Stamp | None = None
        digest: bytes | None = None
        try:
            if lasting:
                st = os.stat(path)
                stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
                digest = _digest(path)
                if digest is None:
                    continue  # too big to keep: the loader reports it
            issues = IssueList(root=path.parent)
            obj = validate(path, model, issues)
        except Exception:  # the loader meets the same problem and reports it
            continue
        if obj is not None and not issues.items:
            found.append((i, stamp, digest, obj))
    return found


def _digest(path: Path) -> bytes | None:
    """Hash of a file's bytes; None for files the loader refuses for size (never read whole)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError:
        return None
    if len(data) > MAX_BYTES:
        return None
    return hashlib.blake2b(data, digest_size=16).digest()


_active: ParseCache | None = None


def active() -> ParseCache | None:
    """The cache of the running long-lived build, if any."""
    return _active


@contextmanager
def using(cache: ParseCache) -> Iterator[ParseCache]:
    """Make `cache` the one :func:`sitegen.load.content.load_model` consults while inside."""
    global _active
    previous, _active = _active, cache
    try:
        yield cache
    finally:
        _active = previous
