"""The text Pagefind takes from a page: in `data-pagefind-body`, less `data-pagefind-ignore`."""

from __future__ import annotations

import re
from html.parser import HTMLParser

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
    "wbr",
}


class _Indexed(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.body: int | None = None
        self.ignore: int | None = None
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        self.depth += 1
        names = {name for name, _ in attrs}
        if self.body is None and "data-pagefind-body" in names:
            self.body = self.depth
        if self.body is not None and self.ignore is None and "data-pagefind-ignore" in names:
            self.ignore = self.depth

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if self.ignore == self.depth:
            self.ignore = None
        if self.body == self.depth:
            self.body = None
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.body is not None and self.ignore is None:
            self.parts.append(data)


def indexed_text(html: str) -> str:
    """The page's indexed words, spaces collapsed."""
    parser = _Indexed()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts)).strip()
