"""Make Pagefind's bundle byte-identical from one build of the same pages to the next.

Pagefind 1.5 writes its filter indexes (`filter/*.pf_filter`), the per-language metadata
(`pagefind.<lang>_<hash>.pf_meta`) and therefore `pagefind-entry.json` in hash-map order, so two
builds of the same commit differ there (upstream issue CloudCannon/pagefind#638), and every file
name that carries a content hash differs with them. Every other file Pagefind writes (word index
chunks, fragments, WebAssembly, scripts) is already stable.

This step rewrites just those files in one canonical order: the values inside each filter file
sorted, the list of filters in the metadata sorted by name, the languages in the entry file
sorted. Their names are derived from the new content, so browsers still never get a stale copy
from their cache. The data themselves are unchanged: Pagefind's own search reads values by name.

Files are gzip-compressed CBOR after the signature `pagefind_dcd` (Pagefind's "decode" marker);
they are re-encoded with `cbor2`, which writes the same canonical CBOR as Pagefind (checked by
tests/search/test_stable.py on an unchanged file).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2

from sitegen.write import OutputError

SIGNATURE = b"pagefind_dcd"
ENTRY_FILE = "pagefind-entry.json"


class UnstableBundleError(OutputError):
    """Pagefind's bundle is not in the format this step knows (e.g. after a Pagefind upgrade)."""


def stabilise_bundle(bundle: Path) -> None:
    """Rewrite the filter, metadata and entry files of `bundle` in canonical order."""
    entry_path = bundle / ENTRY_FILE
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        languages: dict[str, dict[str, Any]] = entry["languages"]
        for language, info in languages.items():
            info["hash"] = _stabilise_language(bundle, language, str(info["hash"]))
    except (OSError, ValueError, KeyError, TypeError, IndexError, cbor2.CBORError) as err:
        raise UnstableBundleError(
            f"sökindexet kunde inte göras reproducerbart: Pagefinds filer har ett okänt format "
            f"({type(err).__name__}: {err}); kontrollera Pagefinds version"
        ) from err
    entry["languages"] = dict(sorted(languages.items()))
    entry_path.write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )


def _stabilise_language(bundle: Path, language: str, meta_hash: str) -> str:
    """Sort one language's filters; return the new hash that names its metadata file."""
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = _read(meta_path)
    filters: list[list[str]] = meta[3]
    stable = []
    for name, filter_hash in sorted(filters, key=lambda item: item[0]):
        path = bundle / "filter" / f"{filter_hash}.pf_filter"
        data = _read(path)
        data[1] = sorted(data[1], key=lambda value: value[0])
        stable.append([name, _replace(path, data, language, 7, "{}.pf_filter")])
    meta[3] = stable
    return _replace(meta_path, meta, language, 10, "pagefind.{}.pf_meta")


def _replace(path: Path, data: Any, language: str, digits: int, pattern: str) -> str:
    """Write `data` canonically beside `path`, named from its content; remove `path`."""
    blob = gzip.compress(SIGNATURE + cbor2.dumps(data), compresslevel=9, mtime=0)
    name = f"{language}_{hashlib.sha256(blob).hexdigest()[:digits]}"
    path.unlink()
    (path.parent / pattern.format(name)).write_bytes(blob)
    return name


def _read(path: Path) -> Any:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path.name} saknar Pagefinds signatur")
    return cbor2.loads(raw[len(SIGNATURE) :])
