"""A municipality (kommun), its decision-making bodies and the sources its content comes from."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field

from sitegen.model.common import HttpUrl, PartialDate, Slug, Strict, Text


def _check_kommunkod(value: str) -> str:
    if not re.fullmatch(r"\d{4}", value):
        raise ValueError("kommunkoden är SCB:s fyra siffror inom citattecken, t.ex. '0665'")
    return value


def _check_orgnr(value: str) -> str:
    if not re.fullmatch(r"\d{6}-\d{4}", value):
        raise ValueError("organisationsnumret skrivs NNNNNN-NNNN, t.ex. '212000-2056'")
    return value


# The schema patterns make editors underline an unquoted 0665 (YAML 1.2 reads it as 665).
Kommunkod = Annotated[
    str, AfterValidator(_check_kommunkod), Field(json_schema_extra={"pattern": r"^\d{4}$"})
]
Orgnr = Annotated[
    str, AfterValidator(_check_orgnr), Field(json_schema_extra={"pattern": r"^\d{6}-\d{4}$"})
]


class BodyKind(StrEnum):
    """The kind of a body that decides or owns goals."""

    COUNCIL = "kf"  # kommunfullmäktige
    EXECUTIVE_BOARD = "ks"  # kommunstyrelsen
    COMMITTEE = "namnd"
    ADMINISTRATION = "forvaltning"
    COMPANY = "bolag"


class Body(Strict):
    """A body of the municipality: kommunfullmäktige, kommunstyrelsen, a nämnd, a bolag."""

    id: Slug = Field(description="Kort id som mål och planer hänvisar till, t.ex. 'ks'.")
    name: Text = Field(alias="namn", description="Organets namn, t.ex. 'Kommunstyrelsen'.")
    kind: Annotated[BodyKind, Field(strict=False)] = Field(
        alias="typ", description="kf, ks, namnd, forvaltning eller bolag."
    )


class Source(Strict):
    """A document or web page that the content was taken from."""

    id: Slug = Field(description="Id som mål och indikatorer hänvisar till i `kalla`.")
    title: Text = Field(alias="titel", description="Sidans eller dokumentets titel.")
    url: HttpUrl | None = Field(
        alias="adress", description="Adressen, eller null om den är okänd (gissa aldrig)."
    )
    published: PartialDate | None = Field(
        default=None,
        alias="publicerad",
        description="När källan publicerades eller senast uppdaterades, om den anger det.",
    )
    note: str | None = Field(
        default=None, alias="anmarkning", description="Vad källan innehåller eller saknar."
    )


class Municipality(Strict):
    """The file `kommuner/<id>/kommun.yaml`."""

    id: Slug = Field(description="Kommunens id i adresser, t.ex. 'kungsor'.")
    name: Text = Field(alias="namn", description="Kommunens namn, t.ex. 'Kungsör'.")
    kommunkod: Kommunkod = Field(description="SCB:s kommunkod, fyra siffror inom citattecken.")
    county: Text = Field(alias="lan", description="Länet, t.ex. 'Västmanlands län'.")
    orgnr: Orgnr | None = Field(
        default=None, alias="organisationsnummer", description="Organisationsnummer, om känt."
    )
    website: HttpUrl = Field(alias="webbplats", description="Kommunens webbplats.")
    vision: str | None = Field(
        default=None, description="Kommunens vision (Markdown), eller null om källan saknar den."
    )
    values: str | None = Field(
        default=None,
        alias="vardegrund",
        description="Kommunens värdegrund (Markdown), eller null om källan saknar den.",
    )
    vision_source: Slug | None = Field(
        default=None, alias="vision_kalla", description="Id för källan som visionen kommer från."
    )
    bodies: list[Body] = Field(
        alias="organ", min_length=1, description="Organ som beslutar om eller äger mål."
    )
    sources: list[Source] = Field(
        alias="kallor", min_length=1, description="Källorna som innehållet kommer från."
    )
