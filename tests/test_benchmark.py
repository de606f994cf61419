"""The benchmark's smoke test (issue 8): the synthetic corpus is valid and deterministic, our build
and Hugo's build of the same goal pages run, and the report is written. No timing is asserted."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import run
from benchmarks.generate import generate
from benchmarks.generate import main as generate_main
from sitegen.cli import main as cli_main

REPO = Path(__file__).resolve().parent.parent


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_corpus_is_deterministic_and_valid(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", municipalities=2, seed=7)
    second = generate(tmp_path / "b", municipalities=2, seed=7)
    assert _tree(first) == _tree(second)
    other = generate(tmp_path / "c", municipalities=2, seed=8)
    assert _tree(other) != _tree(first)
    goals = list(first.glob("kommuner/*/mal/*.yaml"))
    assert 2 * 38 <= len(goals) <= 2 * 42
    text = goals[0].read_text("utf-8")
    assert text.count("  - id: ") == 3  # three indicators
    assert text.count("    matningar:") == 3
    assert text.count("        kalla: 'Årsredovisning") == 3 * 8  # eight years of measurements
    assert "agenda2030:" in text and "teman:" in text
    assert cli_main(["check", "--content", str(first)]) == 0


def test_generate_refuses_a_bad_size(tmp_path: Path) -> None:
    assert generate_main(["--municipalities", "0", "--out", str(tmp_path / "x")]) == 2
    assert not (tmp_path / "x").exists()


def _measure(*args: str) -> dict[str, object]:
    command = [sys.executable, str(REPO / "benchmarks" / "measure.py"), *args]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO)
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_one_build_and_hugo_on_the_same_goal_pages(tmp_path: Path) -> None:
    content = generate(tmp_path / "content", municipalities=2, seed=1)
    built = _measure("build", "--content", str(content), "--out", str(tmp_path / "site"))
    assert built["pages"] and (tmp_path / "site" / "pagefind").is_dir()
    goals = _measure(
        "render", "--content", str(content), "--out", str(tmp_path / "goals"), "--pages", "goals"
    )
    rendered = list((tmp_path / "goals").rglob("index.html"))
    assert goals["pages"] == len(rendered) and all("/mal/" in p.as_posix() for p in rendered)
    assert goals["render_cpu_user"] > 0 and goals["render_cpu_sys"] >= 0
    hugo_content = tmp_path / "hugo" / "content"
    pages = _measure("hugo-content", "--content", str(content), "--out", str(hugo_content))
    hugo = shutil.which("hugo")
    assert hugo, "Hugo saknas: apt-get install hugo (.ci/run installerar det)"
    public = tmp_path / "hugo" / "public"
    subprocess.run(
        [hugo, "--source", str(REPO / "benchmarks" / "hugo"), "--contentDir", str(hugo_content),
         "--destination", str(public), "--cacheDir", str(tmp_path / "hugo" / "cache"), "--quiet",
         "--noBuildLock"],
        check=True, capture_output=True,
    )  # fmt: skip
    hugo_pages = sorted(p.parent.relative_to(public).as_posix() for p in public.rglob("index.html"))
    assert len(hugo_pages) == pages["pages"]
    theirs = (public / hugo_pages[0] / "index.html").read_text("utf-8")
    for field in ("Målvärden:", "Agenda 2030", "Teman", "Huvudmeny", "site-footer"):
        assert field in theirs
    # The same pages: every goal page's main content reads the same in both, word for word
    # (follow-up summary, indicator cards, actions, "last changed" line and all).
    for page in hugo_pages:
        ours = (tmp_path / "site" / page / "index.html").read_text("utf-8")
        assert _main_text(ours) == _main_text((public / page / "index.html").read_text("utf-8"))
    assert "Uppföljning" in _main_text(theirs) and "Senast ändrad" in _main_text(theirs)


def _main_text(page: str) -> str:
    main = page[page.index("<main") : page.index("</main>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", main)).split())


def test_table_lists_every_figure() -> None:
    row = {
        "municipalities": 2,
        "pages": 10,
        "cold_build_no_index": {"median": 1.0, "min": 0.9, "max": 1.2, "runs": 3},
        "cold_build_no_index_user": {"median": 1.5, "min": 1.4, "max": 1.6, "runs": 3},
        "ratio_render_write_vs_hugo": 0.8,
        "hugo_build_sys": {"median": 2.5, "min": 2.0, "max": 8.0, "runs": 3},
        "ratio_goals_build_index_user_vs_hugo_pagefind": 1.5,
    }
    text = run.table([row])
    assert "| cold build, no index | 1.000 (0.900–1.200) |" in text
    assert "| ratio render+write / Hugo | 0.8 |" in text
    assert "| CPU sys: Hugo | 2.500 (2.000–8.000) |" in text
    assert "| ratio CPU user goals build+index / Hugo+Pagefind | 1.5 |" in text
    assert "100.000 ms per page (cold, no index), 150.000 ms of user CPU per page" in text


def test_timed_counts_the_cpu_of_the_command_and_its_children() -> None:
    # A child that burns CPU in a grandchild it waits for: both count, the wall time too.
    burn = "import subprocess, sys; subprocess.run([sys.executable, '-c', 'sum(range(10**7))'])"
    counted = run.timed([sys.executable, "-c", burn])
    assert counted["user"] > 0.05 and counted["sys"] >= 0
    assert counted["wall"] > 0


def test_clean_sets_outputs_aside_until_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, page = tmp_path / "site", tmp_path / "page.html"
    for _ in range(2):  # the same output, cleared before each of two runs
        (site / "a").mkdir(parents=True)
        (site / "a" / "index.html").write_text("x")
        page.write_text("y")
        monkeypatch.setattr(run, "TRASH", tmp_path / "trash")
        run.clean(site, page, tmp_path / "missing")
        assert not site.exists() and not page.exists()
    assert len(list((tmp_path / "trash").iterdir())) == 4  # moved aside, nothing overwritten
    site.mkdir()
    monkeypatch.setattr(run, "MIN_FREE_BYTES", 1 << 62)  # a full disk: removed at once
    run.clean(site)
    assert not site.exists() and len(list((tmp_path / "trash").iterdir())) == 4
