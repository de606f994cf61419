"""Each municipality's section of the theme and global-goal pages, kept between rebuilds (`serve`).

A theme page lists every municipality's goals in the theme: over a megabyte of HTML for 290
municipalities. The page renders each section through :func:`topic_section`. A long-lived build
renders inside :func:`kept`; then an edit renders only the edited municipality's sections again,
and the page is the other sections' kept strings joined: the same bytes as a whole render. Other
builds keep nothing.

A section shows only its :class:`~sitegen.compare.model.Entries` (one municipality's nodes) and
depends on the Jinja environment (language, base URL, templates), so those objects are the key;
:func:`sitegen.compare.model.update_comparison` keeps the unchanged municipalities' Entries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

import jinja2
from markupsafe import Markup

#: (environment, basis field, Entries) by their ids -> (the objects, kept alive, and the HTML).
_parts: dict[tuple[int, str, int], tuple[object, object, Markup]] = {}
_enabled = False


@contextmanager
def kept() -> Iterator[None]:
    """Keep and reuse sections while rendering inside this block (a long-lived build)."""
    global _enabled
    _enabled = True
    try:
        yield
    finally:
        _enabled = False


def clear() -> None:
    """Forget every section (after a full build: templates or shared files may have changed)."""
    _parts.clear()


def keep_only(entries: Iterable[object]) -> None:
    """Forget the sections of entries no longer in the comparison."""
    alive = {id(e) for e in entries}
    for key in [k for k in _parts if k[2] not in alive]:
        del _parts[key]


@jinja2.pass_context
def topic_section(
    context: jinja2.runtime.Context,
    entries: object,
    basis_field: str,
    macro: Callable[[object, str], Markup],
) -> Markup:
    """`macro(entries, basis_field)`, rendered once per environment while caching is on."""
    if not _enabled:
        return macro(entries, basis_field)
    env = context.environment
    key = (id(env), basis_field, id(entries))
    found = _parts.get(key)
    if found is not None:
        return found[2]
    html = macro(entries, basis_field)
    _parts[key] = (env, entries, html)
    return html
