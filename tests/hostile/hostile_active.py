"""What in built HTML could run or load something: for comparing a build with a baseline."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from sitegen.load.markup import SCRIPT_SCHEMES, url_scheme

ACTIVE_TAGS = {
    "script", "iframe", "frame", "object", "embed", "applet", "style", "base", "form", "meta",
    "link", "svg", "math", "template", "noscript", "img", "video", "audio",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "data", "xlink:href"}


class _Active(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ACTIVE_TAGS:
            # Which element, with which attribute names (values vary with content).
            self.found.add(f"<{tag} {' '.join(sorted(name for name, _ in attrs))}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.add(f"<{tag} {name}=…>")
            if name in URL_ATTRIBUTES and value is not None:
                scheme = url_scheme(value)
                if scheme in SCRIPT_SCHEMES:
                    self.found.add(f"<{tag} {name}={scheme}:…>")

    def handle_comment(self, data: str) -> None:
        if data.strip().startswith("[if"):  # conditional comments of old Internet Explorer
            self.found.add("<!--[if")


def active_content(html: str) -> set[str]:
    parser = _Active()
    parser.feed(html)
    parser.close()
    return parser.found


def active_in_site(out: Path) -> set[str]:
    found: set[str] = set()
    for page in sorted(out.rglob("*.html")):
        found |= active_content(page.read_text(encoding="utf-8"))
    return found
