"""Text from YAML is escaped everywhere it is published (HTML, attributes, JSON, XML), template
syntax in content is shown literally, and a BOM or CRLF line ends change nothing.

The hostile text here would be refused by the load-time check (sitegen/load/markup.py); the
second test switches that check off to prove the second line: escaping and the sanitiser."""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hostile_active import active_in_site
from hostile_support import SOURCE_DATE_EPOCH, make_content, run, snapshot

from sitegen.load import content as content_module

SCRIPT_BREAK = '</script><script>alert("x")</script>'
ATTRIBUTE_BREAK = "\"'><img src=x onerror=alert(1)>"
TEMPLATE = "{{ 7*7 }} {% if true %}ja{% endif %}"
ODD = "a\u2028b\u2029c \\ & < >"
MARKDOWN = (
    "Text <script>alert(1)</script> och [länk](javascript:alert(1)).\n\n"
    '<img src=x onerror=alert(1)> <a href="&#106;avascript:alert(1)">x</a>\n\n'
    "<iframe src=//example.com></iframe>"
)
GOAL = "kommuner/exempelby/mal/fler-bostader.yaml"
AREA = "kommuner/exempelby/omraden/trygg-kommun.yaml"


def _set(content: Path, rel: str, old: str, new: str) -> None:
    path = content / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _block(text: str, indent: str = "  ") -> str:
    return "|\n" + "".join(f"{indent}{line}\n" if line else "\n" for line in text.split("\n"))


def hostile_content(tmp: Path) -> Path:
    content = make_content(tmp)
    _set(content, AREA, "titel: 'Trygg kommun'", f"titel: {json.dumps(SCRIPT_BREAK)}")
    _set(content, GOAL, "titel: 'Fler bostäder i hela kommunen'", f"titel: {json.dumps(ODD)}")
    _set(content, GOAL, "kort_titel: 'Fler bostäder'", f"kort_titel: {json.dumps(ATTRIBUTE_BREAK)}")
    _set(
        content,
        GOAL,
        "beskrivning: |\n  Kommunen planerar för *blandade* upplåtelseformer.\n",
        "beskrivning: " + _block(MARKDOWN),
    )
    _set(content, GOAL, "titel: 'Nya bostäder'", f"titel: {json.dumps(TEMPLATE)}")
    _set(
        content, GOAL, "anmarkning: 'Preliminärt värde.'", f"anmarkning: {json.dumps(SCRIPT_BREAK)}"
    )
    _set(
        content,
        "kommuner/exempelby/kommun.yaml",
        "vision: |\n  Exempelby är en **trygg** kommun där alla kan växa.\n",
        "vision: " + _block(MARKDOWN),
    )
    return content


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_the_first_line_refuses_every_hostile_field(tmp_path: Path) -> None:
    content = hostile_content(tmp_path)
    result = run(["check", "--content", str(content), "--format", "json"])
    assert result.code == 1
    fields = {(e["path"].split("/")[-1], e["field"]) for e in json.loads(result.stdout)["errors"]}
    assert fields >= {
        ("trygg-kommun.yaml", "titel"),
        ("fler-bostader.yaml", "titel"),  # U+2028, an invisible line separator
        ("fler-bostader.yaml", "kort_titel"),
        ("fler-bostader.yaml", "beskrivning"),
        ("fler-bostader.yaml", "indikatorer[0].matningar[0].anmarkning"),
        ("kommun.yaml", "vision"),
    }
    assert ("fler-bostader.yaml", "indikatorer[0].titel") not in fields  # template text is fine


def test_escaping_and_the_sanitiser_hold_without_the_first_line(
    tmp_path: Path, minimal_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(content_module, "check_markup", lambda *args: 0)
    content = hostile_content(tmp_path / "source")
    out = tmp_path / "_site"
    result = run(["build", "--content", str(content), "--out", str(out)])
    assert result.code == 0, result.stderr
    # No element, event handler or script address beyond what the templates put there.
    assert active_in_site(out) <= active_in_site(minimal_site)
    # Template syntax is shown as text, not evaluated.
    goal_page = html.unescape(
        (out / "kommuner/exempelby/mal/fler-bostader/index.html").read_text(encoding="utf-8")
    )
    assert TEMPLATE in goal_page
    # Every JSON file parses and gives the editor's text back exactly.
    found: set[str] = set()
    for path in sorted(out.rglob("*.json")):
        found |= set(_strings(json.loads(path.read_text(encoding="utf-8"))))
    assert {SCRIPT_BREAK, ODD, ATTRIBUTE_BREAK} <= found
    for path in sorted(out.rglob("*.xml")):
        ET.parse(path)


def test_bom_and_crlf_give_the_same_site(
    tmp_path: Path, minimal_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    content = make_content(tmp_path)
    for path in sorted(content.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    out = tmp_path / "_site"
    result = run(["build", "--content", str(content), "--out", str(out)])
    assert result.code == 0, result.stderr
    ours, theirs = _published_text(out), _published_text(minimal_site)
    assert len(ours) > 50
    assert ours == theirs


def _published_text(out: Path) -> dict[str, str]:
    """Pages and data files by hash. The PDF and the search index's binary files are left out:
    they differ between two builds of the same content (an identifier, an order of filters)."""
    return {
        name: digest
        for name, digest in snapshot(out).items()
        if not name.startswith(("../", "pagefind/"))
        and name.rsplit(".", 1)[-1] in ("html", "json", "csv", "xml", "txt")
    }
