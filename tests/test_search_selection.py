"""Pagefind gets only the pages it will index (sitegen/search/selection.py)."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from sitegen.pipeline import BuildResult
from sitegen.search import index_site
from sitegen.search.selection import SCRATCH_DIR, indexed_pages, is_indexed, pages_to_index
from sitegen.search.stable import SIGNATURE

HEAD = '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>T</title></head><body>'


def _write(root: Path, rel: str, html: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path


def _page(body_attr: bool, padding: int = 0, text: str = "Bostäder") -> str:
    attr = " data-pagefind-body" if body_attr else ""
    filler = f"<nav>{'x' * padding}</nav>"
    return f'{HEAD}{filler}<main id="innehall"{attr}><h1>{text}</h1></main></body></html>'


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
    _write(tmp_path, "en/mal/a/index.html", _page(True))
    _write(tmp_path, "indikatorer/b/index.html", _page(False))
    _write(tmp_path, "pagefind/x.html", _page(True))
    _write(tmp_path, f"{SCRATCH_DIR}/mal/a/index.html", _page(True))
    assert indexed_pages(tmp_path, "pagefind") == ["en/mal/a/index.html", "mal/a/index.html"]


def test_scratch_folder_holds_links_and_is_removed_after(tmp_path: Path) -> None:
    page = _write(tmp_path, "mal/a/index.html", _page(True))
    _write(tmp_path, "indikatorer/b/index.html", _page(False))
    with pages_to_index(tmp_path, "pagefind") as source:
        assert source == tmp_path / SCRATCH_DIR
        linked = source / "mal/a/index.html"
        assert os.path.samefile(linked, page)  # a hard link, not a copy
        assert not (source / "indikatorer").exists()
    assert not (tmp_path / SCRATCH_DIR).exists()


def test_scratch_folder_is_removed_when_indexing_fails(tmp_path: Path) -> None:
    _write(tmp_path, "mal/a/index.html", _page(True))
    with pytest.raises(RuntimeError), pages_to_index(tmp_path, "pagefind"):
        raise RuntimeError("Pagefind föll")
    assert not (tmp_path / SCRATCH_DIR).exists()


def test_a_site_with_no_marked_page_is_indexed_whole(tmp_path: Path) -> None:
    _write(tmp_path, "index.html", _page(False))
    with pages_to_index(tmp_path, "pagefind") as source:
        assert source == tmp_path


def test_without_hard_links_the_whole_site_is_indexed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, "mal/a/index.html", _page(True))
    _write(tmp_path, "mal/b/index.html", _page(True))

    def no_links(src: object, dst: object) -> None:
        raise PermissionError("inga hårda länkar här")

    monkeypatch.setattr(os, "link", no_links)
    with pages_to_index(tmp_path, "pagefind") as source:
        assert source == tmp_path
    assert not (tmp_path / SCRATCH_DIR).exists()


def test_index_has_the_same_pages_and_urls_as_indexing_the_whole_folder(tmp_path: Path) -> None:
    _write(tmp_path, "index.html", _page(False, text="Start"))
    _write(tmp_path, "mal/bostader/index.html", _page(True, text="Bostäder"))
    _write(tmp_path, "indikatorer/bostader/index.html", _page(False, text="Bostäder"))
    stats = index_site(tmp_path)
    assert stats.pages == {"sv": 1}
    assert _urls(stats.bundle) == {"/mal/bostader/"}
    assert not (tmp_path / SCRATCH_DIR).exists()


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
