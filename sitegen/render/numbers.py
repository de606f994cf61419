"""Numbers formatted for a language with Babel (CLDR): '30 000' and '1,6' in Swedish.

A big site formats a few hundred thousand distinct numbers (every value of every indicator, in
each language), and Babel's `format_decimal` costs about 11 µs a call. The locales' decimal pattern
(`#,##0.###`: groups of three, at most three decimals, rounded half to even, no trailing zeros)
is simple, so :func:`number` writes it itself with the symbols Babel uses for the locale, read once
from Babel's own output; a locale with another pattern, or symbols that cannot be read, goes to
Babel. A test compares the two over many thousands of numbers.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import format_decimal

LOCALES = {"sv": "sv_SE", "en": "en_GB"}

_PATTERN = "#,##0.###"
_MILLI = Decimal("0.001")
#: A number whose formatting shows every symbol: minus, group separator, decimal separator.
_PROBE = -1234.5


@lru_cache(maxsize=8)
def _symbols(language: str) -> tuple[str, str, str] | None:
    """(minus, group separator, decimal separator) as Babel writes them for the language's
    locale, or None when the locale's pattern is not the simple one."""
    locale = LOCALES[language]
    pattern = Locale.parse(locale).decimal_formats.get(None)
    if pattern is None or pattern.pattern != _PATTERN:
        return None
    text = format_decimal(_PROBE, locale=locale, group_separator=True)
    # '-1 234,5': minus, '1', group separator, '234', decimal separator, '5'.
    if len(text) != 8 or text[1] != "1" or text[3:6] != "234" or text[7] != "5":
        return None
    minus, group, point = text[0], text[2], text[6]
    return minus, group, point


def babel_number(value: float | int, language: str = "sv") -> str:
    """The number as Babel formats it (the reference for :func:`number`)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return format_decimal(value, locale=LOCALES[language], group_separator=True)


@lru_cache(maxsize=4096)
def number(value: float | int, language: str = "sv") -> str:
    """1.6 → '1,6'; 30000 → '30 000' (with a no-break space, as Swedish typography wants)."""
    symbols = _symbols(language)
    if symbols is None or (isinstance(value, float) and not _finite(value)):
        return babel_number(value, language)
    minus, group, point = symbols
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        whole, fraction, negative = str(abs(value)), "", value < 0
    else:
        rounded = Decimal(repr(value)).quantize(_MILLI, rounding=ROUND_HALF_EVEN)
        negative = rounded.is_signed()
        whole, _, fraction = format(abs(rounded), "f").partition(".")
        fraction = fraction.rstrip("0")
    head = len(whole) % 3 or 3
    parts = [whole[:head]] + [whole[i : i + 3] for i in range(head, len(whole), 3)]
    out = group.join(parts)
    if fraction:
        out += point + fraction
    return minus + out if negative else out


def _finite(value: float) -> bool:
    return value == value and value not in (float("inf"), float("-inf"))
