"""Markdown to safe HTML: Python-Markdown renders, nh3 sanitises (the last line of defence)."""

from __future__ import annotations

import re
from functools import lru_cache

import markdown as md
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "p",
    "br",
    "ul",
    "ol",
    "li",
    "em",
    "strong",
    "a",
    "blockquote",
    "code",
    "pre",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": set()}
URL_SCHEMES = {"http", "https", "mailto"}

_converter = md.Markdown(extensions=["sane_lists", "tables"], output_format="html")
_HEADING = re.compile(r"<(/?)h([12])>")
#: A line of plain prose: it starts with a letter and holds only letters, digits, spaces and
#: punctuation that neither Markdown nor HTML gives a meaning (no `*_[]<>&#|\`` or tab).
_PROSE_LINE = re.compile(r"[^\W\d_](?:[^\W_]|[ .,;:!?()%'\"/–—-])*(?<! )")


@lru_cache(maxsize=8192)
def render_markdown(text: str | None) -> Markup:
    """Render editor Markdown. Headings # and ## become h3: a page keeps one h1 and its outline."""
    if not text:
        return Markup("")
    html = _prose_paragraphs(text)
    if html is None:
        html = _converter.reset().convert(text)
        html = _HEADING.sub(lambda m: f"<{m.group(1)}h3>", html)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return Markup(clean)


def _prose_paragraphs(text: str) -> str | None:
    """Plain prose in paragraphs (most goal descriptions) as Python-Markdown renders it, without
    its parser: `<p>` per paragraph, lines kept, paragraphs on lines of their own. None for any
    text with something more (a test compares both ways)."""
    lines = text.split("\n")
    if not all(line == "" or _PROSE_LINE.fullmatch(line) for line in lines):
        return None
    paragraphs = re.split(r"\n\n+", text.strip("\n"))
    return "\n".join(f"<p>{p}</p>" for p in paragraphs if p)
