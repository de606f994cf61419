"""A parse cache for long-lived builds (`serve`): unchanged files are not read or validated again.

A file is looked up by its size and modification time, then by a hash of its bytes, so that a file
touched but not changed is not parsed either. Only files that validated without any problem are
kept (models are frozen, so sharing them between builds is safe); a file with errors or warnings is
read again every build, so its messages are reported every time.
"""

from __future__ import annotations

import hashlib
import itertools
import multiprocessing
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.issues import IssueList
from sitegen.load.yamlfile import MAX_BYTES


@dataclass(frozen=True)
class _Entry:
    stamp: tuple[int, int, int]
    digest: bytes
    obj: Any


class ParseCache:
    """Validated models by file path, model and content."""

    def __init__(self) -> None:
        self._entries: dict[tuple[Path, type], _Entry] = {}
        self.parsed = 0  # files read and validated (for tests and the benchmark)

    def load(
        self,
        path: Path,
        model: type,
        issues: IssueList,
        validate: Callable[[Path, Any, IssueList], Any],
    ) -> Any:
        key = (path, model)
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

    def prefill(
        self,
        files: list[tuple[Path, type]],
        validate: Callable[[Path, Any, IssueList], Any],
        workers: int,
    ) -> None:
        """Read and validate `files` in `workers` processes, ahead of the loader: this one and
        `workers - 1` forked ones.

        The loader then finds them here. Files that are cached already, or that have any problem,
        are left to the loader (which reports the problems at their place in its walk). This
        process takes a share too: the others' models come back pickled, and unpickling them
        here costs about what pickling costs there, so the shares are even."""
        todo = [(path, model) for path, model in files if (path, model) not in self._entries]
        if workers <= 1 or not todo:
            return
        global _TODO
        _TODO = (todo, validate)
        slices = [(k, workers * 4) for k in range(workers * 4)]
        own, theirs = slices[::workers], [s for k, s in enumerate(slices) if k % workers]
        try:
            with multiprocessing.get_context("fork").Pool(workers - 1) as pool:
                pending = pool.imap_unordered(_validate_slice, theirs)
                for found in itertools.chain(map(_validate_slice, own), pending):
                    for i, stamp, digest, obj in found:
                        self._entries[todo[i]] = _Entry(stamp, digest, obj)
                        self.parsed += 1
        finally:
            _TODO = None


#: Below this many files, starting workers costs more than it saves.
PARALLEL_MIN_FILES = 400
WORKERS_ENV = "MALBILD_WORKERS"


def load_content_in_parallel(root: Path, issues: IssueList) -> Any:
    """:func:`sitegen.load.content.load_content`, with the files of a big site read and validated
    in one process per core first (the same objects and messages, in less time)."""
    from sitegen.load import content

    files = _municipality_files(root, content.MUNICIPALITIES_DIR, content.MUNICIPALITY_FILE)
    forced = os.environ.get(WORKERS_ENV, "").strip()
    if forced.isdigit() and int(forced) > 0:
        workers = int(forced)
    elif len(files) >= PARALLEL_MIN_FILES and "fork" in multiprocessing.get_all_start_methods():
        workers = min(os.cpu_count() or 1, 8)
    else:
        workers = 1
    cache = _active if _active is not None else ParseCache()
    with using(cache):
        cache.prefill(files, content._read_and_validate, workers)
        return content.load_content(root, issues)


def _municipality_files(root: Path, folder: str, main_file: str) -> list[tuple[Path, type]]:
    """Where the loader will look, and with which model: kommun.yaml and the kinds' folders."""
    from sitegen.load.content import KIND_DIRS
    from sitegen.model import Municipality

    found: list[tuple[Path, type]] = []
    base = root / folder
    if not base.is_dir():
        return found
    for municipality in sorted(os.scandir(base), key=lambda e: e.name):
        if not municipality.is_dir(follow_symlinks=False) or municipality.name.startswith("."):
            continue
        found.append((Path(municipality.path) / main_file, Municipality))
        for kind, model in KIND_DIRS.items():
            sub = Path(municipality.path) / kind
            if sub.is_dir() and not sub.is_symlink():
                for entry in sorted(os.scandir(sub), key=lambda e: e.name):
                    regular = entry.is_file(follow_symlinks=False)
                    if regular and entry.name.endswith(".yaml") and not entry.name.startswith("."):
                        found.append((Path(entry.path), model))
    return found


_TODO: tuple[list[tuple[Path, type]], Callable[[Path, Any, IssueList], Any]] | None = None


def _validate_slice(task: tuple[int, int]) -> list[tuple[int, tuple[int, int, int], bytes, Any]]:
    """In a worker: validate every `step`-th file from `start`; return those without problems."""
    start, step = task
    assert _TODO is not None
    todo, validate = _TODO
    found = []
    for i in range(start, len(todo), step):
        path, model = todo[i]
        try:
            st = os.stat(path)
            digest = _digest(path)
            issues = IssueList(root=path.parent)
            obj = validate(path, model, issues)
        except Exception:  # the loader meets the same problem and reports it
            continue
        if obj is not None and digest is not None and not issues.items:
            found.append((i, (st.st_mtime_ns, st.st_size, st.st_ino), digest, obj))
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
