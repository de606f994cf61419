"""Swedish alphabetical order, independent of the system locale."""

from __future__ import annotations

import unicodedata

# Swedish alphabet: a–z, then å, ä, ö. (w and v are separate letters since 2006.)
_ORDER = "0123456789abcdefghijklmnopqrstuvwxyzåäö"
_RANK = {ch: i for i, ch in enumerate(_ORDER)}
_FOLD = {"é": "e", "è": "e", "ü": "y", "á": "a", "à": "a", "æ": "ä", "ø": "ö"}


def swedish_key(text: str) -> tuple[tuple[int, ...], str]:
    """Sort key: å, ä, ö after z; case and other accents ignored at the first level."""
    folded = unicodedata.normalize("NFC", text).casefold()
    ranks = []
    for ch in folded:
        ch = _FOLD.get(ch, ch)
        rank = _RANK.get(ch)
        if rank is None:
            base = unicodedata.normalize("NFD", ch)[0]
            rank = _RANK.get(base, 100 + ord(ch) if ch.isalnum() else -1)
        if rank >= 0:
            ranks.append(rank)
    return tuple(ranks), text
