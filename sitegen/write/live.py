"""Updating a published site in place, for the rebuilds of a long-lived build (`serve`).

A full build stages the whole site and swaps it in (:class:`sitegen.write.Output`). Re-staging
tens of thousands of unchanged pages for a one-file edit would cost seconds, so a rebuild instead
collects the pages it re-rendered in memory, and only when all of them rendered does
:meth:`LiveOutput.commit` put each changed file in place with an atomic rename (unchanged bytes
are not written at all) and remove pages that no longer exist. A failed rebuild writes nothing.

The finishing steps (the search index) read the published site and write into a fresh folder
beside it; :func:`run_finish_steps` then moves what they made (e.g. `pagefind/`) into the site.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from sitegen.write.output import LOCK_TIMEOUT, OutputError, _FolderLock


@contextmanager
def locked(target: Path) -> Iterator[None]:
    """Hold the output folder's lock (the one a full build holds from start to swap)."""
    lock = _FolderLock(target.parent / f".{target.name}.lock", LOCK_TIMEOUT, None)
    try:
        yield
    finally:
        lock.release()


class LiveOutput:
    """The writer's interface (write_text, write_bytes, copy_file, claim) over a published site."""

    def __init__(self, target: Path) -> None:
        self.target = target.resolve()
        self.staging = self.target  # steps that read the site see the published one
        self.written: set[str] = set()
        self._pending: dict[str, bytes] = {}
        self.changed: list[str] = []

    def _check(self, rel: str) -> None:
        pure = PurePosixPath(rel)
        if pure.is_absolute() or ".." in pure.parts or "\\" in rel or not pure.parts:
            raise OutputError(f"vägrar skriva utanför webbplatsens mapp: {rel!r}")
        if rel in self.written:
            raise OutputError(f"två sidor vill skrivas till samma fil: {rel}")
        self.written.add(rel)

    def claim(self, rel: str) -> Path:
        self._check(rel)
        return Path(rel)

    def write_claimed(self, path: Path, data: bytes) -> None:
        self._pending[path.as_posix()] = data

    def write_bytes(self, rel: str, data: bytes) -> None:
        self._check(rel)
        self._pending[rel] = data

    def write_text(self, rel: str, text: str) -> None:
        self.write_bytes(rel, text.encode("utf-8"))

    def write_parts(self, rel: str, parts: Iterable[str]) -> None:
        self.write_text(rel, "".join(parts))

    def copy_file(self, rel: str, source: Path) -> None:
        self.write_bytes(rel, source.read_bytes())

    def commit(self, remove: Iterable[str] = ()) -> None:
        """Put every changed file in place (each with an atomic rename); delete `remove`."""
        with locked(self.target):
            self._apply(remove)
        self._pending.clear()

    def _apply(self, remove: Iterable[str]) -> None:
        try:
            for rel, data in self._pending.items():
                path = self.target / rel
                try:
                    if path.stat().st_size == len(data) and path.read_bytes() == data:
                        continue
                except OSError:
                    pass
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.parent / f".{path.name}.tmp-{os.getpid()}"
                tmp.write_bytes(data)
                os.replace(tmp, path)
                self.changed.append(rel)
            for rel in remove:
                _remove_file(self.target, rel)
        except OSError as err:
            raise OutputError(f"{self.target} kunde inte uppdateras ({err.strerror})") from err

    def abort(self) -> None:
        self._pending.clear()


def _remove_file(root: Path, rel: str) -> None:
    path = root / rel
    path.unlink(missing_ok=True)
    parent = path.parent
    while parent != root:  # drop folders the removal left empty
        try:
            parent.rmdir()
        except OSError:
            break
        parent = parent.parent


def run_finish_steps(
    target: Path,
    files: set[str],
    previous: set[str],
    steps: Iterable[Callable[[Path, Path], None]],
) -> set[str]:
    """Run finishing steps over the published site; publish and return what they made.

    Each step reads the site in `target` and writes into a fresh folder beside it; what it wrote
    is then put in place. `files` are the site's own files (pages, assets, data); a top-level
    folder that only the steps write (`pagefind/`) is swapped whole. `previous` are the files the
    steps made last time, which are replaced or removed. The site's lock is held throughout.
    """
    target = target.resolve()
    with locked(target):
        return _finish(target, files, previous, steps)


def _finish(
    target: Path,
    files: set[str],
    previous: set[str],
    steps: Iterable[Callable[[Path, Path], None]],
) -> set[str]:
    out = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        for step in steps:
            step(target, out)
        made = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
        own_tops = {rel.split("/", 1)[0] for rel in files}
        tops = {rel.split("/", 1)[0] for rel in made | previous} - own_tops
        for top in sorted(tops):  # folders only the steps write (pagefind/) are swapped whole
            new, old = out / top, target / top
            trash = None
            if old.exists():
                trash = target.parent / f".{target.name}.old-{top}-{os.getpid()}"
                os.rename(old, trash)
            if new.exists():
                os.rename(new, old)
            if trash is not None:
                shutil.rmtree(trash, ignore_errors=True)
        for rel in made:
            if rel.split("/", 1)[0] not in tops:
                (target / rel).parent.mkdir(parents=True, exist_ok=True)
                os.replace(out / rel, target / rel)
        for rel in previous - made:
            if rel.split("/", 1)[0] not in tops:
                _remove_file(target, rel)
        return made
    except OSError as err:
        raise OutputError(f"{target} kunde inte uppdateras ({err.strerror})") from err
    finally:
        shutil.rmtree(out, ignore_errors=True)
