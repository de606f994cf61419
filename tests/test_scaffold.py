"""`python -m sitegen new …`: valid, commented files with the schema line and the next free id."""

from __future__ import annotations

from pathlib import Path

import pytest
from editor_support import GOAL, TOP_FILES, make_content

from sitegen.cli import main
from sitegen.load.yamlfile import read_file
from sitegen.pipeline import build
from sitegen.reporter import RecordingReporter
from sitegen.scaffold import append_indicator, free_id, slugify
from sitegen.schemas import schema_line
from sitegen.settings import Settings

NEW_KOMMUN = [
    "new",
    "kommun",
    "Åby",
    "--kommunkod",
    "0999",
    "--lan",
    "Provlän",
    "--webbplats",
    "https://aby.example/",
]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return make_content(tmp_path)


def new(content: Path, *args: str) -> int:
    argv = list(args)
    return main([*argv, "--content", str(content)])


def test_scaffold_a_municipality_plan_goal_and_indicator_that_build(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new(content, *NEW_KOMMUN) == 0
    assert new(content, "new", "plan", "aby", "Mål och budget 2026", "--beslutas-av", "kf") == 0
    assert new(content, "new", "mal", "aby", "Fler ska välja att bo i Åby") == 0
    assert new(content, "new", "indikator", "aby", "fler-ska-valja-att-bo-i-aby", "Befolkning") == 0
    out = capsys.readouterr().out
    assert "skapade" in out and "lade till indikatorn 'befolkning'" in out
    folder = content / "kommuner" / "aby"
    files = sorted(folder.rglob("*.yaml"))
    assert [p.relative_to(folder).as_posix() for p in files] == [
        "kommun.yaml",
        "mal/fler-ska-valja-att-bo-i-aby.yaml",
        "planer/mal-och-budget-2026.yaml",
    ]
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.splitlines()[0] == schema_line(path, content)
        assert "\n# " in text  # commented for the editor
    goal, _ = read_file(folder / "mal/fler-ska-valja-att-bo-i-aby.yaml")
    assert goal["plan"] == "mal-och-budget-2026"
    assert goal["kalla"] == "webbplats"
    assert [i["id"] for i in goal["indikatorer"]] == ["befolkning"]
    assert main(["check", "--content", str(content)]) == 0
    out_dir = tmp_path / "site"
    result = build(
        Settings(content_dir=content, out_dir=out_dir, pdf_reports=False), RecordingReporter()
    )
    assert result.pages > 0
    page = (out_dir / "kommuner/aby/mal/fler-ska-valja-att-bo-i-aby/index.html").read_text()
    assert "Fler ska välja att bo i Åby" in page
    assert "Befolkning" in page


def test_refuses_to_overwrite_and_picks_the_next_free_id(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kommun = content / "kommuner/exempelby/kommun.yaml"
    before = kommun.read_bytes()
    assert new(content, *NEW_KOMMUN[:2], "Exempelby", *NEW_KOMMUN[3:]) == 1
    assert "finns redan" in capsys.readouterr().err
    assert kommun.read_bytes() == before
    # A goal title that is taken gets the next free id; an explicit taken id is refused.
    assert new(content, "new", "mal", "exempelby", "Trivsel") == 0
    assert "id 'trivsel' var upptaget, så det nya fick id 'trivsel-2'" in capsys.readouterr().out
    assert (content / "kommuner/exempelby/mal/trivsel-2.yaml").is_file()
    assert new(content, "new", "mal", "exempelby", "Annat", "--id", "trivsel") == 1
    assert "målet 'trivsel' finns redan" in capsys.readouterr().err
    # ordning continues after the plan's last goal
    data, _ = read_file(content / "kommuner/exempelby/mal/trivsel-2.yaml")
    assert data["ordning"] == 2
    # An indicator id is unique in the whole municipality.
    assert new(content, "new", "indikator", "exempelby", "trivsel-2", "Nöjda invånare") == 0
    data, _ = read_file(content / "kommuner/exempelby/mal/trivsel-2.yaml")
    assert data["indikatorer"][0]["id"] == "nojda-invanare-2"
    assert main(["check", "--content", str(content)]) == 0


def test_indicator_is_appended_and_the_editors_comments_stay(content: Path) -> None:
    path = content / GOAL
    before = path.read_text(encoding="utf-8")
    marked = before.replace("    teman: []\n", "    teman: []  # redaktörens kommentar\n")
    path.write_text(marked, encoding="utf-8")
    args = ["new", "indikator", "exempelby", "trivsel", "Trygghet", "--riktning", "minska"]
    assert new(content, *args, "--enhet", "%") == 0
    after = path.read_text(encoding="utf-8")
    assert after.startswith(marked)  # nothing before the new item changed
    data, _ = read_file(path)
    ids = [i["id"] for i in data["indikatorer"]]
    assert ids == ["nojda-invanare", "trygghet"]
    assert data["indikatorer"][1]["riktning"] == "minska"
    assert data["indikatorer"][1]["enhet"] == "%"


@pytest.mark.parametrize(
    "tail",
    ["indikatorer: []\n", "indikatorer: [] # inga än\n", "indikatorer:\n", "", "kalla: x"],
    ids=["tom-lista", "tom-lista-kommentar", "null", "saknas", "utan-radslut"],
)
def test_append_indicator_to_empty_or_missing_lists(tail: str) -> None:
    head = "id: g\n# en kommentar\n"
    text = append_indicator(head + tail, lambda indent: " " * indent + "- id: ny\n")
    assert text.startswith(head)
    assert "# en kommentar" in text
    if "inga än" in tail:
        assert "indikatorer: # inga än\n" in text
    from sitegen.load.yamlfile import load_text

    data, _ = load_text(text)
    assert data["indikatorer"] == [{"id": "ny"}]


def test_errors_are_swedish_with_suggestions(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new(content, "new", "mal", "exempelbyy", "X") == 1
    assert "kommunen 'exempelbyy' finns inte. Menade du 'exempelby'?" in capsys.readouterr().err
    assert new(content, "new", "indikator", "exempelby", "trivse", "X") == 1
    assert "målet 'trivse' finns inte i exempelby. Menade du 'trivsel'?" in capsys.readouterr().err
    assert new(content, "new", "mal", "exempelby", "X", "--plan", "mal-och-budget-2024") == 1
    assert "Menade du 'mal-och-budget-2025'?" in capsys.readouterr().err
    assert new(content, "new", "plan", "exempelby", "P", "--beslutas-av", "kff") == 1
    assert "organet 'kff' finns inte i kommun.yaml. Menade du 'kf'?" in capsys.readouterr().err
    assert new(content, "new", "mal", "exempelby", "!!!") == 1
    assert "ange ett med --id" in capsys.readouterr().err


def test_a_goal_needs_a_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    (content / "kommuner").mkdir(parents=True)
    for name in TOP_FILES:
        (content / name).write_text("x: 1\n", encoding="utf-8")
    assert new(content, *NEW_KOMMUN) == 0
    assert new(content, "new", "mal", "aby", "Ett mål") == 1
    assert "python -m sitegen new plan aby" in capsys.readouterr().err


def test_missing_options_are_usage_errors(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["new", "kommun", "Åby", "--content", str(content)])
    assert exc.value.code == 2
    assert "--kommunkod" in capsys.readouterr().err


def test_slugs_and_free_ids() -> None:
    assert slugify("Trygg och säker skola – för alla!") == "trygg-och-saker-skola-for-alla"
    assert slugify("Ökad ÅTERVINNING") == "okad-atervinning"
    assert len(slugify("ord " * 60)) <= 80
    assert free_id("mal", {"mal", "mal-2"}) == "mal-3"
    assert free_id("index", set()) == "index-2"  # reserved names are never used
