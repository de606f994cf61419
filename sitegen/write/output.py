"""One writer owns the output: it refuses two files at one path and paths outside the site, writes
everything into a staging folder beside the target, and swaps it in only when the whole site is
written.

Faults (see README, "Trasig och fientlig indata"):

- one build at a time per output folder: a lock file `.<name>.lock` beside the output (a POSIX
  record lock, released by the kernel when the process dies); a second build waits for the first;
- a build killed at any point leaves the previous site in place: the swap is one atomic
  `renameat2(RENAME_EXCHANGE)` where the file system has it, else two renames that the next build
  completes or undoes; the next build also removes what a killed build left (under the lock, so it
  never touches the staging folder of a live build);
- a full disk or an unwritable folder fails the build with a Swedish message, and the staging
  folder is removed.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

#: How long a build waits for another build to the same folder before it gives up (seconds).
LOCK_TIMEOUT = 600.0
_LOCK_POLL = 0.05
#: Builds in one process (threads of `serve`, tests) take turns here; the file lock is per process.
_PROCESS_LOCK = threading.Lock()
_CONTROL = frozenset(chr(c) for c in range(32)) | {"\x7f"}


class OutputError(Exception):
    """The output could not be written (duplicate path, path outside the site, disk error)."""


def os_message(err: OSError, what: str) -> str:
    """A Swedish message for an OS error while writing `what`, saying what to do."""
    reason = err.strerror or str(err)
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return (
            f"disken är full: {what} kunde inte skrivas ({reason}). Frigör utrymme och bygg "
            "igen; den förra webbplatsen är orörd"
        )
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            f"saknar behörighet att skriva {what} ({reason}). Välj en annan mapp med --out "
            "eller ändra mappens behörighet; den förra webbplatsen är orörd"
        )
    return f"{what} kunde inte skrivas ({reason}); den förra webbplatsen är orörd"


class _FolderLock:
    """An exclusive lock on `.<name>.lock` beside the output, held from start to swap."""

    def __init__(self, path: Path, timeout: float, on_wait: Callable[[], None] | None) -> None:
        self.path = path
        deadline = time.monotonic() + timeout
        if not _PROCESS_LOCK.acquire(timeout=max(timeout, 0.0)):
            raise OutputError(_busy(path))
        try:
            self.fd = self._acquire(deadline, on_wait)
        except BaseException:
            _PROCESS_LOCK.release()
            raise

    def _acquire(self, deadline: float, on_wait: Callable[[], None] | None) -> int:
        waited = False
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as err:
                os.close(fd)
                if err.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise OutputError(_busy(self.path)) from None
                if not waited and on_wait is not None:
                    on_wait()
                waited = True
                time.sleep(_LOCK_POLL)
                continue
            # The holder before us may have removed the file after we opened it: then our lock
            # is on a file nobody else will find. Lock the file that is there now instead.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except FileNotFoundError:
                same = False
            if same:
                return fd
            os.close(fd)

    def release(self) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self.path)  # while still holding it: the next one re-checks the file
        os.close(self.fd)
        _PROCESS_LOCK.release()


def _busy(path: Path) -> str:
    return (
        f"ett annat bygge skriver till samma mapp just nu (låset {path.name} är upptaget); "
        "vänta tills det är klart och bygg igen"
    )


class Output:
    def __init__(
        self,
        target: Path,
        protect: Iterable[Path] = (),
        on_wait: Callable[[], None] | None = None,
        lock_timeout: float | None = None,
    ) -> None:
        """Lock the output folder, tidy up after killed builds and start a staging folder.

        `protect` are folders the output must never replace or contain (content, templates).
        `on_wait` is called once if another build holds the lock.
        """
        self.target = target.resolve()
        self.written: set[str] = set()
        self._closed = False
        _refuse_dangerous(self.target, protect)
        parent = self.target.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OutputError(os_message(err, f"mappen {parent}")) from err
        if self.target.exists() and not self.target.is_dir():
            raise OutputError(
                f"{self.target} är en fil, inte en mapp; välj en annan mapp med --out"
            )
        timeout = LOCK_TIMEOUT if lock_timeout is None else lock_timeout
        try:
            self._lock = _FolderLock(parent / f".{self.target.name}.lock", timeout, on_wait)
        except OSError as err:
            raise OutputError(os_message(err, f"låsfilen i {parent}")) from err
        try:
            _recover(self.target)
            _remove_stale(self.target)
            self.staging = Path(
                tempfile.mkdtemp(prefix=f".{self.target.name}.tmp-", dir=self.target.parent)
            )
        except OSError as err:
            self._lock.release()
            raise OutputError(os_message(err, f"en tillfällig mapp i {parent}")) from err
        except BaseException:
            self._lock.release()
            raise

    def _resolve(self, rel: str) -> Path:
        pure = PurePosixPath(rel)
        bad = (
            not rel
            or pure.is_absolute()
            or ".." in pure.parts
            or "\\" in rel
            or not pure.parts
            or not _CONTROL.isdisjoint(rel)
        )
        if bad:
            raise OutputError(f"vägrar skriva utanför webbplatsens mapp: {rel!r}")
        if rel in self.written:
            raise OutputError(f"två sidor vill skrivas till samma fil: {rel}")
        self.written.add(rel)
        return self.staging.joinpath(*pure.parts)

    def claim(self, rel: str) -> Path:
        """Reserve `rel` (the same checks as a write) and return where it goes in staging; the
        page is written later with :meth:`write_claimed`, e.g. by a rendering worker process."""
        return self._resolve(rel)

    def write_claimed(self, path: Path, data: bytes) -> None:
        """Write a path returned by :meth:`claim` (safe to call from a forked worker)."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        except OSError as err:
            raise OutputError(os_message(err, _shown(path, self.staging))) from err

    def write_text(self, rel: str, text: str) -> None:
        self.write_bytes(rel, text.encode("utf-8"))

    def write_bytes(self, rel: str, data: bytes) -> None:
        self.write_claimed(self._resolve(rel), data)

    def write_parts(self, rel: str, parts: Iterable[str]) -> None:
        """Write a big text file piece by piece as `parts` yields them, so that the whole text is
        never in memory at once (the open data of every municipality is ~60 MB)."""
        path = self._resolve(rel)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("w", encoding="utf-8", newline="") as fh:
                for part in parts:
                    fh.write(part)
        except OSError as err:
            raise OutputError(os_message(err, _shown(path, self.staging))) from err

    def copy_file(self, rel: str, source: Path) -> None:
        try:
            data = source.read_bytes()
        except OSError as err:
            raise OutputError(f"{source} kunde inte läsas ({err.strerror})") from err
        self.write_bytes(rel, data)

    def commit(self) -> None:
        """Replace the target folder with the staged one, atomically where the system allows."""
        if self._closed:
            raise OutputError("utdata är redan avslutad")
        try:
            os.chmod(self.staging, 0o777 & ~_umask())  # mkdtemp made it private (0700)
            if not self.target.exists():
                os.rename(self.staging, self.target)
            elif _exchange(self.staging, self.target):
                shutil.rmtree(self.staging, ignore_errors=True)  # now holds the previous site
            else:
                _swap_by_renames(self.staging, self.target)
        except OSError as err:
            self.abort()
            raise OutputError(os_message(err, f"mappen {self.target}")) from err
        self._closed = True
        self._lock.release()

    def abort(self) -> None:
        """Discard everything staged; the target folder is untouched."""
        if not self._closed:
            self._closed = True
            shutil.rmtree(self.staging, ignore_errors=True)
            self._lock.release()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _shown(path: Path, staging: Path) -> str:
    try:
        return path.relative_to(staging).as_posix()
    except ValueError:
        return str(path)


def _refuse_dangerous(target: Path, protect: Iterable[Path]) -> None:
    """The output folder is replaced whole: never let that be the content, a parent of it, the
    current folder, the home folder, the file system's root or a git work tree."""
    home = Path.home().resolve() if "HOME" in os.environ else None
    cwd = Path.cwd().resolve()
    reasons = []
    if target == Path(target.anchor) or target == home:
        reasons.append("det är en systemmapp")
    if target == cwd or target in cwd.parents:
        reasons.append("den innehåller mappen du står i")
    for folder in protect:
        folder = folder.resolve()
        if target == folder or target in folder.parents:
            reasons.append(f"den innehåller {folder.name}/")
        elif folder in target.parents:
            reasons.append(f"den ligger inne i {folder.name}/")
    if (target / ".git").exists():
        reasons.append("den innehåller ett git-arkiv")
    if reasons:
        raise OutputError(
            f"mappen {target} kan inte användas för webbplatsen ({reasons[0]}): den ersätts helt "
            "vid varje bygge. Välj en egen mapp med --out, t.ex. _site"
        )


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where that is not available."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _swap_by_renames(staging: Path, target: Path) -> None:
    """Two renames; a build killed between them is completed by :func:`_recover` next time."""
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.rmdir(old)
    os.rename(target, old)
    try:
        os.rename(staging, target)
    except OSError:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _recover(target: Path) -> None:
    """Put the previous site back if a build was killed between the two renames of a swap."""
    if target.exists():
        return
    olds = sorted(
        target.parent.glob(f".{target.name}.old-*"), key=lambda p: p.stat().st_mtime, reverse=True
    )
    if olds:
        os.rename(olds[0], target)


def _remove_stale(target: Path) -> None:
    """Remove what killed builds left. Called under the lock, so no live build owns any of it."""
    for prefix in (f".{target.name}.tmp-", f".{target.name}.old-"):
        for stale in target.parent.glob(prefix + "*"):
            shutil.rmtree(stale, ignore_errors=True)
