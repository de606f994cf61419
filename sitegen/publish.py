"""Files for search engines: `robots.txt` and `sitemap.xml` (an OUTPUT_STEP of the build).

The sitemap lists every page the build wrote (every language), with absolute addresses; it
needs the site's origin (`site_url`, CLI `--site-url`), so without one only robots.txt is
written. Dates come from SOURCE_DATE_EPOCH (sitegen/builddate.py), so builds are reproducible.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from sitegen.builddate import build_date_or_error
from sitegen.settings import Settings

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
#: Pages that are not content: the error page is served for missing addresses.
EXCLUDED = {"404.html"}


def page_urls(written: set[str]) -> list[str]:
    """Site-root-relative addresses of the HTML pages among `written`, sorted."""
    urls = []
    for rel in written:
        if not rel.endswith(".html") or rel.rsplit("/", 1)[-1] in EXCLUDED:
            continue
        urls.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return sorted(urls)


def sitemap_xml(origin: str, base_url: str, paths: list[str], lastmod: str) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for path in paths:
        loc = escape(origin + base_url + path)
        lines.append(f"  <url><loc>{loc}</loc><lastmod>{lastmod}</lastmod></url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(origin: str | None, base_url: str) -> str:
    lines = ["User-agent: *", "Allow: /", f"Disallow: {base_url}404.html"]
    if origin:
        lines.append(f"Sitemap: {origin}{base_url}{SITEMAP}")
    return "\n".join(lines) + "\n"


def write_publishing_files(site: Any, settings: Settings, output: Any) -> None:
    """OUTPUT_STEP: robots.txt always; sitemap.xml when the site's origin is known."""
    if settings.site_url:
        lastmod = build_date_or_error().isoformat()
        paths = page_urls(output.written)
        xml = sitemap_xml(settings.site_url, settings.base_url, paths, lastmod)
        output.write_text(SITEMAP, xml)
    output.write_text(ROBOTS, robots_txt(settings.site_url, settings.base_url))
