"""Rendering editor Markdown (sitegen/render/markdown.py): plain prose skips the Markdown parser
and must come out exactly as Python-Markdown renders it."""

from __future__ import annotations

import random

import pytest

from sitegen.render import markdown as renderer


def _parsed(text: str) -> str:
    return renderer._converter.reset().convert(text)


@pytest.mark.parametrize(
    "text",
    [
        "Kommunen ska arbeta för att andelen ökar.\n",
        "Första stycket, 50 % och (parentes).\nSamma stycke – rad två.\n\n\nAndra: ”nej”?\n",
        'Citat "så här" och 1990-talet/2000-talet!\n\n',
        "\n\nÖppning efter tomma rader.",
        "x² ökar; ß och É går bra.",
    ],
)
def test_prose_is_rendered_as_the_parser_renders_it(text: str) -> None:
    fast = renderer._prose_paragraphs(text)
    if "”" in text:  # punctuation outside the plain set takes the parser's way
        assert fast is None
    else:
        assert fast == _parsed(text)


@pytest.mark.parametrize(
    "text",
    [
        "Rad med två mellanslag  \nsom blir en radbrytning.",
        "- en lista",
        "1. en numrerad lista",
        "Rubrik\n======",
        "Rubrik\n---",
        "# Rubrik",
        "    kod",
        "*betoning*",
        "snake_case",
        "A & B",
        "a <b>fet</b>",
        "[länk](https://example.org)",
        "> citat",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "bak\\snedstreck",
        "`kod`",
        "rad\r\nmed CR",
        " inledande mellanslag",
        "\tflik",
    ],
)
def test_anything_but_plain_prose_takes_the_parser(text: str) -> None:
    assert renderer._prose_paragraphs(text) is None


def test_random_prose_matches_the_parser() -> None:
    pieces = [*"abcåäöXYZÉ 19.,;:!?()%'\"/–—-", "\n", "\n\n", "\n\n\n", "Ord ", "x²"]
    rng = random.Random(8)
    fast = 0
    for _ in range(3000):
        size = rng.randint(1, 40)
        text = rng.choice(["", "A"]) + "".join(rng.choice(pieces) for _ in range(size))
        html = renderer._prose_paragraphs(text)
        if html is not None:
            fast += 1
            assert html == _parsed(text), repr(text)
    assert fast > 500  # the comparison did cover the fast way
