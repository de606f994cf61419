"""Search (sitegen/search): the index is part of every build, and a failed index fails it."""

from __future__ import annotations

import json
import re
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from _indexed_text import indexed_text

from sitegen.cli import main
from sitegen.pipeline import BuildError, BuildResult, build
from sitegen.reporter import RecordingReporter
from sitegen.search import SearchIndexError, index_site
from sitegen.settings import Settings

SiteFixture = tuple[Path, BuildResult]
CONTENT = Path(__file__).resolve().parent.parent / "content"


def _page(title: str, lang: str = "sv", body: str = "") -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><nav>Meny</nav><main data-pagefind-body><h1>{title}</h1>{body}</main>"
        "</body></html>"
    )


def _fake_pagefind(tmp_path: Path, script: str) -> Path:
    exe = tmp_path / "fake-pagefind"
    exe.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    return exe


def test_built_site_has_a_swedish_index_of_the_content_pages(built_site: SiteFixture) -> None:
    out, _ = built_site
    entry = json.loads((out / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["sv"]["page_count"] > 0
    for name in ("pagefind.js", "pagefind-worker.js", "wasm.sv.pagefind"):
        assert (out / "pagefind" / name).is_file(), name


def test_only_main_content_is_indexed_and_pages_carry_filters(built_site: SiteFixture) -> None:
    out, _ = built_site
    goal = (
        out / "kommuner/kungsor/mal/varierat-bostadsutbud-och-industrimark/index.html"
    ).read_text(encoding="utf-8")
    assert goal.count("data-pagefind-body") == 1
    assert re.search(r"<main [^>]*data-pagefind-body", goal)
    assert '<span data-pagefind-filter="typ" data-pagefind-meta="typ">Mål</span>' in goal
    assert 'data-pagefind-meta="kommun">Kungsör</span>' in goal
    assert re.search(r'<li data-pagefind-filter="tema">(<a [^>]*>)?Boende<', goal)
    assert re.search(
        r'<li data-pagefind-filter="agenda2030">(<a [^>]*>)?<span[^>]*>11</span>', goal
    )
    municipality = (out / "kommuner/kungsor/index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-filter="typ:Kommun"' in municipality
    # The start page, the 404 page and the search page itself are not search results.
    for page in ("index.html", "404.html", "sok/index.html"):
        assert "data-pagefind-body" not in (out / page).read_text(encoding="utf-8"), page


def test_a_goal_page_is_indexed_by_its_own_words(built_site: SiteFixture) -> None:
    out, _ = built_site
    html = (
        out / "kommuner/kungsor/mal/varierat-bostadsutbud-och-industrimark/index.html"
    ).read_text(encoding="utf-8")
    text = indexed_text(html)
    assert text.startswith("Varierat bostadsutbud och industrimark")
    assert "150 bostäder" in text  # the wording and the indicator cards
    assert re.search(r"\bKommunstyrelsen\b", text)  # the owner
    # Shared with many goals, or filters: on the page, not in its index.
    for shared in (
        "Kommunstyrelsens mål",
        "Hållbara städer och samhällen",
        "Arbete och näringsliv",
    ):
        assert shared in html and shared not in text, shared
    # A related goal is found on its own page, not on every goal it is related to.
    html = (out / "kommuner/kungsor/mal/hallbart-aterbruk/index.html").read_text(encoding="utf-8")
    assert re.search(r"<h3>Bidrar till</h3><ul[^>]*><li[^>]*><a [^>]*>hållbar konsumtion", html)
    assert indexed_text(html).endswith("Relaterade mål Bidrar till")  # the headings, not the list


def test_every_page_has_a_labelled_search_form_to_sok(built_site: SiteFixture) -> None:
    out, _ = built_site
    for page in ("index.html", "kommuner/hallsberg/index.html", "om/index.html"):
        html = (out / page).read_text(encoding="utf-8")
        assert '<form class="site-search" role="search" action="/sok/" method="get">' in html
        assert '<label for="sidsok">Sök på webbplatsen</label>' in html
        assert '<input id="sidsok" type="search" name="q"' in html


def test_search_page_loads_external_script_only_and_explains_without_javascript(
    built_site: SiteFixture,
) -> None:
    out, _ = built_site
    html = (out / "sok" / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts and all(" src=" in s for s in scripts), scripts
    assert all(
        not code.strip() for code in re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S)
    )
    assert 'data-bundle="/pagefind/"' in html
    assert "<noscript>" in html and "Sökningen behöver JavaScript." in html
    # The filter choices are written at build time (no filter index to load before searching).
    assert '<option value="Kungsör">Kungsör</option>' in html
    assert '<option value="Indikator">Indikator</option>' in html
    assert '<option value="Trygghet">Trygghet</option>' in html
    assert '<option value="16 Fredliga och inkluderande samhällen">' in html
    src = re.search(r'<script type="module" src="([^"]+)"', html)
    assert src and (out / src.group(1).lstrip("/")).is_file()
    # Pagefind's script is fetched with the page, not after search.js asks for it.
    assert '<link rel="modulepreload" href="/pagefind/pagefind.js">' in html
    assert (out / "pagefind" / "pagefind.js").is_file()


def test_base_url_prefixes_the_form_and_the_bundle(
    make_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    out = tmp_path / "sub"
    build(make_settings(CONTENT, out_dir=out, base_url="/malbild/"), RecordingReporter())
    html = (out / "sok" / "index.html").read_text(encoding="utf-8")
    assert 'data-bundle="/malbild/pagefind/"' in html
    assert 'data-base-url="/malbild/"' in html
    page = (out / "om" / "index.html").read_text(encoding="utf-8")
    assert 'action="/malbild/sok/"' in page


def test_index_site_indexes_a_folder_and_reports_pages_per_language(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text(
        _page("Bostäder", body="<p>Fler bostäder i kommunen.</p>"), encoding="utf-8"
    )
    (site / "b.html").write_text(_page("Housing", lang="en"), encoding="utf-8")
    stats = index_site(site)
    assert stats.pages == {"sv": 1, "en": 1}
    assert stats.total_pages == 2
    assert stats.seconds > 0
    assert stats.bundle == (site / "pagefind").resolve()
    assert (site / "pagefind" / "pagefind.js").is_file()


def test_index_site_fails_on_a_folder_without_pages(tmp_path: Path) -> None:
    (tmp_path / "tom").mkdir()
    with pytest.raises(SearchIndexError, match=r"Pagefind avslutades med kod 1: .*index"):
        index_site(tmp_path / "tom")


def test_index_site_fails_on_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match="finns inte"):
        index_site(tmp_path / "saknas")


def test_index_site_refuses_to_overwrite_a_pagefind_folder(tmp_path: Path) -> None:
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "index.html").write_text(_page("Start"), encoding="utf-8")
    with pytest.raises(SearchIndexError, match="pagefind/ finns redan"):
        index_site(tmp_path)


def test_missing_binary_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "index.html").write_text(_page("Start"), encoding="utf-8")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "finns-inte"))
    with pytest.raises(SearchIndexError, match="Pagefind-programmet hittades inte"):
        index_site(tmp_path)


def test_binary_that_writes_no_index_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "index.html").write_text(_page("Start"), encoding="utf-8")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(_fake_pagefind(tmp_path, "exit 0")))
    with pytest.raises(SearchIndexError, match=r"pagefind-entry\.json saknas eller är ogiltig"):
        index_site(tmp_path)


def test_binary_that_indexes_no_page_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    entry = '{"languages": {"sv": {"page_count": 0}}}'
    out = '"$4"'  # --output-path
    script = f"mkdir -p {out} && echo '{entry}' > {out}/pagefind-entry.json"
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(_fake_pagefind(tmp_path, script)))
    with pytest.raises(SearchIndexError, match="indexerade inga sidor"):
        index_site(site)


def test_failed_indexing_fails_the_build_and_publishes_nothing(
    make_settings: Callable[..., Settings],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "_site"
    out.mkdir()
    (out / "gammal.html").write_text("förra bygget", encoding="utf-8")
    fake = _fake_pagefind(tmp_path, "echo 'Error: disken är full' >&2; exit 3")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    reporter = RecordingReporter()
    with pytest.raises(BuildError, match="Pagefind avslutades med kod 3: Error: disken är full"):
        build(make_settings(CONTENT, out_dir=out), reporter)
    assert "bygger sökindexet" in reporter.phases
    assert sorted(p.name for p in out.iterdir()) == ["gammal.html"]
    assert not list(tmp_path.glob("._site.tmp-*"))

    code = main(
        ["build", "--content", str(CONTENT), "--out", str(out)], reporter=RecordingReporter()
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "bygget misslyckades: sökindexet kunde inte byggas" in err
    assert sorted(p.name for p in out.iterdir()) == ["gammal.html"]
