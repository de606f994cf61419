"""Rebuilds of a long-lived build (sitegen/incremental.py), the parse cache, parallel rendering
and the in-place writer: whatever the path, the site equals a cold build's, byte for byte."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from benchmarks.generate import generate
from sitegen import features
from sitegen.incremental import RebuildResult, SiteBuilder
from sitegen.issues import ContentError
from sitegen.pipeline import BuildError, build
from sitegen.reporter import RecordingReporter
from sitegen.settings import REPO_ROOT, Settings
from sitegen.write import OutputError
from sitegen.write.live import LiveOutput

SEARCH = "pagefind"


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # two builds write the same dates


@pytest.fixture
def no_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """The search index is its own test below; without it the other builds are quicker."""
    steps = [f for f in features.FINISH_STEPS if not f.__module__.startswith("sitegen.search")]
    monkeypatch.setattr(features, "FINISH_STEPS", steps)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return generate(tmp_path / "content", municipalities=2, seed=3)


def _settings(content: Path, out: Path, **kw: object) -> Settings:
    values: dict[str, object] = {"content_dir": content, "out_dir": out, **kw}
    if "pdf_reports" in Settings.model_fields:
        values["pdf_reports"] = False
    return Settings(**values)  # type: ignore[arg-type]


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and not p.relative_to(root).as_posix().startswith(SEARCH + "/")
    }


def _assert_same_as_cold(content: Path, site: Path, tmp_path: Path) -> None:
    cold = tmp_path / "cold"
    shutil.rmtree(cold, ignore_errors=True)
    build(_settings(content, cold), RecordingReporter())
    ours, theirs = _files(site), _files(cold)
    assert sorted(ours) == sorted(theirs)
    differing = [rel for rel in ours if ours[rel] != theirs[rel]]
    assert differing == []


def _break(template: Path) -> None:
    text = template.read_text("utf-8")
    assert "{% block main %}" in text
    template.write_text(text.replace("{% block main %}", "{% block main %}{{ no_such_value }}"))


def _goal_files(content: Path) -> list[Path]:
    return sorted(content.glob("kommuner/*/mal/*.yaml"))


def _retitle(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    head, rest = text.split("\ntitel: ", 1)
    path.write_text(f"{head}\ntitel: '{title}'\n{rest.split(chr(10), 1)[1]}", encoding="utf-8")


def test_rebuilds_equal_cold_builds(corpus: Path, tmp_path: Path, no_index: None) -> None:
    out = tmp_path / "_site"
    builder = SiteBuilder(_settings(corpus, out), RecordingReporter())
    first = builder.build()
    assert first.full
    result = builder.build()  # nothing changed
    assert (result.full, result.rendered, result.changed) == (False, 0, 0)
    goals = _goal_files(corpus)
    goals[0].write_bytes(goals[0].read_bytes())  # saved without a change
    assert builder.build().changed == 0

    goal = goals[5]
    _retitle(goal, "Ett nytt namn på målet")
    parsed = builder.cache.parsed
    result = builder.build()
    assert not result.full
    assert builder.cache.parsed == parsed + 1  # only the edited file was read again
    assert 0 < result.rendered < first.rendered  # the other municipality was not rendered
    municipality, goal_id = goal.parts[-3], goal.stem
    page = (out / "kommuner" / municipality / "mal" / goal_id / "index.html").read_text("utf-8")
    assert "Ett nytt namn på målet" in page
    home = (out / "kommuner" / municipality / "index.html").read_text("utf-8")
    assert "Ett nytt namn på målet" in home
    _assert_same_as_cold(corpus, out, tmp_path)

    removed = goals[1]
    removed.unlink()
    copy = removed.with_name("ett-alldeles-nytt-mal.yaml")
    text = goals[2].read_text("utf-8").replace(f"id: {goals[2].stem}", "id: ett-alldeles-nytt-mal")
    copy.write_text(text.replace(f"{goals[2].stem}-i", "ett-alldeles-nytt-mal-i"), "utf-8")
    result = builder.build()
    assert not result.full
    municipality = removed.parts[-3]
    assert not (out / "kommuner" / municipality / "mal" / removed.stem).exists()
    added = out / "kommuner" / municipality / "mal" / "ett-alldeles-nytt-mal" / "index.html"
    assert added.is_file()
    _assert_same_as_cold(corpus, out, tmp_path)


def test_shared_file_or_template_change_renders_everything(
    corpus: Path, tmp_path: Path, no_index: None
) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(REPO_ROOT / "templates", templates)
    out = tmp_path / "_site"
    builder = SiteBuilder(_settings(corpus, out, templates_dir=templates), RecordingReporter())
    builder.build()
    themes = corpus / "teman.yaml"
    themes.write_text(themes.read_text("utf-8").replace("'Boende'", "'Bostäder'", 1), "utf-8")
    assert builder.build().full
    footer = templates / "base.html"
    footer.write_text(footer.read_text("utf-8").replace("</footer>", "<!-- ny -->\n</footer>"))
    assert builder.build().full
    assert "<!-- ny -->" in (out / "index.html").read_text("utf-8")


def test_content_error_leaves_the_site_and_recovers(
    corpus: Path, tmp_path: Path, no_index: None
) -> None:
    out = tmp_path / "_site"
    builder = SiteBuilder(_settings(corpus, out), RecordingReporter())
    builder.build()
    before = _files(out)
    goal = _goal_files(corpus)[0]
    good = goal.read_text("utf-8")
    goal.write_text(good.replace("niva: ", "nivå: ", 1), "utf-8")
    with pytest.raises(ContentError):
        builder.build()
    assert _files(out) == before
    goal.write_text(good.replace("titel: '", "titel: 'Rättat: ", 1), "utf-8")
    assert not builder.build().full
    _assert_same_as_cold(corpus, out, tmp_path)


def test_template_error_in_rebuild_writes_nothing(
    corpus: Path, tmp_path: Path, no_index: None
) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(REPO_ROOT / "templates", templates)
    out = tmp_path / "_site"
    builder = SiteBuilder(_settings(corpus, out, templates_dir=templates), RecordingReporter())
    builder.build()
    before = _files(out)
    goal_html = templates / "goal.html"
    _break(goal_html)
    with pytest.raises(BuildError, match=r"goal\.html:\d+: mallfel"):
        builder.build()
    assert _files(out) == before


def test_search_index_is_refreshed_after_an_edit(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "_site"
    builder = SiteBuilder(_settings(corpus, out), RecordingReporter())
    builder.build()
    entry = out / SEARCH / "pagefind-entry.json"
    first = json.loads(entry.read_text("utf-8"))
    goal = _goal_files(corpus)[0]
    _retitle(goal, "Sökbart nytt namn")
    result = builder.build()
    assert result.html_seconds <= result.seconds
    again = json.loads(entry.read_text("utf-8"))
    assert again["languages"].keys() == first["languages"].keys()
    for lang, info in first["languages"].items():
        assert again["languages"][lang]["page_count"] == info["page_count"]
    assert not list(tmp_path.glob("._site.*"))  # no staging folder left behind


def test_the_changed_pages_are_reported_in_place_before_the_finishing_steps(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_index: None
) -> None:
    """`serve` reloads the browser at `on_pages`, while the search index is refreshed."""
    out = tmp_path / "_site"
    events: list[str] = []
    goal = _goal_files(corpus)[0]
    page = out / "kommuner" / goal.parent.parent.name / "mal" / goal.stem / "index.html"

    def finish(site_dir: Path, out_dir: Path, settings: Settings, reporter: object) -> None:
        events.append("finish")

    def on_pages() -> None:
        events.append("pages: " + ("ny titel" if "Ny titel" in page.read_text("utf-8") else ""))

    monkeypatch.setattr(features, "FINISH_STEPS", [*features.FINISH_STEPS, finish])
    builder = SiteBuilder(_settings(corpus, out), RecordingReporter())
    assert builder.build(on_pages=on_pages).full
    assert events == ["finish", "pages: "]  # a full build: at its end
    events.clear()
    assert builder.build(on_pages=on_pages).rendered == 0  # nothing changed: not called
    assert events == []
    _retitle(goal, "Ny titel")
    assert not builder.build(on_pages=on_pages).full
    assert events == ["pages: ny titel", "finish"]
    events.clear()
    goal.write_text(goal.read_text("utf-8").replace("niva: ", "nivå: ", 1), "utf-8")
    with pytest.raises(ContentError):
        builder.build(on_pages=on_pages)
    assert events == []  # a build that fails first reports no pages


def test_workers_write_the_same_bytes(
    corpus: Path, tmp_path: Path, no_index: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MALBILD_WORKERS", "2")
    build(_settings(corpus, tmp_path / "parallel"), RecordingReporter())
    monkeypatch.setenv("MALBILD_WORKERS", "1")
    build(_settings(corpus, tmp_path / "serial"), RecordingReporter())
    assert _files(tmp_path / "parallel") == _files(tmp_path / "serial")


def test_worker_template_error_is_a_located_build_error(
    corpus: Path, tmp_path: Path, no_index: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MALBILD_WORKERS", "2")
    templates = tmp_path / "templates"
    shutil.copytree(REPO_ROOT / "templates", templates)
    goal_html = templates / "goal.html"
    _break(goal_html)
    out = tmp_path / "_site"
    with pytest.raises(BuildError, match=r"goal\.html:\d+: mallfel: UndefinedError"):
        build(_settings(corpus, out, templates_dir=templates), RecordingReporter())
    assert not out.exists()


def test_live_output_refuses_paths_outside_and_duplicates(tmp_path: Path) -> None:
    live = LiveOutput(tmp_path)
    with pytest.raises(OutputError):
        live.write_text("../ute.html", "x")
    live.write_text("a/index.html", "x")
    with pytest.raises(OutputError):
        live.write_text("a/index.html", "y")
    live.abort()
    live.commit()
    assert not (tmp_path / "a").exists()


def _replace_line(path: Path, prefix: str, line: str) -> None:
    """Replace the first line starting with `prefix` (a top-level field) with `line`."""
    lines = path.read_text("utf-8").split("\n")
    n = next(i for i, old in enumerate(lines) if old.startswith(prefix))
    lines[n] = line
    path.write_text("\n".join(lines), "utf-8")


def _add_key(path: Path, key: str) -> None:
    """Give the file's first indicator the shared key `key` (`nyckel`)."""
    text = path.read_text("utf-8")
    head, rest = text.split("\n  - id: ", 1)
    first, others = rest.split("\n", 1)
    path.write_text(f"{head}\n  - id: {first}\n    nyckel: {key}\n{others}", "utf-8")


def test_every_kind_of_edit_equals_a_cold_build(tmp_path: Path, no_index: None) -> None:
    """Edits that move a goal between comparison pages, join indicators across municipalities,
    rename what other pages show, add a municipality: each rebuild equals a cold build."""
    corpus = generate(tmp_path / "content", municipalities=3, seed=5)
    out = tmp_path / "_site"
    builder = SiteBuilder(_settings(corpus, out), RecordingReporter())
    builder.build()
    folders = sorted(p for p in (corpus / "kommuner").iterdir())
    first, second = folders[0], folders[1]
    goal = sorted((first / "mal").glob("*.yaml"))[3]

    def rebuilt() -> RebuildResult:
        result = builder.build()
        _assert_same_as_cold(corpus, out, tmp_path)
        return result

    # Saved without a change: nothing is rendered.
    goal.write_bytes(goal.read_bytes())
    assert (builder.build().rendered, builder.build().changed) == (0, 0)

    # Other themes and global goals: the goal leaves some comparison pages and joins others.
    _replace_line(goal, "teman: ", "teman: [utbildning, service]")
    _replace_line(goal, "agenda2030: ", "agenda2030: [1, 17]")
    result = rebuilt()
    assert not result.full and result.rendered < 200
    _replace_line(goal, "teman: ", "teman: []")  # without a theme: listed on /jamfor/teman/
    rebuilt()

    # A shared key in two municipalities makes a new indicator page; removing it drops it again.
    other = sorted((second / "mal").glob("*.yaml"))[0]
    before = other.read_text("utf-8")
    _add_key(goal, "delad-testnyckel")
    rebuilt()
    _add_key(other, "delad-testnyckel")
    rebuilt()
    assert (out / "jamfor" / "indikatorer" / "delad-testnyckel" / "index.html").is_file()
    other.write_text(before, "utf-8")
    rebuilt()
    assert not (out / "jamfor" / "indikatorer" / "delad-testnyckel").exists()

    # An indicator's title: the comparison's indicator groups are sorted by their first
    # member's title (the links stay as they were, so the groups are reused, then sorted again).
    pair = [sorted((folder / "mal").glob("*.yaml"))[1] for folder in (first, second)]
    for path in pair:
        _add_key(path, "delad-sorteringsnyckel")
    for folder in (first, second):  # a second group to be sorted before or after
        _add_key(sorted((folder / "mal").glob("*.yaml"))[2], "en-annan-delad-nyckel")
    rebuilt()
    for title in ("Aaa först bland grupperna", "Öö sist bland grupperna"):
        for path in pair:
            _replace_line(path, "    titel: ", f"    titel: '{title}'")
        rebuilt()

    # A goal area's title (goal pages, indicator pages, comparison pages show it).
    area = sorted((first / "omraden").glob("*.yaml"))[0]
    _replace_line(area, "titel: ", "titel: 'Ett omdöpt målområde'")
    rebuilt()
    # An action's title (the goal pages list their actions).
    action = sorted((first / "atgarder").glob("*.yaml"))[0]
    _replace_line(action, "titel: ", "titel: 'En omdöpt åtgärd'")
    rebuilt()
    # A goal without indicators is listed by its title on /jamfor/malkvalitet/.
    text = goal.read_text("utf-8")
    goal.write_text(text.split("\nindikatorer:", 1)[0] + "\nindikatorer: []\n", "utf-8")
    rebuilt()
    _retitle(goal, "Ett mål utan indikatorer")
    rebuilt()
    quality = (out / "jamfor" / "malkvalitet" / "index.html").read_text("utf-8")
    assert "Ett mål utan indikatorer" in quality
    # The municipality's name: it moves in every list of municipalities.
    _replace_line(first / "kommun.yaml", "namn: ", "namn: 'Östra Omdöpta'")
    result = rebuilt()
    assert not result.full

    # A new municipality builds everything; then its own edits are partial again.
    added = corpus / "kommuner" / "nykommun"
    shutil.copytree(second, added)
    for path in added.rglob("*.yaml"):
        text = path.read_text("utf-8").replace(f"{second.name}", "nykommun")
        path.write_text(text, "utf-8")
    _replace_line(added / "kommun.yaml", "kommunkod: ", "kommunkod: '2999'")
    _replace_line(added / "kommun.yaml", "namn: ", "namn: 'Nykommun'")
    assert rebuilt().full
    _retitle(sorted((added / "mal").glob("*.yaml"))[0], "Ett mål i den nya kommunen")
    assert not rebuilt().full

    # A removed goal file: its pages go, and the pages that listed it change.
    removed = sorted((folders[2] / "mal").glob("*.yaml"))
    target = next(
        p for p in removed if not any(p.stem in q.read_text("utf-8") for q in removed if q != p)
    )
    target.unlink()
    for action_file in (folders[2] / "atgarder").glob("*.yaml"):
        if target.stem in action_file.read_text("utf-8"):
            action_file.unlink()
    assert not rebuilt().full
    assert not list(out.glob(f"kommuner/{folders[2].name}/mal/{target.stem}"))
