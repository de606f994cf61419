"""Shared vocabularies: the theme list and the 17 Agenda 2030 goals."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field

from sitegen.model.common import Slug, Strict, Text


def _check_colour(value: str) -> str:
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
        raise ValueError("färgen skrivs som hexkod inom citattecken, t.ex. '#E5243B'")
    return value


Colour = Annotated[
    str, AfterValidator(_check_colour), Field(json_schema_extra={"pattern": "^#[0-9A-Fa-f]{6}$"})
]
SdgNumber = Annotated[int, Field(ge=1, le=17)]


class Theme(Strict):
    """A theme of the shared vocabulary that goals of every municipality are sorted into."""

    id: Slug = Field(description="Stabilt id som används i adresser och i målens `teman`.")
    name: Text = Field(alias="namn", description="Temats namn på svenska.")
    name_en: Text = Field(alias="namn_en", description="Temats namn på engelska.")
    description: str | None = Field(
        default=None, alias="beskrivning", description="Vad temat omfattar (Markdown)."
    )


class ThemeVocabulary(Strict):
    """The file `content/teman.yaml`."""

    themes: list[Theme] = Field(alias="teman", min_length=1)


class SdgGoal(Strict):
    """One of the 17 global goals for sustainable development (Agenda 2030)."""

    number: SdgNumber = Field(alias="nummer", description="Målets nummer, 1–17.")
    name: Text = Field(alias="namn", description="Det officiella svenska namnet.")
    name_en: Text = Field(alias="namn_en", description="Det officiella engelska namnet.")
    colour: Colour = Field(alias="farg", description="Målets officiella färg, t.ex. '#E5243B'.")


class SdgCatalogue(Strict):
    """The file `content/agenda2030.yaml`."""

    goals: list[SdgGoal] = Field(alias="mal", min_length=17, max_length=17)
