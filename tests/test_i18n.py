"""The UI catalogue (sitegen/i18n.py, sitegen/locale/en/LC_MESSAGES/messages.po) and the English
pages: every `_()` string in the templates has an English translation, /en/ pages are English
with their Swedish content marked lang="sv"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from sitegen import i18n
from sitegen.charts import svg
from sitegen.i18n import (
    CatalogueError,
    gettext_for,
    ngettext_for,
    read_catalogue,
    translations,
)
from sitegen.langcheck import main as langcheck_main
from sitegen.langcheck import unmarked_swedish
from sitegen.pipeline import BuildResult
from sitegen.progress import STATUS_SV
from sitegen.render import formats
from tests.conftest import REPO

_PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%%|\{[a-z]+\}")


def extracted_msgids() -> set[str | tuple[str, str]]:
    """Every msgid in the templates and the Python code, extracted as `make i18n` does."""
    with (REPO / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found: set[str | tuple[str, str]] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(REPO), method_map, options_map
    ):
        found.add(tuple(message[:2]) if isinstance(message, tuple) else message)  # type: ignore[arg-type]
    return found


@pytest.fixture(scope="module")
def msgids() -> set[str | tuple[str, str]]:
    ids = extracted_msgids()
    assert len(ids) > 100, "extraction found the templates' strings"
    return ids


def test_every_template_string_has_an_english_translation(
    msgids: set[str | tuple[str, str]],
) -> None:
    english = translations("en")
    missing = sorted(
        str(m)
        for m in msgids
        if (m not in english.plural if isinstance(m, tuple) else m not in english.singular)
    )
    assert not missing, (
        f"{len(missing)} UI-texter saknar engelsk översättning; kör `make i18n` och översätt "
        f"dem i sitegen/locale/en/LC_MESSAGES/messages.po:\n" + "\n".join(missing[:40])
    )


def test_translations_keep_the_placeholders() -> None:
    for message in read_catalogue("en"):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = sorted(_PLACEHOLDER.findall(ids[-1]))
        for text in strings:
            assert sorted(_PLACEHOLDER.findall(text)) == wanted, (message.id, text)


def test_catalogue_has_no_fuzzy_entries() -> None:
    fuzzy = [m.id for m in read_catalogue("en") if m.id and m.fuzzy]
    assert not fuzzy


def test_python_msgids_are_translated(msgids: set[str | tuple[str, str]]) -> None:
    """Kinds of target and directions live in Python (N_) and are translated in templates."""
    for value in [*formats.KIND_SV.values(), *formats.DIRECTION_SV.values(), "Startsida"]:
        assert value in msgids
        assert gettext_for("en")(value) != value
    # The words of the texts made from the data: targets, progress, charts.
    made = [
        *formats.FREQUENCY_SV.values(),
        *(c for c in formats.COMPARISON_SV.values() if c),
        *STATUS_SV.values(),
        svg.TARGET_YEAR,
        svg.TARGET_LEVEL,
        svg.BASELINE_VALUE,
    ]
    for value in made:
        assert value in msgids
        assert gettext_for("en")(value) != value


def test_gettext_and_ngettext() -> None:
    en, sv = gettext_for("en"), gettext_for("sv")
    assert en("Hoppa till innehållet") == "Skip to content"
    assert sv("Hoppa till innehållet") == "Hoppa till innehållet"
    assert en("en text som inte finns i katalogen") == "en text som inte finns i katalogen"
    n = ngettext_for("en")
    assert n("%(num)d indikator", "%(num)d indikatorer", 1) == "%(num)d indicator"
    assert n("%(num)d indikator", "%(num)d indikatorer", 3) == "%(num)d indicators"
    assert ngettext_for("sv")("%(num)d mål", "%(num)d mål", 2) == "%(num)d mål"
    assert n("okänd", "okända", 2) == "okända"


def test_unknown_language_is_refused() -> None:
    with pytest.raises(CatalogueError, match="okänt språk 'de'"):
        translations("de")


def test_missing_or_broken_catalogue_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="kan inte läsas"):
        read_catalogue("en", tmp_path)
    po = i18n.catalogue_path("en", tmp_path)
    po.parent.mkdir(parents=True)
    po.write_bytes(b"garbage here\n")
    with pytest.raises(CatalogueError, match=str(po)):
        read_catalogue("en", tmp_path)


# --- the English pages ------------------------------------------------------------------------


def test_english_pages_exist_for_every_swedish_page(
    built_site: tuple[Path, BuildResult],
) -> None:
    out, _ = built_site
    swedish = {
        p.relative_to(out).as_posix()
        for p in out.rglob("*.html")
        if not p.relative_to(out).as_posix().startswith("en/")
    }
    english = {p.relative_to(out / "en").as_posix() for p in (out / "en").rglob("*.html")}
    assert swedish == english


def test_english_page_is_english_and_links_its_swedish_twin(
    built_site: tuple[Path, BuildResult],
) -> None:
    out, _ = built_site
    sv = (out / "om" / "index.html").read_text(encoding="utf-8")
    en = (out / "en" / "om" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="sv">' in sv and '<html lang="en">' in en
    assert "<title>About this site – Målbild</title>" in en
    assert '<a href="/om/" hreflang="sv" lang="sv">På svenska</a>' in en
    assert '<a href="/en/om/" hreflang="en" lang="en">In English</a>' in sv
    for html in (sv, en):
        assert '<link rel="alternate" hreflang="sv" href="/om/">' in html
        assert '<link rel="alternate" hreflang="en" href="/en/om/">' in html
        assert '<link rel="alternate" hreflang="x-default" href="/om/">' in html
    # Links inside English pages stay in English; shared files do not get /en/.
    assert 'href="/en/kommuner/' in en
    assert 'href="/assets/style.' in en and 'href="/en/assets/' not in en


def test_vocabulary_names_are_shown_in_the_page_language(
    built_site: tuple[Path, BuildResult],
) -> None:
    out, _ = built_site
    goal = sorted((out / "en" / "kommuner").glob("*/mal/*/index.html"))[0]
    html = goal.read_text(encoding="utf-8")
    sv = (out / goal.relative_to(out / "en")).read_text(encoding="utf-8")
    assert "Agenda 2030" in html
    english_names = re.findall(r'<span class="sdg-badge[^>]*>\d+</span> ([^<]+)</a>', html)
    swedish_names = re.findall(r'<span class="sdg-badge[^>]*>\d+</span> ([^<]+)</a>', sv)
    assert english_names and english_names != swedish_names


#: Pages of each kind that the site must have in English (the check below covers every page).
CORE_PAGES = [
    "en/index.html",
    "en/om/index.html",
    "en/tillganglighet/index.html",
    "en/404.html",
    "en/sok/index.html",
    "en/data/index.html",
    "en/kommuner/kungsor/index.html",
    "en/kommuner/kungsor/historik/index.html",
    "en/kommuner/hallsberg/omraden/god-service/index.html",
    "en/kommuner/kungsor/mal/ateranvanda-produkter/index.html",
    "en/kommuner/hallsberg/indikatorer/ekonomiskt-resultat/index.html",
    "en/jamfor/index.html",
    "en/jamfor/ordning/flest/index.html",
    "en/jamfor/ordning/tema-boende/index.html",
    "en/jamfor/ordning/agenda-2030-3/index.html",
    "en/jamfor/teman/index.html",
    "en/jamfor/teman/boende/index.html",
    "en/jamfor/agenda-2030/index.html",
    "en/jamfor/agenda-2030/3/index.html",
    "en/jamfor/indikatorer/index.html",
    "en/jamfor/malkvalitet/index.html",
    "en/jamfor/sida-vid-sida/index.html",
]


def test_every_english_page_marks_all_swedish_text(built_site: tuple[Path, BuildResult]) -> None:
    """Every text on every /en/ page of the real content is English interface text or content
    marked lang="sv" (identifiers in <code> aside): what `python -m sitegen.langcheck` checks."""
    out, _ = built_site
    assert {p for p in CORE_PAGES if (out / p).is_file()} == set(CORE_PAGES)
    found = unmarked_swedish(out)
    assert not found, f"{len(found)} texter:\n" + "\n".join(
        f"{u.page}:{u.line}: {u.text}" for u in found[:30]
    )


def _title(html: str) -> str:
    return html.split("<title>", 1)[1].split("</title>", 1)[0]


def _crumbs(html: str) -> str:
    return html.split('<nav class="breadcrumbs', 1)[1].split("</nav>", 1)[0]


def test_english_titles_and_breadcrumbs_are_english(built_site: tuple[Path, BuildResult]) -> None:
    """Interface titles come from the catalogue in every place a page names itself (<title>,
    og:title, breadcrumbs); a theme's or global goal's name in them is its English name."""
    out, _ = built_site
    page = (out / "en/jamfor/ordning/agenda-2030-3/index.html").read_text(encoding="utf-8")
    title = "Compare the municipalities, sorted by Global goal 3: Good health and well-being"
    assert _title(page) == f"{title} – Målbild"
    assert f'<meta property="og:title" content="{title}">' in page
    crumbs = _crumbs(page)
    assert '<li><a href="/en/jamfor/">Compare</a></li>' in crumbs
    assert f'<li><span aria-current="page">{title}</span></li>' in crumbs
    assert f"<strong>{title.split('sorted by ')[1]}</strong>" in page
    sv = (out / "jamfor/ordning/agenda-2030-3/index.html").read_text(encoding="utf-8")
    assert _title(sv).startswith("Jämför kommunerna, sorterat efter Globala målet 3: ")
    assert '<li lang="sv"><a href="/en/jamfor/">' not in page

    theme = (out / "en/jamfor/teman/boende/index.html").read_text(encoding="utf-8")
    assert _title(theme) == "Housing – Målbild"
    assert '<li><a href="/en/jamfor/teman/">Themes</a></li>' in _crumbs(theme)
    assert '<li><span aria-current="page">Housing</span></li>' in _crumbs(theme)
    # A title with a name in it: the name is marked where markup is possible.
    history = (out / "en/kommuner/kungsor/historik/index.html").read_text(encoding="utf-8")
    assert _title(history) == "History of changes: Kungsör – Målbild"
    assert 'History of changes: <span lang="sv">Kungsör</span></span></li>' in _crumbs(history)
    for path, expected in [
        ("en/data/index.html", "Open data"),
        ("en/sok/index.html", "Search"),
        ("en/404.html", "Page not found"),
        ("en/tillganglighet/index.html", "Accessibility statement"),
        ("en/jamfor/index.html", "Compare the municipalities"),
    ]:
        assert _title((out / path).read_text(encoding="utf-8")) == f"{expected} – Målbild", path


def test_english_titles_are_translated_or_content(built_site: tuple[Path, BuildResult]) -> None:
    """An English page whose <title> is the same as its Swedish twin's is titled by content (a
    name, a goal's title; its heading is then marked lang="sv"), or by a name that English
    shares (Agenda 2030, a theme called Service)."""
    out, result = built_site
    vocabulary = [*result.site.themes.values(), *result.site.sdgs.values()]
    shared = {"Agenda 2030", *(v.name for v in vocabulary if v.name == v.name_en)}
    same = []
    for en_path in sorted((out / "en").rglob("*.html")):
        en = en_path.read_text(encoding="utf-8")
        sv = (out / en_path.relative_to(out / "en")).read_text(encoding="utf-8")
        if _title(en) != _title(sv) or _title(en).rsplit(" – ", 1)[0] in shared:
            continue
        heading = re.search(r"<h1.*?</h1>", en, re.S)
        if heading is None or 'lang="sv"' not in heading.group(0):
            same.append(en_path.relative_to(out).as_posix())
    assert not same, "\n".join(same[:30])


def test_langcheck_finds_unmarked_swedish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "index.html").write_text(
        '<!doctype html><html lang="en"><body><p>Goals</p><p lang="sv">Målen för året</p>'
        "<p>Kommunens mål</p><br><p>Skip to content</p></body></html>",
        encoding="utf-8",
    )
    found = unmarked_swedish(tmp_path)
    assert [(u.page, u.text) for u in found] == [("en/index.html", "Kommunens mål")]
    assert langcheck_main([str(tmp_path)]) == 1
    assert "en/index.html:1: Kommunens mål" in capsys.readouterr().out
    assert langcheck_main([]) == 2
    # Identifiers in <code> are not prose in any language; the text around them still counts.
    (tmp_path / "en" / "index.html").write_text(
        '<html lang="en"><body><p>File <code>kommuner/kungsör/mål/x.yaml</code></p>'
        "<p>Fältet <code>kommun</code></p></body></html>",
        encoding="utf-8",
    )
    assert [u.text for u in unmarked_swedish(tmp_path)] == ["Fältet"]


def test_english_indicator_page_has_english_targets_progress_and_chart(
    followup_site: tuple[Path, BuildResult],
) -> None:
    """What the build writes from the data is interface text: English on /en/ pages, with only
    the content in it (units that are words, names) marked lang="sv"."""
    out, _ = followup_site
    base = "kommuner/testby/indikatorer"
    en = (out / "en" / base / "resultat" / "index.html").read_text(encoding="utf-8")
    sv = (out / base / "resultat" / "index.html").read_text(encoding="utf-8")
    nb = "\xa0"
    # The target table and the baseline: English, no lang="sv" on the generated text.
    assert f"<td>at least 2{nb}% by 2022</td>" in en
    assert f'<li>1{nb}% in 2018 <span class="wording" lang="sv">' in en
    # Progress: the target, the summary and the rule.
    assert f"<p><strong>at least 2{nb}% by 2022</strong>: " in en
    assert f"<p>The latest value, 1.8{nb}% (2021), does not reach the target level of" in en
    assert "<p>The latest value is compared with the target level (at least 2" in en
    # The chart's text alternative, with the indicator's title marked as content.
    assert '<figcaption>Chart of <span lang="sv">Resultat</span>. 3 values from 2019' in en
    assert f"Baseline 1{nb}% in 2018. Target at least 2{nb}% by 2022." in en
    # The Swedish page says the same in Swedish, unmarked.
    assert f"<td>minst 2{nb}% år 2022</td>" in sv
    assert "<figcaption>Diagram över Resultat. 3 värden från 2019" in sv
    assert 'lang="sv"' not in sv.split("<main", 1)[1]

    # A unit that is a word stays Swedish and is marked, in every generated text.
    cost = (out / "en" / base / "kostnad" / "index.html").read_text(encoding="utf-8")
    kr = '<span lang="sv">kr</span>'
    assert f"<td>−6{nb}% (required −5{nb}%)</td>" in cost
    assert f"2019: 100{nb}{kr}" in cost
    assert f"<td>100{nb}{kr}</td>" in cost  # the data table's values too
    rank = (out / "en" / base / "foretagsklimat" / "index.html").read_text(encoding="utf-8")
    assert f'among the top 25{nb}% in <span lang="sv">landets kommuner</span> by 2022' in rank

    # Nothing Swedish is left unmarked on the follow-up's English pages, nor anywhere else.
    found = unmarked_swedish(out)
    assert not found, "\n".join(f"{u.page}:{u.line}: {u.text}" for u in found[:30])
