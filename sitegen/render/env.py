"""The Jinja2 environment: autoescape, StrictUndefined, the UI catalogue and our filters."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from babel.dates import format_date
from markupsafe import Markup, escape

from sitegen.charts import chart_for
from sitegen.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGE_NAMES,
    LANGUAGES,
    gettext_for,
    ngettext_for,
)
from sitegen.render import formats
from sitegen.render.assets import AssetManifest
from sitegen.render.fold import FoldingEnvironment
from sitegen.render.markdown import render_markdown
from sitegen.render.phrases import Num, Piece, html, say_for, text
from sitegen.render.urls import path_of


def make_environment(
    templates_dir: Path,
    base_url: str,
    language: str = "sv",
    assets: AssetManifest | None = None,
    build_date: date | None = None,
) -> jinja2.Environment:
    env = FoldingEnvironment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    translate = gettext_for(language)
    env.install_gettext_callables(  # type: ignore[attr-defined]
        translate, ngettext_for(language), newstyle=True
    )

    def url_in(target_language: str, obj: Any) -> str:
        """The address of a page (node or site path) in `target_language`; files are shared."""
        path = obj.lstrip("/") if isinstance(obj, str) else path_of(obj)
        if assets is not None:
            path = assets.resolve(path)
        return base_url + language_prefix(target_language, path) + path

    def url(obj: Any) -> str:
        return url_in(language, obj)

    #: ` lang="sv"` on elements holding content when the interface is in another language.
    content_lang = Markup("") if language == DEFAULT_LANGUAGE else Markup(' lang="sv"')
    # Worked out when templates compile (sitegen/render/fold.py); still globals for the rest.
    env.translate = translate
    env.url = url
    env.constants = {"lang": language, "content_lang": content_lang}

    def name_of(obj: Any) -> str:
        """A vocabulary entry's name (theme, Agenda 2030 goal, or a comparison topic of one) in
        the page's language."""
        if language != "en":
            return obj.name
        entry = getattr(obj, "theme", None) or getattr(obj, "sdg", None) or obj
        english = getattr(entry, "name_en", None)
        return english or obj.name

    def gettext(message: str, **variables: Any) -> Markup:
        """`_()` as Jinja's newstyle gettext makes it with autoescape, in one call instead of
        two through the template context (for messages that are not literals)."""
        return Markup(translate(message)) % variables

    #: Texts the build makes from the data (targets, progress, charts) in the page's language.
    say = say_for(language)

    if language == DEFAULT_LANGUAGE:

        def content(words: str | None) -> str | Markup | None:
            return words
    else:

        def content(words: str | None) -> str | Markup | None:
            """Words from the content inside interface text (a name in a sentence): marked
            lang="sv" here; on Swedish pages they are left as they are."""
            return None if words is None else Markup('<span lang="sv">%s</span>') % words

    def say_text(piece: Piece | None) -> str | None:
        """A phrase as plain text in the page's language, content unmarked: for `<title>` and
        attributes, which cannot hold markup. Text that is not a phrase passes through."""
        if piece is None or isinstance(piece, str):
            return piece
        return text(piece, language)

    def describe_target(target: Any) -> str | Markup | None:
        return say(formats.target_phrase(target))

    def describe_baseline(baseline: Any) -> str | Markup | None:
        return say(formats.baseline_phrase(baseline))

    def chart(ind: Any) -> Any:
        return chart_for(ind, language)

    if language == DEFAULT_LANGUAGE:

        def quantity(v: float, unit: str | None = None) -> str | Markup:
            return formats.quantity(v, unit, language)
    else:

        def quantity(v: float, unit: str | None = None) -> str | Markup:
            """The unit, when it is a word, is marked as (Swedish) content."""
            return html(Num(v, unit), language)

    env.globals.update(
        _=gettext,
        url=url,
        url_in=url_in,
        name_of=name_of,
        base_url=base_url,
        lang=language,
        languages=LANGUAGES,
        language_names=LANGUAGE_NAMES,
        content_lang=content_lang,
        #: The build's date (SOURCE_DATE_EPOCH when set; see sitegen/builddate.py).
        build_date=build_date,
        #: Follow-up (issue 5): the chart of an indicator (SVG, text alternative, data).
        chart=chart,
        describe_target=describe_target,
        describe_baseline=describe_baseline,
        latest_total=formats.latest_total,
        indicator_tags=formats.indicator_tags,
        target_year=formats.target_year,
        target_kind=formats.KIND_SV,
        direction_text=formats.DIRECTION_SV,
    )
    env.filters.update(
        markdown=render_markdown,
        long_date=lambda d: long_date(d, language),
        #: A msgid held in a variable (marked with N_() in Python), as plain text to escape.
        translated=lambda message: _with_code(translate(message)),
        number=lambda v: formats.number(v, language),
        quantity=quantity,
        say=say,
        say_text=say_text,
        content=content,
    )
    return env


_CODE = re.compile(r"`([^`]+)`")


def _with_code(text: str) -> Markup:
    """Plain text, escaped, with `backquoted` identifiers (codes in the data such as `niva`) as
    <code>: they are neither Swedish nor English prose."""
    return Markup(_CODE.sub(lambda m: f"<code>{m.group(1)}</code>", str(escape(text))))


def language_prefix(language: str, path: str) -> str:
    """'en/' before a page's path in English; nothing for Swedish pages and for files (assets,
    data, search bundle), which every language shares. A page is '', 'a/b/' or 'x.html'."""
    if language == DEFAULT_LANGUAGE:
        return ""
    bare = path.split("#", 1)[0].split("?", 1)[0]
    if bare == "" or bare.endswith("/") or bare.endswith(".html"):
        return f"{language}/"
    return ""


@lru_cache(maxsize=4096)
def long_date(value: date | str, language: str) -> str:
    """'2026-11-23' → '23 november 2026' (sv) or '23 November 2026' (en), from CLDR."""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return format_date(day, "long", locale=formats.LOCALES[language])
