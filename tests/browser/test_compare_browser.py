"""The comparison pages in a real browser: the side-by-side picker (a little JavaScript over the
per-municipality JSON) and axe over every kind of comparison page."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TABLE = "#sida-vid-sida-resultat table"


def test_picking_two_municipalities_shows_their_goals_by_theme_in_columns(
    page: Page, site_server: str
) -> None:
    page.goto(f"{site_server}/jamfor/sida-vid-sida/")
    page.get_by_role("checkbox", name="Kungsör").check()
    page.get_by_role("checkbox", name="Smedjebacken").check()
    page.get_by_role("button", name="Visa sida vid sida").click()
    table = page.locator(TABLE)
    expect(table).to_be_visible()
    assert re.search(r"\?kommun=kungsor&kommun=smedjebacken$", page.url)
    heads = table.locator("thead th").all_inner_texts()
    assert heads == ["Tema", "Kungsör", "Smedjebacken"]
    expect(page.locator("#sida-vid-sida-status")).to_have_text("Visar: Kungsör, Smedjebacken")

    housing = table.locator("tbody tr", has=page.locator("th", has_text="Boende"))
    kungsor, smedjebacken = housing.locator("td").all()
    expect(
        kungsor.get_by_role("link", name="Varierat bostadsutbud och industrimark")
    ).to_have_attribute("href", "/kommuner/kungsor/mal/varierat-bostadsutbud-och-industrimark/")
    expect(smedjebacken.get_by_role("link", name="Attraktiv boendekommun")).to_be_visible()
    expect(smedjebacken).to_contain_text("Vision och mål, period okänd")
    expect(smedjebacken).to_contain_text("Vår bedömning")

    # The link leads to the goal.
    kungsor.get_by_role("link", name="Varierat bostadsutbud och industrimark").click()
    page.wait_for_url(re.compile(r"/kommuner/kungsor/mal/varierat-bostadsutbud-och-industrimark/$"))


def test_a_shared_address_opens_with_the_same_choice_and_one_is_not_enough(
    page: Page, site_server: str
) -> None:
    page.goto(f"{site_server}/jamfor/sida-vid-sida/?kommun=hallsberg&kommun=vaggeryd&kommun=okand")
    table = page.locator(TABLE)
    expect(table.locator("thead th")).to_have_text(["Tema", "Hallsberg", "Vaggeryd"])
    expect(page.get_by_role("checkbox", name="Hallsberg")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Vaggeryd")).to_be_checked()
    expect(table).to_contain_text("Hållbar tillväxt och samhällsplanering")  # Vaggeryd's area

    page.get_by_role("checkbox", name="Vaggeryd").uncheck()
    page.get_by_role("button", name="Visa sida vid sida").click()
    expect(page.locator("#sida-vid-sida-status")).to_have_text(
        "Välj minst två och högst fyra kommuner."
    )
    expect(page.locator(TABLE)).to_have_count(0)
    page.go_back()
    expect(page.locator(TABLE)).to_be_visible()


def test_english_picker_links_to_english_pages(page: Page, site_server: str) -> None:
    page.goto(f"{site_server}/en/jamfor/sida-vid-sida/?kommun=kungsor&kommun=hallsberg")
    link = page.locator(TABLE).get_by_role("link", name="Kungsör")
    expect(link).to_have_attribute("href", "/en/kommuner/kungsor/")


@pytest.mark.parametrize(
    "path",
    [
        "/jamfor/",
        "/jamfor/teman/trygghet/",
        "/jamfor/agenda-2030/",
        "/jamfor/agenda-2030/11/",
        "/jamfor/indikatorer/",
        "/jamfor/malkvalitet/",
        "/jamfor/sida-vid-sida/?kommun=kungsor&kommun=hallsberg&kommun=smedjebacken",
    ],
)
def test_comparison_pages_pass_axe(page: Page, site_server: str, path: str) -> None:
    page.goto(f"{site_server}{path}")
    if "kommun=" in path:
        expect(page.locator(TABLE)).to_be_visible()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert results.violations_count == 0, results.generate_report()
