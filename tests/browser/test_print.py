"""The site's print stylesheet: a goal page printed on its own shows the content, not the chrome."""

from __future__ import annotations

import io

from playwright.sync_api import Page
from pypdf import PdfReader

GOAL = "/kommuner/smedjebacken/mal/valfard-med-hog-kvalitet/"


def test_a_goal_page_prints_cleanly(page: Page, site_server: str) -> None:
    page.goto(site_server + GOAL)
    page.emulate_media(media="print")
    for selector in (".site-header nav", ".site-search", ".breadcrumbs", ".site-footer"):
        assert not page.locator(selector).first.is_visible(), f"{selector} is printed"
    assert page.locator("h1").is_visible()
    # Tables print whole (not as scrolling blocks) and keep their header row on every page.
    table = page.locator("main table").first
    assert table.evaluate("t => getComputedStyle(t).display") == "table"
    head = table.locator("thead").evaluate("h => getComputedStyle(h).display")
    assert head == "table-header-group"
    # External links are written out, so the paper keeps the source.
    source = page.locator("main a[href^='http']").first
    after = source.evaluate("a => getComputedStyle(a, '::after').content")
    assert "attr(href)" in after or "http" in after

    pdf = page.pdf(format="A4", print_background=False)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Välfärd med hög kvalitet" in text
    assert "Placering i SKR:s jämförelser" in text
    for chrome in ("Hoppa till innehållet", "Sök på webbplatsen", "Du är här"):
        assert chrome not in text
