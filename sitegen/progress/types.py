"""What the build says about progress toward one target: a status, the rule, the result."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Status(StrEnum):
    """The outcome for one target. Shown as a word and a symbol, never by colour alone."""

    MET = "uppnatt"
    NOT_YET = "ej-annu"
    MISSED = "ej-uppnatt"
    MISSING = "varden-saknas"
    UNKNOWN = "kan-ej-bedomas"


STATUS_SV: dict[Status, str] = {
    Status.MET: "Uppnått",
    Status.NOT_YET: "Inte uppnått ännu",
    Status.MISSED: "Inte uppnått",
    Status.MISSING: "Värden saknas",
    Status.UNKNOWN: "Kan inte bedömas",
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

    period: str
    text: str
    ok: bool | None


@dataclass(frozen=True)
class TargetProgress:
    """Progress toward one target of an indicator."""

    kind: str
    target: str
    status: Status
    rule: str
    summary: str
    #: Where the latest value lies between baseline (0) and target (1), when both are known.
    share: float | None = None
    steps: list[Step] = field(default_factory=list)

    @property
    def label(self) -> str:
        return STATUS_SV[self.status]

    @property
    def symbol(self) -> str:
        return STATUS_SYMBOL[self.status]
