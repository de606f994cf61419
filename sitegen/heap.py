"""Python's cyclic garbage collector, kept out of the way of a build.

Loading a big site makes millions of long-lived objects (the validated files and the linked site
model) and almost no cyclic garbage. With the collector on, Python walks the growing heap again
and again while it is being made: at 290 municipalities that was about half the time of loading
and linking (25 s of load + 8 s of linking → 14 + 2.5 s without it, and the same objects). So the
load runs with the collector paused, and what it made is then *frozen*: left out of every later
collection (rendering, the finishing steps, the interpreter's own collection at exit), which
would otherwise walk it again each time. Objects are still freed by reference counting as usual;
only cycles among frozen objects wait until :func:`release` (a long-lived builder collects after
its builds, see :mod:`sitegen.incremental`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_collection() -> Iterator[None]:
    """Make long-lived objects without cyclic collection; freeze them when done."""
    with no_collection():
        try:
            yield
        finally:
            gc.freeze()


@contextmanager
def no_collection() -> Iterator[None]:
    """Make many objects without cyclic collection; the collector's state is restored after.

    For work that makes and drops millions of small containers without cycles (reference
    counting frees them), which the collector would otherwise walk while they live: decoding the
    search index's words took twice as long with it (sitegen/search/stable.py)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def freeze() -> None:
    """Leave every object alive now out of later collections (forked workers inherit this)."""
    gc.freeze()


def release() -> None:
    """Hand frozen objects back to the collector; the next full collection frees dead cycles."""
    gc.unfreeze()
