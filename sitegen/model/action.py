"""Actions (åtgärder): what is done to move one or more goals, with dated status follow-ups."""

from __future__ import annotations

import calendar
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import Field, ValidationInfo, field_validator

from sitegen.model.common import IsoDate, PartialDate, Slug, Strict, Text, Year
from sitegen.model.indicator import Tertial


class ActionStatus(StrEnum):
    """Where an action stands. Values are ASCII; `STATUS_LABELS` has the Swedish words."""

    PLANNED = "planerad"
    ONGOING = "pagar"
    DONE = "klar"
    CANCELLED = "avbruten"
    DELAYED = "forsenad"


#: The Swedish label of each status, as readers see it.
STATUS_LABELS: dict[ActionStatus, str] = {
    ActionStatus.PLANNED: "Planerad",
    ActionStatus.ONGOING: "Pågår",
    ActionStatus.DONE: "Klar",
    ActionStatus.CANCELLED: "Avbruten",
    ActionStatus.DELAYED: "Försenad",
}

#: Statuses after which an action can no longer be overdue.
CLOSED = frozenset({ActionStatus.DONE, ActionStatus.CANCELLED})

LaxStatus = Annotated[ActionStatus, Field(strict=False)]


def first_day(value: str) -> date:
    """The first day a partial date ('2022', '2022-05', '2022-05-17') can mean."""
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last_day(value: str) -> date:
    """The last day a partial date can mean: '2022' → 2022-12-31, '2022-02' → 2022-02-28."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return date(*parts)
    month = parts[1] if len(parts) > 1 else 12
    return date(parts[0], month, calendar.monthrange(parts[0], month)[1])


class StatusNote(Strict):
    """A dated status note for one follow-up period (a year, or a tertial of it)."""

    year: Year = Field(alias="ar", description="Uppföljningsperiodens år, t.ex. 2022.")
    tertial: Tertial | None = Field(
        default=None, description="Tertial 1–3 om uppföljningen gäller ett tertial, annars null."
    )
    date: IsoDate = Field(alias="datum", description="När noteringen skrevs, 'ÅÅÅÅ-MM-DD'.")
    status: LaxStatus = Field(description="planerad, pagar, klar, avbruten eller forsenad.")
    text: Text = Field(description="Vad som hänt under perioden (Markdown).")


class Action(Strict):
    """The file `kommuner/<kommun>/atgarder/<id>.yaml`: one action and its follow-ups."""

    id: Slug = Field(description="Åtgärdens id, samma som filnamnet.")
    title: Text = Field(alias="titel", description="Åtgärden med källans egna ord.")
    description: str | None = Field(
        default=None, alias="beskrivning", description="Vad åtgärden går ut på (Markdown)."
    )
    responsible: Slug | None = Field(
        alias="ansvarig",
        description="Id för ansvarigt organ (nämnd, förvaltning eller bolag) i kommun.yaml, "
        "eller null om källan inte anger det.",
    )
    goals: list[Slug] = Field(
        alias="mal", min_length=1, description="Id för målen som åtgärden ska bidra till."
    )
    start: PartialDate | None = Field(
        default=None, description="När åtgärden börjar: 'ÅÅÅÅ', 'ÅÅÅÅ-MM' eller 'ÅÅÅÅ-MM-DD'."
    )
    due: PartialDate | None = Field(
        default=None,
        alias="klar_senast",
        description=(
            "När åtgärden ska vara klar: 'ÅÅÅÅ' (årets slut), 'ÅÅÅÅ-MM' eller 'ÅÅÅÅ-MM-DD'."
        ),
    )
    status: LaxStatus = Field(
        description="Status nu: planerad, pagar (pågår), klar, avbruten eller forsenad (försenad)."
    )
    notes: list[StatusNote] = Field(
        default_factory=list,
        alias="uppfoljning",
        description="Daterade statusnoteringar, en per uppföljningsperiod, i tidsordning.",
    )
    source: Slug | None = Field(default=None, alias="kalla", description="Id för källan.")
    order: int = Field(default=0, alias="ordning", description="Ordning bland åtgärderna.")

    @field_validator("goals")
    @classmethod
    def _distinct_goals(cls, goals: list[str]) -> list[str]:
        for i, goal in enumerate(goals):
            if goal in goals[:i]:
                raise ValueError(f"målet '{goal}' står två gånger i 'mal'")
        return goals

    @field_validator("due")
    @classmethod
    def _after_start(cls, due: str | None, info: ValidationInfo) -> str | None:
        start = info.data.get("start")
        if due is not None and start is not None and first_day(start) > last_day(due):
            raise ValueError(
                f"datumen står i fel ordning: 'klar_senast' ({due}) ligger före 'start' ({start})"
            )
        return due

    @field_validator("notes")
    @classmethod
    def _notes_in_order(cls, notes: list[StatusNote]) -> list[StatusNote]:
        seen: set[tuple[int, int | None]] = set()
        previous: StatusNote | None = None
        for note in notes:
            key = (note.year, note.tertial)
            period = f"{note.year}" + ("" if note.tertial is None else f" tertial {note.tertial}")
            if key in seen:
                raise ValueError(f"två statusnoteringar för samma period ({period})")
            seen.add(key)
            if previous is not None and (
                note.date < previous.date
                or (note.year, note.tertial or 0) < (previous.year, previous.tertial or 0)
            ):
                raise ValueError(
                    f"statusnoteringarna står i fel ordning: noteringen för {period} "
                    f"({note.date}) står efter en senare; skriv dem i tidsordning"
                )
            previous = note
        return notes

    def status_at(self, year: int | None) -> tuple[ActionStatus, StatusNote | None]:
        """The status for a follow-up year: the latest note up to it, else the current status."""
        if year is None:
            return self.status, self.notes[-1] if self.notes else None
        notes = [n for n in self.notes if n.year <= year]
        if not notes:
            return self.status, None
        last = notes[-1]
        if last is self.notes[-1]:
            return self.status, last
        return last.status, last


def is_overdue(action: Action, on: date, status: ActionStatus | None = None) -> bool:
    """Due date passed on `on` and the action is neither klar nor avbruten."""
    current = action.status if status is None else status
    if action.due is None or current in CLOSED:
        return False
    return last_day(action.due) < on
