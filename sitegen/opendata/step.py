"""The /data/ page and the open-data files beside it (an output step and a page source)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.opendata.export import DOCUMENT_END, document_parts, schema_json
from sitegen.opendata.tables import TABLES, csv_parts
from sitegen.render.pages import Page
from sitegen.settings import REPO_ROOT
from sitegen.site.model import SiteModel

DATA = "data/"
ALL_JSON = f"{DATA}malbild.json"
SCHEMAS = f"{DATA}schemas/"
#: The schema of the open-data JSON, generated from the model at build time.
OPEN_DATA_SCHEMA = "malbild-oppna-data.schema.json"
SCHEMAS_DIR = REPO_ROOT / "schemas"


def municipality_json(municipality_id: str) -> str:
    return f"{DATA}kommuner/{municipality_id}.json"


@dataclass(frozen=True)
class SchemaFile:
    name: str
    source: Path | None  # None: generated from the open-data model

    @property
    def path(self) -> str:
        return f"{SCHEMAS}{self.name}"


def schema_files(schemas_dir: Path = SCHEMAS_DIR) -> list[SchemaFile]:
    """The content files' schemas in the repository's schemas/, and the open-data schema."""
    found = sorted(schemas_dir.glob("*.schema.json")) if schemas_dir.is_dir() else []
    files = [SchemaFile(p.name, p) for p in found if p.is_file()]
    if all(f.name != OPEN_DATA_SCHEMA for f in files):
        files.append(SchemaFile(OPEN_DATA_SCHEMA, None))
    return files


def data_pages(site: SiteModel) -> Iterator[Page]:
    """The page /data/ that lists and explains every file."""
    yield Page(
        DATA,
        "data.html",
        "Öppna data",
        {
            "all_json": ALL_JSON,
            "municipality_files": [(m, municipality_json(m.id)) for m in site.municipalities],
            "tables": TABLES,
            "schemas": schema_files(),
            "counts": {
                "kommuner": len(site.municipalities),
                "mal": sum(len(m.goals) for m in site.municipalities),
                "indikatorer": sum(len(m.indicators) for m in site.municipalities),
                "varden": sum(len(i.values) for m in site.municipalities for i in m.indicators),
            },
        },
        [("Startsida", "")],
    )


def write_open_data(site: SiteModel, settings: Any, output: Any) -> None:
    """JSON (all and per municipality), CSV tables and the JSON Schemas, under data/."""
    prefix, parts = document_parts(site, site.municipalities)

    def whole() -> Iterator[str]:
        # Each municipality's own file is written as its part of the whole file is reached.
        yield prefix
        for k, (m, part) in enumerate(parts):
            output.write_text(municipality_json(m.id), prefix + part + DOCUMENT_END)
            yield ("," if k else "") + part
        yield DOCUMENT_END

    output.write_parts(ALL_JSON, whole())
    for table in TABLES:
        output.write_parts(f"{DATA}{table.file}", csv_parts(table, site))
    for schema in schema_files():
        if schema.source is None:
            output.write_text(schema.path, schema_json())
        else:
            output.copy_file(schema.path, schema.source)
