"""What the build says about progress toward one target: a status, the rule, the result.

The texts are phrases (sitegen/render/phrases.py): `str()` gives the Swedish text, the template
filter `say` the text in the page's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from sitegen.i18n import N_
from sitegen.render.phrases import Piece


class Status(StrEnum):
    """The outcome for one target. Shown as a word and a symbol, never by colour alone."""

    MET = "uppnatt"
    NOT_YET = "ej-annu"
    MISSED = "ej-uppnatt"
    MISSING = "varden-saknas"
    UNKNOWN = "kan-ej-bedomas"


STATUS_SV: dict[Status, str] = {
    Status.MET: N_("Uppnått"),
    Status.NOT_YET: N_("Inte uppnått ännu"),
    Status.MISSED: N_("Inte uppnått"),
    Status.MISSING: N_("Värden saknas"),
    Status.UNKNOWN: N_("Kan inte bedömas"),
}

#: A shape beside the word, for readers who scan; the word is always there too.
STATUS_SYMBOL: dict[Status, str] = {
    Status.MET: "✓",
    Status.NOT_YET: "…",
    Status.MISSED: "✗",
    Status.MISSING: "–",
    Status.UNKNOWN: "?",
}


@dataclass(frozen=True)
class Step:
    """One year's (or period's) part of the assessment, e.g. one year's change."""

    #: '2024', '2024 T2', or a phrase ('2018 (utgångsvärde)').
    period: Piece
    text: Piece
    ok: bool | None


@dataclass(frozen=True)
class TargetProgress:
    """Progress toward one target of an indicator."""

    kind: str
    #: The target described (sitegen/render/formats.py, `target_phrase`).
    target: Piece
    status: Status
    rule: Piece
    summary: Piece
    #: Where the latest value lies between baseline (0) and target (1), when both are known.
    share: float | None = None
    steps: list[Step] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The status in Swedish (pages translate it: `status_words`, templates/_followup.html)."""
        return STATUS_SV[self.status]

    @property
    def symbol(self) -> str:
        return STATUS_SYMBOL[self.status]
