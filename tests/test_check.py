"""`python -m sitegen check`: every problem at once, located, in Swedish, sorted, with a summary."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from editor_support import CONTENT, GOAL, MUNICIPALITY, PLAN, make_content
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.cli import main
from sitegen.reporter import RecordingReporter

#: A fixed "today" for the warnings about passed target years (SOURCE_DATE_EPOCH, 2027-01-01).
EPOCH_2027 = "1798761600"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return make_content(tmp_path)


def run_check(content: Path, *extra: str) -> tuple[int, str]:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["check", "--content", str(content), *extra], RecordingReporter())
    return code, out.getvalue()


def replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(content: Path) -> None:
        path = content / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def write(rel: str, data: bytes) -> Callable[[Path], None]:
    def edit(content: Path) -> None:
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    return edit


def delete(rel: str) -> Callable[[Path], None]:
    return lambda content: (content / rel).unlink()


@dataclass
class Case:
    name: str
    edit: Callable[[Path], None]
    file: str
    line: int
    field: str
    fragment: str


CASES = [
    Case(
        "okänt fält",
        replace(GOAL, "titel: 'Alla", "titl: 'Alla"),
        GOAL,
        4,
        "titl",
        "Okänt fält 'titl'. Menade du 'titel'?",
    ),
    Case(
        "saknat fält",
        replace(GOAL, "kalla: webbplats\n", ""),
        GOAL,
        3,
        "kalla",
        "Fältet saknas men är obligatoriskt. Exempel: kalla: ",
    ),
    Case(
        "felstavat värde",
        replace(GOAL, "niva: kf", "niva: kff"),
        GOAL,
        13,
        "niva",
        "tillåtna värden: 'kf', 'ks' eller 'namnd'. Menade du 'kf'?",
    ),
    Case(
        "text i stället för tal",
        replace(GOAL, "ordning: 1", "ordning: ett"),
        GOAL,
        16,
        "ordning",
        "Väntade ett heltal",
    ),
    Case(
        "tal i stället för text",
        replace(MUNICIPALITY, "kommunkod: '9999'", "kommunkod: 9999"),
        MUNICIPALITY,
        8,
        "kommunkod",
        "sätt värdet inom citattecken: kommunkod: '9999'",
    ),
    Case(
        "YAML 1.1: inledande nolla",
        replace(MUNICIPALITY, "kommunkod: '9999'", "kommunkod: 0665"),
        MUNICIPALITY,
        8,
        "kommunkod",
        "läses olika av olika YAML-läsare",
    ),
    Case(
        "YAML 1.1: no som sant/falskt",
        replace(GOAL, "teman_grund: bedomning", "teman_grund: no"),
        GOAL,
        22,
        "teman_grund",
        "läses som sant/falskt",
    ),
    Case(
        "datum utan citattecken",
        replace(PLAN, "beslutsdatum: null", "beslutsdatum: 2025-01-15"),
        PLAN,
        16,
        "beslutsdatum",
        "datum ska skrivas inom citattecken, t.ex. '2025-01-15'",
    ),
    Case(
        "tabb för indrag",
        replace(GOAL, "    titel: 'Nöjda", "\ttitel: 'Nöjda"),
        GOAL,
        28,
        "",
        "tabbtecken är inte tillåtna",
    ),
    Case(
        "dubbel nyckel",
        replace(GOAL, "niva: kf\n", "niva: kf\nniva: ks\n"),
        GOAL,
        14,
        "niva",
        "nyckeln 'niva' finns två gånger (rad 13 och rad 14)",
    ),
    Case(
        "felstavad källa",
        replace(GOAL, "kalla: webbplats", "kalla: webplats"),
        GOAL,
        24,
        "kalla",
        "källan 'webplats' finns inte. Menade du 'webbplats'?",
    ),
    Case(
        "okänd plan",
        replace(GOAL, "plan: mal-och-budget-2025", "plan: mal-och-budget-2024"),
        GOAL,
        9,
        "plan",
        "planen 'mal-och-budget-2024' finns inte. Menade du 'mal-och-budget-2025'?",
    ),
    Case(
        "okänt tema",
        replace(GOAL, "teman: []\nteman_grund", "teman: [bonde]\nteman_grund"),
        GOAL,
        21,
        "teman[0]",
        "temat 'bonde' finns inte. Menade du 'boende'?",
    ),
    Case(
        "id och filnamn",
        replace(GOAL, "id: trivsel", "id: trivsam"),
        GOAL,
        3,
        "id",
        "stämmer inte med filnamnet 'trivsel.yaml'",
    ),
    Case(
        "ogiltigt id",
        replace(GOAL, "  - id: nojda-invanare", "  - id: Nöjda invånare"),
        GOAL,
        27,
        "indikatorer[0].id",
        "små bokstäver a–z",
    ),
    Case(
        "okänd målvärdestyp",
        replace(GOAL, "      - typ: niva", "      - typ: nivå"),
        GOAL,
        48,
        "indikatorer[0].malvarden[0]",
        "okänd typ 'nivå'",
    ),
    Case(
        "okänt fält i målvärde",
        replace(GOAL, "        ar: 2025", "        år: 2025"),
        GOAL,
        52,
        "indikatorer[0].malvarden[0].år",
        "Menade du 'ar'?",
    ),
    Case(
        "år utanför gränserna",
        replace(GOAL, "      - ar: 2023", "      - ar: 20233"),
        GOAL,
        58,
        "indikatorer[0].matningar[0].ar",
        "det får vara högst 2100",
    ),
    Case(
        "globalt mål 18",
        replace(GOAL, "    agenda2030: []", "    agenda2030: [18]"),
        GOAL,
        62,
        "indikatorer[0].agenda2030[0]",
        "det får vara högst 17",
    ),
    Case(
        "adress utan https",
        replace(
            MUNICIPALITY,
            "webbplats: 'https://exempelby.example/'",
            "webbplats: 'exempelby.example'",
        ),
        MUNICIPALITY,
        12,
        "webbplats",
        "adressen måste börja med https://",
    ),
    Case(
        "felstavad mapp",
        write("kommuner/exempelby/mall/x.yaml", b"id: x\n"),
        "kommuner/exempelby/mall",
        1,
        "",
        "okänd fil eller mapp i kommunens mapp. Menade du 'mal'?",
    ),
    Case(
        "inte UTF-8",
        write(
            "kommuner/exempelby/mal/trivsel.yaml", "id: 'trivsel'\ntitel: 'Trä'\n".encode("latin-1")
        ),
        GOAL,
        2,
        "",
        "filen är inte giltig UTF-8",
    ),
    Case("tom fil", write(GOAL, b"# bara en kommentar\n"), GOAL, 1, "", "filen är tom"),
    Case(
        "lista i stället för fält",
        write(GOAL, b"- id: trivsel\n"),
        GOAL,
        1,
        "",
        "filen ska innehålla fält",
    ),
    Case(
        "ankare",
        replace(GOAL, "teman: []\nteman_grund", "teman: &t []\nteman_grund"),
        GOAL,
        21,
        "",
        "ankare (&namn) är inte tillåtna",
    ),
    Case(
        "python-tagg",
        replace(GOAL, "ordning: 1", "ordning: !!python/name:os.system 1"),
        GOAL,
        16,
        "",
        "taggen tag:yaml.org,2002:python/name:os.system är inte tillåten",
    ),
    Case(
        "kommun.yaml saknas", delete(MUNICIPALITY), MUNICIPALITY, 1, "", "filen kommun.yaml saknas"
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_error_kind_gives_a_located_swedish_message(content: Path, case: Case) -> None:
    case.edit(content)
    code, out = run_check(content)
    assert code == 1, out
    assert "Traceback" not in out
    prefix = f"content/{case.file}:{case.line}:"
    lines = [line for line in out.splitlines() if line.startswith(prefix)]
    assert lines, f"no problem at {prefix}\n{out}"
    field = f" {case.field}:" if case.field else ""
    found = [line for line in lines if field in line and case.fragment.lower() in line.lower()]
    assert found, f"{lines}\n{out}"
    assert out.rstrip().splitlines()[-1].startswith(tuple("123456789")), out


def test_real_content_has_no_errors() -> None:
    code, out = run_check(CONTENT)
    assert code == 0, out
    assert out.rstrip().splitlines()[-1].startswith("Inga fel")


def test_problems_are_sorted_by_file_and_line_and_counted(content: Path) -> None:
    replace(GOAL, "ordning: 1", "ordning: ett")(content)
    replace(GOAL, "titel: 'Alla", "titl: 'Alla")(content)
    replace(MUNICIPALITY, "lan: 'Exempellän'", "län: 'Exempellän'")(content)
    code, out = run_check(content)
    assert code == 1
    problems = [line for line in out.splitlines() if line.startswith("content/")]
    keys = [(p.split(":")[0], int(p.split(":")[1])) for p in problems]
    assert keys == sorted(keys)
    assert [k[0] for k in keys].count(f"content/{GOAL}") == 3  # titl, titel saknas, ordning
    assert out.rstrip().splitlines()[-1] == (
        f"{len(problems)} fel i 2 filer. Varningarna visas när felen är rättade."
    )


def test_json_format_has_errors_and_summary(content: Path) -> None:
    replace(GOAL, "niva: kf", "niva: kff")(content)
    code, out = run_check(content, "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["ok"] is False
    assert data["summary"]["errors"] == 1
    (error,) = data["errors"]
    assert error == {
        "path": f"content/{GOAL}",
        "line": 13,
        "column": 7,
        "field": "niva",
        "message": error["message"],
        "severity": "fel",
    }
    assert "Menade du 'kf'?" in error["message"]


@pytest.fixture
def warned(content: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Content with one warning of each kind, checked as on 2027-01-01."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2027)
    goal = (content / GOAL).read_text(encoding="utf-8")
    # A second goal without indicators, and the first goal's target loses its year.
    bare = goal.split("indikatorer:")[0].replace("id: trivsel", "id: utan-indikatorer")
    (content / "kommuner/exempelby/mal/utan-indikatorer.yaml").write_text(
        bare + "indikatorer: []\n", encoding="utf-8"
    )
    return content


def test_warnings_are_listed_separately_and_strict_fails(warned: Path) -> None:
    code, out = run_check(warned)
    assert code == 0, out
    head, _, tail = out.partition("Varningar:\n")
    assert not [line for line in head.splitlines() if line.startswith("content/")]
    assert f"content/{GOAL}:48:9: varning: indikatorer[0].malvarden[0]: målåret 2025 har " in tail
    assert (
        "content/kommuner/exempelby/mal/utan-indikatorer.yaml:26:1: varning: indikatorer: "
        "målet har inga indikatorer" in tail
    )
    assert "Inga fel och" in out.splitlines()[-1]
    strict, out_strict = run_check(warned, "--strict")
    assert strict == 1
    assert "--strict" in out_strict.splitlines()[-1]


def test_target_without_year_is_a_warning(content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2027)
    replace(GOAL, "        ar: 2025\n", "")(content)
    code, out = run_check(content, "--format", "json")
    data = json.loads(out)
    assert code == 0
    messages = [w["message"] for w in data["warnings"] if w["path"] == f"content/{GOAL}"]
    assert any("saknar år" in m for m in messages), messages


def test_usage_errors_exit_with_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check", "--format", "xml"])
    assert exc.value.code == 2
    assert "fel:" in capsys.readouterr().err


def test_an_internal_error_is_one_swedish_line_not_a_traceback(
    content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("oväntat")

    monkeypatch.setattr("sitegen.checker.load_site", broken)
    monkeypatch.delenv("MALBILD_DEBUG", raising=False)
    assert main(["check", "--content", str(content)]) == 2
    err = capsys.readouterr().err
    assert "internt fel i Målbild (RuntimeError: oväntat)" in err
    assert "Traceback" not in err


NASTY = [
    b"\x00\x01\x02binary",
    b"a: [" * 200,
    b"id: trivsel\n" + b"x:\n  " * 50 + b"y: 1\n",
    b"!!python/object/apply:os.system ['echo hi']\n",
    b"id: trivsel\ntitel: *nothing\n",
    b"\xef\xbb\xbfid: trivsel\r\ntitel: 'BOM och CRLF'\r\n",
    b"---\nid: a\n---\nid: b\n",
    b"? [a, b]\n: c\n",
    b"id: " + b"a" * 5000 + b"\n",
]


@pytest.mark.parametrize("data", NASTY, ids=range(len(NASTY)))
def test_no_content_can_make_check_crash(content: Path, data: bytes) -> None:
    (content / GOAL).write_bytes(data)
    code, out = run_check(content)
    assert code == 1, out
    assert f"content/{GOAL}:" in out


def test_pre_commit_hooks_run_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    import shlex

    import yaml

    monkeypatch.chdir(CONTENT.parent)  # pre-commit runs hooks from the repository's root

    config = yaml.safe_load((CONTENT.parent / ".pre-commit-config.yaml").read_text("utf-8"))
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    assert set(hooks) == {"malbild-check", "malbild-schemas"}
    for hook in hooks.values():
        argv = shlex.split(hook["entry"])
        assert argv[:3] == ["python", "-m", "sitegen"]
        assert hook["pass_filenames"] is False
        assert main(argv[3:], RecordingReporter()) == 0


_YAMLISH = st.text(
    alphabet=st.sampled_from(list("abcåäö019 :-'\"[]{}#&*!|>%@`\t,.\\")), max_size=30
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(line=st.integers(min_value=0, max_value=61), text=_YAMLISH)
def test_any_edit_to_a_line_gives_errors_not_a_crash(content: Path, line: int, text: str) -> None:
    """Whatever an editor types on any line, check answers 0 or 1 with located messages."""
    path = content / GOAL
    original = path.read_text(encoding="utf-8")
    lines = original.splitlines()
    lines[line] = text
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        code, out = run_check(content)
    finally:
        path.write_text(original, encoding="utf-8")
    assert code in (0, 1), out
    if code == 1:
        assert f"content/{GOAL}:" in out
