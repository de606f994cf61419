"""Swedish alphabetical order (sitegen/collation.py), the same on every machine."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from sitegen.collation import _char_rank, swedish_key


def test_a_with_ring_and_umlauts_come_after_z_in_swedish_order() -> None:
    words = ["Öckerö", "Ale", "Åre", "Älvdalen", "Zinkgruvan", "Västerås", "Wadköping"]
    assert sorted(words, key=swedish_key) == [
        "Ale",
        "Västerås",
        "Wadköping",
        "Zinkgruvan",
        "Åre",
        "Älvdalen",
        "Öckerö",
    ]


def test_case_accents_and_punctuation_do_not_decide_the_order() -> None:
    assert swedish_key("Café")[0] == swedish_key("cafe")[0]
    assert swedish_key("Lilla Edet")[0] == swedish_key("lilla-edet")[0]
    assert swedish_key("Ærø")[0] == swedish_key("äRö")[0]  # Danish letters as Swedish ones
    assert sorted(["Mål 10", "mål 1", "Mål 2"], key=swedish_key) == ["mål 1", "Mål 10", "Mål 2"]


def test_equal_first_levels_are_told_apart_by_the_text() -> None:
    assert sorted(["ale", "Ale"], key=swedish_key) == ["Ale", "ale"]


@given(st.text())
def test_the_key_is_each_characters_place_in_turn(text: str) -> None:
    """Whatever characters were met before (their places are remembered)."""
    folded = unicodedata.normalize("NFC", text).casefold()
    expected = tuple(r for r in map(_char_rank, folded) if r >= 0)
    assert swedish_key(text) == (expected, text)
