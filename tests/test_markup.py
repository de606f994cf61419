"""The load-time content check of Markdown and text fields (sitegen/load/markup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sitegen.issues import IssueList
from sitegen.load.content import load_model
from sitegen.load.markup import _checker, markdown_problems, text_problems, url_scheme
from sitegen.model import GoalArea
from sitegen.render import markdown as renderer


def test_the_check_reads_markdown_as_the_renderer_does() -> None:
    """Same extensions: a renderer extension that makes new HTML must be checked too."""

    def parts(converter: Any) -> list[list[str]]:
        registries = [
            converter.preprocessors,
            converter.parser.blockprocessors,
            converter.inlinePatterns,
            converter.treeprocessors,
            converter.postprocessors,
        ]
        return [[type(p).__name__ for p in r if type(p).__name__ != "_Links"] for r in registries]

    ours, theirs = parts(_checker()), parts(renderer._converter)
    assert "TableProcessor" in ours[1]
    assert ours == theirs


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("https://kungsor.se/", "https"),
        ("javascript:alert(1)", "javascript"),
        ("JaVaScRiPt:alert(1)", "javascript"),
        ("&#106;avascript:alert(1)", "javascript"),
        ("&#x6A;avascript&colon;alert(1)", "javascript"),
        ("java\tscript:alert(1)", "javascript"),
        ("java&#x09;script:alert(1)", "javascript"),
        (" \x01javascript:alert(1)", "javascript"),
        ("&amp;#106;avascript:x", "javascript"),  # decoded as often as a careless reader would
        ("VBScript:MsgBox(1)", "vbscript"),
        ("data:text/html,<script>", "data"),
        ("/kommuner/kungsor/", None),
        ("sida#del", None),
        ("mal/x:y", None),
    ],
)
def test_url_scheme_sees_what_a_browser_sees(url: str, scheme: str | None) -> None:
    assert url_scheme(url) == scheme


@pytest.mark.parametrize(
    "text",
    [
        "Vanlig text med **fet** och *kursiv* stil.",
        "Läs mer på [kommunens sida](https://exempelby.example/) eller <https://exempelby.example>.",
        "Mejla <info@exempelby.example> eller [skriv](mailto:info@exempelby.example).",
        "Barn < 5 år och äldre > 80 år, A & O.",
        "Koden `<script>` visas som kod.\n\n    <script>också kod</script>",
        "Öppna data: se nedan. Mallsyntax {{ 7*7 }} och {% if %} visas som text.",
        "Tabell:\n\n| a | b |\n|---|---|\n| 1 | 2 |",
        "&amp; &#229; &auml;",
    ],
)
def test_ordinary_markdown_passes(text: str) -> None:
    assert markdown_problems(text) == []


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("<script>alert(1)</script>", "<script>"),
        ("Text\n\n<iframe src=x></iframe>", "<iframe>"),
        ("<style>p{}</style>", "<style>"),
        ("<object data=x></object>", "<object>"),
        ("Se <b onmouseover=alert(1)>här</b>", "onmouseover="),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<a href="&#106;avascript:alert(1)">x</a>', "javascript:"),
        ("[x](javascript:alert(1))", "javascript:"),
        ("[x](JAVASCRIPT:alert(1))", "javascript:"),
        ("[x](&#x6A;avascript:alert(1))", "javascript:"),
        ("[x](vbscript:x)", "vbscript:"),
        ("[x](data:text/html;base64,xx)", "data:"),
        ("[x][1]\n\n[1]: javascript:alert(1)", "javascript:"),
        ("<javascript:alert(1)>", "javascript:"),
        ("![bild](https://example.com/a.png)", "Bilder"),
        ("[x](ftp://example.com)", "'ftp:'"),
        ("<!-- kommentar -->", "kommentar"),
        ("<b>fet</b>", "HTML-kod (<b>)"),
        ("</div>", "HTML-kod (<div>)"),
        ("javascript:alert(1) i löptext", "skriptadress"),
        ("Word\x0btext", "U+000B"),
    ],
)
def test_markdown_problems(text: str, needle: str) -> None:
    problems = markdown_problems(text)
    assert problems, text
    assert any(needle.lower() in p.message.lower() for p in problems), problems


def test_one_message_per_kind_of_problem() -> None:
    problems = markdown_problems("<b>a</b> <i>b</i> <b>c</b> <script>x</script>")
    messages = [p.message for p in problems]
    assert len(messages) == len(set(messages))
    assert any("<script>" in m for m in messages)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("Trygg <b>kommun</b>", "<b>"),
        ("x<script>alert(1)</script>", "<script>"),
        ("<!-- dold", "<!--"),
        ("javascript:alert(1)", "skriptadress"),
        ("Tab\x1bbort", "U+001B"),
        ("rad\u2028brytning", "U+2028"),
    ],
)
def test_text_problems(text: str, needle: str) -> None:
    assert any(needle in p.message for p in text_problems(text))


@pytest.mark.parametrize(
    "text", ["Barn < 5 år", "A & O", "{{ 7*7 }}", "{% if x %}", "x<y", "Öppna data: SCB", "Tab\tok"]
)
def test_ordinary_text_passes(text: str) -> None:
    assert text_problems(text) == []


AREA = """id: trygg
titel: 'Trygg kommun'
plan: plan
beskrivning: |
  Första raden.

  Tredje raden med [länk](javascript:alert(1)).
kalla: k
indikatorer:
  - id: i
    titel: "Index\\vx"
    formulering: 'ok'
    riktning: oka
"""


def test_problems_are_located_at_their_line_in_the_block(tmp_path: Path) -> None:
    path = tmp_path / "trygg.yaml"
    path.write_text(AREA, encoding="utf-8")
    issues = IssueList(root=tmp_path)
    assert load_model(path, GoalArea, issues) is not None  # valid for the model…
    found = [(i.line, i.column, i.field, i.message[:20]) for i in issues.errors]
    assert found == [
        (7, 27, "beskrivning", "Länken 'javascript:a"),  # …but line 7, inside the block
        (11, 12, "indikatorer[0].titel", "Texten innehåller et"),
    ]


# --- the quick look at the whole file (may_have_problems) ---------------------------------------

_PIECES = [
    "<b>", "<", "](", "] (", "]\n  (", "[x]: ", "][", "![", "]", "[", "(", ":", "!", "\\", "&amp;",
    "javascript:", "JaVa\n  ScRiPt:", "vb script :", "java\u017fcript:", "scr\u0131pt:",
    "SCR\u0130PT:", "data:", "\u202e", "\u2028", "\x85", "\x0b", "\x1b", "\t", "\n", "\n\n", " ",
    "a", "Å", "ö", "#", "'", '"', "-", ",", "{", "}",
]  # fmt: skip


def _written(value: str) -> list[str]:
    """`value` as a field of a YAML file, in every style that can hold it."""
    import yaml

    docs = []
    for style in (None, "'", '"', "|"):
        try:
            docs.append(yaml.safe_dump({"f": value}, default_style=style, allow_unicode=True))
        except yaml.YAMLError:
            continue
    return docs


def test_a_file_whose_strings_have_problems_is_always_looked_at() -> None:
    """may_have_problems may say yes too often, never no for a text with a problem, however the
    text is written in YAML (plain, quoted, escaped, folded, as a block)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from sitegen.load.markup import may_have_problems
    from sitegen.load.yamlfile import YamlFileError, load_text

    @settings(max_examples=3000, deadline=None)
    @given(st.lists(st.sampled_from(_PIECES), max_size=10).map("".join))
    def check(value: str) -> None:
        for doc in _written(value):
            try:
                data, _ = load_text(doc)
            except YamlFileError:
                continue
            read = data["f"]
            if not isinstance(read, str):
                continue
            if text_problems(read) or markdown_problems(read):
                assert may_have_problems(doc), (value, doc)

    check()


@pytest.mark.parametrize(
    "doc",
    [
        'f: "\\x3cb>fet\\x3c/b>"\n',
        'f: "java\\\n  script:x"\n',
        "f: [a](javascript:x)\n",
        "f: >\n  [a]\n  (javascript:x)\n",
        "f: '![bild](https://x)'\n",
        "f: 'JAVASCRIPT:'\n",
        "f: 'java\u017fcript:'\n",
        "f: 'text\u202emed styrtecken'\n",
    ],
)
def test_texts_that_hide_a_problem_are_looked_at(doc: str) -> None:
    from sitegen.load.markup import may_have_problems

    assert may_have_problems(doc)


def test_a_file_with_only_yaml_lists_and_words_is_not_looked_at() -> None:
    from sitegen.load.markup import may_have_problems

    assert not may_have_problems(
        "id: a\nteman: [skola, miljo]\nmal: ['x', 'y']\ntext: Vård & omsorg\n"
    )
