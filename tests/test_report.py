"""The printable follow-up report: CLI, contents in order, tagged PDF, the build's cached PDFs."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from sitegen.cli import main
from sitegen.pipeline import BuildError, build
from sitegen.reporter import RecordingReporter
from sitegen.settings import Settings

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "actions" / "content"
EPOCH = "1693526400"  # 2023-09-01 00:00 UTC
PDF_PATH = "kommuner/exempelby/uppfoljningsrapport-exempelby.pdf"


def _text(path: Path) -> str:
    """The PDF's text with whitespace (line breaks inside table cells) folded to single spaces."""
    reader = PdfReader(path)
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def _in_order(text: str, expected: list[str]) -> None:
    at = 0
    for item in expected:
        found = text.find(item, at)
        assert found >= 0, f"{item!r} is missing after position {at}: …{text[at : at + 300]}…"
        at = found + len(item)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "exempelby-2022.pdf"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        code = main(
            [
                "report",
                "exempelby",
                "--content",
                str(FIXTURE),
                "--period",
                "2022",
                "--out",
                str(out),
            ],
            RecordingReporter(),
        )
    assert code == 0
    return out


def test_report_has_cover_contents_and_footer(report: Path) -> None:
    text = _text(report)
    _in_order(
        text,
        [
            "UPPFÖLJNINGSRAPPORT",  # the kicker is upper-cased by the print stylesheet
            "Exempelby",
            "Uppföljning av mål 2022",
            "Plan: Mål och budget 2022–2023",
            "Uppföljningsperiod: 2022",
            "Byggd: 2023-09-01",
            "Innehåll",
            "Livslångt lärande",
            "Fler elever klarar skolan",
            "Källor",
        ],
    )
    pages = PdfReader(report).pages
    assert len(pages) >= 4
    footer = " ".join(pages[1].extract_text().split())
    assert "Byggd 2023-09-01" in footer and f"Sida 2 av {len(pages)}" in footer
    assert "Sida" not in pages[0].extract_text()  # no footer on the cover


def test_every_goal_value_and_action_status_in_order(report: Path) -> None:
    text = _text(report)
    body = text[text.index("Beslutas av: Kommunfullmäktige") :]
    _in_order(
        body,
        [
            "Livslångt lärande",
            "Fler elever klarar skolan",
            "Måluppfyllelse 2022: Delvis uppfyllt",
            "Behörighet till gymnasiet",
            "Utgångsvärde: 78,5 %, år 2020",
            "Målvärde: minst 85 % år 2023",
            "Senaste värde: 83,4 % (2022)",
            "Diagram över Behörighet till gymnasiet",  # the site's chart, with its text
            "2021 80,2 %",
            "2022 83,4 %",
            "Läxhjälp efter skoltid på alla skolor",
            "Pågår",
            "Läxhjälp finns på fyra av sex skolor.",
            "Bättre läsförståelse i lågstadiet",
            "Läsombud på alla skolor",
            "Klar",
            "Alla skolor har ett läsombud.",
            "Hållbart samhälle",
            "Fler bostäder i hela kommunen",
            "Måluppfyllelse 2022: Ej uppfyllt",
            "Senaste värde: 57 bostäder (2022)",
            "2021 41 bostäder",
            "2022 57 bostäder",
            "Detaljplan för Norra ängen",
            "Pågår",
            "Hyresrätter i centrum",
            "Planerad",
            "Minskade utsläpp från kommunens fordon",
            "Senaste värde: 64 % (2022)",
            "Elbilar i hemtjänsten",
            "Försenad",
            "Egen biogasmack",
            "Avbruten",
            "Källor",
            "Mål och budget 2022–2023 (påhittad)",
            "https://exempelby.example/mal-och-budget",
            "Årsredovisning 2022 (påhittad)",
        ],
    )
    # Judged at the end of 2022, Detaljplan (due 2023-06) was not yet overdue.
    assert "slutdatum passerat" not in text


def test_pdf_is_tagged_with_language_and_title(report: Path) -> None:
    reader = PdfReader(report)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "sv"
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata is not None
    assert reader.metadata.title == "Uppföljning av mål 2022 – Exempelby"
    assert reader.metadata["/CreationDate"] == "D:20230901000000Z"
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()
    # The table of contents and headings are bookmarks, for navigation.
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert "Exempelby" in titles


def test_default_period_is_the_latest_with_data_and_judges_overdue_now(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    out = tmp_path / "r.pdf"
    assert main(["report", "exempelby", "--content", str(FIXTURE), "--out", str(out)]) == 0
    text = _text(out)
    assert "Uppföljning av mål 2022" in text
    _in_order(text, ["Detaljplan för Norra ängen", "Pågår", "(slutdatum passerat)"])


def test_an_earlier_period_shows_status_and_values_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    out = tmp_path / "r.pdf"
    args = ["report", "exempelby", "--content", str(FIXTURE), "--period", "2021", "--out", str(out)]
    assert main(args) == 0
    text = _text(out)
    _in_order(text, ["Senaste värde: 80,2 % (2021)", "Läsombud på alla skolor", "Pågår"])
    assert "83,4 %" not in text  # a 2022 value is not part of the 2021 report
    assert "Hälften av skolorna har ett läsombud." in text


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["report", "exempelbyn"], 2, "Menade du 'exempelby'?"),
        (["report", "exempelby", "--period", "tjugo"], 2, "perioden är ett år"),
        (["report", "exempelby", "--period", "1800"], 2, "perioden är ett år"),
    ],
)
def test_usage_errors(
    args: list[str], code: int, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    full = [*args, "--content", str(FIXTURE), "--out", str(tmp_path / "r.pdf")]
    try:
        result = main(full, RecordingReporter())
    except SystemExit as exit_:  # argparse's usage errors
        result = int(exit_.code or 0)
    assert result == code
    assert message in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists()


def test_out_is_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["report", "exempelby", "--content", str(FIXTURE), "--out", str(tmp_path)]
    assert main(args, RecordingReporter()) == 2
    assert "är en mapp" in capsys.readouterr().err


def test_content_errors_make_no_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    broken = content / "kommuner" / "exempelby" / "atgarder" / "biogasmackar.yaml"
    broken.write_text(broken.read_text("utf-8").replace("[minskade-utslapp]", "[okant]"), "utf-8")
    out = tmp_path / "r.pdf"
    args = ["report", "exempelby", "--content", str(content), "--out", str(out)]
    assert main(args, RecordingReporter()) == 1
    assert "ingen rapport skapades" in capsys.readouterr().err
    assert not out.exists()


# --- the report built with the site -------------------------------------------------------------


def _build(out: Path, **kw: object) -> None:
    build(Settings(content_dir=FIXTURE, out_dir=out, **kw), RecordingReporter())  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "_site"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        _build(out)
    return out


def test_municipality_page_links_the_built_report(site: Path) -> None:
    html = (site / "kommuner" / "exempelby" / "index.html").read_text("utf-8")
    links = re.findall(r'href="/([^"]+\.pdf)"', html)
    assert links == [PDF_PATH]
    assert (site / PDF_PATH).read_bytes().startswith(b"%PDF-1.7")
    english = (site / "en" / "kommuner" / "exempelby" / "index.html").read_text("utf-8")
    assert re.findall(r'href="/([^"]+\.pdf)"', english) == [PDF_PATH]


def test_built_report_is_reproducible_and_cached(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    cache = FIXTURE.parent / ".malbild-cache" / "pdf"  # beside the content folder
    first = (site / PDF_PATH).read_bytes()
    [cached] = [p for p in cache.glob("*.pdf") if p.read_bytes() == first]
    stamp = cached.stat().st_mtime_ns
    _build(site)  # a rebuild with nothing changed takes the PDF from the cache
    assert (site / PDF_PATH).read_bytes() == first
    assert cached.stat().st_mtime_ns == stamp
    # Made afresh (the report command uses no cache), the same inputs give the same bytes.
    fresh = site.parent / "fresh.pdf"
    assert main(["report", "exempelby", "--content", str(FIXTURE), "--out", str(fresh)]) == 0
    assert fresh.read_bytes() == first


def test_pdf_reports_can_be_turned_off(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    args = ["build", "--content", str(FIXTURE), "--out", str(out), "--no-pdf"]
    assert main(args, RecordingReporter()) == 0
    assert not (out / PDF_PATH).exists()
    html = (out / "kommuner" / "exempelby" / "index.html").read_text("utf-8")
    assert ".pdf" not in html


def test_a_failing_pdf_engine_fails_the_build_and_keeps_the_old_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sitegen.report import pdf

    out = tmp_path / "_site"
    out.mkdir()
    (out / "gammal.html").write_text("förra bygget", "utf-8")

    def missing() -> None:
        raise pdf.ReportError("PDF-rapporter kräver WeasyPrint och Pango")

    monkeypatch.setattr(pdf, "_weasyprint", missing)
    with pytest.raises(BuildError, match="WeasyPrint och Pango"):
        _build(out)
    assert (out / "gammal.html").read_text("utf-8") == "förra bygget"


def test_without_any_follow_up_the_period_is_the_plans_last_year(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    kommun = content / "kommuner" / "exempelby"
    shutil.rmtree(kommun / "uppfoljning")
    shutil.rmtree(kommun / "atgarder")
    for goal in (kommun / "mal").glob("*.yaml"):
        text = goal.read_text("utf-8")
        if "    matningar:" in text:  # the measurements are last in each fixture goal file
            goal.write_text(text[: text.index("    matningar:")], "utf-8")
    out = tmp_path / "r.pdf"
    assert main(["report", "exempelby", "--content", str(content), "--out", str(out)]) == 0
    reader = PdfReader(out)
    assert reader.metadata is not None
    assert reader.metadata.title == "Uppföljning av mål 2023 – Exempelby"  # plan 2022–2023
    text = _text(out)
    assert "Senaste värde: inget värde till och med 2023" in text
    assert "Inga åtgärder är kopplade till målet." in text
