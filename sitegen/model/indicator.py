"""Indicators, their baselines, targets in every form the sources use, and measurements."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from sitegen.model.common import Basis, LaxBasis, Slug, Strict, Text, Year


class Direction(StrEnum):
    """The way an indicator should move."""

    INCREASE = "oka"
    DECREASE = "minska"
    KEEP = "behalla"
    REPORT = "redovisa"


class Comparison(StrEnum):
    """How a level relates to the target value."""

    AT_LEAST = "minst"
    AT_MOST = "hogst"
    EXACTLY = "exakt"
    ABOVE = "over"
    BELOW = "under"


class Gender(StrEnum):
    """Kolada's breakdown: T total, K women, M men."""

    TOTAL = "T"
    WOMEN = "K"
    MEN = "M"


#: A finite number: YAML's .inf and .nan (and 1e400) are refused.
Number = Annotated[float, Field(allow_inf_nan=False)]
Tertial = Annotated[int, Field(ge=1, le=3)]


class _TargetBase(Strict):
    text: Text = Field(description="Målvärdet med källans egna ord.")


class LevelTarget(_TargetBase):
    """A level by a year: 'minst 85 % 2015'."""

    kind: Literal["niva"] = Field(alias="typ")
    value: Number = Field(alias="varde", description="Nivån, t.ex. 85.")
    unit: Text = Field(alias="enhet", description="Enheten, t.ex. '%'.")
    comparison: Annotated[Comparison, Field(strict=False)] = Field(
        default=Comparison.AT_LEAST, alias="jamforelse", description="minst, hogst eller exakt."
    )
    year: Year | None = Field(default=None, alias="ar", description="Året nivån ska nås.")


class ChangeTarget(_TargetBase):
    """A change every year: 'minska med 5 % årligen'."""

    kind: Literal["forandring"] = Field(alias="typ")
    value: Number = Field(
        alias="varde", description="Förändringen per år; negativ för minskning, t.ex. -5."
    )
    unit: Text = Field(alias="enhet", description="'%' (relativ) eller 'procentenheter'.")
    start_year: Year | None = Field(default=None, alias="fran_ar")
    end_year: Year | None = Field(default=None, alias="till_ar")


class RankTarget(_TargetBase):
    """A rank among municipalities: 'bland de 25 % bästa i riket 2018'."""

    kind: Literal["rang"] = Field(alias="typ")
    top_percent: Annotated[float, Field(gt=0, le=100)] = Field(
        alias="andel_basta", description="Andel bästa kommuner i procent, t.ex. 25."
    )
    group: Text = Field(
        alias="jamforelsegrupp", description="Jämförelsen, t.ex. 'landets kommuner'."
    )
    year: Year | None = Field(default=None, alias="ar")


class DirectionTarget(_TargetBase):
    """A direction only: 'ska öka'."""

    kind: Literal["riktning"] = Field(alias="typ")
    direction: Annotated[Direction, Field(strict=False)] = Field(alias="riktning")
    yearly: bool = Field(default=False, alias="arligen", description="true om 'årligen'.")
    end_year: Year | None = Field(default=None, alias="till_ar")


class CountTarget(_TargetBase):
    """A count: '50 platser', '150 bostäder från 2020 tom 2025'."""

    kind: Literal["antal"] = Field(alias="typ")
    value: Annotated[int, Field(ge=0)] = Field(alias="varde")
    unit: Text = Field(alias="enhet", description="Vad som räknas, t.ex. 'platser'.")
    comparison: Annotated[Comparison, Field(strict=False)] = Field(
        default=Comparison.AT_LEAST, alias="jamforelse"
    )
    start_year: Year | None = Field(default=None, alias="fran_ar")
    year: Year | None = Field(default=None, alias="ar")


class ReportTarget(_TargetBase):
    """Reporting only: 'ska redovisas årligen'."""

    kind: Literal["redovisning"] = Field(alias="typ")
    frequency: Literal["arligen", "tertial", "mandatperiod"] = Field(
        default="arligen", alias="frekvens"
    )


Target = Annotated[
    LevelTarget | ChangeTarget | RankTarget | DirectionTarget | CountTarget | ReportTarget,
    Field(discriminator="kind"),
]


class Baseline(Strict):
    """The value an indicator starts from."""

    year: Year | None = Field(alias="ar", description="Året, eller null när källan säger 'idag'.")
    value: Number = Field(alias="varde")
    unit: Text = Field(alias="enhet")
    subject: str | None = Field(default=None, alias="avser", description="T.ex. 'åk 5'.")
    text: Text = Field(description="Utgångsvärdet med källans egna ord.")


class Measurement(Strict):
    """A followed-up value for one period."""

    year: Year = Field(alias="ar")
    tertial: Tertial | None = Field(default=None)
    value: Number = Field(alias="varde")
    gender: Annotated[Gender, Field(strict=False)] = Field(default=Gender.TOTAL, alias="kon")
    source: Text = Field(alias="kalla", description="Varifrån värdet kommer (titel eller adress).")
    note: str | None = Field(default=None, alias="anmarkning")


def _check_kpi(value: str) -> str:
    if not re.fullmatch(r"[NU]\d{5}", value):
        raise ValueError("Koladas id är N eller U följt av fem siffror, t.ex. 'N00914'")
    return value


class KoladaLink(Strict):
    """A national KPI in Kolada that measures the same thing."""

    kpi: Annotated[
        str, AfterValidator(_check_kpi), Field(json_schema_extra={"pattern": r"^[NU]\d{5}$"})
    ] = Field(description="T.ex. 'N00914'.")
    basis: LaxBasis = Field(
        alias="grund", description="kalla om kommunen anger id:t, bedomning om det är vårt."
    )


class Indicator(Strict):
    """An indicator (nyckeltal), under a goal or directly under a goal area."""

    id: Slug
    title: Text = Field(alias="titel", description="Kort namn på indikatorn.")
    wording: Text = Field(alias="formulering", description="Indikatorn med källans egna ord.")
    unit: Text | None = Field(default=None, alias="enhet", description="T.ex. '%' eller 'antal'.")
    direction: Annotated[Direction, Field(strict=False)] = Field(
        alias="riktning", description="oka, minska, behalla, redovisa."
    )
    baselines: list[Baseline] = Field(default_factory=list, alias="utgangsvarden")
    targets: list[Target] = Field(default_factory=list, alias="malvarden")
    measurements: list[Measurement] = Field(default_factory=list, alias="matningar")
    kolada: KoladaLink | None = Field(default=None)
    key: Slug | None = Field(
        default=None,
        alias="nyckel",
        description="Gemensam nyckel för indikatorer som mäter samma sak i flera kommuner.",
    )
    themes: list[Slug] = Field(default_factory=list, alias="teman")
    themes_basis: LaxBasis = Field(default=Basis.JUDGEMENT, alias="teman_grund")
    sdgs: list[Annotated[int, Field(ge=1, le=17)]] = Field(default_factory=list, alias="agenda2030")
    sdgs_basis: LaxBasis = Field(default=Basis.JUDGEMENT, alias="agenda2030_grund")
    source: Slug | None = Field(default=None, alias="kalla")

    @model_validator(mode="after")
    def _unique_periods(self) -> Indicator:
        seen: set[tuple[int, int | None, str]] = set()
        for m in self.measurements:
            key = (m.year, m.tertial, m.gender.value)
            if key in seen:
                raise ValueError(
                    f"två mätningar för samma period ({m.year}"
                    f"{'' if m.tertial is None else f' tertial {m.tertial}'}, kön {m.gender.value})"
                )
            seen.add(key)
        return self
