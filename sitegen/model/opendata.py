"""The open-data file: the whole content model of one or all municipalities as one JSON document.

It holds the same models the YAML files validate into, with the same Swedish keys, so that a
reader can validate it with the published JSON Schema and load it back into these classes.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from sitegen.model.common import Strict
from sitegen.model.followup import FollowUp
from sitegen.model.goal import Goal, GoalArea
from sitegen.model.municipality import Municipality
from sitegen.model.plan import Plan
from sitegen.model.vocabulary import SdgCatalogue, ThemeVocabulary

FORMAT = "malbild-oppna-data"
VERSION = 1


class MunicipalityData(Strict):
    """Everything one municipality decided and followed up."""

    municipality: Municipality = Field(alias="kommun")
    plans: list[Plan] = Field(alias="planer", description="Planerna (planer/*.yaml).")
    areas: list[GoalArea] = Field(alias="omraden", description="Målområdena (omraden/*.yaml).")
    goals: list[Goal] = Field(alias="mal", description="Målen (mal/*.yaml).")
    followups: list[FollowUp] = Field(
        alias="uppfoljning", description="Uppföljningen (uppfoljning/*.yaml)."
    )


class OpenData(Strict):
    """The file `data/malbild.json` (all municipalities) or `data/kommuner/<id>.json` (one)."""

    format: Literal["malbild-oppna-data"] = Field(description="Alltid 'malbild-oppna-data'.")
    version: Literal[1] = Field(description="Formatets version.")
    themes: ThemeVocabulary = Field(alias="teman", description="Temalistan (teman.yaml).")
    sdgs: SdgCatalogue = Field(alias="agenda2030", description="De 17 globala målen.")
    municipalities: list[MunicipalityData] = Field(alias="kommuner")
