"""Shared building blocks of the content model."""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG = 80
#: Names that would shadow a page or folder the site itself writes.
RESERVED_SLUGS = frozenset(
    {"index", "con", "prn", "aux", "nul", "com1", "lpt1", "assets", "static", "data", "en", "sok"}
    # Every device name Windows reserves (a checkout there could not hold such a file).
    | {f"com{n}" for n in range(1, 10)}
    | {f"lpt{n}" for n in range(1, 10)}
)


class Strict(BaseModel):
    """Base of every content model: strict types, no unknown fields, Swedish YAML keys."""

    model_config = ConfigDict(
        strict=True,
        extra="forbid",
        frozen=True,
        populate_by_name=False,
        str_strip_whitespace=False,
        validate_default=False,
    )


def _check_slug(value: str) -> str:
    if not value:
        raise ValueError("id får inte vara tomt")
    if len(value) > MAX_SLUG:
        raise ValueError(f"id får vara högst {MAX_SLUG} tecken")
    if not SLUG_RE.match(value):
        raise ValueError(
            "id får bara innehålla små bokstäver a–z, siffror och bindestreck, "
            "t.ex. 'hallbar-tillvaxt' (inga å, ä, ö, mellanslag eller snedstreck)"
        )
    if value in RESERVED_SLUGS:
        raise ValueError(f"'{value}' är ett reserverat namn och kan inte användas som id")
    return value


#: A stable identifier that is also a URL segment: lowercase ASCII, digits and hyphens.
Slug = Annotated[
    str,
    AfterValidator(_check_slug),
    # For the JSON Schemas (editor hints); the validator above gives the Swedish message.
    Field(json_schema_extra={"pattern": SLUG_RE.pattern, "maxLength": MAX_SLUG}),
]


def _check_text(value: str) -> str:
    if not value.strip():
        raise ValueError("texten får inte vara tom")
    return value


#: A non-empty line of text.
Text = Annotated[str, AfterValidator(_check_text), Field(json_schema_extra={"pattern": r"\S"})]

#: A calendar year.
Year = Annotated[int, Field(ge=1900, le=2100)]


def _check_iso_date(value: str) -> str:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        raise ValueError("datum skrivs ÅÅÅÅ-MM-DD inom citattecken, t.ex. '2019-06-20'") from None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("datum skrivs ÅÅÅÅ-MM-DD inom citattecken, t.ex. '2019-06-20'")
    return value


#: A date written as 'YYYY-MM-DD' (a string, so that every YAML reader agrees on it).
IsoDate = Annotated[
    str,
    AfterValidator(_check_iso_date),
    Field(json_schema_extra={"pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}),
]


def _check_month(value: str) -> str:
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise ValueError(
            "datum skrivs ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD inom citattecken, t.ex. '2019-04'"
        )
    parts = [int(p) for p in value.split("-")]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        raise ValueError("månaden måste vara 01–12")
    if len(parts) == 3:
        _check_iso_date(value)
    return value


#: A date known to year, month or day precision: '2019', '2019-04' or '2019-04-10'.
PartialDate = Annotated[
    str,
    AfterValidator(_check_month),
    Field(json_schema_extra={"pattern": r"^\d{4}(-(0[1-9]|1[0-2])(-\d{2})?)?$"}),
]


def fold_key(value: str) -> str:
    """Case-fold and Unicode-normalise a name, to find names that only differ in form."""
    return unicodedata.normalize("NFKC", value).casefold()


class Basis(StrEnum):
    """Whether a link (to a theme, an Agenda 2030 goal, a Kolada KPI) is stated by the source."""

    SOURCE = "kalla"
    JUDGEMENT = "bedomning"


def _check_url(value: str) -> str:
    if not re.fullmatch(r"https?://[^\s<>\"']+", value):
        raise ValueError(
            "adressen måste börja med https:// eller http://, t.ex. 'https://kungsor.se/'"
        )
    return value


HttpUrl = Annotated[
    str, AfterValidator(_check_url), Field(json_schema_extra={"pattern": r"^https?://\S+$"})
]


#: The enum as content writes it: its Swedish string value (strict mode wants an instance).
LaxBasis = Annotated[Basis, Field(strict=False)]
