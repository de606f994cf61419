"""The Jinja2 environment: autoescape, StrictUndefined, the UI catalogue and our filters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from sitegen.i18n import gettext_for, ngettext_for
from sitegen.render import formats
from sitegen.render.markdown import render_markdown
from sitegen.render.urls import path_of


def make_environment(templates_dir: Path, base_url: str, language: str = "sv") -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext_for(language), ngettext_for(language), newstyle=True
    )

    def url(obj: Any) -> str:
        if isinstance(obj, str):
            return base_url + obj.lstrip("/")
        return base_url + path_of(obj)

    env.globals.update(
        url=url,
        base_url=base_url,
        lang=language,
        describe_target=formats.describe_target,
        describe_baseline=formats.describe_baseline,
        target_kind=formats.KIND_SV,
        direction_text=formats.DIRECTION_SV,
    )
    env.filters.update(
        markdown=render_markdown,
        number=lambda v: formats.number(v, language),
        quantity=lambda v, unit=None: formats.quantity(v, unit, language),
    )
    return env
