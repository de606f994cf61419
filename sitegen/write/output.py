"""One writer owns the output: it refuses two files at one path, writes everything into a
temporary folder beside the target, and swaps it in only when the whole site is written."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath


class OutputError(Exception):
    """The output could not be written (duplicate path, path outside the site, disk error)."""


class Output:
    def __init__(self, target: Path) -> None:
        self.target = target.resolve()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(self.target)
        self.staging = Path(
            tempfile.mkdtemp(prefix=f".{self.target.name}.tmp-", dir=self.target.parent)
        )
        self.written: set[str] = set()
        self._closed = False

    def _resolve(self, rel: str) -> Path:
        pure = PurePosixPath(rel)
        if pure.is_absolute() or ".." in pure.parts or "\\" in rel or not pure.parts:
            raise OutputError(f"refusing to write outside the site: {rel!r}")
        if rel in self.written:
            raise OutputError(f"two pages want the same path: {rel}")
        self.written.add(rel)
        return self.staging.joinpath(*pure.parts)

    def write_text(self, rel: str, text: str) -> None:
        self.write_bytes(rel, text.encode("utf-8"))

    def write_bytes(self, rel: str, data: bytes) -> None:
        path = self._resolve(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            path.write_bytes(data)
        except OSError as err:
            raise OutputError(f"could not write {rel}: {err.strerror}") from err

    def copy_file(self, rel: str, source: Path) -> None:
        self.write_bytes(rel, source.read_bytes())

    def commit(self) -> None:
        """Replace the target folder with the staged one."""
        if self._closed:
            raise OutputError("output already closed")
        self._closed = True
        old = None
        if self.target.exists():
            old = Path(
                tempfile.mkdtemp(prefix=f".{self.target.name}.old-", dir=self.target.parent)
            )
            os.rmdir(old)
            os.rename(self.target, old)
        try:
            os.rename(self.staging, self.target)
        except OSError:
            if old is not None:
                os.rename(old, self.target)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        """Discard everything staged; the target folder is untouched."""
        if not self._closed:
            self._closed = True
            shutil.rmtree(self.staging, ignore_errors=True)


def _remove_stale(target: Path) -> None:
    """Remove staging folders left by builds that were killed (whose process is gone)."""
    for prefix in (f".{target.name}.tmp-", f".{target.name}.old-"):
        for stale in target.parent.glob(prefix + "*"):
            try:
                age = stale.stat().st_mtime
            except OSError:
                continue
            import time

            if time.time() - age > 3600 or prefix.endswith(".old-"):
                shutil.rmtree(stale, ignore_errors=True)
