"""The site model as open data: one :class:`OpenData` document, all or per municipality."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from sitegen.model.opendata import FORMAT, VERSION, MunicipalityData, OpenData
from sitegen.site.model import MunicipalityNode, SiteModel


def municipality_data(m: MunicipalityNode) -> MunicipalityData:
    return MunicipalityData.model_validate(municipality_dict(m))


def _dump(obj: BaseModel) -> dict[str, Any]:
    return obj.model_dump(mode="json", by_alias=True)


def municipality_dict(m: MunicipalityNode) -> dict[str, Any]:
    """One municipality as plain JSON data (the models are already valid: no re-validation)."""
    return {
        "kommun": _dump(m.municipality),
        "planer": [_dump(p.plan) for p in m.plans],
        "omraden": [_dump(a.area) for a in m.areas],
        "mal": [_dump(g.goal) for g in m.goals],
        "uppfoljning": [_dump(f) for f in m.followups],
    }


def document(site: SiteModel, municipalities: list[dict[str, Any]]) -> dict[str, Any]:
    """The open-data document around already dumped municipalities."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "teman": {"teman": [_dump(t) for t in site.themes.values()]},
        "agenda2030": {"mal": [_dump(site.sdgs[n]) for n in sorted(site.sdgs)]},
        "kommuner": municipalities,
    }


def open_data(site: SiteModel, municipalities: list[MunicipalityNode]) -> OpenData:
    """The document for the given municipalities, as the model (for tests and tools)."""
    return OpenData.model_validate(document(site, [municipality_dict(m) for m in municipalities]))


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def dumps(data: dict[str, Any]) -> str:
    return _compact(data) + "\n"


def document_parts(
    site: SiteModel, municipalities: list[MunicipalityNode]
) -> tuple[str, Iterator[tuple[MunicipalityNode, str]]]:
    """The JSON text of the document's head, and each municipality's JSON text as it is encoded.

    The document of all municipalities is the head, the parts joined by commas, and `]}`; the
    document of one is the head, its part and `]}`. Exactly what :func:`dumps` of
    :func:`document` gives (a test checks); every municipality is encoded once and its text can
    be dropped as soon as it is written."""
    head = _compact(document(site, []))
    assert head.endswith(',"kommuner":[]}')
    prefix = head[: -len("]}")]
    return prefix, ((m, _compact(municipality_dict(m))) for m in municipalities)


#: What closes a document after its municipalities (see :func:`document_parts`).
DOCUMENT_END = "]}\n"


def to_json(doc: OpenData) -> str:
    """Compact UTF-8 JSON with the Swedish keys of the content files."""
    return dumps(doc.model_dump(mode="json", by_alias=True))


def schema_json() -> str:
    """The JSON Schema of the open-data document, generated from the model."""
    schema = OpenData.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Målbild: öppna data"
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
