"""Per-language constants worked out when a template compiles (sitegen/render/fold.py) render
exactly as the calls they replace."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.render.env import make_environment

TEMPLATE = """\
<p{{ content_lang }}>{{ _("Sök") }} {{ _("Om webbplatsen") }} {{ _("100 %%") }}</p>
<a href="{{ url('om/') }}">{{ url("sok/?q=a&b") }}</a>
{{ {"a": _("Mål"), "b": _("Plan")}[key] }} {{ _("Mål") ~ lang }} {{ _(key) }}
{{ _("%(site)s publicerar", site=name) }} {{ 'sv_SE' if lang == 'sv' else 'en_GB' }}
"""


def _render(language: str, fold: bool, source: str, tmp_path: Path) -> str:
    (tmp_path / "t.html").write_text(source, encoding="utf-8")
    env = make_environment(tmp_path, "/bas/", language)
    if not fold:
        env.translate = env.url = None  # type: ignore[attr-defined]
        env.constants = {}  # type: ignore[attr-defined]
    return env.get_template("t.html").render(key="a", name="<Målbild>")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_folded_templates_render_as_the_calls_do(language: str, tmp_path: Path) -> None:
    folded = _render(language, True, TEMPLATE, tmp_path / "a")
    assert folded == _render(language, False, TEMPLATE, tmp_path / "b")
    assert 'href="/bas/' in folded and "&amp;b" in folded and "&lt;Målbild&gt;" in folded


@pytest.fixture(autouse=True)
def _folders(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()


def test_folding_sees_what_is_folded(tmp_path: Path) -> None:
    (tmp_path / "a" / "t.html").write_text("{{ _('Sök') }}{{ url('') }}", encoding="utf-8")
    env = make_environment(tmp_path / "a", "/", "en")
    source = env.loader.get_source(env, "t.html")[0]  # type: ignore[union-attr]
    code = env.compile(source, "t.html", raw=True)
    assert "Search/" in code  # one constant: the text and the address, no call when rendered
    assert "context.call" not in code


def test_a_template_that_sets_a_folded_name_is_left_alone(tmp_path: Path) -> None:
    source = "{% set url = 'x' %}{{ url }}{{ _('Sök') }}{% macro m(lang) %}{{ lang }}{% endmacro %}"
    for fold, folder in ((True, "a"), (False, "b")):
        assert _render("en", fold, source, tmp_path / folder) == "xSearch"


def test_odd_percent_signs_render_as_before(tmp_path: Path) -> None:
    source = '{{ _("50 % av") }}'
    assert _render("sv", True, source, tmp_path / "a") == _render(
        "sv", False, source, tmp_path / "b"
    )
    with pytest.raises(KeyError):  # a placeholder without its value still fails when rendered
        _render("sv", True, '{{ _("%(site)s") }}', tmp_path / "a")
