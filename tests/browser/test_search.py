"""Search in a real browser: Pagefind's Swedish index over the built site, driven like a reader.

Chromium types queries into the search page and the header field of other pages; the results
come from the bundle the build wrote to /pagefind/.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from sitegen.pipeline import build
from sitegen.reporter import Reporter
from sitegen.settings import Settings

CONTENT = Path(__file__).resolve().parents[2] / "content"
DONE = "#sok-status[data-state='results'], #sok-status[data-state='none']"
KUNGSOR_HOUSING_GOAL = "/kommuner/kungsor/mal/varierat-bostadsutbud-och-industrimark/"
# Indicators are found as sections of their goal's or goal area's page (their own pages are not
# indexed, to keep the index small): the section links to the indicator's card on that page.
KUNGSOR_HOUSING_INDICATOR = "#indikator-bostader-2020-2025"
HALLSBERG_SAFETY = "#indikator-trygghet-nri"
HALLSBERG_SAFETY_PAGE = "/kommuner/hallsberg/indikatorer/trygghet-nri/"
VAGGERYD_SAFETY_AREA = "/kommuner/vaggeryd/omraden/delaktighet-tillganglighet-och-trygghet/"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def open_search(page: Page, origin: str, query: str = "", base: str = "/") -> None:
    page.goto(f"{origin}{base}sok/{query}")
    page.wait_for_selector("#sok[data-ready='true']")
    if query:
        page.wait_for_selector(DONE)


def result_paths(page: Page) -> list[str]:
    links = page.locator("#sok-traffar li h3 a")
    return [urlsplit(href).path for href in links.evaluate_all("els => els.map(a => a.href)")]


def section_links(page: Page) -> list[str]:
    """The indicator sections listed under the results, as path#anchor."""
    links = page.locator("#sok-traffar .search-sections a")
    hrefs = links.evaluate_all("els => els.map(a => a.href)")
    return [urlsplit(href).path + "#" + urlsplit(href).fragment for href in hrefs]


def section_anchors(page: Page) -> list[str]:
    return ["#" + link.split("#", 1)[1] for link in section_links(page)]


def result_kinds(page: Page) -> list[str]:
    return page.locator("#sok-traffar .search-kind").all_inner_texts()


def type_query(page: Page, text: str) -> None:
    field = page.get_by_label("Sökord")
    field.fill("")
    field.press_sequentially(text)
    field.press("Enter")
    expect(page.locator("#sok-status")).to_contain_text(text)
    page.wait_for_selector(DONE)


def test_bostad_finds_kungsors_housing_goal_through_compounds_and_inflections(
    page: Page, site_server: str
) -> None:
    open_search(page, site_server, "?q=bostad")
    paths = result_paths(page)
    assert KUNGSOR_HOUSING_GOAL in paths  # "bostadsutbud"
    assert KUNGSOR_HOUSING_INDICATOR in section_anchors(page)  # "Bostäder"
    assert all(path.split("/")[3] != "indikatorer" for path in paths)
    goal = page.locator("#sok-traffar li", has=page.locator(f"a[href$='{KUNGSOR_HOUSING_GOAL}']"))
    expect(goal.locator(".search-kind")).to_have_text("Mål · Kungsör")
    expect(goal.locator("mark").first).to_contain_text(re.compile("bostad", re.I))


def test_a_query_in_one_inflection_finds_another(page: Page, site_server: str) -> None:
    """Swedish stemming: 'bostäderna' is no prefix of 'bostäder', yet finds it."""
    open_search(page, site_server)
    type_query(page, "bostäderna")
    assert KUNGSOR_HOUSING_INDICATOR in section_anchors(page)
    type_query(page, "förskolan")  # the page says "förskolans"
    assert any(link.startswith("/kommuner/hallsberg/") for link in section_links(page))
    expect(page.locator("#sok-traffar mark").first).to_contain_text(re.compile("förskola", re.I))


def test_trygghet_finds_hallsbergs_indicator_and_vaggeryds_goal_area(
    page: Page, site_server: str
) -> None:
    open_search(page, site_server)
    type_query(page, "trygghet")
    paths = result_paths(page)
    assert HALLSBERG_SAFETY in section_anchors(page)
    assert VAGGERYD_SAFETY_AREA in paths
    area = page.locator("#sok-traffar li", has=page.locator(f"a[href$='{VAGGERYD_SAFETY_AREA}']"))
    expect(area.locator(".search-kind")).to_have_text("Målområde · Vaggeryd")
    expect(area.locator("h3")).to_have_text("Delaktighet, tillgänglighet och trygghet")


def test_filters_narrow_by_municipality_kind_theme_and_global_goal(
    page: Page, site_server: str
) -> None:
    open_search(page, site_server, "?q=trygghet")
    everything = result_paths(page)
    assert {p.split("/")[2] for p in everything} >= {"hallsberg", "vaggeryd"}

    page.get_by_label("Kommun", exact=True).select_option("Hallsberg")
    expect(page.locator("#sok-status")).to_have_attribute("data-filtered", "true")
    page.wait_for_selector(DONE)
    hallsberg = result_paths(page)
    assert hallsberg and all(p.startswith("/kommuner/hallsberg/") for p in hallsberg)
    assert HALLSBERG_SAFETY in section_anchors(page)
    assert all(kind.endswith("· Hallsberg") for kind in result_kinds(page))
    assert parse_qs(urlsplit(page.url).query) == {"q": ["trygghet"], "kommun": ["Hallsberg"]}

    # Kind "Indikator": the pages that show indicators, each with its matching indicators.
    page.get_by_label("Typ av sida").select_option("Indikator")
    expect(page).to_have_url(re.compile("typ=Indikator"))
    page.wait_for_function(
        "() => { const items = [...document.querySelectorAll('#sok-traffar > li')];"
        " return items.length > 0 && items.every(li => li.querySelector('.search-sections')); }"
    )
    assert HALLSBERG_SAFETY in section_anchors(page)
    assert all(kind.endswith("· Hallsberg") for kind in result_kinds(page))

    # An indicator's own themes and global goals narrow too (Trygghet and 16 are its own).
    page.get_by_label("Tema").select_option("Trygghet")
    page.get_by_label("Agenda 2030-mål").select_option("16 Fredliga och inkluderande samhällen")
    # The search for both filters has started (the address follows it) and then finished: the
    # list is not the one from the theme alone.
    expect(page).to_have_url(re.compile(r"[?&]agenda2030=16"))
    page.wait_for_selector(DONE)
    expect(page.locator("#sok-traffar > li")).to_have_count(1)
    assert section_anchors(page) == [HALLSBERG_SAFETY]
    # The section leads to the indicator's card, whose heading links to the indicator's page.
    page.locator("#sok-traffar .search-sections a").first.click()
    card_heading = page.locator(HALLSBERG_SAFETY)
    expect(card_heading).to_be_visible()
    card_heading.get_by_role("link").click()
    page.wait_for_url(re.compile(re.escape(HALLSBERG_SAFETY_PAGE) + "$"))
    page.go_back()
    page.go_back()
    page.wait_for_selector(DONE)

    # The counts shown in each filter follow the query, and every kind is on offer.
    options = page.get_by_label("Typ av sida").locator("option").all_inner_texts()
    assert {o.split(" (")[0] for o in options} == {
        "Alla typer",
        "Indikator",
        "Kommun",
        "Mål",
        "Målområde",
    }
    # Filtered links are links too.
    page.goto(f"{site_server}/sok/?q=bostad&kommun=Kungs%C3%B6r&typ=M%C3%A5l")
    page.wait_for_selector(DONE)
    assert result_paths(page) == [KUNGSOR_HOUSING_GOAL]
    expect(page.get_by_label("Kommun", exact=True)).to_have_value("Kungsör")


def test_a_query_without_hits_says_so(page: Page, site_server: str) -> None:
    open_search(page, site_server, "?q=zxqvbnm")
    expect(page.locator("#sok-status")).to_have_text(re.compile(r"^Inga träffar för ”zxqvbnm”"))
    expect(page.locator("#sok-traffar")).to_be_hidden()
    expect(page.locator("#sok-fler")).to_be_hidden()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("välfärd", "/kommuner/smedjebacken/mal/valfard-med-hog-kvalitet/"),
        ("återbruk", "/kommuner/kungsor/mal/"),
        ("Kungsör", "/kommuner/kungsor/"),
    ],
)
def test_queries_with_swedish_letters(
    page: Page, site_server: str, query: str, expected: str
) -> None:
    open_search(page, site_server)
    type_query(page, query)
    paths = result_paths(page)
    assert any(p.startswith(expected) for p in paths), paths
    assert parse_qs(urlsplit(page.url).query) == {"q": [query]}
    expect(page.locator("#sok-traffar mark").first).to_contain_text(re.compile(query[:4], re.I))


def test_the_q_link_opens_with_results_and_more_can_be_shown(page: Page, site_server: str) -> None:
    open_search(page, site_server, "?q=m%C3%A5len")
    expect(page.get_by_label("Sökord")).to_have_value("målen")
    expect(page.locator("#sok-traffar li")).to_have_count(10)
    expect(page.locator("#sok-status")).to_contain_text("Visar 10 av")
    more = page.get_by_role("button", name="Visa fler träffar")
    more.click()
    expect(page.locator("#sok-traffar li")).to_have_count(20)
    expect(page.locator("#sok-traffar li").nth(10).locator("a")).to_be_focused()


def test_header_search_is_keyboard_usable_from_any_page(page: Page, site_server: str) -> None:
    page.goto(f"{site_server}{KUNGSOR_HOUSING_GOAL}")
    field = page.get_by_role("search").get_by_label("Sök på webbplatsen")
    for _ in range(10):  # skip link, site name, menu links, then the search field
        page.keyboard.press("Tab")
        if field.evaluate("el => el === document.activeElement"):
            break
    expect(field).to_be_focused()
    page.keyboard.type("trygghet")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/sok/\?q=trygghet$"))
    page.wait_for_selector(DONE)
    assert HALLSBERG_SAFETY in section_anchors(page)

    # From the search field, Tab reaches the button and the filters; arrows choose a filter.
    expect(page.get_by_label("Sökord")).to_have_value("trygghet")
    page.get_by_label("Sökord").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Sök", exact=True)).to_be_focused()
    page.keyboard.press("Tab")
    municipality = page.get_by_label("Kommun", exact=True)
    expect(municipality).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(municipality).not_to_have_value("")
    chosen = municipality.input_value()
    expect(page.locator("#sok-traffar .search-kind").first).to_contain_text(chosen)
    # Tab on to the first result and open it with Enter.
    first = page.locator("#sok-traffar li h3 a").first
    target = urlsplit(first.get_attribute("href") or "").path
    first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(target) + "$"))


def test_search_page_passes_axe(page: Page, site_server: str) -> None:
    open_search(page, site_server, "?q=bostad")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert results.violations_count == 0, results.generate_report()
    open_search(page, site_server, "?q=zxqvbnm")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert results.violations_count == 0, results.generate_report()


def test_header_search_passes_axe(page: Page, site_server: str) -> None:
    page.goto(f"{site_server}{HALLSBERG_SAFETY_PAGE}")
    results = Axe().run(
        page,
        context={"include": [["header"]]},
        options={"runOnly": {"type": "tag", "values": WCAG_AA}},
    )
    assert results.violations_count == 0, results.generate_report()


def test_without_javascript_the_page_says_so_and_links_onwards(
    chromium: Any, site_server: str
) -> None:
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_server}/sok/?q=bostad")
        message = page.locator(".search-nojs")
        expect(message).to_be_visible()
        expect(message).to_contain_text("Sökningen behöver JavaScript.")
        hrefs = message.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
        assert hrefs == ["/", "/jamfor/"]
        expect(page.get_by_label("Sökord")).to_be_visible()
    finally:
        context.close()


@pytest.fixture(scope="module")
def subpath_server(
    tmp_path_factory: pytest.TempPathFactory, serve_folder: Callable[[Path], str]
) -> str:
    """The site built for and served under /malbild/."""
    root = tmp_path_factory.mktemp("subpath")
    build(
        Settings(content_dir=CONTENT, out_dir=root / "malbild", base_url="/malbild/"),
        Reporter(),
    )
    return serve_folder(root)


def test_search_works_under_a_base_path(page: Page, subpath_server: str) -> None:
    page.goto(f"{subpath_server}/malbild/kommuner/vaggeryd/")
    form = page.get_by_role("search")
    form.get_by_label("Sök på webbplatsen").fill("trygghet")
    form.get_by_label("Sök på webbplatsen").press("Enter")
    page.wait_for_url(re.compile(r"/malbild/sok/\?q=trygghet$"))
    page.wait_for_selector(DONE)
    paths = result_paths(page)
    assert "/malbild" + VAGGERYD_SAFETY_AREA in paths
    assert all(p.startswith("/malbild/") for p in paths)
    with page.expect_navigation():
        page.locator(f"#sok-traffar a[href='/malbild{VAGGERYD_SAFETY_AREA}']").click()
    expect(page.locator("h1")).to_have_text("Delaktighet, tillgänglighet och trygghet")


def test_english_pages_search_their_own_index(page: Page, site_server: str) -> None:
    open_search(page, site_server, "?q=trygghet", base="/en/")
    paths = result_paths(page)
    assert "/en" + VAGGERYD_SAFETY_AREA in paths
    assert all(p.startswith("/en/") for p in paths)
    expect(page.locator("html")).to_have_attribute("lang", "en")
