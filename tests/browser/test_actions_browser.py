"""The action pages of the fixture municipality in a real browser: axe finds nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from sitegen.pipeline import build
from sitegen.reporter import RecordingReporter
from sitegen.settings import Settings

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "actions" / "content"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = [
    "/kommuner/exempelby/",
    "/kommuner/exempelby/mal/fler-bostader/",
    "/kommuner/exempelby/atgarder/",
    "/kommuner/exempelby/atgarder/detaljplan-norra-angen/",
    "/en/kommuner/exempelby/atgarder/lasombud-pa-alla-skolor/",
]


@pytest.fixture(scope="module")
def origin(tmp_path_factory: pytest.TempPathFactory, serve_folder: Callable[[Path], str]) -> str:
    out = tmp_path_factory.mktemp("actions-browser") / "_site"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1693526400")
        build(Settings(content_dir=FIXTURE, out_dir=out, pdf_reports=False), RecordingReporter())
    return serve_folder(out)


def _violations(page: Page) -> list[dict[str, Any]]:
    options = {"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]}
    return list(Axe().run(page, options=options).response["violations"])


@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations(page: Page, origin: str, path: str) -> None:
    page.goto(origin + path)
    found = _violations(page)
    assert not found, [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in found]
