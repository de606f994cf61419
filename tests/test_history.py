"""git-aware pages: last change on goal and municipality pages, edit links, a change-history page
and an Atom feed per municipality; one `git log` per build; file times outside a repository."""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest
from editor_support import GOAL, PLAN, make_content

from sitegen import history as history_module
from sitegen.history import commit_url, edit_url, parse_log, read_history
from sitegen.pipeline import build
from sitegen.reporter import RecordingReporter
from sitegen.settings import Settings

REPO_URL = "https://github.com/exempel/malbild"
ATOM = "{http://www.w3.org/2005/Atom}"


def git(repo: Path, *args: str, when: str | None = None) -> str:
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Redaktör",
        "GIT_AUTHOR_EMAIL": "redaktor@example.invalid",
        "GIT_COMMITTER_NAME": "Redaktör",
        "GIT_COMMITTER_EMAIL": "redaktor@example.invalid",
    }
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    done = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int]:
    """A repository with three commits, built once; returns (repo, site, git log calls)."""
    repo = tmp_path_factory.mktemp("repo")
    git(repo, "init", "--quiet", "--initial-branch=main")
    content = make_content(repo)
    git(repo, "add", ".")
    git(repo, "commit", "--quiet", "-m", "Första versionen", when="2024-01-10T09:00:00+01:00")
    edit(content / GOAL, "titel: 'Alla", "titel: 'Nu ska alla")
    git(
        repo,
        "commit",
        "--quiet",
        "-am",
        "Ny titel på målet <trivsel>",
        when="2024-03-05T14:30:00+01:00",
    )
    edit(content / PLAN, "beslutsdatum: null", "beslutsdatum: '2024-03-20'")
    git(
        repo,
        "commit",
        "--quiet",
        "-am",
        "Beslutsdatum för planen",
        when="2024-04-01T08:00:00+02:00",
    )
    calls: list[list[str]] = []
    real = history_module._git

    def counting(args: list[str], cwd: Path) -> str | None:
        calls.append(args)
        return real(args, cwd)

    site = repo / "site"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(history_module, "_git", counting)
        mp.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2030, 1, 1, tzinfo=UTC).timestamp())))
        settings = Settings(content_dir=content, out_dir=site, repo_url=REPO_URL, pdf_reports=False)
        build(settings, RecordingReporter())
    return repo, site, sum(1 for args in calls if args[0] == "log")


def test_one_git_log_per_build(repo_site: tuple[Path, Path, int]) -> None:
    assert repo_site[2] == 1


def test_goal_page_shows_its_last_change_and_edit_link(repo_site: tuple[Path, Path, int]) -> None:
    _, site, _ = repo_site
    page = (site / "kommuner/exempelby/mal/trivsel/index.html").read_text(encoding="utf-8")
    assert 'Senast ändrad <time datetime="2024-03-05">5 mars 2024</time>' in page
    link = f"{REPO_URL}/edit/main/content/kommuner/exempelby/mal/trivsel.yaml"
    assert f'<a href="{link}">Redigera den här sidan</a>' in page
    assert 'href="/kommuner/exempelby/historik/"' in page


def test_municipality_page_shows_the_last_change_of_its_folder(
    repo_site: tuple[Path, Path, int],
) -> None:
    _, site, _ = repo_site
    page = (site / "kommuner/exempelby/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2024-04-01">1 april 2024</time>' in page
    assert f"{REPO_URL}/edit/main/content/kommuner/exempelby/kommun.yaml" in page


def test_history_page_lists_commits_newest_first(repo_site: tuple[Path, Path, int]) -> None:
    _, site, _ = repo_site
    page = (site / "kommuner/exempelby/historik/index.html").read_text(encoding="utf-8")
    subjects = ["Beslutsdatum för planen", "Ny titel på målet &lt;trivsel&gt;", "Första versionen"]
    positions = [page.index(s) for s in subjects]
    assert positions == sorted(positions)
    assert page.count("<h1>") == 1
    assert '<a href="/kommuner/exempelby/mal/trivsel/">' in page
    assert f"{REPO_URL}/commit/" in page
    assert 'type="application/atom+xml"' in page
    english = site / "en/kommuner/exempelby/historik/index.html"
    assert english.is_file()


def test_atom_feed(repo_site: tuple[Path, Path, int]) -> None:
    repo, site, _ = repo_site
    feed = ET.parse(site / "kommuner/exempelby/historik/atom.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Beslutsdatum för planen",
        "Ny titel på målet <trivsel>",
        "Första versionen",
    ]
    assert feed.findtext(f"{ATOM}updated") == "2024-04-01T08:00:00+02:00"
    assert entries[1].findtext(f"{ATOM}updated") == "2024-03-05T14:30:00+01:00"
    assert "kommuner/exempelby/mal/trivsel.yaml" in (entries[1].findtext(f"{ATOM}content") or "")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == 3 and all(i and i.startswith("urn:uuid:") for i in ids)
    # The same commits give the same history (dates come from the repository).
    assert read_history(repo / "content") == read_history(repo / "content")


def test_outside_a_repository_file_times_are_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = make_content(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2030, 1, 1, tzinfo=UTC).timestamp())))
    stamp = datetime(2023, 6, 15, 12, tzinfo=UTC).timestamp()
    for path in (content / "kommuner").rglob("*.yaml"):
        os.utime(path, (stamp, stamp))
    history = read_history(content)
    assert not history.in_repo and history.commits == []
    assert str(history.changed(content / GOAL)) == "2023-06-15"
    # A file time after SOURCE_DATE_EPOCH is clamped to it (reproducible builds).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2023, 1, 2, tzinfo=UTC).timestamp())))
    assert str(history.changed(content / GOAL)) == "2023-01-02"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2030, 1, 1, tzinfo=UTC).timestamp())))
    site = tmp_path / "site"
    build(Settings(content_dir=content, out_dir=site, pdf_reports=False), RecordingReporter())
    goal = (site / "kommuner/exempelby/mal/trivsel/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2023-06-15">15 juni 2023</time>' in goal
    assert "Redigera den här sidan" not in goal  # no repo_url configured
    log = (site / "kommuner/exempelby/historik/index.html").read_text(encoding="utf-8")
    assert "inte i ett git-förråd" in log


def test_links_for_hosting_services() -> None:
    assert edit_url("https://github.com/a/b/", "main", "content/å.yaml") == (
        "https://github.com/a/b/edit/main/content/%C3%A5.yaml"
    )
    assert edit_url("https://gitlab.com/a/b", "prod", "content/x.yaml") == (
        "https://gitlab.com/a/b/-/edit/prod/content/x.yaml"
    )
    assert commit_url("https://gitlab.example.se/a/b", "abc") == (
        "https://gitlab.example.se/a/b/-/commit/abc"
    )


def test_parse_log_ignores_noise() -> None:
    text = "\x1eabc\x1f2024-01-01T00:00:00+00:00\x1fÄmne\n\nkommuner/x/kommun.yaml\n\x1ebroken\n"
    (commit,) = parse_log(text)
    assert commit.files == ("kommuner/x/kommun.yaml",)
    assert commit.subject == "Ämne"


def test_repo_url_must_be_a_web_address() -> None:
    with pytest.raises(ValueError):
        Settings(repo_url="github.com/a/b")


def test_dates_after_source_date_epoch_are_clamped(
    repo_site: tuple[Path, Path, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build dated 2024-02-01 cannot say a page changed on 2024-03-05 (and a shallow clone,
    where the one commit seems to change every file, builds the same pages)."""
    repo, _, _ = repo_site
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2024, 2, 1, tzinfo=UTC).timestamp())))
    history = read_history(repo / "content")
    assert str(history.changed(repo / "content" / GOAL)) == "2024-02-01"
    assert str(history.changed(repo / "content" / "teman.yaml")) == "2024-01-10"
    assert history.commits[0].day.isoformat() == "2024-04-01"  # the record stays
