"""Feature: a change-history page and an Atom feed per municipality (from sitegen/history.py).

`/kommuner/<kommun>/historik/` lists the commits that touched the municipality's content, newest
first, each with the pages it changed; `/kommuner/<kommun>/historik/atom.xml` is the same as a
feed. The history is read once per build (`site.history`), before any page is rendered.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from sitegen.builddate import build_datetime
from sitegen.history import Commit, ContentHistory
from sitegen.i18n import N_
from sitegen.render.pages import Page
from sitegen.render.phrases import Content, phrase
from sitegen.render.urls import path_of
from sitegen.site.model import MunicipalityNode, SiteModel

#: Commits listed on a page and in a feed (the newest).
MAX_PAGE_COMMITS = 200
MAX_FEED_ENTRIES = 50


def history_path(m: MunicipalityNode) -> str:
    return f"kommuner/{m.id}/historik/"


def feed_path(m: MunicipalityNode) -> str:
    return f"kommuner/{m.id}/historik/atom.xml"


@dataclass(frozen=True)
class ChangedFile:
    """A file a commit changed: the page made from it (if it still exists) and its path."""

    rel: str
    title: str | None
    page: str | None


@dataclass(frozen=True)
class Entry:
    commit: Commit
    files: list[ChangedFile]

    @property
    def anchor(self) -> str:
        return f"andring-{self.commit.short}"


def _pages_by_file(m: MunicipalityNode, history: ContentHistory) -> dict[str, tuple[str, str]]:
    """Content-relative file → (title, page path) for every file with a page."""
    out = {history.rel(m.path): (m.name, path_of(m))}
    for p in m.plans:
        out[history.rel(p.path)] = (p.plan.title, f"{path_of(m)}#plan-{p.id}")
    for a in m.areas:
        out[history.rel(a.path)] = (a.area.title, path_of(a))
    for g in m.goals:
        out[history.rel(g.path)] = (g.goal.short_title or g.goal.title, path_of(g))
    for action in getattr(m, "actions", []):
        out[history.rel(action.path)] = (action.action.title, path_of(action))
    return out


def entries_for(m: MunicipalityNode, history: ContentHistory, limit: int) -> list[Entry]:
    pages = _pages_by_file(m, history)
    prefix = f"kommuner/{m.id}/"
    entries = []
    for commit in history.municipality_commits(m.id)[:limit]:
        files = []
        for rel in commit.files:
            if not rel.startswith(prefix):
                continue
            title, page = pages.get(rel, (None, None))
            files.append(ChangedFile(rel, title, page))
        entries.append(Entry(commit, files))
    return entries


def history_pages(site: SiteModel) -> Iterator[Page]:
    """One change-history page per municipality."""
    history = site.history  # read here, once, before rendering (and before any worker forks)
    for m in site.municipalities:
        crumbs = [(N_("Startsida"), ""), (m.name, path_of(m))]
        context = {
            "m": m,
            "history": history,
            "entries": entries_for(m, history, MAX_PAGE_COMMITS),
            "feed": feed_path(m),
        }
        title = phrase(N_("Ändringshistorik: %(municipality)s"), municipality=Content(m.name))
        yield Page(history_path(m), "history.html", title, context, crumbs)


def _absolute(settings: Any, path: str) -> str:
    return (settings.site_url or "") + settings.base_url + path


def _feed_id(settings: Any, m: MunicipalityNode, commit: Commit | None = None) -> str:
    if settings.site_url:
        page = _absolute(settings, history_path(m))
        return page if commit is None else f"{page}#andring-{commit.short}"
    name = f"malbild:historik:{m.id}" + ("" if commit is None else f":{commit.sha}")
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def _stamp(when: datetime) -> str:
    return when.isoformat()


def atom_feed(m: MunicipalityNode, history: ContentHistory, settings: Any) -> str:
    """The municipality's change history as an Atom 1.0 feed (RFC 4287)."""
    entries = entries_for(m, history, MAX_FEED_ENTRIES)
    updated = entries[0].commit.when if entries else build_datetime()
    page = _absolute(settings, history_path(m))
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv">',
        f"  <title>{escape(f'Ändringar i målen för {m.name} – {settings.site_name}')}</title>",
        f"  <id>{escape(_feed_id(settings, m))}</id>",
        f"  <updated>{_stamp(updated)}</updated>",
        f'  <link rel="alternate" type="text/html" href={quoteattr(page)}/>',
        f'  <link rel="self" href={quoteattr(_absolute(settings, feed_path(m)))}/>',
        f"  <author><name>{escape(settings.site_name)}</name></author>",
    ]
    for entry in entries:
        c = entry.commit
        changed = "\n".join(
            f"{f.title} ({f.rel})" if f.title else f"{f.rel} (borttagen eller utan sida)"
            for f in entry.files
        )
        target = _absolute(settings, history_path(m)) + f"#{entry.anchor}"
        lines += [
            "  <entry>",
            f"    <title>{escape(c.subject)}</title>",
            f"    <id>{escape(_feed_id(settings, m, c))}</id>",
            f"    <updated>{_stamp(c.when)}</updated>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(target)}/>',
            f'    <content type="text">{escape("Ändrade filer:" + chr(10) + changed)}</content>',
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def write_history_feeds(site: SiteModel, settings: Any, output: Any) -> None:
    """One Atom feed per municipality."""
    for m in site.municipalities:
        output.write_text(feed_path(m), atom_feed(m, site.history, settings))
