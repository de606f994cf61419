"""Numbers formatted for a language with Babel (CLDR): '30 000' and '1,6' in Swedish."""

from __future__ import annotations

from functools import lru_cache

from babel.numbers import format_decimal

LOCALES = {"sv": "sv_SE", "en": "en_GB"}


@lru_cache(maxsize=4096)
def number(value: float | int, language: str = "sv") -> str:
    """1.6 → '1,6'; 30000 → '30 000' (with a no-break space, as Swedish typography wants)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return format_decimal(value, locale=LOCALES[language], group_separator=True)
