"""The strict YAML reader: YAML 1.1/1.2 disagreements, duplicates, aliases, tags, encodings."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.load.yamlfile import YamlFileError, load_text, read_file


def problems(text: str) -> list[tuple[int, int, str, str]]:
    with pytest.raises(YamlFileError) as info:
        load_text(text)
    return [(p.line, p.column, p.field, p.message) for p in info.value.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 12", {"a": 12}),
        ("a: 1.6", {"a": 1.6}),
        ("a: -5", {"a": -5}),
        ("a: true", {"a": True}),
        ("a: null", {"a": None}),
        ("a: ~", {"a": None}),
        ("a: '0665'", {"a": "0665"}),
        ("a: 'no'", {"a": "no"}),
        ("a: Kungsör", {"a": "Kungsör"}),
        ("a: [1, 2]", {"a": [1, 2]}),
        ("a: |\n  rad ett\n  rad två\n", {"a": "rad ett\nrad två\n"}),
    ],
)
def test_values_read_as_yaml_1_2(text: str, expected: object) -> None:
    assert load_text(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("a: no", "true/false"),
        ("a: yes", "true/false"),
        ("a: off", "true/false"),
        ("a: 0114", "inledande nolla"),
        ("a: 1:30", "kolon"),
        ("a: 1_000", "understreck"),
        ("a: 2019-06-20", "citattecken"),
        ("a: 0o14", "citattecken"),
    ],
)
def test_values_read_differently_by_yaml_1_1_are_refused(text: str, needle: str) -> None:
    [(line, col, field, message)] = problems(text)
    assert (line, col, field) == (1, 4, "a")
    assert needle in message


def test_duplicate_key_names_both_lines() -> None:
    [(line, _, field, message)] = problems("titel: a\nid: x\ntitel: b\n")
    assert line == 3
    assert field == "titel"
    assert "rad 1 och rad 3" in message


def test_anchors_and_aliases_are_refused() -> None:
    found = problems("a: &x [1, 2]\nb: *x\n")
    messages = " ".join(m for *_, m in found)
    assert "ankare" in messages
    assert "alias" in messages


def test_custom_tags_are_refused() -> None:
    [(line, _, _, message)] = problems("a: !!python/object:os.system x\n")
    assert line == 1
    assert "taggen" in message


def test_multiple_documents_are_refused() -> None:
    [(_, _, _, message)] = problems("a: 1\n---\nb: 2\n")
    assert "ett YAML-dokument" in message


def test_empty_file_is_refused() -> None:
    [(_, _, _, message)] = problems("")
    assert "tom" in message


def test_syntax_error_has_position() -> None:
    [(line, _, _, message)] = problems("a: [1, 2\nb: 3\n")
    assert line >= 1
    assert "ogiltig YAML" in message


def test_bom_and_crlf_give_the_same_data(tmp_path: Path) -> None:
    plain = tmp_path / "plain.yaml"
    plain.write_bytes("titel: Hållbar\nar: 2022\n".encode())
    odd = tmp_path / "odd.yaml"
    odd.write_bytes("\ufefftitel: Hållbar\r\nar: 2022\r\n".encode())
    assert read_file(plain)[0] == read_file(odd)[0]


def test_invalid_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("titel: ok\nnamn: Kungs\xf6r\n".encode("latin-1"))
    with pytest.raises(YamlFileError) as info:
        read_file(path)
    [problem] = info.value.problems
    assert problem.line == 2
    assert "UTF-8" in problem.message


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * 1_100_000)
    with pytest.raises(YamlFileError) as info:
        read_file(path)
    assert "för stor" in info.value.problems[0].message


REPO = Path(__file__).resolve().parent.parent


def _documents() -> list[Path]:
    return sorted([*(REPO / "content").rglob("*.yaml"), *(REPO / "tests").rglob("*.yaml")])


def test_the_quick_read_gives_what_the_full_walk_gives() -> None:
    """Files without anchors, aliases or tags are read without tracking positions for messages;
    the data must be the same as the walk that does (every content and test file)."""
    from sitegen.load.yamlfile import _Converter

    compared = 0
    for path in _documents():
        try:
            data, node = load_text(path.read_text(encoding="utf-8"))
        except (YamlFileError, UnicodeDecodeError):
            continue  # files of the error tests
        full = _Converter()
        assert full.convert(node, "") == data, path
        assert not full.problems
        compared += 1
    assert compared > 100


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: 1\nb: no\n", "sant/falskt"),
        ("a: 1\na: 2\n", "finns två gånger"),
        ("a: [x]\n[1, 2]: y\n", "nyckeln måste vara text"),
        ("a: {x: 1, x: 2}\n", "finns två gånger"),
        ("l:\n  - a: 0114\n", "läses olika"),
    ],
)
def test_problems_found_past_the_quick_read_keep_their_place(text: str, message: str) -> None:
    """The quick read hands over at its first problem; the full walk reports it with its line,
    column and field, and every other problem too."""
    found = problems(text + "c: yes\n")
    assert any(message in p[3] for p in found), found
    assert any("sant/falskt" in p[3] and p[2] == "c" for p in found), found
    assert all(p[0] >= 1 and p[1] >= 1 for p in found)
