"""WCAG 2.1 AA in a real browser: one page of each kind, in Swedish and English, as published
(under /malbild/, with the Content-Security-Policy in force).

- axe-core (shipped by axe-playwright-python) with the WCAG 2.0/2.1 A and AA rules: no violation;
- what axe cannot judge: keyboard use with a visible focus, reflow at 320 px and at 200 % zoom
  without horizontal scrolling, text contrast of every text element, text alternatives of charts,
  status shown with text and not by colour alone, content marked lang="sv" on English pages;
- the CSP blocks nothing (no inline script or style) and the 404 page works at any address.

Runs in Debian's Chromium (tests/browser/conftest.py); fails, never skips, without it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from sitegen.pipeline import BuildResult
from tests.conftest import PUBLISHED_BASE_URL

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _first(site: Path, pattern: str) -> str:
    """The address (relative to the site) of the first page matching `pattern`, sorted."""
    found = sorted(site.glob(pattern))
    assert found, f"no page matches {pattern} in the built site"
    rel = found[0].relative_to(site).as_posix()
    return rel.removesuffix("index.html")


def page_kinds(site: Path) -> dict[str, str]:
    """One page of each kind that the site has. Chosen from the build, so ids may change."""
    kinds = {
        "start": "",
        "kommun": _first(site, "kommuner/*/index.html"),
        "mal": _first(site, "kommuner/*/mal/*/index.html"),
        "malomrade": _first(site, "kommuner/*/omraden/*/index.html"),
        # The indicator with a chart (an SVG beside its table).
        "indikator": "kommuner/hallsberg/indikatorer/ekonomiskt-resultat/",
        "jamfor": "jamfor/",
        "sok": "sok/",
        "data": "data/",
        "om": "om/",
        "tillganglighet": "tillganglighet/",
        "404": "404.html",
    }
    optional = {
        "jamfor-tema": "jamfor/teman/*/index.html",
        "jamfor-matris": "jamfor/malkvalitet/index.html",
        "historik": "kommuner/*/historik/index.html",
    }
    for kind, pattern in optional.items():
        if list(site.glob(pattern)):
            kinds[kind] = _first(site, pattern)
    missing = [
        k
        for k, rel in kinds.items()
        if not (site / (rel or "index.html")).is_file()
        and not (site / rel / "index.html").is_file()
    ]
    assert not missing, f"page kinds missing from the build: {missing}"
    return kinds


@pytest.fixture(scope="module")
def published(
    published_site: tuple[Path, BuildResult], serve_folder: Callable[[Path], str]
) -> tuple[str, dict[str, str]]:
    """(base address of the served site, page kinds)."""
    site, _ = published_site
    origin = serve_folder(site.parent)
    return origin + PUBLISHED_BASE_URL, page_kinds(site)


def _cases() -> list[tuple[str, str]]:
    kinds = [
        "start",
        "kommun",
        "mal",
        "malomrade",
        "indikator",
        "jamfor",
        "sok",
        "data",
        "om",
        "tillganglighet",
        "404",
    ]
    return [(kind, lang) for kind in kinds for lang in ("sv", "en")]


def _address(base: str, rel: str, lang: str) -> str:
    return base + ("en/" if lang == "en" else "") + rel


class Tab:
    """A page plus the CSP reports and console errors it produced."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.csp: list[str] = []
        page.on("console", self._console)

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.csp.append(message.text)

    def open(self, url: str) -> None:
        response = self.page.goto(url, wait_until="load")
        assert response is not None and response.ok, f"{url}: {response and response.status}"
        self.page.wait_for_timeout(50)


@pytest.fixture
def tab(chromium: Any) -> Iterator[Tab]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield Tab(page)
    context.close()


# --- axe --------------------------------------------------------------------------------------


def _axe(page: Any) -> list[dict[str, Any]]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    return list(results.response["violations"])


def _describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = [", ".join(n["target"]) for n in v["nodes"][:3]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} – {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize(("kind", "lang"), _cases())
def test_no_axe_violations(
    tab: Tab, published: tuple[str, dict[str, str]], kind: str, lang: str
) -> None:
    base, kinds = published
    tab.open(_address(base, kinds[kind], lang))
    assert tab.page.evaluate("document.documentElement.lang") == lang
    violations = _axe(tab.page)
    assert not violations, _describe(violations)
    assert not tab.csp, f"CSP blocked something: {tab.csp}"


@pytest.mark.parametrize("kind", ["jamfor-tema", "jamfor-matris", "historik"])
def test_no_axe_violations_on_other_pages(
    tab: Tab, published: tuple[str, dict[str, str]], kind: str
) -> None:
    base, kinds = published
    if kind not in kinds:
        pytest.fail(f"the site has no page of kind {kind}")
    tab.open(_address(base, kinds[kind], "sv"))
    violations = _axe(tab.page)
    assert not violations, _describe(violations)
    assert not tab.csp, f"CSP blocked something: {tab.csp}"


# --- keyboard and focus -----------------------------------------------------------------------

_FOCUSABLE = """() => Array.from(document.querySelectorAll(
  'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select, textarea,'
  + ' summary, [tabindex]:not([tabindex="-1"])'
)).filter(el => {
  const r = el.getBoundingClientRect();
  const s = getComputedStyle(el);
  return s.visibility !== 'hidden' && s.display !== 'none' && !el.closest('[hidden]')
    && (r.width > 0 || r.height > 0 || el.classList.contains('skip-link'));
}).length"""

_FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  return {
    tag: el.tagName, text: (el.textContent || el.value || '').trim().slice(0, 40),
    visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
      && r.left < window.innerWidth + 1,
    indicator: outline || shadow,
  };
}"""


@pytest.mark.parametrize("kind", ["start", "mal", "indikator", "sok", "tillganglighet"])
def test_keyboard_reaches_everything_with_visible_focus(
    tab: Tab, published: tuple[str, dict[str, str]], kind: str
) -> None:
    base, kinds = published
    tab.open(_address(base, kinds[kind], "sv"))
    page = tab.page
    count = page.evaluate(_FOCUSABLE)
    assert count > 3
    page.keyboard.press("Tab")
    first = page.evaluate(_FOCUS_STATE)
    assert first is not None and first["text"] == "Hoppa till innehållet", first
    assert first["visible"] and first["indicator"], "the skip link shows when focused"
    seen = 1
    for _ in range(count + 5):
        page.keyboard.press("Tab")
        state = page.evaluate(_FOCUS_STATE)
        if state is None:  # focus left the document: every element was visited
            break
        seen += 1
        assert state["visible"], f"focused element is off screen: {state}"
        assert state["indicator"], f"no visible focus indicator on {state}"
    assert seen >= count, f"Tab reached {seen} of {count} focusable elements"
    # The skip link moves focus to the main content.
    page.goto(page.url)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "innehall"


# --- reflow -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "height", "scale"),
    [(320, 640, 1), (640, 450, 2)],  # 320 CSS px; a 1280×900 window at 200 % zoom
    ids=["320px", "zoom200"],
)
def test_reflows_without_horizontal_scrolling(
    chromium: Any, published: tuple[str, dict[str, str]], width: int, height: int, scale: int
) -> None:
    base, kinds = published
    context = chromium.new_context(
        viewport={"width": width, "height": height}, device_scale_factor=scale
    )
    page = context.new_page()
    try:
        overflowing = {}
        for kind, rel in sorted(kinds.items()):
            for lang in ("sv", "en"):
                page.goto(_address(base, rel, lang), wait_until="load")
                sizes = page.evaluate(
                    "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
                )
                if sizes[0] > sizes[1]:
                    overflowing[f"{kind}/{lang}"] = sizes
        assert not overflowing, f"horizontal scrolling (scrollWidth, width): {overflowing}"
    finally:
        context.close()


# --- contrast, charts, status, language ---------------------------------------------------------

_CONTRAST = """() => {
  function rgba(c) {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  }
  function lum([r, g, b]) {
    const f = v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  }
  function background(el) {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.backgroundImage && s.backgroundImage !== 'none') return null;
      const c = rgba(s.backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let out = [255, 255, 255];
    for (const c of layers.reverse()) out = out.map((v, i) => v * (1 - c[3]) + c[i] * c[3]);
    return out;
  }
  const bad = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const done = new Set();
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!el || done.has(el) || !node.textContent.trim()) continue;
    done.add(el);
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    if (s.visibility === 'hidden' || r.width === 0 || el.closest('[hidden], svg')) continue;
    if (r.right < 0 || r.bottom < 0) continue;  // moved off screen (skip link)
    const fg = rgba(s.color);
    const bg = background(el);
    if (!fg || !bg) continue;
    const color = fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i] * (1 - fg[3]));
    const [a, b] = [lum(color), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    const size = parseFloat(s.fontSize);
    const large = size >= 24 || (size >= 18.66 && parseInt(s.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) {
      const text = node.textContent.trim().slice(0, 30);
      bad.push(`${el.tagName}.${el.className} "${text}" ${ratio.toFixed(2)}`);
    }
  }
  return bad;
}"""


@pytest.mark.parametrize("kind", ["start", "kommun", "mal", "indikator", "jamfor", "sok", "404"])
def test_text_contrast_at_least_4_5(
    tab: Tab, published: tuple[str, dict[str, str]], kind: str
) -> None:
    base, kinds = published
    tab.open(_address(base, kinds[kind], "sv"))
    bad = tab.page.evaluate(_CONTRAST)
    assert not bad, "\n".join(bad[:20])


_CHARTS = """() => Array.from(document.querySelectorAll('main svg')).map(svg => {
  const hidden = svg.closest('[aria-hidden="true"]') !== null;
  const role = svg.getAttribute('role');
  const ids = (svg.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
  const labelled = ids.map(id => document.getElementById(id)).filter(Boolean)
    .map(e => e.textContent.trim()).join(' ');
  const name = (svg.getAttribute('aria-label') || labelled
    || (svg.querySelector(':scope > title') || {}).textContent || '').trim();
  const box = svg.getBoundingClientRect();
  const scope = svg.closest('figure, section, article') || svg.parentElement;
  return {hidden, role, name, big: box.width > 48, table: !!scope.querySelector('table')};
})"""


def test_charts_have_text_alternatives_and_tables(
    tab: Tab, published: tuple[str, dict[str, str]]
) -> None:
    base, kinds = published
    for lang in ("sv", "en"):
        tab.open(_address(base, kinds["indikator"], lang))
        charts = [c for c in tab.page.evaluate(_CHARTS) if c["big"]]
        assert charts, "the indicator page shows a chart"
        for chart in charts:
            if chart["hidden"]:
                assert chart["table"], f"a hidden chart needs its data table beside it: {chart}"
            else:
                assert chart["role"] == "img" and len(chart["name"]) > 20, chart


_STATUS = """() => Array.from(document.querySelectorAll(
  'main [class*="status"]:not([class*="status-symbol"]), main [class*="progress-item"]'
)).filter(el => el.getBoundingClientRect().width > 0).map(el => ({
  cls: el.className, text: (el.innerText || '').trim(),
  label: el.getAttribute('aria-label') || ''
}))"""


def test_status_is_never_colour_alone(tab: Tab, published: tuple[str, dict[str, str]]) -> None:
    base, kinds = published
    statuses = []
    for kind in ("kommun", "mal", "indikator", "jamfor"):
        tab.open(_address(base, kinds[kind], "sv"))
        statuses += tab.page.evaluate(_STATUS)
    wordless = [s for s in statuses if not any(ch.isalpha() for ch in s["text"] + s["label"])]
    assert not wordless, f"status shown without words: {wordless[:5]}"


def test_english_pages_mark_swedish_content(
    tab: Tab, published: tuple[str, dict[str, str]]
) -> None:
    """On /en/ pages the interface is English; the Swedish content is in lang="sv" elements."""
    base, kinds = published
    tab.open(_address(base, kinds["mal"], "en"))
    page = tab.page
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.evaluate("document.querySelector('h1').closest('[lang]').lang") == "sv"
    assert page.locator(".skip-link").inner_text() == "Skip to content"
    # The language switch leads to the same page in Swedish, and back.
    page.locator(".lang-switch a").click()
    page.wait_for_load_state("load")
    assert page.url == _address(base, kinds["mal"], "sv")
    assert page.evaluate("document.documentElement.lang") == "sv"
    page.locator(".lang-switch a").click()
    page.wait_for_load_state("load")
    assert page.url == _address(base, kinds["mal"], "en")


def test_404_page_works_at_any_address(tab: Tab, published: tuple[str, dict[str, str]]) -> None:
    """GitHub Pages answers a missing address under /malbild/ with /malbild/404.html: its
    styles, links and language switch must work from any depth."""
    base, _ = published
    body = tab.page.request.get(base + "404.html").text()

    def answer(route: Any) -> None:
        route.fulfill(status=404, body=body, content_type="text/html; charset=utf-8")

    missing = base + "kommuner/finns-inte/alls/"
    tab.page.route(missing, answer)
    tab.page.goto(missing, wait_until="load")
    header = tab.page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )
    assert header != "rgba(0, 0, 0, 0)", "the stylesheet loads on the 404 page"
    assert tab.page.locator("h1").inner_text() == "Sidan finns inte"
    tab.page.locator("main a", has_text="startsidan").click()
    tab.page.wait_for_load_state("load")
    assert tab.page.url == base
    assert not tab.csp
