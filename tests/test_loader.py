"""Loading content/: every error is collected, located (file:line:col) and explained in Swedish."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.reporter import RecordingReporter

GOAL = "kommuner/kungsor/mal/varierat-bostadsutbud-och-industrimark.yaml"
AREA = "kommuner/hallsberg/omraden/hallbar-kommun.yaml"
KOMMUN = "kommuner/vaggeryd/kommun.yaml"


def check(content: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    reporter = RecordingReporter()
    code = main(["check", "--content", str(content)], reporter=reporter)
    capsys.readouterr()
    lines = [i.format() for kind, i in reporter.events if kind == "issue"]  # type: ignore[union-attr]
    return code, lines


def replace(path: Path, old: str, new: str) -> int:
    """Replace the first occurrence; return the 1-based line where it was."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def test_real_content_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = check(Path(__file__).parent.parent / "content", capsys)
    assert (code, lines) == (0, [])


def test_unknown_field_with_suggestion(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = replace(content_copy / GOAL, "kort_titel:", "kort_tittel:")
    code, lines = check(content_copy, capsys)
    assert code == 1
    assert lines == [
        f"{'content/' + GOAL}:{line}:1: kort_tittel: Okänt fält 'kort_tittel'. "
        "Menade du 'kort_titel'? Tillåtna fält här: "
        + ", ".join(
            sorted(
                [
                    "id",
                    "titel",
                    "kort_titel",
                    "beskrivning",
                    "plan",
                    "omrade",
                    "niva",
                    "ansvarig",
                    "ordning",
                    "agenda2030",
                    "agenda2030_grund",
                    "teman",
                    "teman_grund",
                    "fokus",
                    "bidrar_till",
                    "kalla",
                    "indikatorer",
                ]
            )
        )
    ]


def test_wrong_type_in_nested_target(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = replace(content_copy / GOAL, "ar: 2025", "ar: '2025'")
    code, lines = check(content_copy, capsys)
    assert code == 1
    [message] = lines
    assert message.startswith(f"content/{GOAL}:{line}:")
    assert "indikatorer[0].malvarden[0].ar: Väntade ett heltal" in message


def test_missing_field_points_at_its_mapping(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace(content_copy / KOMMUN, "lan: ", "# lan: ")
    code, lines = check(content_copy, capsys)
    assert code == 1
    [message] = lines
    assert re.match(rf"content/{KOMMUN}:\d+:\d+: lan: Fältet saknas", message)


def test_unquoted_kommunkod_is_refused(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = replace(content_copy / KOMMUN, "kommunkod: '0665'", "kommunkod: 0665")
    code, lines = check(content_copy, capsys)
    assert code == 1
    assert lines[0].startswith(f"content/{KOMMUN}:{line}:12: kommunkod: ")
    assert "inledande nolla" in lines[0]


def test_unknown_reference_is_located_with_suggestion(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = replace(content_copy / GOAL, "teman: [boende, ", "teman: [bonde, ")
    code, lines = check(content_copy, capsys)
    assert code == 1
    [message] = lines
    assert message.startswith(f"content/{GOAL}:{line}:")
    assert "teman[0]: Temat 'bonde' finns inte. Menade du 'boende'?" in message


@pytest.mark.parametrize(
    ("old", "new", "field", "needle"),
    [
        ("plan: kommunstyrelsens-mal-2022", "plan: ks-mal", "plan", "Planen 'ks-mal' finns inte"),
        ("ansvarig: ks", "ansvarig: kss", "ansvarig", "Organet 'kss' finns inte"),
        ("kalla: kommunstyrelsens-mal", "kalla: ks", "kalla", "Källan 'ks' finns inte"),
        ("omrade: null", "omrade: bostader", "omrade", "Målområdet 'bostader' finns inte"),
    ],
)
def test_references_resolve(
    content_copy: Path,
    capsys: pytest.CaptureFixture[str],
    old: str,
    new: str,
    field: str,
    needle: str,
) -> None:
    line = replace(content_copy / GOAL, old, new)
    code, lines = check(content_copy, capsys)
    assert code == 1
    assert any(
        m.startswith(f"content/{GOAL}:{line}:") and f" {field}: {needle}" in m for m in lines
    ), lines


def test_goal_serving_unknown_goal(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = content_copy / "kommuner/kungsor/mal/hallbart-aterbruk.yaml"
    text = path.read_text(encoding="utf-8")
    target = re.search(r"bidrar_till:\s*\n?\s*-?\s*\[?([a-z-]+)", text)
    assert target
    path.write_text(text.replace(target.group(1), "hallbar-konsumtion", 1), encoding="utf-8")
    code, lines = check(content_copy, capsys)
    assert code == 1
    assert any("Målet 'hallbar-konsumtion' finns inte" in m for m in lines), lines


def test_file_name_must_match_id(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = content_copy / GOAL
    src.rename(src.with_name("bostader.yaml"))
    code, lines = check(content_copy, capsys)
    assert code == 1
    assert any("stämmer inte med filnamnet 'bostader.yaml'" in m for m in lines), lines


def test_duplicate_indicator_ids(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replace(content_copy / GOAL, "id: industrimark-2020-2025", "id: bostader-2020-2025")
    code, lines = check(content_copy, capsys)
    assert code == 1
    assert any("Indikatorn 'bostader-2020-2025' finns redan" in m for m in lines), lines


def test_unknown_file_is_reported(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (content_copy / "kommuner/kungsor/maal").mkdir()
    code, lines = check(content_copy, capsys)
    assert code == 1
    assert any("kommuner/kungsor/maal:1:1" in m and "Menade du 'mal'?" in m for m in lines), lines


def test_every_error_is_reported_at_once(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace(content_copy / GOAL, "niva: ks", "niva: kss")
    replace(content_copy / KOMMUN, "kommunkod: '0665'", "kommunkod: 665")
    replace(content_copy / AREA, "plan: strategiska-omraden", "plan: strategi")
    code, lines = check(content_copy, capsys)
    assert code == 1
    files = {m.split(":", 1)[0] for m in lines}
    assert files >= {f"content/{GOAL}", f"content/{KOMMUN}", f"content/{AREA}"}


def test_missing_content_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = check(tmp_path / "finns-inte", capsys)
    assert code == 1
    assert "innehållsmappen finns inte" in lines[0]
