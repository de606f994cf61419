"""The accessibility statement (tillgänglighetsredogörelse) that the Swedish accessibility law
(lagen 2018:1937 om tillgänglighet till digital offentlig service) and DIGG's regulations
(MDFFS 2019:2) require of a public website: who is responsible, how well the site complies with
WCAG 2.1 AA (EN 301 549), what is known not to work, how it was evaluated and when, how to give
feedback, and where to complain (DIGG's form).

The file is `content/tillganglighet.yaml`.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field

from sitegen.model.common import HttpUrl, IsoDate, Strict, Text

#: DIGG's complaint form for digital public services (the law requires a link to it).
DIGG_COMPLAINT_URL = "https://www.digg.se/tdosanmalan"


class Compliance(StrEnum):
    """How far the site complies with the law's requirements (DIGG's three wordings)."""

    FULL = "helt"  # helt förenlig
    PARTIAL = "delvis"  # delvis förenlig
    NONE = "inte"  # inte förenlig


def _check_criterion(value: str) -> str:
    if not re.fullmatch(r"[1-4]\.\d{1,2}\.\d{1,2}", value):
        raise ValueError("en framgångskriterium skrivs som i WCAG, t.ex. '1.4.3' inom citattecken")
    return value


def _check_email(value: str) -> str:
    if not re.fullmatch(r"[^@\s<>\"']+@[^@\s<>\"']+\.[a-z]{2,}", value, flags=re.IGNORECASE):
        raise ValueError("e-postadressen ska se ut som 'namn@kommun.se'")
    return value


def _check_digg(value: str) -> str:
    if not value.startswith("https://www.digg.se/"):
        raise ValueError(
            f"länken ska gå till DIGG:s anmälningsformulär, {DIGG_COMPLAINT_URL} "
            "(lagen kräver att besökare kan anmäla till tillsynsmyndigheten)"
        )
    return value


Criterion = Annotated[str, AfterValidator(_check_criterion)]
Email = Annotated[str, AfterValidator(_check_email)]
DiggUrl = Annotated[HttpUrl, AfterValidator(_check_digg)]


class Shortcoming(Strict):
    """Content or a function that does not meet the requirements, and what is done about it."""

    title: Text = Field(alias="titel", description="Kort beskrivning av bristen.")
    description: Text = Field(
        alias="beskrivning", description="Vad som inte fungerar och för vem (Markdown)."
    )
    criteria: list[Criterion] = Field(
        default_factory=list,
        alias="wcag",
        description="WCAG-kriterier som inte uppfylls, t.ex. ['1.4.3'].",
    )
    remedy: str | None = Field(
        default=None,
        alias="atgard",
        description="Vad vi gör åt bristen och när, eller null om det inte är bestämt.",
    )


class Contact(Strict):
    """Where visitors report accessibility problems or ask for content in another form."""

    name: Text = Field(alias="namn", description="Vem som tar emot synpunkterna.")
    email: Email | None = Field(default=None, alias="epost", description="E-postadress.")
    url: HttpUrl | None = Field(
        default=None, alias="adress", description="Adress till ett formulär eller en kontaktsida."
    )
    phone: Text | None = Field(default=None, alias="telefon", description="Telefonnummer.")
    response_time: str | None = Field(
        default=None, alias="svarstid", description="Hur snabbt vi svarar, t.ex. 'inom två veckor'."
    )

    @property
    def has_channel(self) -> bool:
        return bool(self.email or self.url or self.phone)


class AccessibilityStatement(Strict):
    """The file `content/tillganglighet.yaml`."""

    organisation: Text = Field(
        description="Den organisation som ansvarar för webbplatsen (offentlig aktör)."
    )
    website: Text = Field(
        alias="webbplats", description="Vilken webbplats redogörelsen gäller, t.ex. 'Målbild'."
    )
    compliance: Annotated[Compliance, Field(strict=False)] = Field(
        alias="efterlevnad",
        description="helt, delvis eller inte förenlig med lagens krav (WCAG 2.1 nivå AA).",
    )
    standard: Text = Field(
        description="Standarden som webbplatsen granskats mot, t.ex. 'WCAG 2.1 nivå AA'."
    )
    shortcomings: list[Shortcoming] = Field(
        default_factory=list,
        alias="brister",
        description="Kända brister; ska finnas när efterlevnaden är 'delvis' eller 'inte'.",
    )
    disproportionate_burden: str | None = Field(
        default=None,
        alias="oskaligt_betungande",
        description="Innehåll som undantas för att det vore oskäligt betungande, och varför.",
    )
    method: Text = Field(alias="metod", description="Hur webbplatsen har granskats (Markdown).")
    evaluated: IsoDate = Field(
        alias="bedomningsdatum", description="När granskningen gjordes, 'ÅÅÅÅ-MM-DD'."
    )
    updated: IsoDate = Field(
        alias="uppdaterad", description="När redogörelsen senast uppdaterades, 'ÅÅÅÅ-MM-DD'."
    )
    contact: Contact = Field(
        alias="kontakt", description="Vart besökare rapporterar brister i tillgängligheten."
    )
    complaint_url: DiggUrl = Field(
        alias="anmalan",
        description=f"Länken till DIGG:s anmälningsformulär, {DIGG_COMPLAINT_URL}.",
    )

    def problems(self) -> list[tuple[str, str]]:
        """Rules across fields, as (field, Swedish message); the loader locates and reports them."""
        out = []
        if self.compliance is not Compliance.FULL and not self.shortcomings:
            out.append(
                (
                    "efterlevnad",
                    "när efterlevnaden är 'delvis' eller 'inte' ska de kända bristerna stå under "
                    "'brister'",
                )
            )
        if self.compliance is Compliance.FULL and self.shortcomings:
            out.append(
                (
                    "efterlevnad",
                    "webbplatsen kan inte vara 'helt' förenlig när 'brister' listar brister; "
                    "skriv 'delvis'",
                )
            )
        if self.updated < self.evaluated:
            out.append(("uppdaterad", "redogörelsen kan inte ha uppdaterats före bedömningsdatum"))
        return out
