"""Actions (åtgärder): the model's validation, the overdue rule, and the pages that show them."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from _indexed_text import indexed_text

from sitegen.issues import ContentError
from sitegen.model.action import Action, ActionStatus, is_overdue, last_day
from sitegen.pipeline import build, check
from sitegen.reporter import RecordingReporter
from sitegen.settings import Settings

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "actions" / "content"
ACTIONS = Path("kommuner") / "exempelby" / "atgarder"
#: 2023-09-01 00:00 UTC: after Detaljplan's due date (2023-06), before the others'.
EPOCH = "1693526400"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A writable copy of the fixture content."""
    dest = tmp_path / "content"
    shutil.copytree(FIXTURE, dest)
    return dest


def _write(tree: Path, name: str, text: str) -> Path:
    path = tree / ACTIONS / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _errors(tree: Path) -> list[tuple[str, int, str, str]]:
    with pytest.raises(ContentError) as err:
        check(Settings(content_dir=tree, pdf_reports=False), RecordingReporter())
    return [(i.path, i.line, i.field, i.message) for i in err.value.issues]


BASE = """id: {id}
titel: 'Teståtgärd'
ansvarig: bun
mal: [fler-bostader]
status: pagar
"""


def test_fixture_is_valid() -> None:
    site = check(Settings(content_dir=FIXTURE, pdf_reports=False), RecordingReporter())
    m = site.municipality("exempelby")
    assert len(m.actions) == 6
    goal = next(g for g in m.goals if g.id == "battre-lasforstaelse")
    assert [a.id for a in goal.actions] == ["laxhjalp-efter-skoltid", "lasombud-pa-alla-skolor"]
    shared = next(a for a in m.actions if a.id == "laxhjalp-efter-skoltid")
    assert [g.id for g in shared.goals] == ["fler-elever-klarar-skolan", "battre-lasforstaelse"]
    assert shared.responsible is not None and shared.responsible.name.startswith("Barn")


def test_unknown_goal_is_a_located_error(tree: Path) -> None:
    _write(
        tree, "ny", BASE.format(id="ny").replace("[fler-bostader]", "[fler-bostader, fler-bostder]")
    )
    [(path, line, field, message)] = _errors(tree)
    assert path.endswith("atgarder/ny.yaml")
    assert (line, field) == (4, "mal[1]")
    assert "Målet 'fler-bostder' finns inte" in message
    assert "Menade du 'fler-bostader'?" in message


def test_unknown_body_and_source_are_located_errors(tree: Path) -> None:
    text = BASE.format(id="ny").replace("ansvarig: bun", "ansvarig: bum") + "kalla: okand\n"
    _write(tree, "ny", text)
    found = {(line, field): message for _, line, field, message in _errors(tree)}
    assert "Organet 'bum' finns inte" in found[(3, "ansvarig")]
    assert "Källan 'okand' finns inte" in found[(6, "kalla")]


def test_due_before_start_is_a_located_error(tree: Path) -> None:
    _write(tree, "ny", BASE.format(id="ny") + "start: '2023-05'\nklar_senast: '2023-04-30'\n")
    [(_, line, field, message)] = _errors(tree)
    assert (line, field) == (7, "klar_senast")
    assert "fel ordning" in message and "2023-04-30" in message and "2023-05" in message


def test_same_month_start_and_due_is_fine(tree: Path) -> None:
    _write(tree, "ny", BASE.format(id="ny") + "start: '2023-05-20'\nklar_senast: '2023-05'\n")
    check(Settings(content_dir=tree, pdf_reports=False), RecordingReporter())


def test_status_notes_out_of_order_are_an_error(tree: Path) -> None:
    notes = """uppfoljning:
  - ar: 2023
    datum: '2024-01-10'
    status: pagar
    text: 'Senare.'
  - ar: 2022
    datum: '2023-01-10'
    status: planerad
    text: 'Tidigare.'
"""
    _write(tree, "ny", BASE.format(id="ny") + notes)
    [(_, line, field, message)] = _errors(tree)
    assert field == "uppfoljning" and line == 7
    assert "fel ordning" in message and "2022" in message


def test_two_notes_for_one_period_are_an_error(tree: Path) -> None:
    notes = """uppfoljning:
  - {ar: 2022, datum: '2023-01-10', status: pagar, text: 'Ett.'}
  - {ar: 2022, datum: '2023-01-11', status: pagar, text: 'Två.'}
"""
    _write(tree, "ny", BASE.format(id="ny") + notes)
    [(_, _, field, message)] = _errors(tree)
    assert field == "uppfoljning" and "samma period (2022)" in message


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("status", "pågår", "tillåtna värden"),
        ("klar_senast", "'2023-13'", "Månaden måste vara 01–12"),
        ("mal", "[]", "minst 1"),
        ("titel", "''", "tom"),
    ],
)
def test_bad_fields_are_swedish_errors(tree: Path, field: str, value: str, expected: str) -> None:
    lines = [ln for ln in BASE.format(id="ny").splitlines() if not ln.startswith(f"{field}:")]
    _write(tree, "ny", "\n".join([*lines, f"{field}: {value}"]) + "\n")
    [(_, line, name, message)] = _errors(tree)
    assert name.startswith(field) and line == len(lines) + 1
    assert expected in message


def test_duplicate_goal_and_unknown_field(tree: Path) -> None:
    text = BASE.format(id="ny").replace("[fler-bostader]", "[fler-bostader, fler-bostader]")
    _write(tree, "ny", text + "ansvarg: ks\n")
    found = {field: message for _, _, field, message in _errors(tree)}
    assert "två gånger" in found["mal"]
    assert "Menade du 'ansvarig'?" in found["ansvarg"]


def test_id_must_match_file_name(tree: Path) -> None:
    _write(tree, "ny", BASE.format(id="annan"))
    [(_, line, field, message)] = _errors(tree)
    assert (line, field) == (1, "id") and "filnamnet" in message


def test_action_under_a_broken_goal_is_not_reported_twice(tree: Path) -> None:
    goal = tree / "kommuner" / "exempelby" / "mal" / "fler-bostader.yaml"
    goal.write_text(goal.read_text(encoding="utf-8").replace("niva: kf", "niva: xx"), "utf-8")
    files = [e[0] for e in _errors(tree)]
    assert any(f.endswith("mal/fler-bostader.yaml") for f in files)
    assert not [f for f in files if "/atgarder/" in f]


# --- the overdue rule -------------------------------------------------------------------------


def _action(due: str | None, status: str = "pagar") -> Action:
    data = {"id": "a", "titel": "A", "ansvarig": None, "mal": ["m"], "status": status}
    if due is not None:
        data["klar_senast"] = due
    return Action.model_validate(data)


@pytest.mark.parametrize(
    ("due", "on", "overdue"),
    [
        ("2023-06", date(2023, 6, 30), False),  # a month is due at its last day
        ("2023-06", date(2023, 7, 1), True),
        ("2024-02", date(2024, 2, 29), False),  # leap year
        ("2023", date(2023, 12, 31), False),  # a year is due at its end
        ("2023", date(2024, 1, 1), True),
        ("2023-06-15", date(2023, 6, 16), True),
        (None, date(2100, 1, 1), False),  # no due date, never overdue
    ],
)
def test_overdue_at_a_date(due: str | None, on: date, overdue: bool) -> None:
    assert is_overdue(_action(due), on) is overdue


@pytest.mark.parametrize("status", ["klar", "avbruten"])
def test_closed_actions_are_never_overdue(status: str) -> None:
    assert not is_overdue(_action("2000", status), date(2023, 1, 1))


@pytest.mark.parametrize("status", ["planerad", "pagar", "forsenad"])
def test_open_actions_past_due_are_overdue(status: str) -> None:
    assert is_overdue(_action("2000", status), date(2023, 1, 1))


def test_last_day() -> None:
    assert last_day("2023-02") == date(2023, 2, 28)
    assert last_day("2023") == date(2023, 12, 31)


def test_status_at_a_period() -> None:
    a = Action.model_validate(
        {
            "id": "a",
            "titel": "A",
            "ansvarig": None,
            "mal": ["m"],
            "status": "klar",
            "uppfoljning": [
                {"ar": 2021, "datum": "2022-01-10", "status": "pagar", "text": "x"},
                {"ar": 2022, "datum": "2023-01-10", "status": "klar", "text": "y"},
            ],
        }
    )
    assert a.status_at(2021)[0] is ActionStatus.ONGOING
    assert a.status_at(2022)[0] is ActionStatus.DONE
    assert a.status_at(2020) == (ActionStatus.DONE, None)


def _overdue_ids(monkeypatch: pytest.MonkeyPatch, epoch: str) -> list[str]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    site = check(Settings(content_dir=FIXTURE, pdf_reports=False), RecordingReporter())
    return [a.id for a in site.municipality("exempelby").actions if a.overdue]


def test_overdue_follows_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _overdue_ids(monkeypatch, EPOCH) == ["detaljplan-norra-angen"]
    assert _overdue_ids(monkeypatch, "1685577600") == []  # 2023-06-01: not due yet


def test_bad_source_date_epoch_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "igår")
    with pytest.raises(ContentError) as err:
        check(Settings(content_dir=FIXTURE, pdf_reports=False), RecordingReporter())
    assert any("SOURCE_DATE_EPOCH" in i.message for i in err.value.issues)


# --- the pages ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("actions") / "_site"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        build(Settings(content_dir=FIXTURE, out_dir=out, pdf_reports=False), RecordingReporter())
    return out


def _page(site_dir: Path, path: str) -> str:
    return (site_dir / path / "index.html").read_text(encoding="utf-8")


def test_goal_page_lists_actions_with_status_in_words(site_dir: Path) -> None:
    html = _page(site_dir, "kommuner/exempelby/mal/fler-bostader")
    section = html[html.index('id="atgarder"') :]
    assert section.index("Detaljplan för Norra ängen") < section.index("Hyresrätter i centrum")
    assert '>Pågår</span> <span class="action-status action-overdue">Slutdatum passerat<' in section
    assert ">Planerad</span>" in section
    assert "Samhällsbyggnadsförvaltningen" in section and "Exempelbyhem AB" in section
    assert '<th scope="col">Status</th>' in section


def test_a_goals_actions_are_found_on_their_own_pages_not_the_goals(site_dir: Path) -> None:
    html = _page(site_dir, "kommuner/exempelby/mal/fler-bostader")
    assert "Detaljplan för Norra ängen" in html
    assert "Detaljplan för Norra ängen" not in indexed_text(html)
    assert "Detaljplan för Norra ängen" in indexed_text(
        _page(site_dir, "kommuner/exempelby/atgarder/detaljplan-norra-angen")
    )


def test_goal_without_actions_says_so(site_dir: Path, tmp_path: Path) -> None:
    html = _page(site_dir, "kommuner/exempelby/mal/fler-elever-klarar-skolan")
    assert "Läxhjälp efter skoltid på alla skolor" in html
    assert html.count("<h1") == 1


def test_municipality_page_summarises_by_status(site_dir: Path) -> None:
    html = _page(site_dir, "kommuner/exempelby")
    summary = html[html.index("Åtgärder efter status") :]
    for label in ("Planerad", "Pågår", "Försenad", "Klar", "Avbruten"):
        row = summary[summary.index(f">{label}</span>") :]
        assert row.split("<td>", 1)[1].startswith("1</td>" if label != "Pågår" else "2</td>")
    assert "Varav med slutdatum passerat utan att vara klara</th><td>1</td>" in summary
    assert 'href="/kommuner/exempelby/atgarder/"' in html


def test_action_page_and_list(site_dir: Path) -> None:
    html = _page(site_dir, "kommuner/exempelby/atgarder/lasombud-pa-alla-skolor")
    assert "<h1>Läsombud på alla skolor</h1>" in html
    # Follow-ups newest first, each with its period, status and date.
    assert html.index("Alla skolor har ett läsombud.") < html.index("Hälften av skolorna")
    assert "(noterat 2022-08-30)" in html
    listing = _page(site_dir, "kommuner/exempelby/atgarder")
    assert listing.count("<tr>") >= 6 and "Bättre läsförståelse i lågstadiet" in listing
    overdue = _page(site_dir, "kommuner/exempelby/atgarder/detaljplan-norra-angen")
    assert "skulle vara klar" in overdue and "2023-06" in overdue


def test_real_content_has_no_action_sections(built_site: tuple[Path, object]) -> None:
    out, _ = built_site
    goal = next((out / "kommuner" / "kungsor" / "mal").iterdir())
    assert 'id="atgarder"' not in (goal / "index.html").read_text(encoding="utf-8")
    assert not (out / "kommuner" / "kungsor" / "atgarder").exists()
