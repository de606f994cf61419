"""Reading a big site in worker processes (sitegen/load/cache.py): the build process links each
municipality as soon as it is read, and the site model and every message are the same as when
one process reads everything in folder order."""

from __future__ import annotations

import multiprocessing.context
import os
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate import generate
from sitegen.issues import ContentError, IssueList
from sitegen.load import cache
from sitegen.load.content import TOP_FILES, Content, MunicipalityFiles, load_content
from sitegen.pipeline import load_site
from sitegen.reporter import RecordingReporter
from sitegen.settings import Settings
from sitegen.site import SiteModel, build_site_model


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("corpus") / "content", municipalities=6, seed=5)


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


def _load(content: Path, workers: int, monkeypatch: pytest.MonkeyPatch) -> SiteModel:
    monkeypatch.setenv(cache.WORKERS_ENV, str(workers))
    settings = Settings(content_dir=content, out_dir=content.parent / "_site")
    site, _ = load_site(settings, RecordingReporter())
    return site


def _summary(site: SiteModel) -> list[Any]:
    """What the linked model holds, municipality by municipality, in the model's order."""
    return [
        (
            m.id,
            m.municipality,
            [(p.id, p.plan) for p in m.plans],
            [(a.id, a.area, [g.id for g in a.goals]) for a in m.areas],
            [
                (g.id, g.goal, [s.id for s in g.serves], [s.id for s in g.served_by])
                for g in m.goals
            ],
            [(i.id, i.values, i.ranks, i.progress) for i in m.indicators],
            [(a.id, a.action) for a in m.actions],
        )
        for m in site.municipalities
    ]


def test_workers_make_the_same_site_model_as_one_process(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = _load(corpus, 1, monkeypatch)
    three = _load(corpus, 3, monkeypatch)
    assert [m.id for m in three.municipalities] == [m.id for m in one.municipalities]
    assert three.files == one.files  # in folder order, whatever order they were read in
    assert _summary(three) == _summary(one)
    assert len(one.municipalities) == 6


def _messages(content: Path, workers: int, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    with pytest.raises(ContentError) as err:
        _load(content, workers, monkeypatch)
    return [issue.format() for issue in err.value.issues]


def test_workers_report_the_same_errors_as_one_process(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    generate(content, municipalities=6, seed=5)
    folders = sorted((content / "kommuner").iterdir())
    # A file that does not validate, in the first municipality; a reference that does not
    # resolve, in the last (found while linking); the same kommunkod in two municipalities.
    goal = sorted((folders[0] / "mal").glob("*.yaml"))[0]
    goal.write_text(goal.read_text("utf-8").replace("titel:", "tittel:", 1), "utf-8")
    other = sorted((folders[-1] / "mal").glob("*.yaml"))[0]
    text = other.read_text("utf-8")
    plan = next(line for line in text.splitlines() if line.startswith("plan: "))
    other.write_text(text.replace(plan, "plan: finns-inte", 1), "utf-8")
    code = next(
        line
        for line in (folders[1] / "kommun.yaml").read_text("utf-8").splitlines()
        if line.startswith("kommunkod:")
    )
    kommun = folders[2] / "kommun.yaml"
    lines = kommun.read_text("utf-8").splitlines()
    kommun.write_text(
        "\n".join(code if line.startswith("kommunkod:") else line for line in lines) + "\n",
        "utf-8",
    )
    serial = _messages(content, 1, monkeypatch)
    assert _messages(content, 3, monkeypatch) == serial
    assert any("tittel" in m for m in serial)
    assert any("Planen 'finns-inte' finns inte" in m for m in serial)
    assert any("Kommunkoden" in m and "finns redan" in m for m in serial)


def test_the_build_reads_what_a_dead_worker_left(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = _load(corpus, 1, monkeypatch)

    def die(*args: object) -> None:  # only the forked workers read through this
        os._exit(3)

    monkeypatch.setattr(cache, "_validate_files", die)
    monkeypatch.setattr(cache, "WAIT_SECONDS", 0.05)
    site = _load(corpus, 2, monkeypatch)
    assert _summary(site) == _summary(one)
    assert site.files == one.files


def test_the_build_reads_alone_when_no_worker_can_start(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = _load(corpus, 1, monkeypatch)

    def refuse(self: object) -> None:
        raise OSError(11, "Resource temporarily unavailable")  # fork() failing: EAGAIN

    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start", refuse)
    site = _load(corpus, 3, monkeypatch)
    assert _summary(site) == _summary(one)


def test_content_and_model_are_the_same_in_any_reading_order(corpus: Path) -> None:
    def load(order: Any) -> tuple[Content, list[str], SiteModel | None]:
        issues = IssueList(root=corpus.parent)
        seen: list[str] = []

        def each(content: Content, mf: MunicipalityFiles) -> None:
            assert mf.municipality.path.parent.name not in seen  # once each
            seen.append(mf.municipality.path.parent.name)

        content = load_content(corpus, issues, order=order, each=each)
        return content, seen, build_site_model(content, issues)

    listed, listed_seen, listed_site = load(None)
    backwards, backwards_seen, backwards_site = load(lambda folders: reversed(folders))
    assert backwards_seen == listed_seen[::-1]
    assert backwards.files == listed.files
    assert [m.municipality.path for m in backwards.municipalities] == [
        m.municipality.path for m in listed.municipalities
    ]
    assert listed_site is not None and backwards_site is not None
    assert _summary(backwards_site) == _summary(listed_site)


def test_a_single_build_neither_stats_nor_hashes_what_the_workers_read(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = _load(corpus, 1, monkeypatch)

    def no_digest(path: Path) -> bytes | None:  # forked workers inherit this too
        raise AssertionError(f"{path} hashed in a single build")

    monkeypatch.setattr(cache, "_digest", no_digest)
    site = _load(corpus, 3, monkeypatch)
    assert _summary(site) == _summary(one)


def test_a_lasting_cache_keeps_what_the_workers_read_for_the_next_build(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `serve` on a big site: the workers' files must carry their stamps and digests, so that the
    # next build reads none of them again, not even one touched without a change.
    monkeypatch.setenv(cache.WORKERS_ENV, "3")
    lasting = cache.ParseCache()

    def load() -> Content:
        issues = IssueList(root=corpus.parent)
        with cache.using(lasting):
            content = cache.load_content_in_parallel(corpus, issues)
        assert not issues.errors
        return content

    first = load()
    groups = cache._municipality_files(corpus, "kommuner", "kommun.yaml")
    read = lasting.parsed  # each file once, in a worker or in the loader
    assert read == sum(len(files) for _, files in groups) + sum(
        (corpus / name).is_file() for name in TOP_FILES
    )
    os.utime(first.municipalities[0].goals[0].path, ns=(1, 1))  # touched, not changed
    second = load()
    assert lasting.parsed == read
    assert [f.municipality.obj for f in second.municipalities] == [
        f.municipality.obj for f in first.municipalities
    ]
