"""Property-based: random text in every string field and Markdown body of the minimal content.
The build either succeeds with no active content beyond what the templates themselves put in,
or fails with errors located in the files (file, line within it, field)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hostile_active import active_in_site
from hostile_support import MINIMAL, core_builds, make_content
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from sitegen.issues import ContentError
from sitegen.pipeline import build
from sitegen.reporter import RecordingReporter
from sitegen.settings import Settings

Field = tuple[str, tuple[object, ...], int, int, str]  # file, location, start, end, style

FRAGMENTS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg/onload=alert(1)>",
    "javascript:alert(1)", "JaVaScRiPt:", "&#106;avascript:", "&#x6A;", "vbscript:",
    "data:text/html,", "[a](", "](", ")", "[x]: ", "![i](", "<", ">", "</", "\"", "'", "&", "&amp;",
    "&lt;", "{{ 7*7 }}", "{% if true %}x{% endif %}", "{# c #}", "</script>", "<iframe src=//x>",
    "<style>", "<!--", "-->", " onclick=", "<a href=", "\\", "`", "*", "_", "#", ":", "//", "\n",
    "\n\n", "    ", "\t", "\u2028",
    "\u202e", "\x0b", "\x1b", "Å", "ä", "ö", "%", "—", "\u00a0", "${x}", "</p>", "<b>", "| a |",
]  # fmt: skip
#: Any character but surrogates and control characters (those come from FRAGMENTS).
CHARACTERS = st.characters(max_codepoint=0xFFFF, blacklist_categories=("Cs", "Cc"))
TEXT = st.one_of(
    st.text(CHARACTERS, max_size=30),  # anything at all
    # mostly what an attacker (or a paste from Word) would try:
    st.lists(
        st.one_of(st.sampled_from(FRAGMENTS), st.text(CHARACTERS, max_size=6)), max_size=8
    ).map("".join),
)


def _string_fields() -> list[Field]:
    """Every string scalar of the minimal content: (file, location, first and last character)."""
    found: list[Field] = []
    for path in sorted(MINIMAL.rglob("*.yaml")):
        rel = path.relative_to(MINIMAL).as_posix()
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)

        def walk(n: yaml.Node, loc: tuple[object, ...], rel: str = rel) -> None:
            if isinstance(n, yaml.MappingNode):
                for key, value in n.value:
                    walk(value, (*loc, key.value))
            elif isinstance(n, yaml.SequenceNode):
                for i, item in enumerate(n.value):
                    walk(item, (*loc, i))
            elif (
                isinstance(n, yaml.ScalarNode)
                and (n.style in ("'", '"', "|", ">") or not n.value[:1].isdigit())
                and n.value not in ("null", "true", "false")
            ):
                found.append((rel, loc, n.start_mark.index, n.end_mark.index, n.style or ""))

        walk(node, ())
    return found


FIELDS = _string_fields()
MARKDOWN = [f for f in FIELDS if f[4] == "|"]
#: Quoted and block strings: the free texts (and dates, codes, addresses), where most text fits.
QUOTED = [f for f in FIELDS if f[4]]


def _name(loc: tuple[object, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")


@pytest.fixture(scope="module")
def fast_build() -> Iterator[None]:
    """Core pages only, templates compiled once (the build is under test, not compile time)."""
    with core_builds():
        yield


@pytest.fixture(scope="module")
def baseline(fast_build: None, tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The active content the templates themselves produce (from the unchanged content)."""
    base = tmp_path_factory.mktemp("baseline")
    build(Settings(content_dir=make_content(base), out_dir=base / "_site"), RecordingReporter())
    return active_in_site(base / "_site")


def _write(tmp: Path, field: Field, text: str, block: bool) -> tuple[Path, int, int]:
    """The minimal content with one string replaced; returns the file and the value's lines."""
    rel, _, start, end, _ = field
    content = make_content(tmp)
    path = content / rel
    source = (MINIMAL / rel).read_text(encoding="utf-8")
    if block:  # a literal block, indented like the original's first line
        first_line = source[source.index("\n", start) + 1 :].split("\n", 1)[0]
        indent = " " * (len(first_line) - len(first_line.lstrip(" ")))
        value = "|-\n" + "".join(f"{indent}{line}\n" if line else "\n" for line in text.split("\n"))
        rest = source[end:]
        while rest[:1] in (" ", "\n") and rest:  # a block ends where the next key starts
            rest = rest[1:]
        new = source[:start] + value + rest
    else:
        value = json.dumps(text)
        if source[start:end].endswith("\n"):  # a block scalar ends with its line break
            value += "\n"
        new = source[:start] + value + source[end:]
    path.write_text(new, encoding="utf-8")
    first = new[:start].count("\n") + 1
    return path, first, first + value.count("\n")


def _assert_outcome(
    tmp: Path, path: Path, loc: tuple[object, ...], lines: tuple[int, int], baseline: set[str]
) -> None:
    content = tmp / "content"
    out = tmp / "_site"
    try:
        build(Settings(content_dir=content, out_dir=out), RecordingReporter())
    except ContentError as err:
        assert err.issues
        for issue in err.issues:
            file = content.parent / issue.path
            assert file.exists() or file.is_symlink(), issue
            count = file.read_text(encoding="utf-8", errors="replace").count("\n") + 1
            assert 1 <= issue.line <= count + 1, issue
            assert issue.message.strip(), issue
            if file == path and issue.field == _name(loc):
                assert lines[0] <= issue.line <= lines[1], (issue, lines)
        assert not out.exists()  # nothing half published
        event("refused with located errors")
        return
    event("built")
    assert active_in_site(out) <= baseline


QUICK = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@QUICK
@given(field=st.one_of(st.sampled_from(QUOTED), st.sampled_from(FIELDS)), text=TEXT)
def test_random_text_in_any_string_field(
    field: Field, text: str, baseline: set[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    tmp = tmp_path_factory.mktemp("prop")
    path, first, last = _write(tmp, field, text, block=False)
    _assert_outcome(tmp, path, field[1], (first, last), baseline)


BLOCK_TEXT = TEXT.map(lambda t: "".join(c for c in t if c.isprintable() or c == "\n"))


@QUICK
@given(field=st.sampled_from(MARKDOWN), text=BLOCK_TEXT.map(lambda t: "Text " + t))
def test_random_markdown_in_block_bodies(
    field: Field, text: str, baseline: set[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    tmp = tmp_path_factory.mktemp("md")
    path, first, last = _write(tmp, field, text, block=True)
    _assert_outcome(tmp, path, field[1], (first, last), baseline)


def test_the_properties_reach_every_kind_of_field() -> None:
    names = {_name(loc) for _, loc, *_ in FIELDS}
    assert {"titel", "beskrivning", "vision", "vardegrund", "id"} <= names
    assert any(name.endswith("malvarden[0].text") for name in names)
    assert len(MARKDOWN) >= 5
