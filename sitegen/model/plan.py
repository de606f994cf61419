"""A plan: a decision that sets goals, with its period and the process around it."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from sitegen.model.common import PartialDate, Slug, Strict, Text, Year


class PlanStatus(StrEnum):
    DRAFT = "utkast"
    ADOPTED = "antagen"
    REVISED = "reviderad"


class Period(Strict):
    """The years a plan covers, both inclusive."""

    start: Year = Field(alias="fran", description="Första året, t.ex. 2019.")
    end: Year = Field(alias="till", description="Sista året, t.ex. 2022.")
    term: bool = Field(
        default=False,
        alias="mandatperiod",
        description="true om perioden är en mandatperiod.",
    )

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError("perioden slutar före den börjar: 'till' måste vara minst 'fran'")
        return self


class ProcessStep(Strict):
    """A dated step in the process that leads to (or follows up) a plan."""

    date: PartialDate | None = Field(
        alias="datum",
        description="'ÅÅÅÅ', 'ÅÅÅÅ-MM' eller 'ÅÅÅÅ-MM-DD', eller null om källan inte anger det.",
    )
    title: Text = Field(alias="titel", description="Stegets namn.")
    description: str | None = Field(
        default=None, alias="beskrivning", description="Vad som händer i steget (Markdown)."
    )


class Plan(Strict):
    """The file `kommuner/<kommun>/planer/<id>.yaml`."""

    id: Slug = Field(description="Planens id, t.ex. 'mal-och-budget-2022'.")
    title: Text = Field(alias="titel", description="T.ex. 'Mål och budget 2022'.")
    period: Period | None = Field(
        description="Åren planen gäller, eller null om källan inte anger dem."
    )
    decided_by: Slug | None = Field(
        alias="beslutas_av", description="Id för organet som beslutar, eller null om okänt."
    )
    decision_date: PartialDate | None = Field(
        default=None, alias="beslutsdatum", description="Beslutsdatum, eller null om okänt."
    )
    status: Annotated[PlanStatus, Field(strict=False)] = Field(
        description="utkast, antagen eller reviderad."
    )
    description: str | None = Field(
        default=None, alias="beskrivning", description="Om planen (Markdown)."
    )
    criteria: list[Text] = Field(
        default_factory=list, alias="kriterier", description="Kriterier som målen ska uppfylla."
    )
    process: list[ProcessStep] = Field(
        default_factory=list, description="Daterade steg i processen, i tidsordning."
    )
    source: Slug = Field(alias="kalla", description="Id för källan.")
    order: int = Field(default=0, alias="ordning", description="Ordning bland planerna.")
