"""The search bundle is rewritten in one canonical order (sitegen/search/stable.py), so that two
builds of the same pages give the same bytes (the whole site's check: tests/test_reproducible.py).
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path
from typing import Any

import cbor2
import pytest

from sitegen.search import index_site
from sitegen.search.stable import SIGNATURE, UnstableBundleError, stabilise_bundle


def _page(title: str, filters: dict[str, str]) -> str:
    tags = "".join(f'<span data-pagefind-filter="{k}">{v}</span>' for k, v in filters.items())
    return (
        f'<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><main data-pagefind-body><h1>{title}</h1>"
        f"<p>Bostäder och trygghet i {title}.</p>{tags}</main></body></html>"
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve pages with three filters of several values each: enough for hash-map order."""
    root = tmp_path_factory.mktemp("site")
    for i in range(12):
        page = root / f"sida-{i}" / "index.html"
        page.parent.mkdir()
        filters = {"kommun": f"Kommun {i % 5}", "tema": f"Tema {i % 4}", "typ": f"Typ {i % 3}"}
        page.write_text(_page(f"Sida {i}", filters), encoding="utf-8")
    index_site(root)
    return root / "pagefind"


def _read(path: Path) -> Any:
    raw = gzip.decompress(path.read_bytes())
    assert raw.startswith(SIGNATURE)
    return cbor2.loads(raw[len(SIGNATURE) :])


def _files(bundle: Path) -> dict[str, bytes]:
    return {
        p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*") if p.is_file()
    }


def _meta(bundle: Path) -> tuple[dict[str, Any], Any]:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = _read(bundle / f"pagefind.{entry['languages']['sv']['hash']}.pf_meta")
    return entry, meta


def test_filters_are_sorted_and_every_name_points_at_a_file(site: Path) -> None:
    entry, meta = _meta(site)
    names = [name for name, _ in meta[3]]
    assert names == sorted(names) == ["kommun", "tema", "typ"]
    for name, digest in meta[3]:
        data = _read(site / "filter" / f"{digest}.pf_filter")
        assert data[0] == name
        values = [value for value, _ in data[1]]
        assert values == sorted(values) and len(values) > 2
    listed = {f"filter/{digest}.pf_filter" for _, digest in meta[3]}
    on_disk = {f"filter/{p.name}" for p in (site / "filter").iterdir()}
    assert listed == on_disk  # the old, unordered files are gone
    assert list(entry["languages"]) == sorted(entry["languages"])


def test_names_follow_the_content(site: Path) -> None:
    entry, meta = _meta(site)
    for _, digest in meta[3]:
        assert len(digest) == len("sv_") + 7
    assert len(entry["languages"]["sv"]["hash"]) == len("sv_") + 10


def test_rewriting_again_changes_nothing(site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "pagefind"
    shutil.copytree(site, copy)
    stabilise_bundle(copy)
    assert _files(copy) == _files(site)


def test_cbor2_writes_the_same_bytes_as_pagefind(site: Path) -> None:
    """Only the order changes: a file Pagefind writes in stable order decodes and re-encodes
    to exactly its own bytes (so the rewritten files are in Pagefind's own encoding)."""
    for chunk in (site / "index").iterdir():
        raw = gzip.decompress(chunk.read_bytes())
        body = raw[len(SIGNATURE) :]
        assert cbor2.dumps(cbor2.loads(body)) == body


def test_two_index_runs_give_identical_bundles(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "site"
    shutil.copytree(site.parent, again, ignore=shutil.ignore_patterns("pagefind"))
    index_site(again)
    assert _files(again / "pagefind") == _files(site)


@pytest.mark.parametrize(
    "damage",
    [
        "entry-not-json",
        "meta-missing",
        "meta-not-gzip",
        "no-signature",
        "filter-not-a-list",
        "chunk-not-a-list",
        "chunk-cut-short",
        "chunk-with-bytes-after",
    ],
)
def test_an_unknown_bundle_format_is_a_clear_error(site: Path, tmp_path: Path, damage: str) -> None:
    bundle = tmp_path / "pagefind"
    shutil.copytree(site, bundle)
    entry, meta = _meta(bundle)
    meta_path = bundle / f"pagefind.{entry['languages']['sv']['hash']}.pf_meta"
    if damage == "entry-not-json":
        (bundle / "pagefind-entry.json").write_text("{", encoding="utf-8")
    elif damage == "meta-missing":
        meta_path.unlink()
    elif damage == "meta-not-gzip":
        meta_path.write_bytes(b"inte gzip")
    elif damage == "no-signature":
        meta_path.write_bytes(gzip.compress(cbor2.dumps(meta)))
    elif damage.startswith("chunk"):
        chunk = bundle / "index" / f"{meta[2][0][2]}.pf_index"
        body = gzip.decompress(chunk.read_bytes())
        body = {
            "chunk-not-a-list": SIGNATURE + cbor2.dumps({"ord": 1}),
            "chunk-cut-short": body[:-3],
            "chunk-with-bytes-after": body + cbor2.dumps(0),
        }[damage]
        chunk.write_bytes(gzip.compress(body))
    else:
        meta[3] = "inte en lista"
        meta_path.write_bytes(gzip.compress(SIGNATURE + cbor2.dumps(meta)))
    with pytest.raises(UnstableBundleError) as caught:
        stabilise_bundle(bundle)
    assert "sökindexet kunde inte göras reproducerbart" in str(caught.value)
    assert "Pagefinds version" in str(caught.value)


def _words(bundle: Path) -> tuple[list[list[str]], list[list[str]]]:
    """The metadata's chunk list and, per chunk, the words its file holds."""
    _, meta = _meta(bundle)
    return meta[2], [
        [w[0] for w in _read(bundle / "index" / f"{c[2]}.pf_index")[0]] for c in meta[2]
    ]


def _strict_chunks(chunks: list[list[str]], term: str) -> list[int]:
    """The chunks Pagefind's `request_indexes` loads for a term it finds in a range."""
    return [i for i, (start, end, _) in enumerate(chunks) if start <= term <= end]


def test_index_chunks_hold_every_longer_word_of_a_searched_stem(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regrouped into many small chunks (as a big site's are), the words stay the same and in
    order, the ranges leave no gap, and a term of four or more letters (three where its words are
    few) loads the one chunk that holds all the words it begins."""
    from sitegen.search import stable

    bundle = tmp_path / "pagefind"
    shutil.copytree(site, bundle)
    before = [w for chunk in _words(bundle)[1] for w in chunk]
    monkeypatch.setattr(stable, "CHUNK_BYTES", 40)
    monkeypatch.setattr(stable, "PREFIX_BLOCK_BYTES", 10_000)
    stabilise_bundle(bundle)
    chunks, held = _words(bundle)
    assert len(chunks) > 5
    assert [w for chunk in held for w in chunk] == before
    assert {p.stem for p in (bundle / "index").iterdir()} == {name for *_, name in chunks}
    assert all(chunks[i][1] == chunks[i + 1][0] for i in range(len(chunks) - 1))
    for word in before:
        for length in range(3, len(word) + 1):
            term = word[:length]
            loaded = {w for i in _strict_chunks(chunks, term) for w in held[i]}
            assert {w for w in before if w.startswith(term)} <= loaded, term
