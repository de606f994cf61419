"""Pagefind gets only the pages it will index (sitegen/search/selection.py)."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from sitegen.pipeline import BuildResult
from sitegen.search import BUNDLE_DIR, SearchIndexError, index_site, indexer
from sitegen.search.indexer import EXCLUDE_SELECTORS, _merge, pagefind_executable
from sitegen.search.selection import SCRATCH_DIR, indexed_pages, is_indexed, pages_to_index
from sitegen.search.stable import SIGNATURE, stabilise_bundle

HEAD = '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>T</title></head><body>'


def _head(lang: str | None) -> str:
    attr = "" if lang is None else f' lang="{lang}"'
    return HEAD.replace(' lang="sv"', attr)


def _write(root: Path, rel: str, html: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path


def _page(
    body_attr: bool, padding: int = 0, text: str = "Bostäder", lang: str | None = "sv"
) -> str:
    attr = " data-pagefind-body" if body_attr else ""
    filler = f"<nav>{'x' * padding}</nav>"
    return f'{_head(lang)}{filler}<main id="innehall"{attr}><h1>{text}</h1></main></body></html>'


@pytest.mark.parametrize("padding", [0, 16_380, 40_000])
def test_main_tag_is_found_wherever_the_reads_split_it(tmp_path: Path, padding: int) -> None:
    assert is_indexed(_write(tmp_path, "a.html", _page(True, padding)))
    assert not is_indexed(_write(tmp_path, "b.html", _page(False, padding)))


def test_pages_without_main_are_not_marked(tmp_path: Path) -> None:
    assert not is_indexed(_write(tmp_path, "a.html", f"{HEAD}<p>data-pagefind-body</p>"))
    assert not is_indexed(_write(tmp_path, "b.html", f"{HEAD}<main data-pagefind-body"))


def test_only_marked_pages_outside_the_bundle_and_scratch_are_chosen(tmp_path: Path) -> None:
    _write(tmp_path, "index.html", _page(False))
    _write(tmp_path, "mal/a/index.html", _page(True))
    _write(tmp_path, "en/mal/a/index.html", _page(True, lang="en"))
    _write(tmp_path, "indikatorer/b/index.html", _page(False))
    _write(tmp_path, "pagefind/x.html", _page(True))
    _write(tmp_path, f"{SCRATCH_DIR}/mal/a/index.html", _page(True))
    assert indexed_pages(tmp_path, "pagefind") == {
        "en": ["en/mal/a/index.html"],
        "sv": ["mal/a/index.html"],
    }


def test_scratch_folder_holds_links_and_is_removed_after(tmp_path: Path) -> None:
    page = _write(tmp_path, "mal/a/index.html", _page(True))
    _write(tmp_path, "indikatorer/b/index.html", _page(False))
    with pages_to_index(tmp_path, "pagefind") as sources:
        assert sources == [tmp_path / SCRATCH_DIR / "0"]
        linked = sources[0] / "mal/a/index.html"
        assert os.path.samefile(linked, page)  # a hard link, not a copy
        assert not (sources[0] / "indikatorer").exists()
    assert not (tmp_path / SCRATCH_DIR).exists()


def test_scratch_folder_elsewhere_holds_symbolic_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In memory (another file system) the pages are symbolic links, to absolute paths."""
    page = _write(tmp_path / "site", "mal/a/index.html", _page(True))
    (tmp_path / "minne").mkdir()
    monkeypatch.chdir(tmp_path)
    with pages_to_index(Path("site"), "pagefind", Path("minne"), symlinks=True) as sources:
        assert sources == [Path("minne") / SCRATCH_DIR / "0"]
        linked = sources[0] / "mal/a/index.html"
        assert linked.is_symlink() and Path(os.readlink(linked)) == page
    assert not (tmp_path / "minne" / SCRATCH_DIR).exists()
    assert page.is_file()


def test_the_folders_know_the_bytes_of_html_they_hold(tmp_path: Path) -> None:
    """(What the indexer needs to know whether the bundle fits in memory.)"""
    a = _write(tmp_path, "mal/a/index.html", _page(True, text="Bostäder"))
    b = _write(tmp_path, "en/mal/a/index.html", _page(True, text="Housing", lang="en"))
    c = _write(tmp_path, "indikatorer/c/index.html", _page(False, padding=500))
    with pages_to_index(tmp_path, "pagefind") as sources:
        assert sources.html_bytes == a.stat().st_size + b.stat().st_size
    (tmp_path / "mal").rename(tmp_path / "x")
    (tmp_path / "en").rename(tmp_path / "y")
    for path in (tmp_path / "x/a/index.html", tmp_path / "y/mal/a/index.html"):
        path.write_text(_page(False), encoding="utf-8")
    with pages_to_index(tmp_path, "pagefind") as sources:  # nothing marked: the whole site
        assert sources == [tmp_path]
        assert sources.html_bytes == sum(p.stat().st_size for p in tmp_path.rglob("*.html"))
        assert sources.html_bytes > c.stat().st_size


def test_scratch_folder_is_removed_when_indexing_fails(tmp_path: Path) -> None:
    _write(tmp_path, "mal/a/index.html", _page(True))
    with pytest.raises(RuntimeError), pages_to_index(tmp_path, "pagefind"):
        raise RuntimeError("Pagefind föll")
    assert not (tmp_path / SCRATCH_DIR).exists()


def test_a_site_with_no_marked_page_is_indexed_whole(tmp_path: Path) -> None:
    _write(tmp_path, "index.html", _page(False))
    with pages_to_index(tmp_path, "pagefind") as sources:
        assert sources == [tmp_path]


def test_without_hard_links_the_whole_site_is_indexed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, "mal/a/index.html", _page(True))
    _write(tmp_path, "mal/b/index.html", _page(True))

    def no_links(src: object, dst: object) -> None:
        raise PermissionError("inga hårda länkar här")

    monkeypatch.setattr(os, "link", no_links)
    with pages_to_index(tmp_path, "pagefind") as sources:
        assert sources == [tmp_path]
    assert not (tmp_path / SCRATCH_DIR).exists()


def test_index_has_the_same_pages_and_urls_as_indexing_the_whole_folder(tmp_path: Path) -> None:
    _write(tmp_path, "index.html", _page(False, text="Start"))
    _write(tmp_path, "mal/bostader/index.html", _page(True, text="Bostäder"))
    _write(tmp_path, "indikatorer/bostader/index.html", _page(False, text="Bostäder"))
    stats = index_site(tmp_path)
    assert stats.pages == {"sv": 1}
    assert _urls(stats.bundle) == {"/mal/bostader/"}
    assert not (tmp_path / SCRATCH_DIR).exists()


def test_pages_are_grouped_by_the_first_part_of_their_language(tmp_path: Path) -> None:
    _write(tmp_path, "a/index.html", _page(True, lang="sv-SE"))
    _write(tmp_path, "b/index.html", _page(True, lang="SV"))
    _write(tmp_path, "c/index.html", "<html class=x lang=sv><main data-pagefind-body>x</main>")
    _write(tmp_path, "en/a/index.html", _page(True, lang="en-GB"))
    _write(tmp_path, "d/index.html", _page(True, lang=None))
    _write(tmp_path, "e/index.html", _page(False, lang="de"))
    assert indexed_pages(tmp_path, "pagefind") == {
        "": ["d/index.html"],
        "en": ["en/a/index.html"],
        "sv": ["a/index.html", "b/index.html", "c/index.html"],
    }
    with pages_to_index(tmp_path, "pagefind") as sources:
        assert [
            sorted(p.relative_to(f).as_posix() for p in f.rglob("*.html")) for f in sources
        ] == [
            ["d/index.html"],
            ["en/a/index.html"],
            ["a/index.html", "b/index.html", "c/index.html"],
        ]


@pytest.mark.parametrize("memory", ["room", "room, no cp", "no-room", "missing"])
def test_one_run_per_language_writes_the_bundle_one_run_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, memory: str
) -> None:
    """Pagefind runs once per language (its memory then peaks at the biggest language); the
    merged bundle is, byte for byte, what one run over all the pages writes: whether Pagefind
    writes into a memory-backed folder first (when there is one with room; its fragments are
    then copied by `cp`, or without it by Python) or into the site."""
    memory_dir = tmp_path / "minne"
    if memory != "missing":
        memory_dir.mkdir()
    monkeypatch.setattr(indexer, "MEMORY_DIR", memory_dir)
    if memory == "room, no cp":
        monkeypatch.setattr(indexer, "CP", None)
    else:
        assert indexer.CP is not None  # the machines the tests run on have cp
    if memory == "no-room":
        monkeypatch.setattr(indexer, "MEMORY_SPARE_BYTES", shutil.disk_usage(tmp_path).free + 1)
    used: list[Path] = []
    run = indexer._pagefind
    monkeypatch.setattr(
        indexer, "_pagefind", lambda exe, src, out: used.append(out) or run(exe, src, out)
    )
    site = tmp_path / "site"
    words = [("Bostäder", "Housing"), ("Förskola", "Preschool"), ("Trygghet", "Safety")]
    for i, (swedish, english) in enumerate(words):
        kommun = f'<span data-pagefind-filter="kommun">Kommun {i}</span>'
        _write(site, f"mal/{i}/index.html", _page(True, text=f"{swedish} {kommun}"))
        _write(site, f"en/mal/{i}/index.html", _page(True, text=f"{english} {kommun}", lang="en"))
    _write(site, "index.html", _page(False, text="Start"))
    stats = index_site(site)
    assert stats.pages == {"en": 3, "sv": 3}
    assert len(used) == 2
    in_memory = [memory_dir in out.parents for out in used]
    assert in_memory == [memory.startswith("room")] * 2  # all there, or none
    assert sorted(p.name for p in site.iterdir()) == ["en", "index.html", "mal", BUNDLE_DIR]
    assert not memory_dir.exists() or not any(memory_dir.iterdir())  # nothing left behind

    whole = tmp_path / "whole"
    shutil.copytree(site, whole, ignore=shutil.ignore_patterns(BUNDLE_DIR))
    command = [str(pagefind_executable()), "--site", str(whole), "--output-path"]
    command += [str(whole / BUNDLE_DIR), "--exclude-selectors", EXCLUDE_SELECTORS, "--quiet"]
    subprocess.run(command, check=True, capture_output=True)
    stabilise_bundle(whole / BUNDLE_DIR)
    assert _files(stats.bundle) == _files(whole / BUNDLE_DIR)


#: Stand-ins that fail as Pagefind (after writing into its output folder) and cp (after
#: making the target folder) might.
FAILING = {
    "pagefind": ('#!/bin/sh\nmkdir -p "$4" && echo trasig > "$4/x" && exit 3\n', "kod 3"),
    "cp": (
        '#!/bin/sh\nmkdir -p "$3" && echo "cp: disken är full" >&2 && exit 1\n',
        r"kunde inte kopieras.*disken är full",
    ),
}


@pytest.mark.parametrize("failing", sorted(FAILING))
def test_a_failure_leaves_nothing_in_the_memory_folder_or_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    """Pagefind failing, or the copy of its bundle out of memory into the site."""
    memory_dir = tmp_path / "minne"
    memory_dir.mkdir()
    monkeypatch.setattr(indexer, "MEMORY_DIR", memory_dir)
    script, message = FAILING[failing]
    fake = tmp_path / failing
    fake.write_text(script, "utf-8")
    fake.chmod(0o755)
    if failing == "pagefind":
        monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    else:
        monkeypatch.setattr(indexer, "CP", str(fake))
    site = tmp_path / "site"
    _write(site, "mal/a/index.html", _page(True))
    with pytest.raises(SearchIndexError, match=message):
        index_site(site)
    assert not any(memory_dir.iterdir())
    assert sorted(p.name for p in site.iterdir()) == ["mal"]


def test_a_memory_folder_left_by_a_killed_build_is_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory_dir = tmp_path / "minne"
    monkeypatch.setattr(indexer, "MEMORY_DIR", memory_dir)
    child = subprocess.Popen(["true"])
    child.wait()
    stale = memory_dir / f"{indexer.MEMORY_PREFIX}{child.pid}-abc" / "pagefind"
    running = memory_dir / f"{indexer.MEMORY_PREFIX}{os.getpid()}-def"
    other = memory_dir / "annat"
    for folder in (stale, running, other):
        folder.mkdir(parents=True)
    site = tmp_path / "site"
    _write(site, "mal/a/index.html", _page(True))
    index_site(site)
    assert sorted(p.name for p in memory_dir.iterdir()) == ["annat", running.name]


def test_merging_refuses_runs_that_disagree(tmp_path: Path) -> None:
    def bundle(name: str, lang: str) -> Path:
        _write(tmp_path / name, "mal/a/index.html", _page(True, text="Bostäder", lang=lang))
        return index_site(tmp_path / name).bundle

    swedish, english, again = bundle("sv", "sv"), bundle("en", "en"), bundle("sv2", "sv")
    with pytest.raises(SearchIndexError, match="samma språk i två körningar"):
        _merge(again, swedish)
    (english / "pagefind.js").write_text("// ändrad", encoding="utf-8")
    with pytest.raises(SearchIndexError, match=r"två språks index har olika pagefind\.js"):
        _merge(english, swedish)


def _files(bundle: Path) -> dict[str, bytes]:
    return {
        p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*") if p.is_file()
    }


def test_built_site_index_holds_exactly_the_pages_marked_anywhere(
    built_site: tuple[Path, BuildResult],
) -> None:
    """Our templates put data-pagefind-body on <main> only, so reading up to <main> finds every
    page Pagefind would index if it read them all."""
    out, _ = built_site
    marked = {
        "/" + p.relative_to(out).as_posix().removesuffix("index.html")
        for p in out.rglob("*.html")
        if "pagefind" not in p.relative_to(out).parts
        and "data-pagefind-body" in p.read_text(encoding="utf-8")
    }
    assert marked and _urls(out / "pagefind") == marked


def _urls(bundle: Path) -> set[str]:
    urls = set()
    for fragment in (bundle / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())[len(SIGNATURE) :]
        urls.add(json.loads(data)["url"])
    return urls
