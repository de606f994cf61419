"""Internal links and anchors of the built site (sitegen/linkcheck.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.linkcheck import check_links, main
from sitegen.pipeline import BuildResult
from tests.conftest import PUBLISHED_BASE_URL, PUBLISHED_SITE_URL


def test_published_site_has_no_broken_links(published_site: tuple[Path, BuildResult]) -> None:
    out, _ = published_site
    broken = check_links(out, PUBLISHED_BASE_URL, PUBLISHED_SITE_URL)
    assert not broken, "\n".join(b.format() for b in broken[:40])


def test_site_at_root_has_no_broken_links(built_site: tuple[Path, BuildResult]) -> None:
    out, _ = built_site
    broken = check_links(out, "/")
    assert not broken, "\n".join(b.format() for b in broken[:40])


def _page(body: str) -> str:
    return f'<!doctype html><html lang="sv"><head><title>t</title></head><body>{body}</body></html>'


@pytest.fixture
def tiny_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "assets" / "x.css").write_text("", encoding="utf-8")
    (site / "index.html").write_text(
        _page(
            '<a href="/m/a/">a</a> <a href="/m/a/#finns">ankare</a> <a href="#topp">upp</a>'
            '<h1 id="topp">t</h1><link href="/m/assets/x.css" rel="stylesheet">'
            '<a href="https://example.org/saknas">extern</a> <a href="mailto:a@b.se">post</a>'
            '<meta property="og:url" content="https://s.example/m/">'
        ),
        encoding="utf-8",
    )
    (site / "a" / "index.html").write_text(
        _page('<p id="finns">x</p><a href="../">upp</a> <a href="./">här</a>'), encoding="utf-8"
    )
    return site


def test_good_links_pass(tiny_site: Path) -> None:
    assert check_links(tiny_site, "/m/", "https://s.example") == []


@pytest.mark.parametrize(
    ("href", "reason"),
    [
        ("/m/b/", "filen finns inte"),
        ("/m/a/#saknas", "ankaret #saknas finns inte"),
        ("#saknas", "ankaret #saknas finns inte"),
        ("/a/", "utanför webbplatsens sökväg /m/"),
        ("../../utanfor.html", "utanför webbplatsen"),
        ("/m/assets/y.css", "filen finns inte"),
        ("https://s.example/m/saknas/", "filen finns inte"),
        ("javascript:alert(1)", "okänt adresschema"),
    ],
)
def test_broken_links_are_found(tiny_site: Path, href: str, reason: str) -> None:
    page = tiny_site / "a" / "index.html"
    page.write_text(_page(f'<p id="finns">x</p>\n<a href="{href}">trasig</a>'), encoding="utf-8")
    broken = check_links(tiny_site, "/m/", "https://s.example")
    assert len(broken) == 1, broken
    assert broken[0].page == "a/index.html"
    assert broken[0].line == 2
    assert reason in broken[0].reason


def test_cli_exit_codes(tiny_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tiny_site), "--base-url", "/m"]) == 0
    broken_page = _page('<p id="finns">x</p><a href="/m/c/">x</a>')
    (tiny_site / "a" / "index.html").write_text(broken_page, encoding="utf-8")
    assert main([str(tiny_site), "--base-url", "/m/"]) == 1
    out = capsys.readouterr()
    assert "a/index.html:1: /m/c/: filen finns inte" in out.out
    assert "1 trasiga länkar" in out.err
    assert main([str(tiny_site / "saknas")]) == 2
