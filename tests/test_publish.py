"""Publishing: sitemap.xml and robots.txt, the <head> of every page (canonical link, Open Graph,
favicon, Content-Security-Policy), hashed asset names, the 404 page under a subpath, the build
date (SOURCE_DATE_EPOCH) and the site_url setting."""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from sitegen.builddate import BuildDateError, build_date, build_datetime
from sitegen.cli import main
from sitegen.pipeline import BuildError, BuildResult, build
from sitegen.publish import page_urls, robots_txt
from sitegen.render.assets import collect_assets, hashed_name
from sitegen.reporter import RecordingReporter
from sitegen.settings import Settings
from tests.conftest import CONTENT, PUBLISHED_BASE_URL, PUBLISHED_SITE_URL

ORIGIN = PUBLISHED_SITE_URL + PUBLISHED_BASE_URL
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def test_sitemap_lists_every_page_once_with_absolute_addresses(
    published_site: tuple[Path, BuildResult],
) -> None:
    out, _ = published_site
    tree = ET.parse(out / "sitemap.xml")
    locs = [u.findtext(f"{SITEMAP_NS}loc") for u in tree.getroot()]
    lastmods = {u.findtext(f"{SITEMAP_NS}lastmod") for u in tree.getroot()}
    assert lastmods == {"2023-11-14"}  # SOURCE_DATE_EPOCH of the published build
    assert len(locs) == len(set(locs))
    expected = {
        ORIGIN + p.relative_to(out).as_posix().removesuffix("index.html")
        for p in _pages(out)
        if p.name != "404.html"
    }
    assert set(locs) == expected
    assert ORIGIN in locs and ORIGIN + "en/" in locs and ORIGIN + "tillganglighet/" in locs
    assert locs == sorted(locs)


def test_robots_txt_points_to_the_sitemap(published_site: tuple[Path, BuildResult]) -> None:
    out, _ = published_site
    assert (out / "robots.txt").read_text(encoding="utf-8") == (
        f"User-agent: *\nAllow: /\nDisallow: /malbild/404.html\nSitemap: {ORIGIN}sitemap.xml\n"
    )


def test_without_site_url_there_is_no_sitemap(built_site: tuple[Path, BuildResult]) -> None:
    out, _ = built_site
    assert not (out / "sitemap.xml").exists()
    assert "Sitemap" not in (out / "robots.txt").read_text(encoding="utf-8")
    home = (out / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="/">' in home
    assert "og:url" not in home


def test_page_urls_skip_the_404_page_and_files() -> None:
    written = {"index.html", "404.html", "en/404.html", "a/index.html", "data/x.csv", "b.html"}
    assert page_urls(written) == ["", "a/", "b.html"]
    assert robots_txt(None, "/") == "User-agent: *\nAllow: /\nDisallow: /404.html\n"


def test_every_page_has_head_metadata_and_a_strict_csp(
    published_site: tuple[Path, BuildResult],
) -> None:
    out, _ = published_site
    csp_seen = set()
    for page in _pages(out):
        html = page.read_text(encoding="utf-8")
        rel = page.relative_to(out).as_posix()
        csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert csp, rel
        csp_seen.add(csp.group(1))
        assert '<link rel="icon" href="/malbild/assets/favicon.' in html, rel
        assert '<meta property="og:title" content="' in html, rel
        assert f'<meta property="og:image" content="{ORIGIN}assets/og-image.' in html, rel
        # No inline script, no inline style: the CSP would block them.
        for script in re.findall(r"<script\b[^>]*>", html):
            assert " src=" in script, f"{rel}: inline script {script}"
        assert not re.search(r"<style\b|\sstyle=|\son[a-z]+=", html), rel
        if page.name == "404.html":
            assert '<meta name="robots" content="noindex">' in html
            assert "canonical" not in html
        else:
            url = ORIGIN + rel.removesuffix("index.html")
            assert f'<link rel="canonical" href="{url}">' in html, rel
            assert f'<meta property="og:url" content="{url}">' in html, rel
    assert len(csp_seen) == 1
    csp = csp_seen.pop()
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "style-src 'self'" in csp


def test_assets_have_content_hashed_names(published_site: tuple[Path, BuildResult]) -> None:
    out, _ = published_site
    assets = sorted((out / "assets").iterdir())
    assert {a.name.split(".")[0] for a in assets} >= {"style", "favicon", "og-image"}
    for asset in assets:
        digest = hashlib.sha256(asset.read_bytes()).hexdigest()[:10]
        assert asset.name.split(".")[-2] == digest, asset.name
    home = (out / "index.html").read_text(encoding="utf-8")
    style = next(a.name for a in assets if a.name.startswith("style."))
    assert f'href="/malbild/assets/{style}"' in home
    assert 'href="/malbild/assets/style.css"' not in home


def test_hashed_names_change_with_content(tmp_path: Path) -> None:
    (tmp_path / "js").mkdir()
    (tmp_path / "js" / "app.js").write_text("a", encoding="utf-8")
    (tmp_path / "LICENSE").write_text("b", encoding="utf-8")
    (tmp_path / ".hidden").write_text("c", encoding="utf-8")
    manifest = collect_assets(tmp_path)
    assert set(manifest.names) == {"js/app.js", "LICENSE"}
    assert manifest.names["js/app.js"] == hashed_name("js/app.js", b"a")
    assert re.fullmatch(r"js/app\.[0-9a-f]{10}\.js", manifest.names["js/app.js"])
    assert re.fullmatch(r"LICENSE\.[0-9a-f]{10}", manifest.names["LICENSE"])
    assert manifest.resolve("assets/js/app.js#x").endswith(".js#x")
    assert manifest.resolve("assets/missing.css") == "assets/missing.css"
    assert manifest.resolve("kommuner/") == "kommuner/"
    assert hashed_name("a.css", b"1") != hashed_name("a.css", b"2")
    assert collect_assets(tmp_path / "none").names == {}


def test_404_page_links_work_under_the_subpath(published_site: tuple[Path, BuildResult]) -> None:
    """GitHub Pages serves /malbild/404.html for any missing address under /malbild/: its links
    must be absolute (from the base path), never relative to the missing address."""
    out, _ = published_site
    html = (out / "404.html").read_text(encoding="utf-8")
    links = re.findall(r'(?:href|src|action)="([^"]+)"', html)
    assert links
    for link in links:
        assert link.startswith(("/malbild/", "https://", "#")), link


# --- build date -------------------------------------------------------------------------------


def test_build_date_follows_source_date_epoch() -> None:
    assert build_date({"SOURCE_DATE_EPOCH": "1700000000"}) == date(2023, 11, 14)
    assert build_datetime({"SOURCE_DATE_EPOCH": " 0 "}) == datetime(1970, 1, 1, tzinfo=UTC)
    before = datetime.now(UTC).replace(microsecond=0)
    assert before <= build_datetime({}) <= datetime.now(UTC)
    assert build_datetime({"SOURCE_DATE_EPOCH": ""}).tzinfo is UTC


@pytest.mark.parametrize("value", ["igår", "1.5", "-1"])
def test_bad_source_date_epoch_is_refused(value: str) -> None:
    with pytest.raises(BuildDateError, match="SOURCE_DATE_EPOCH"):
        build_date({"SOURCE_DATE_EPOCH": value})


def test_bad_source_date_epoch_fails_the_build_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "igår")
    out = tmp_path / "_site"
    with pytest.raises(BuildError, match="SOURCE_DATE_EPOCH='igår' är inte ett heltal"):
        build(Settings(content_dir=CONTENT, out_dir=out), RecordingReporter())
    assert not out.exists()


# --- the site_url setting ---------------------------------------------------------------------


def test_site_url_is_an_origin() -> None:
    assert Settings(site_url="https://kommun.github.io/").site_url == "https://kommun.github.io"
    assert Settings(site_url="").site_url is None
    with pytest.raises(ValueError, match="origin"):
        Settings(site_url="https://kommun.github.io/malbild")
    with pytest.raises(ValueError, match="origin"):
        Settings(site_url="kommun.github.io")


def test_cli_refuses_a_bad_site_url(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["build", "--out", str(tmp_path / "s"), "--site-url", "ftp://x"])
    assert code == 2
    assert "site_url" in capsys.readouterr().err
    assert not (tmp_path / "s").exists()
