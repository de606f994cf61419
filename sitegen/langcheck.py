"""Finds Swedish text on English pages that is not marked `lang="sv"` (a check over the built
site): the interface must be translated, and content must say it is Swedish (WCAG 3.1.2).

A text counts as Swedish when it has å, ä or ö or a common Swedish word. Proper names with those
letters (Kungsör) must be marked too: a screen reader then pronounces them the Swedish way.
Identifiers (file paths, data field names) are written in `<code>` and not checked.

    python -m sitegen.langcheck _site
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

SWEDISH_WORDS = frozenset(
    [
        "och",
        "att",
        "som",
        "för",
        "med",
        "inte",
        "är",
        "på",
        "av",
        "till",
        "den",
        "det",
        "har",
        "inga",
        "inget",
        "ingen",
        "kommun",
        "kommuner",
        "mål",
        "målet",
        "målen",
        "sidan",
        "sök",
        "visa",
        "alla",
        "eller",
        "enligt",
        "källa",
        "källan",
        "saknas",
        "finns",
    ]
)
#: The site's own name: a brand, the same in every language.
SITE_NAMES = frozenset({"Målbild"})
_WORD = re.compile(r"[A-Za-zÅÄÖåäöÉé]+")
#: Elements whose text is not shown as text, or is not in a language: `code` holds identifiers
#: (a content file's path, an open-data column like `kommun_id`, a commit id) that are the same
#: on every page and must be typed as they stand. They are not Swedish prose, and marking them
#: lang="sv" would have a screen reader pronounce a file name as Swedish words.
_SKIP = {"script", "style", "title", "svg", "code"}
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


@dataclass(frozen=True)
class UnmarkedText:
    page: str
    line: int
    text: str


class _Parser(HTMLParser):
    def __init__(self, names: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.names = names
        self.stack: list[tuple[str, str | None]] = []  # (tag, lang) of open elements
        self.found: list[tuple[int, str]] = []

    def _lang(self) -> str | None:
        for _, lang in reversed(self.stack):
            if lang is not None:
                return lang
        return None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if not data.strip() or any(t in _SKIP for t, _ in self.stack):
            return
        if (self._lang() or "").startswith("sv"):
            return
        words = [w for w in _WORD.findall(data) if w not in self.names]
        if any(set(w) & set("åäöÅÄÖ") or w.lower() in SWEDISH_WORDS for w in words):
            self.found.append((self.getpos()[0], " ".join(data.split())[:80]))


def unmarked_swedish(
    site_dir: Path, language: str = "en", names: frozenset[str] = SITE_NAMES
) -> list[UnmarkedText]:
    """Swedish text outside `lang="sv"` on the pages under `site_dir/<language>/`; `names` are
    brand names that are the same in every language (the site's name)."""
    out = []
    root = site_dir / language
    for path in sorted(root.rglob("*.html")):
        parser = _Parser(names)
        parser.feed(path.read_text(encoding="utf-8"))
        rel = path.relative_to(site_dir).as_posix()
        out.extend(UnmarkedText(rel, line, text) for line, text in parser.found)
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("användning: python -m sitegen.langcheck _site", file=sys.stderr)
        return 2
    found = unmarked_swedish(Path(args[0]))
    for item in found:
        print(f"{item.page}:{item.line}: {item.text}")
    print(f'{len(found)} svenska texter utan lang="sv" på engelska sidor.', file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
