"""The build: pages, the base path, atomic output, template errors, the writer, the reporter."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.issues import ContentError
from sitegen.pipeline import BuildError, BuildResult, build
from sitegen.reporter import RecordingReporter, Reporter
from sitegen.settings import REPO_ROOT, Settings
from sitegen.write import Output, OutputError


def tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_core_pages_exist(built_site: tuple[Path, BuildResult]) -> None:
    out, result = built_site
    for rel in [
        "index.html",
        "404.html",
        "om/index.html",
        "kommuner/kungsor/index.html",
        "kommuner/kungsor/mal/varierat-bostadsutbud-och-industrimark/index.html",
        "kommuner/hallsberg/omraden/hallbar-kommun/index.html",
        "kommuner/kungsor/indikatorer/bostader-2020-2025/index.html",
        "assets/style.css" if (out / "assets/style.css").exists() else "index.html",
    ]:
        assert (out / rel).is_file(), rel
    assert result.pages >= 75


def test_pages_have_one_h1_lang_and_skip_link(built_site: tuple[Path, BuildResult]) -> None:
    out, _ = built_site
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert html.count("<h1") == 1, page
        assert '<html lang="' in html
        assert 'class="skip-link"' in html


def test_base_url_prefixes_every_link(tmp_path: Path) -> None:
    out = tmp_path / "site"
    code = main(["build", "--out", str(out), "--base-url", "/malbild/"], reporter=Reporter())
    assert code == 0
    html = (out / "kommuner/kungsor/index.html").read_text(encoding="utf-8")
    hrefs = [h for h in _hrefs(html) if not h.startswith(("http", "#", "mailto:"))]
    assert hrefs
    assert all(h.startswith("/malbild/") for h in hrefs), hrefs


def _hrefs(html: str) -> list[str]:
    import re

    return re.findall(r'(?:href|src)="([^"]+)"', html)


def test_failed_build_leaves_previous_output_untouched(
    content_copy: Path, make_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    settings = make_settings(content_copy)
    build(settings, Reporter())
    before = tree_digest(settings.out_dir)
    goal = content_copy / "kommuner/kungsor/mal/utveckla-investeringsprocessen.yaml"
    goal.write_text(goal.read_text(encoding="utf-8").replace("niva: ks", "niva: 3"), "utf-8")
    with pytest.raises(ContentError) as info:
        build(settings, Reporter())
    assert info.value.issues[0].path.endswith("utveckla-investeringsprocessen.yaml")
    assert tree_digest(settings.out_dir) == before
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name or ".old-" in p.name]


def test_cli_build_exit_codes(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["build", "--content", str(content_copy), "--out", str(out)], Reporter()) == 0
    (content_copy / "teman.yaml").write_text("teman: []\n", encoding="utf-8")
    assert main(["build", "--content", str(content_copy), "--out", str(out)], Reporter()) == 1
    assert "inget skrevs" in capsys.readouterr().err
    assert main(["build", "--base-url", "malbild"], Reporter()) == 2


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["bygg"])
    assert info.value.code == 2


def test_template_error_names_template_and_line(
    content_copy: Path, make_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    import shutil

    shutil.copytree(REPO_ROOT / "templates", templates)
    about = templates / "about.html"
    lines = about.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "{{ site.no_such_thing.deeper }}")
    about.write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = make_settings(content_copy, templates_dir=templates)
    with pytest.raises(BuildError) as info:
        build(settings, Reporter())
    assert "about.html:4" in str(info.value)
    assert not settings.out_dir.exists()


def test_template_syntax_error(
    content_copy: Path, make_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    import shutil

    templates = tmp_path / "templates"
    shutil.copytree(REPO_ROOT / "templates", templates)
    (templates / "404.html").write_text(
        "{% extends 'base.html' %}\n{% block main %}\n{% if %}\n", "utf-8"
    )
    with pytest.raises(BuildError) as info:
        build(make_settings(content_copy, templates_dir=templates), Reporter())
    assert "404.html:3" in str(info.value)


def test_output_refuses_duplicates_and_escapes(tmp_path: Path) -> None:
    output = Output(tmp_path / "site")
    output.write_text("a/index.html", "x")
    with pytest.raises(OutputError):
        output.write_text("a/index.html", "y")
    for bad in ["../evil.html", "/etc/passwd", "a/../../x", "a\\b"]:
        with pytest.raises(OutputError):
            output.write_text(bad, "x")
    output.abort()
    assert list(tmp_path.iterdir()) == []


def test_output_swaps_whole_folder(tmp_path: Path) -> None:
    target = tmp_path / "site"
    first = Output(target)
    first.write_text("old.html", "old")
    first.commit()
    second = Output(target)
    second.write_text("new.html", "new")
    assert (target / "old.html").exists()
    second.commit()
    assert sorted(p.name for p in target.iterdir()) == ["new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_reporter_records_phases(
    content_copy: Path, make_settings: Callable[..., Settings]
) -> None:
    reporter = RecordingReporter()
    build(make_settings(content_copy), reporter)
    assert reporter.phases[0] == "läser och kontrollerar innehållet"
    assert "skriver sidorna" in reporter.phases
    assert reporter.events[-1][0] == "done"
