"""JSON Schemas in schemas/: current with the models, named by every content file, documented in
Swedish, and in agreement with the loader where YAML 1.1 and 1.2 differ."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

import jsonschema
import pytest
from editor_support import CONTENT

from sitegen.cli import main
from sitegen.load.content import KIND_DIRS, TOP_FILES
from sitegen.load.yamlfile import YamlFileError, load_text, read_file
from sitegen.model.docs import MODEL_DOCS, field_doc
from sitegen.schemas import (
    LINE_PREFIX,
    SCHEMAS_DIR,
    expected_files,
    schema_line,
    schema_name_for,
    schema_types,
    stale_files,
)

CONTENT_FILES = sorted(CONTENT.rglob("*.yaml"))


def _schema(name: str) -> dict[str, object]:
    return json.loads((SCHEMAS_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def test_schemas_folder_is_current_with_the_models() -> None:
    assert stale_files() == [], "schemas/ är inaktuell: kör `python -m sitegen schemas`"


def test_every_content_file_type_has_a_schema() -> None:
    names = set(schema_types())
    assert {"teman", "agenda2030", "kommun", "plan", "omrade", "mal"} <= names
    assert len(names) == len(TOP_FILES) + 1 + len(KIND_DIRS)


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: p.relative_to(CONTENT).as_posix())
def test_content_file_names_its_schema_and_validates_against_it(path: Path) -> None:
    rel = PurePosixPath(path.relative_to(CONTENT).as_posix())
    name = schema_name_for(rel)
    assert name is not None
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == schema_line(path, CONTENT)
    target = (path.parent / first.removeprefix(LINE_PREFIX)).resolve()
    assert target == (SCHEMAS_DIR / f"{name}.schema.json").resolve()
    assert target.is_file()
    data, _ = read_file(path)
    validator = jsonschema.Draft202012Validator(_schema(name))
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []


def test_every_field_has_a_swedish_title_description_and_example() -> None:
    for name, model in schema_types().items():
        schema = json.loads(expected_files()[f"{name}.schema.json"])
        nodes = {**schema.get("$defs", {}), model.__name__: schema}
        for def_name, node in nodes.items():
            assert def_name in MODEL_DOCS, f"{def_name} saknas i sitegen/model/docs.py"
            assert node["title"] == MODEL_DOCS[def_name][0]
            for key, prop in node.get("properties", {}).items():
                where = f"{name}: {def_name}.{key}"
                doc = field_doc(def_name, key)
                assert doc is not None, f"{where}: saknas i sitegen/model/docs.py"
                assert prop["title"] == doc.title, where
                assert prop.get("description"), where
                assert "examples" in prop or "const" in prop, where


def test_examples_in_the_schemas_are_valid_values() -> None:
    """Each example must itself pass the property's schema (they are what editors copy)."""
    for name in schema_types():
        schema = _schema(name)
        for def_name, node in {**schema.get("$defs", {}), "": schema}.items():
            for key, prop in node.get("properties", {}).items():
                sub = {k: v for k, v in prop.items() if k not in ("examples", "default")}
                sub["$defs"] = schema.get("$defs", {})
                for example in prop.get("examples", []):
                    if isinstance(example, dict | list) and any(
                        isinstance(v, dict)
                        for v in (example if isinstance(example, list) else [example])
                    ):
                        continue  # partial objects illustrate a list of objects
                    errors = list(jsonschema.Draft202012Validator(sub).iter_errors(example))
                    assert not errors, f"{name}: {def_name}.{key}: {example!r}: {errors[0].message}"


@pytest.mark.parametrize(
    ("schema", "key", "text", "yaml12", "schema_rejects"),
    [
        ("kommun", "kommunkod", "0665", 665, True),
        ("mal", "teman_grund", "no", "no", True),
        ("plan", "beslutsdatum", "2019-06-20", "2019-06-20", False),
    ],
)
def test_values_read_differently_by_yaml_11_and_12_are_refused(
    schema: str, key: str, text: str, yaml12: object, schema_rejects: bool
) -> None:
    """The build refuses a plain value that YAML 1.1 (PyYAML) and 1.2 (editors) read differently;
    where the editor's YAML 1.2 reading is wrong for the field, the schema underlines it too."""
    with pytest.raises(YamlFileError) as err:
        load_text(f"{key}: {text}\n")
    assert "citattecken" in err.value.problems[0].message
    doc = _schema(schema)
    prop = {**doc["properties"][key], "$defs": doc.get("$defs", {})}
    errors = list(jsonschema.Draft202012Validator(prop).iter_errors(yaml12))
    assert bool(errors) is schema_rejects
    quoted, _ = load_text(f"{key}: '{text}'\n")
    assert quoted[key] == text


def test_kommunkod_is_a_string_with_a_pattern_in_the_schema() -> None:
    kod = _schema("kommun")["properties"]["kommunkod"]
    assert kod["type"] == "string"
    assert kod["pattern"] == r"^\d{4}$"
    assert kod["examples"] == ["0665"]


def test_schemas_command_writes_and_checks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "schemas"
    assert main(["schemas", "--check", "--out", str(out)]) == 1
    assert main(["schemas", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(expected_files())
    assert main(["schemas", "--check", "--out", str(out)]) == 0
    (out / "mal.schema.json").write_text("{}", encoding="utf-8")
    (out / "gammal.schema.json").write_text("{}", encoding="utf-8")
    assert main(["schemas", "--check", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "mal.schema.json: inaktuell" in err and "gammal.schema.json: inaktuell" in err
    assert main(["schemas", "--out", str(out)]) == 0
    assert not (out / "gammal.schema.json").exists()
    assert main(["schemas", "--check", "--out", str(out)]) == 0
