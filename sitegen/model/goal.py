"""Goal areas (målområden) and goals (mål)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from sitegen.model.common import Basis, LaxBasis, Slug, Strict, Text, Year
from sitegen.model.indicator import Indicator

SdgList = list[Annotated[int, Field(ge=1, le=17)]]


class GoalLevel(StrEnum):
    """Where in the governance chain a goal sits."""

    COUNCIL = "kf"  # long-term or overall goal decided by kommunfullmäktige
    EXECUTIVE_BOARD = "ks"  # kommunstyrelsens mål
    COMMITTEE = "namnd"  # a nämnd's goal


class Focus(Strict):
    """What a goal focuses on in one year ('fokus för 2022')."""

    year: Year = Field(alias="ar")
    text: Text


class GoalArea(Strict):
    """The file `kommuner/<kommun>/omraden/<id>.yaml`: a goal area, perspective or strategy."""

    id: Slug
    title: Text = Field(alias="titel")
    plan: Slug = Field(description="Id för planen som området hör till.")
    description: str | None = Field(default=None, alias="beskrivning", description="Markdown.")
    order: int = Field(default=0, alias="ordning", description="Ordning i källan.")
    themes: list[Slug] = Field(default_factory=list, alias="teman")
    themes_basis: LaxBasis = Field(default=Basis.JUDGEMENT, alias="teman_grund")
    sdgs: SdgList = Field(default_factory=list, alias="agenda2030")
    sdgs_basis: LaxBasis = Field(default=Basis.JUDGEMENT, alias="agenda2030_grund")
    source: Slug = Field(alias="kalla")
    indicators: list[Indicator] = Field(
        default_factory=list,
        alias="indikatorer",
        description="Indikatorer direkt under området, när källan inte har mål emellan.",
    )


class Goal(Strict):
    """The file `kommuner/<kommun>/mal/<id>.yaml`: one goal with its indicators."""

    id: Slug
    title: Text = Field(alias="titel", description="Målet med källans egna ord.")
    short_title: Text | None = Field(default=None, alias="kort_titel")
    description: str | None = Field(default=None, alias="beskrivning", description="Markdown.")
    plan: Slug = Field(description="Id för planen som beslutar målet.")
    area: Slug | None = Field(default=None, alias="omrade", description="Id för målområdet.")
    level: Annotated[GoalLevel, Field(strict=False)] = Field(
        alias="niva", description="kf, ks eller namnd."
    )
    owner: Slug | None = Field(
        alias="ansvarig", description="Id för ansvarigt organ, eller null om källan inte anger det."
    )
    order: int = Field(default=0, alias="ordning")
    sdgs: SdgList = Field(default_factory=list, alias="agenda2030")
    sdgs_basis: LaxBasis = Field(default=Basis.JUDGEMENT, alias="agenda2030_grund")
    themes: list[Slug] = Field(default_factory=list, alias="teman")
    themes_basis: LaxBasis = Field(default=Basis.JUDGEMENT, alias="teman_grund")
    focus: list[Focus] = Field(default_factory=list, alias="fokus")
    serves: list[Slug] = Field(
        default_factory=list, alias="bidrar_till", description="Id för mål som detta mål tjänar."
    )
    source: Slug = Field(alias="kalla")
    indicators: list[Indicator] = Field(default_factory=list, alias="indikatorer")
