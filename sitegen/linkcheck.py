"""Internal link and anchor check over a built site (the output, not the sources).

Every `href`, `src` and form `action` that points into the site must lead to a file the build
wrote, and every `#fragment` to an element with that id. Links must stay under the site's base
path, so a site published at `/malbild/` has no link that escapes it. External links (another
origin, `mailto:`, `tel:`) are not fetched.

    python -m sitegen.linkcheck _site --base-url /malbild/ [--site-url https://kommun.github.io]
"""

from __future__ import annotations

import argparse
import posixpath
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: (tag, attribute) pairs that hold a URL.
URL_ATTRIBUTES = {
    ("a", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("form", "action"),
    ("object", "data"),
}
#: Open Graph properties whose content is a URL on the site.
URL_META = {"og:url", "og:image"}
EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "data"}


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str  # the page with the link, relative to the site folder
    line: int
    url: str
    reason: str

    def format(self) -> str:
        return f"{self.page}:{self.line}: {self.url}: {self.reason}"


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v for k, v in attrs if v is not None}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        line = self.getpos()[0]
        for name, value in values.items():
            if (tag, name) in URL_ATTRIBUTES:
                self.links.append((line, value))
        if tag == "meta" and values.get("property") in URL_META and "content" in values:
            self.links.append((line, values["content"]))


def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def check_links(
    site_dir: Path, base_url: str = "/", site_url: str | None = None
) -> list[BrokenLink]:
    """Every broken internal link or anchor in the HTML files under `site_dir`, sorted."""
    site_dir = site_dir.resolve()
    pages = {p.relative_to(site_dir).as_posix(): p for p in sorted(site_dir.rglob("*.html"))}
    parsed = {rel: _parse(path) for rel, path in pages.items()}
    origin = (site_url or "").rstrip("/")
    broken: list[BrokenLink] = []
    for rel, page in parsed.items():
        for line, url in page.links:
            reason = _check(url, rel, site_dir, base_url, origin, parsed)
            if reason:
                broken.append(BrokenLink(rel, line, url, reason))
    return sorted(broken)


def _check(
    url: str,
    page: str,
    site_dir: Path,
    base_url: str,
    origin: str,
    parsed: dict[str, _PageParser],
) -> str | None:
    if origin and (url == origin or url.startswith(origin + "/")):
        url = url[len(origin) :] or "/"
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        if parts.scheme and parts.scheme not in EXTERNAL_SCHEMES:
            return f"okänt adresschema '{parts.scheme}:'"
        return None  # another site: not fetched
    path = unquote(parts.path)
    if not path:
        target = page  # '#frag' or '?q' on this page
    elif path.startswith("/"):
        if not path.startswith(base_url):
            return f"leder utanför webbplatsens sökväg {base_url}"
        target = path[len(base_url) :]
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        target = "" if joined == "." else joined + ("/" if path.endswith("/") else "")
    if target == "" or target.endswith("/"):
        target += "index.html"
    resolved = (site_dir / target).resolve()
    try:
        rel = resolved.relative_to(site_dir).as_posix()
    except ValueError:
        return "leder utanför webbplatsen"
    if resolved.is_dir():
        if (resolved / "index.html").is_file():
            rel = f"{rel}/index.html"
            resolved = resolved / "index.html"
        else:
            return "mappen har ingen index.html"
    if not resolved.is_file():
        return "filen finns inte"
    if parts.fragment:
        target_page = parsed.get(rel)
        if target_page is None:
            return None  # an anchor into a non-HTML file (e.g. a PDF page): not checked
        if unquote(parts.fragment) not in target_page.ids:
            return f"ankaret #{parts.fragment} finns inte på sidan"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sitegen.linkcheck", description="Hitta trasiga interna länkar och ankare."
    )
    parser.add_argument("site", type=Path, help="den byggda webbplatsen, t.ex. _site")
    parser.add_argument("--base-url", default="/", help="sökvägen webbplatsen byggdes för")
    parser.add_argument("--site-url", default=None, help="webbplatsens ursprung, om angivet")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(f"fel: mappen {args.site} finns inte", file=sys.stderr)
        return 2
    base = args.base_url if args.base_url.endswith("/") else args.base_url + "/"
    broken = check_links(args.site, base, args.site_url)
    for link in broken:
        print(link.format())
    pages = sum(1 for _ in args.site.rglob("*.html"))
    print(f"{len(broken)} trasiga länkar på {pages} sidor.", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
