"""The site model as open data: one :class:`OpenData` document, all or per municipality."""

from __future__ import annotations

import json

from sitegen.model import SdgCatalogue, ThemeVocabulary
from sitegen.model.opendata import FORMAT, VERSION, MunicipalityData, OpenData
from sitegen.site.model import MunicipalityNode, SiteModel


def municipality_data(m: MunicipalityNode) -> MunicipalityData:
    return MunicipalityData.model_validate(
        {
            "kommun": m.municipality,
            "planer": [p.plan for p in m.plans],
            "omraden": [a.area for a in m.areas],
            "mal": [g.goal for g in m.goals],
            "uppfoljning": list(m.followups),
        }
    )


def open_data(site: SiteModel, municipalities: list[MunicipalityNode]) -> OpenData:
    """The document for the given municipalities, with the shared vocabularies."""
    return OpenData.model_validate(
        {
            "format": FORMAT,
            "version": VERSION,
            "teman": ThemeVocabulary.model_validate({"teman": list(site.themes.values())}),
            "agenda2030": SdgCatalogue.model_validate(
                {"mal": [site.sdgs[n] for n in sorted(site.sdgs)]}
            ),
            "kommuner": [municipality_data(m) for m in municipalities],
        }
    )


def to_json(doc: OpenData) -> str:
    """Compact UTF-8 JSON with the Swedish keys of the content files."""
    data = doc.model_dump(mode="json", by_alias=True)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def schema_json() -> str:
    """The JSON Schema of the open-data document, generated from the model."""
    schema = OpenData.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Målbild: öppna data"
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
