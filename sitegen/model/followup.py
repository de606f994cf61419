"""Follow-up (uppföljning): measured values per indicator and the municipality's own assessment of
each goal, kept in their own files so that an import never rewrites a hand-edited goal file."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from sitegen.model.common import Slug, Strict, Text, Year
from sitegen.model.indicator import Measurement, Tertial


class Attainment(StrEnum):
    """How the municipality assessed a goal for one year."""

    MET = "uppfyllt"
    PARTLY = "delvis-uppfyllt"
    NOT_MET = "ej-uppfyllt"
    NOT_ASSESSED = "ej-bedomt"


#: The attainment as a reader sees it.
ATTAINMENT_SV: dict[Attainment, str] = {
    Attainment.MET: "Uppfyllt",
    Attainment.PARTLY: "Delvis uppfyllt",
    Attainment.NOT_MET: "Ej uppfyllt",
    Attainment.NOT_ASSESSED: "Ej bedömt",
}


def _period(year: int, tertial: int | None) -> str:
    return f"{year}" if tertial is None else f"{year} tertial {tertial}"


class RankEntry(Strict):
    """The municipality's place among all municipalities for one year (1 is the best)."""

    year: Year = Field(alias="ar")
    rank: Annotated[int, Field(ge=1)] = Field(alias="plats", description="Platsen, 1 är bäst.")
    total: Annotated[int, Field(ge=1)] = Field(
        alias="antal", description="Antalet kommuner med ett värde det året."
    )
    source: Text = Field(alias="kalla", description="Varifrån rangordningen kommer.")

    @model_validator(mode="after")
    def _within(self) -> RankEntry:
        if self.rank > self.total:
            raise ValueError(f"platsen {self.rank} är större än antalet kommuner {self.total}")
        return self


class IndicatorSeries(Strict):
    """Values of one indicator (by its id) over time."""

    indicator: Slug = Field(alias="indikator", description="Id för indikatorn som värdena gäller.")
    values: list[Measurement] = Field(
        default_factory=list, alias="varden", description="Ett värde per period och kön."
    )
    ranks: list[RankEntry] = Field(
        default_factory=list,
        alias="rangordning",
        description="Kommunens plats bland landets kommuner, per år.",
    )

    @model_validator(mode="after")
    def _unique(self) -> IndicatorSeries:
        seen: set[tuple[int, int | None, str]] = set()
        for m in self.values:
            key = (m.year, m.tertial, m.gender.value)
            if key in seen:
                raise ValueError(
                    f"två värden för samma period ({_period(m.year, m.tertial)}, "
                    f"kön {m.gender.value}); ta bort det ena"
                )
            seen.add(key)
        years = [r.year for r in self.ranks]
        if len(years) != len(set(years)):
            raise ValueError("två rangordningar för samma år; ta bort den ena")
        return self


class GoalAssessment(Strict):
    """The municipality's assessment of one goal for one year (or tertial)."""

    goal: Slug = Field(alias="mal", description="Id för målet som bedöms.")
    year: Year = Field(alias="ar")
    tertial: Tertial | None = Field(default=None, description="1–3 för en tertialrapport.")
    attainment: Annotated[Attainment, Field(strict=False)] = Field(
        alias="bedomning", description="uppfyllt, delvis-uppfyllt, ej-uppfyllt eller ej-bedomt."
    )
    motivation: str | None = Field(
        default=None, alias="motivering", description="Kommunens motivering (Markdown)."
    )
    source: Text = Field(alias="kalla", description="Varifrån bedömningen kommer (titel, adress).")


class FollowUp(Strict):
    """The file `kommuner/<kommun>/uppfoljning/<id>.yaml`: follow-up from one report or import."""

    id: Slug
    title: Text | None = Field(
        default=None, alias="titel", description="T.ex. 'Årsredovisning 2023'."
    )
    description: str | None = Field(default=None, alias="beskrivning", description="Markdown.")
    series: list[IndicatorSeries] = Field(
        default_factory=list, alias="matningar", description="Värden per indikator."
    )
    assessments: list[GoalAssessment] = Field(
        default_factory=list, alias="maluppfyllelse", description="Bedömning per mål och år."
    )

    @model_validator(mode="after")
    def _unique(self) -> FollowUp:
        ids = [s.indicator for s in self.series]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(
                f"indikatorn '{dupes[0]}' står två gånger under matningar; samla värdena under en"
            )
        seen: set[tuple[str, int, int | None]] = set()
        for a in self.assessments:
            key = (a.goal, a.year, a.tertial)
            if key in seen:
                raise ValueError(
                    f"två bedömningar av målet '{a.goal}' för {_period(a.year, a.tertial)}"
                )
            seen.add(key)
        return self
