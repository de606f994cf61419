"""`python -m sitegen schemas`: JSON Schemas for every content file type, from the models.

Each content file starts with `# yaml-language-server: $schema=<relative path>` so that VS Code
(YAML extension) and other editors complete field names, show the Swedish descriptions on hover
and underline mistakes while the editor types. The schemas are generated, never hand-edited;
`--check` (and a test) fails when `schemas/` is out of date with the models.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel

from sitegen.load.content import KIND_DIRS, MUNICIPALITIES_DIR, MUNICIPALITY_FILE, TOP_FILES
from sitegen.model import Municipality
from sitegen.model.docs import MODEL_DOCS, field_doc
from sitegen.settings import REPO_ROOT

SCHEMAS_DIR = REPO_ROOT / "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
SUFFIX = ".schema.json"
LINE_PREFIX = "# yaml-language-server: $schema="

#: A folder of a municipality → its schema's name (singular, as editors say it).
_KIND_NAMES = {"planer": "plan", "omraden": "omrade", "mal": "mal", "atgarder": "atgard"}

YAML_NOTE = (
    "Skrivet för YAML 1.2, som editorer läser. Målbild läser också YAML 1.1 och vägrar värden "
    "som de två läser olika (no, on, 0665, 1:30, 2019-06-20 utan citattecken …): skriv datum, "
    "koder och text som liknar tal eller ja/nej inom citattecken, t.ex. kommunkod: '0665'."
)


def kind_name(folder: str) -> str:
    """The schema name of a municipality's folder: 'planer' → 'plan'."""
    return _KIND_NAMES.get(folder, folder)


def schema_types() -> dict[str, type[BaseModel]]:
    """Every content file type the loader knows, by schema name, in a stable order."""
    types: dict[str, type[BaseModel]] = {Path(name).stem: m for name, m in TOP_FILES.items()}
    types[Path(MUNICIPALITY_FILE).stem] = Municipality
    for folder, model in KIND_DIRS.items():
        types[kind_name(folder)] = model
    return types


def schema_name_for(rel: PurePosixPath) -> str | None:
    """The schema a content file (path relative to content/) should name, or None."""
    parts = rel.parts
    if len(parts) == 1 and parts[0] in TOP_FILES:
        return Path(parts[0]).stem
    if len(parts) == 3 and parts[0] == MUNICIPALITIES_DIR and parts[2] == MUNICIPALITY_FILE:
        return Path(MUNICIPALITY_FILE).stem
    if len(parts) == 4 and parts[0] == MUNICIPALITIES_DIR and parts[2] in KIND_DIRS:
        return kind_name(parts[2])
    return None


def schema_line(content_file: Path, content_root: Path) -> str:
    """The `# yaml-language-server: $schema=…` line for a file: a relative path to the schema in
    the `schemas/` folder beside `content/` (where the repository keeps them)."""
    rel = PurePosixPath(content_file.relative_to(content_root).as_posix())
    name = schema_name_for(rel)
    if name is None:
        raise ValueError(f"{rel} is not a content file type")
    schemas_dir = content_root.parent / SCHEMAS_DIR.name
    target = os.path.relpath(schemas_dir / f"{name}{SUFFIX}", content_file.parent)
    return LINE_PREFIX + PurePosixPath(Path(target).as_posix()).as_posix()


def _document(node: dict[str, Any], model_name: str) -> None:
    """Swedish title, description and examples on an object schema and its properties."""
    docs = MODEL_DOCS.get(model_name)
    if docs is not None:
        node["title"], node["description"] = docs
    for key, prop in node.get("properties", {}).items():
        doc = field_doc(model_name, key)
        if doc is None:
            continue
        prop["title"] = doc.title
        prop.setdefault("description", doc.description)
        if "examples" not in prop and "const" not in prop:
            prop["examples"] = [doc.example]


def generate(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema of one content file type, documented in Swedish."""
    schema = model.model_json_schema(by_alias=True, mode="validation")
    for name, node in schema.get("$defs", {}).items():
        _document(node, name)
    _document(schema, model.__name__)
    return {"$schema": DIALECT, "$comment": YAML_NOTE, **schema}


def render(model: type[BaseModel]) -> str:
    return json.dumps(generate(model), ensure_ascii=False, indent=2) + "\n"


def expected_files() -> dict[str, str]:
    """File name → text of every schema file."""
    return {f"{name}{SUFFIX}": render(model) for name, model in schema_types().items()}


def stale_files(schemas_dir: Path = SCHEMAS_DIR) -> list[str]:
    """Schema files that are missing, differ from the models, or belong to no type."""
    expected = expected_files()
    out = []
    for name, text in expected.items():
        path = schemas_dir / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            out.append(name)
    if schemas_dir.is_dir():
        out.extend(p.name for p in schemas_dir.glob(f"*{SUFFIX}") if p.name not in expected)
    return sorted(out)


def write_schemas(schemas_dir: Path = SCHEMAS_DIR) -> list[str]:
    """Write every schema file; remove schema files of types that no longer exist."""
    schemas_dir.mkdir(parents=True, exist_ok=True)
    expected = expected_files()
    changed = []
    for name, text in expected.items():
        path = schemas_dir / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(name)
    for old in schemas_dir.glob(f"*{SUFFIX}"):
        if old.name not in expected:
            old.unlink()
            changed.append(old.name)
    return sorted(changed)


def add_schemas_parser(sub: Any) -> None:
    p = sub.add_parser("schemas", help="skriv JSON-scheman för innehållsfilerna till schemas/")
    p.add_argument(
        "--out", dest="schemas_dir", type=Path, default=SCHEMAS_DIR, help="mappen för schemana"
    )
    p.add_argument(
        "--check",
        action="store_true",
        help="skriv inget; avsluta med 1 om schemana inte stämmer med modellerna",
    )


def run_schemas(args: argparse.Namespace) -> int:
    folder: Path = args.schemas_dir
    if args.check:
        stale = stale_files(folder)
        for name in stale:
            print(f"{folder / name}: inaktuell; kör python -m sitegen schemas", file=sys.stderr)
        if not stale:
            print(f"schemana i {folder} är aktuella")
        return 1 if stale else 0
    changed = write_schemas(folder)
    print(f"{len(changed)} schemafiler uppdaterade i {folder}" if changed else "inga ändringar")
    return 0
