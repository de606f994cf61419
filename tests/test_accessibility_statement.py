"""The accessibility statement (tillgänglighetsredogörelse): validated content in
content/tillganglighet.yaml, rendered at /tillganglighet/ with every element DIGG requires, and
linked from every page's footer."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from sitegen.issues import ContentError, Severity
from sitegen.pipeline import BuildResult, build, check
from sitegen.reporter import RecordingReporter
from sitegen.settings import Settings
from tests.conftest import CONTENT, REPO

STATEMENT = "tillganglighet.yaml"


def test_statement_page_has_every_element_digg_requires(
    built_site: tuple[Path, BuildResult],
) -> None:
    out, _ = built_site
    html = (out / "tillganglighet" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Tillgänglighetsredogörelse</h1>" in html
    # The public body and the website the statement covers.
    assert "Målbild</span> står bakom webbplatsen" in html
    # Compliance level, against which standard.
    assert "Webbplatsen är delvis förenlig med lagen om tillgänglighet" in html
    assert "WCAG 2.1 nivå AA" in html
    # Known shortcomings.
    assert 'id="brister"' in html and html.count('class="shortcoming"') >= 1
    # How it was evaluated, and when; when the statement was updated.
    assert 'id="metod"' in html and "axe-core" in html
    assert '<time datetime="2026-11-23">23 november 2026</time>' in html
    # Feedback: how to report problems.
    assert 'id="kontakt"' in html and "Mottagare:" in html
    # The law's complaint route: DIGG's form.
    assert '<a href="https://www.digg.se/tdosanmalan">anmäla det till DIGG</a>' in html


def test_statement_in_english_keeps_the_content_swedish(
    built_site: tuple[Path, BuildResult],
) -> None:
    out, _ = built_site
    html = (out / "en" / "tillganglighet" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Accessibility statement</h1>" in html
    assert "This website is partially compliant" in html
    assert '<div class="prose" lang="sv">' in html
    assert '<time datetime="2026-11-23">23 November 2026</time>' in html


def test_every_page_links_to_the_statement(built_site: tuple[Path, BuildResult]) -> None:
    out, _ = built_site
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        html = page.read_text(encoding="utf-8")
        footer = html[html.index('<footer class="site-footer">') :]
        prefix = "/en/" if page.relative_to(out).parts[0] == "en" else "/"
        assert f'<a href="{prefix}tillganglighet/">' in footer, page


# --- validation -------------------------------------------------------------------------------


def _edit(content: Path, old: str, new: str) -> None:
    path = content / STATEMENT
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _errors(settings: Settings) -> list[str]:
    with pytest.raises(ContentError) as err:
        check(settings, RecordingReporter())
    return [i.format() for i in err.value.issues]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("efterlevnad: delvis", "efterlevnad: halvt", r"tillganglighet\.yaml:7:\d+: efterlevnad:"),
        (
            "anmalan: 'https://www.digg.se/tdosanmalan'",
            "anmalan: 'https://example.org/klaga'",
            r"anmalan: .*DIGG:s anmälningsformulär",
        ),
        ("bedomningsdatum: '2026-11-23'", "bedomningsdatum: 2026-11-23", r"bedomningsdatum:"),
        (
            "uppdaterad: '2026-11-23'",
            "uppdaterad: '2026-11-01'",
            r":45:13: uppdaterad: .*före bedömningsdatum",
        ),
        ("efterlevnad: delvis", "efterlevnad: helt", r":7:14: efterlevnad: .*'helt' förenlig"),
        (
            "  namn: 'Målbilds redaktion'",
            "  namn: 'Redaktionen'\n  epost: 'ingen-adress'",
            r":4[89]:\d+: kontakt\.epost: E-postadressen",
        ),
        ("metod: |", "metoden: |", r"metoden"),
    ],
)
def test_invalid_statement_is_a_located_swedish_error(
    content_copy: Path,
    make_settings: Callable[..., Settings],
    old: str,
    new: str,
    expected: str,
) -> None:
    _edit(content_copy, old, new)
    errors = _errors(make_settings(content_copy))
    assert any(re.search(expected, e) for e in errors), errors
    assert all(e.startswith("content/tillganglighet.yaml:") for e in errors), errors


def test_partial_compliance_needs_shortcomings(
    content_copy: Path, make_settings: Callable[..., Settings]
) -> None:
    path = content_copy / STATEMENT
    text = path.read_text(encoding="utf-8")
    start, end = text.index("brister:\n"), text.index("metod: |")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    errors = _errors(make_settings(content_copy))
    assert any("de kända bristerna" in e for e in errors), errors


@pytest.fixture
def small_content(tmp_path: Path) -> Path:
    """The golden tests' small fictional municipality with the real statement (builds fast)."""
    dest = tmp_path / "content"
    shutil.copytree(REPO / "tests" / "fixtures" / "golden" / "content", dest)
    shutil.copy(CONTENT / STATEMENT, dest / STATEMENT)
    return dest


def test_missing_statement_is_a_warning_and_drops_the_footer_link(
    small_content: Path, make_settings: Callable[..., Settings]
) -> None:
    (small_content / STATEMENT).unlink()
    settings = make_settings(small_content)
    result = build(settings, RecordingReporter())
    assert [(w.path, w.severity) for w in result.warnings] == [
        ("content/tillganglighet.yaml", Severity.WARNING)
    ]
    assert "lagen (2018:1937) kräver en" in result.warnings[0].message
    assert not (settings.out_dir / "tillganglighet").exists()
    assert "tillganglighet/" not in (settings.out_dir / "index.html").read_text(encoding="utf-8")


def test_contact_without_a_channel_is_warned_about_and_said_on_the_page(
    built_site: tuple[Path, BuildResult],
) -> None:
    out, result = built_site
    warnings = [w for w in result.warnings if w.path.endswith(STATEMENT)]
    assert [(w.field, w.line) for w in warnings] == [("kontakt", 46)]
    html = (out / "tillganglighet" / "index.html").read_text(encoding="utf-8")
    assert "har ännu ingen e-postadress, kontaktsida eller telefon" in html


def test_contact_without_a_channel_falls_back_to_the_repository_issues(
    small_content: Path, make_settings: Callable[..., Settings]
) -> None:
    """A site built from a public repository (the workflow passes --repo-url) takes feedback in
    the repository's issue tracker until the content names a channel of its own."""
    settings = make_settings(small_content).model_copy(
        update={"repo_url": "https://github.com/kommun/malbild"}
    )
    result = build(settings, RecordingReporter())
    assert [w.field for w in result.warnings if w.path.endswith(STATEMENT)] == ["kontakt"]
    for page in ("tillganglighet", "en/tillganglighet"):
        html = (settings.out_dir / page / "index.html").read_text(encoding="utf-8")
        assert '<a href="https://github.com/kommun/malbild/issues">' in html
        assert "ingen e-postadress" not in html and "does not yet have an email" not in html


def test_contact_channels_are_shown(
    small_content: Path, make_settings: Callable[..., Settings]
) -> None:
    _edit(
        small_content,
        "  namn: 'Målbilds redaktion'",
        "  namn: 'Webbredaktionen'\n  epost: 'webb@kommun.example'\n"
        "  adress: 'https://kommun.example/kontakt'\n  telefon: '0123-456 78'\n"
        "  svarstid: 'inom fem arbetsdagar'",
    )
    settings = make_settings(small_content)
    result = build(settings, RecordingReporter())
    assert not [w for w in result.warnings if w.path.endswith(STATEMENT)]
    html = (settings.out_dir / "tillganglighet" / "index.html").read_text(encoding="utf-8")
    assert '<a href="mailto:webb@kommun.example">webb@kommun.example</a>' in html
    assert '<a href="https://kommun.example/kontakt">' in html
    assert "Telefon: 0123-456 78" in html
    assert "Vi svarar <span>inom fem arbetsdagar</span>." in html
