"""`python -m sitegen kolada import`: saved answers (good, missing periods, error bodies) into
follow-up files, never over hand-edited data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from _followup_content import KOLADA, followup_content

from sitegen.cli import main
from sitegen.kolada import source
from sitegen.kolada.importer import ALL_MUNICIPALITIES, SOURCE
from sitegen.kolada.response import KoladaError, parse_page
from sitegen.pipeline import load_site
from sitegen.progress import Status
from sitegen.reporter import Reporter
from sitegen.settings import Settings

SAVED = KOLADA / "svar"
BROKEN = KOLADA / "fel"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return followup_content(tmp_path / "content")


def kolada_file(content: Path) -> Path:
    return content / "kommuner" / "testby" / "uppfoljning" / "kolada.yaml"


def run(content: Path, saved: Path, *extra: str) -> int:
    return main(["kolada", "import", "--content", str(content), "--from-dir", str(saved), *extra])


# --- parsing ------------------------------------------------------------------------------------


def test_parse_values_genders_missing_period_and_next_page() -> None:
    page = parse_page((SAVED / "kpi-N03102-municipality-9901.json").read_text(), "n.json")
    assert page.next_page is None
    assert [(v.year, v.gender, v.value) for v in page.values] == [
        (2019, "T", 1.1),
        (2020, "T", 1.5),
        (2022, "T", 2.3),
        (2022, "K", 2.1),
        (2022, "M", 2.5),
        (2023, "T", None),
    ]
    assert page.values[-1].status == "Saknas"
    first = parse_page((SAVED / "kpi-N00914-municipality-9901.json").read_text(), "p1")
    assert first.next_page is not None and first.next_page.endswith("page=2")
    second = parse_page((SAVED / "kpi-N00914-municipality-9901-sida-2.json").read_text(), "p2")
    assert second.values[0].year == 2022  # a period written as a string


@pytest.mark.parametrize(
    ("name", "needle"),
    [
        ("felmeddelande.json", "Kolada svarade med ett fel: Invalid KPI id: X12345"),
        ("html.json", "inte JSON från Koladas API (HTML eller text"),
        ("utan-values.json", "saknar listan 'values'"),
        ("fel-kon.json", "values[0].values[0]: 'gender' ska vara T, K eller M"),
        ("text-varde.json", "'value' ska vara ett tal eller null"),
        ("lista.json", "ska vara ett JSON-objekt"),
    ],
)
def test_error_bodies_are_named_errors(name: str, needle: str) -> None:
    with pytest.raises(KoladaError) as info:
        parse_page((BROKEN / name).read_text(), name)
    assert str(info.value).startswith(f"{name}: ") and needle in str(info.value)


# --- the import ---------------------------------------------------------------------------------


def test_import_writes_marked_values_and_reports_skips(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    goal_file = content / "kommuner" / "testby" / "mal" / "stark-ekonomi.yaml"
    before = goal_file.read_bytes()
    assert run(content, SAVED) == 0
    out, err = capsys.readouterr()
    assert "testby: 7 värden för 3 indikatorer skrivna till" in out
    assert "stark-ekonomi.yaml; Koladas värde skrivs inte" in err  # 2019 is in the goal file
    assert "finns redan i uppfoljning/arsredovisning-2021.yaml" in err  # 2020 by hand
    assert "N03102 saknar värde för 2023 (kön T, status 'Saknas')" in err
    assert "ingen rangordning för U07409 2022: värden för 1 av 290 kommuner" in err
    assert goal_file.read_bytes() == before  # hand-edited files are never rewritten
    text = kolada_file(content).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    site, _ = load_site(Settings(content_dir=content), Reporter())
    inds = {i.id: i for i in site.municipality("testby").indicators}
    imported = [v for v in inds["resultat"].values if v.source == SOURCE]
    assert [(v.year, v.gender.value, v.value) for v in imported] == [
        (2022, "T", 2.3),
        (2022, "K", 2.1),
        (2022, "M", 2.5),
    ]
    assert imported[0].note == "Koladas nyckeltal N03102"
    assert [(v.year, v.value) for v in inds["sysselsattning"].values] == [
        (2020, 78.4),
        (2021, 79.0),
        (2022, 80.2),  # both pages of a paged answer
    ]
    assert inds["sysselsattning"].progress[0].status is Status.MET
    assert inds["resultat"].progress[0].status is Status.MET  # 2,3 % in 2022 reaches 2 %


def test_import_is_repeatable(content: Path) -> None:
    assert run(content, SAVED) == 0
    first = kolada_file(content).read_bytes()
    assert run(content, SAVED) == 0
    assert kolada_file(content).read_bytes() == first


def test_rank_from_values_of_all_municipalities(content: Path, tmp_path: Path) -> None:
    saved = tmp_path / "svar"
    shutil.copytree(SAVED, saved)
    codes = [f"{county:02d}{n:02d}" for county in range(1, 26) for n in range(14, 26)]
    rows = [
        {
            "kpi": "U07409",
            "municipality": code,
            "period": 2022,
            "values": [{"gender": "T", "count": 1, "status": "", "value": float(i)}],
        }
        for i, code in enumerate(codes[: ALL_MUNICIPALITIES - 1])
    ]
    rows.append(
        {
            "kpi": "U07409",
            "municipality": "0000",
            "period": 2022,
            "values": [{"gender": "T", "count": 1, "status": "", "value": 999.0}],
        }
    )
    (saved / "kpi-U07409-year-2022.json").write_text(
        json.dumps({"count": len(rows), "values": rows, "next_page": None})
    )
    assert run(content, saved) == 0
    site, _ = load_site(Settings(content_dir=content), Reporter())
    ind = next(i for i in site.municipality("testby").indicators if i.id == "foretagsklimat")
    # 55 is beaten by the 289 - 56 = 233 values 56 … 288; the country (0000) does not count.
    assert [(r.year, r.rank, r.total) for r in ind.ranks] == [(2022, 234, 290)]
    assert ind.progress[0].status is Status.MISSED
    assert "plats: 234 av 290" in str(ind.progress[0].summary)


@pytest.mark.parametrize("name", sorted(p.name for p in BROKEN.glob("*.json")))
def test_an_error_body_writes_nothing(
    content: Path, tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "svar"
    shutil.copytree(SAVED, saved)
    shutil.copy(BROKEN / name, saved / name)
    assert run(content, saved) == 2
    assert f"fel: {name}: " in capsys.readouterr().err
    assert not kolada_file(content).exists()


def test_hand_written_kolada_file_is_not_replaced(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = kolada_file(content)
    path.write_text("id: kolada\nmatningar: []\n", encoding="utf-8")
    assert run(content, SAVED) == 2
    assert "är inte skriven av importen" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "id: kolada\nmatningar: []\n"


def test_unknown_municipality_and_missing_folder(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(content, SAVED, "--kommun", "testbyn") == 2
    assert "kommunen 'testbyn' finns inte. Menade du 'testby'?" in capsys.readouterr().err
    assert run(content, tmp_path / "saknas") == 2
    assert "mappen med sparade svar från Kolada finns inte" in capsys.readouterr().err
    (tmp_path / "tom").mkdir()
    assert run(content, tmp_path / "tom") == 2
    assert "inga .json-filer" in capsys.readouterr().err


def test_content_errors_stop_the_import(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = content / "kommuner" / "testby" / "uppfoljning" / "arsredovisning-2021.yaml"
    path.write_text(path.read_text().replace("indikator: kostnad", "indikator: kostnader"))
    assert run(content, SAVED) == 1
    err = capsys.readouterr().err
    assert "Menade du 'kostnad'?" in err and "Inget skrevs" in err
    assert not kolada_file(content).exists()


def test_fetch_follows_next_page_and_saves_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = {
        source.municipality_url("N00914", "9901"): (SAVED / "kpi-N00914-municipality-9901.json"),
        "https://api.kolada.se/v2/data/kpi/N00914/municipality/9901?page=2": (
            SAVED / "kpi-N00914-municipality-9901-sida-2.json"
        ),
    }
    asked: list[str] = []

    def fake_get(url: str) -> str:
        asked.append(url)
        return pages[url].read_text()

    monkeypatch.setattr(source, "_get", fake_get)
    values = source.fetch(source.municipality_url("N00914", "9901"), tmp_path / "sparat")
    assert [v.year for v in values] == [2020, 2021, 2022]
    assert asked == list(pages)
    saved = sorted(p.name for p in (tmp_path / "sparat").iterdir())
    assert saved == [
        "data-kpi-N00914-municipality-9901-sida-2.json",
        "data-kpi-N00914-municipality-9901.json",
    ]
    # What was saved can be imported again without a network.
    assert [v.year for v in source.read_saved(tmp_path / "sparat")] == [2022, 2020, 2021]


def test_only_the_public_api_is_asked() -> None:
    with pytest.raises(KoladaError) as info:
        source._get("http://example.com/v2/data")
    assert "ligger inte under https://api.kolada.se/v2/" in str(info.value)


def test_urls() -> None:
    assert source.municipality_url("N00914", "1861") == (
        "https://api.kolada.se/v2/data/kpi/N00914/municipality/1861"
    )
    assert source.all_municipalities_url("N00914", [2022, 2021, 2022]) == (
        "https://api.kolada.se/v2/data/kpi/N00914/year/2021,2022"
    )


def test_a_write_error_undoes_the_import(
    content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from sitegen.kolada import command

    def refuse(src: str, dst: object) -> None:
        raise PermissionError(13, "Åtkomst nekad", str(dst))

    monkeypatch.setattr(command.os, "replace", refuse)
    assert run(content, SAVED) == 2
    assert "kunde inte skriva" in capsys.readouterr().err
    assert not kolada_file(content).exists()
    assert not list(kolada_file(content).parent.glob(".kolada-*"))


def test_a_result_that_breaks_the_content_is_undone(
    content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from sitegen.kolada import command, importer

    real = importer.plan_import

    def broken(*args: object, **kw: object) -> importer.ImportPlan:
        plan = real(*args, **kw)  # type: ignore[arg-type]
        for p in plan.files:
            if p.text is not None:
                p.text = p.text.replace("indikator: resultat", "indikator: saknas")
        return plan

    monkeypatch.setattr(command, "plan_import", broken)
    assert run(content, SAVED) == 2
    err = capsys.readouterr().err
    assert "Indikatorn 'saknas' finns inte" in err and "är ångrad" in err
    assert not kolada_file(content).exists()
