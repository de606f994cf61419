"""The UI string catalogue. Templates write Swedish msgids through `_()`; other languages map them.

Content is never translated: it stays in the language it was written in.
"""

from __future__ import annotations

from collections.abc import Callable

DEFAULT_LANGUAGE = "sv"

#: msgid (Swedish) → English. A missing entry falls back to the Swedish text.
ENGLISH: dict[str, str] = {
    "Hoppa till innehållet": "Skip to content",
    "Kommuner": "Municipalities",
    "Om webbplatsen": "About this site",
    "Huvudmeny": "Main menu",
    "Du är här": "You are here",
    "Startsida": "Home",
    "Vision": "Vision",
    "Värdegrund": "Values",
    "Målområden": "Goal areas",
    "Målområde": "Goal area",
    "Mål": "Goals",
    "Indikatorer": "Indicators",
    "Indikator": "Indicator",
    "Planer": "Plans",
    "Plan": "Plan",
    "Period": "Period",
    "Beslutas av": "Decided by",
    "Beslutsdatum": "Decision date",
    "Status": "Status",
    "Process": "Process",
    "Källor": "Sources",
    "Källa": "Source",
    "okänd": "unknown",
    "Ansvarig": "Responsible",
    "Nivå": "Level",
    "Agenda 2030": "Agenda 2030",
    "Teman": "Themes",
    "Målvärden": "Targets",
    "Utgångsvärde": "Baseline",
    "Mätningar": "Measurements",
    "Riktning": "Direction",
    "Enhet": "Unit",
    "Kommunkod": "Municipality code",
    "Län": "County",
    "Webbplats": "Website",
    "Bidrar till": "Contributes to",
    "Får bidrag från": "Supported by",
    "Fokus": "Focus",
    "Källans formulering": "Wording in the source",
    "Vår bedömning": "Our assessment",
    "Enligt källan": "Stated by the source",
    "Sidan finns inte": "Page not found",
}

_CATALOGUES: dict[str, dict[str, str]] = {"sv": {}, "en": ENGLISH}


def gettext_for(language: str) -> Callable[[str], str]:
    catalogue = _CATALOGUES[language]

    def gettext(message: str) -> str:
        return catalogue.get(message, message)

    return gettext


def ngettext_for(language: str) -> Callable[[str, str, int], str]:
    gettext = gettext_for(language)

    def ngettext(singular: str, plural: str, n: int) -> str:
        return gettext(singular if n == 1 else plural)

    return ngettext
