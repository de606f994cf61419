"""Numbers in Swedish and English: our formatter writes exactly what Babel writes."""

from __future__ import annotations

import random

import pytest

from sitegen.render import numbers
from sitegen.render.numbers import babel_number, number


def _values() -> list[float | int]:
    rnd = random.Random(7)
    edge: list[float | int] = [0, 0.0, -0.0, 1, -1, 7.0, -7.0, 0.0005, 0.0015, 0.0025, -0.0005]
    edge += [-0.0004, 1e-9, 2.675, 999.9995, 999.9994, 123456789.0125, 1e15, 1.5e16, -1234.5678]
    edge += [float("nan"), float("inf"), float("-inf"), 10**20, -(10**12)]
    edge += [rnd.uniform(-1e7, 1e7) for _ in range(3000)]
    edge += [round(rnd.uniform(-1000, 1000), rnd.randint(0, 5)) for _ in range(3000)]
    edge += [rnd.randint(-(10**9), 10**9) for _ in range(1000)]
    return edge


@pytest.mark.parametrize("language", ["sv", "en"])
def test_number_is_babels(language: str) -> None:
    number.cache_clear()
    wrong = [(v, number(v, language), babel_number(v, language)) for v in _values()]
    wrong = [w for w in wrong if w[1] != w[2]]
    assert wrong == []


def test_swedish_and_english_forms() -> None:
    assert number(30000) == "30\u00a0000"
    assert number(1.6) == "1,6"
    assert number(1234.5, "en") == "1,234.5"
    assert number(-2.25, "sv") == "-2,25"


def test_a_locale_with_another_pattern_goes_to_babel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(numbers.LOCALES, "sv", "hi_IN")  # groups of two after the first three
    numbers._symbols.cache_clear()
    number.cache_clear()
    try:
        assert number(12345678.5) == babel_number(12345678.5) == "1,23,45,678.5"
        assert numbers._symbols("sv") is None
    finally:
        numbers._symbols.cache_clear()
        number.cache_clear()
