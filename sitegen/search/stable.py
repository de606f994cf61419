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

It also cuts the word index into chunks again (:func:`rechunk`). Pagefind 1.5 sizes its chunks by
the locations of each word's unaccented form only, not those of its accented forms ("för" is
indexed under "for", with the locations of "för" nested in it), so in Swedish a chunk can hold
any number of words with å, ä or ö: at 290 municipalities one chunk held "för", "förskola",
"företag" … (356 kB), and every search for "förskola" loaded it. The words and their locations
are kept as they are, only regrouped by their real encoded size. Pagefind finds a searched stem's
longer words ("bostad" → "bostadsområde") only in the chunks it loads, so boundaries fall only
between words that share at most two letters, or three letters where the words beginning with
those three letters are too many for one chunk (only "för" at 290 municipalities); and each
chunk's range in the metadata is set so that Pagefind's chunk lookup (``request_indexes`` in
pagefind_web) loads the one chunk that holds every word beginning with the searched stem. (Pagefind
cuts anywhere: before this step, "bostad" missed a fifth of its pages, those in the next chunk.)

Files are gzip-compressed CBOR after the signature `pagefind_dcd` (Pagefind's "decode" marker);
filters and metadata are re-encoded with `cbor2`, which writes the same canonical CBOR as
Pagefind (checked by tests/test_search_stable.py on an unchanged file); the words of the index
keep their own bytes, cut out of Pagefind's chunks.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import itertools
import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import cbor2

from sitegen.heap import no_collection
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
    meta[2] = rechunk(bundle / "index", meta[2], language)
    return _replace(meta_path, meta, language, 10, "pagefind.{}.pf_meta")


#: Bytes of encoded words per index chunk (a word, or words that may not be split, can be more).
CHUNK_BYTES = 16_000
#: Words sharing their first three letters stay in one chunk unless they take more than this.
PREFIX_BLOCK_BYTES = 64_000
#: Pagefind's own level; 9 saves 2 % of the bytes in four times the time (~7 MB of chunks per
#: language at 290 municipalities).
CHUNK_GZIP_LEVEL = 6
#: Threads compressing the new chunks (half a second of zlib at 290 municipalities, in one).
COMPRESS_THREADS = 2


def rechunk(index_dir: Path, chunks: list[list[str]], language: str) -> list[list[str]]:
    """Regroup one language's word index into chunks of about :data:`CHUNK_BYTES`.

    `chunks` is the metadata's chunk list (``[from, to, name]`` each, in word order); the old
    chunk files are replaced and the new list returned.
    """
    if not chunks:
        return chunks
    # Only each word's bytes are kept, as they stand in the chunk: the decoded locations of a
    # whole language (Python lists of ints) would take ~10 times the memory.
    keys: list[Any] = []
    encoded: list[bytes] = []
    with no_collection():  # each word decodes into many small lists, dropped at once
        for _, _, name in chunks:
            for key, data in _words(index_dir / f"{name}.pf_index"):
                keys.append(key)
                encoded.append(data)
    if any(not isinstance(key, str) for key in keys) or keys != sorted(set(keys)):
        raise ValueError("orden i sökindexet är inte sorterade")
    blocks: dict[str, int] = {}
    for key, data in zip(keys, encoded, strict=True):
        blocks[key[:3]] = blocks.get(key[:3], 0) + len(data)
    groups: list[list[int]] = [[]]  # positions in `words`
    total = 0
    for i, (key, data) in enumerate(zip(keys, encoded, strict=True)):
        if groups[-1] and total + len(data) > CHUNK_BYTES:
            shared = _common_prefix(keys[i - 1], key)
            if shared <= 2 or (shared == 3 and blocks[key[:3]] > PREFIX_BLOCK_BYTES):
                groups.append([])
                total = 0
        groups[-1].append(i)
        total += len(data)
    for _, _, name in chunks:
        (index_dir / f"{name}.pf_index").unlink()
    # Ranges tile the whole word space: each chunk runs from the shortest prefix of its first
    # word that sorts after the previous chunk's last word to where the next chunk begins, so
    # every search term falls in a chunk ("strict" lookup, no guessing by prefixes).
    starts = [keys[0][:1]]
    for before, after in itertools.pairwise(groups):
        last, first = keys[before[-1]], keys[after[0]]
        starts.append(first[: _common_prefix(last, first) + 1])
    ends = [*starts[1:], keys[-1]]

    def compressed(group: list[int]) -> bytes:
        # A chunk is [[word, …]]: CBOR array heads (cbor2's own, taken from an array of as many
        # nulls) followed by the words' bytes, the same bytes cbor2.dumps([[…]]) writes.
        head = cbor2.dumps([[None] * len(group)])[: -len(group)]
        body = b"".join(encoded[i] for i in group)
        return gzip.compress(SIGNATURE + head + body, compresslevel=CHUNK_GZIP_LEVEL, mtime=0)

    # zlib lets go of the interpreter lock while it compresses: two chunks at a time.
    with ThreadPoolExecutor(max_workers=COMPRESS_THREADS) as pool:
        blobs = list(pool.map(compressed, groups))
    out: list[list[str]] = []
    taken: set[str] = set()
    for blob, start, end in zip(blobs, starts, ends, strict=True):
        digest = hashlib.sha256(blob).hexdigest()
        length = 7
        while f"{language}_{digest[:length]}" in taken:
            length += 1
        name = f"{language}_{digest[:length]}"
        taken.add(name)
        (index_dir / f"{name}.pf_index").write_bytes(blob)
        out.append([start, end, name])
    return out


def _words(path: Path) -> Iterator[tuple[Any, bytes]]:
    """Each word of a chunk file ``[[word, …]]``: its key and its bytes as written.

    The words are decoded one after the other from the file's bytes, so that where each ends is
    known without encoding it again (Pagefind writes the canonical CBOR cbor2 writes; checked by
    tests/test_search_stable.py)."""
    raw = _payload(path)
    stream = io.BytesIO(raw)
    decoder = cbor2.CBORDecoder(stream)
    if _array_length(stream) != 1:
        raise ValueError(f"{path.name} är inte en lista med en ordlista")
    for _ in range(_array_length(stream)):
        start = stream.tell()
        word = decoder.decode()
        if not isinstance(word, list) or not word:
            raise ValueError(f"{path.name} har ett ord utan namn")
        yield word[0], raw[start : stream.tell()]
    if stream.tell() != len(raw):
        raise ValueError(f"{path.name} har data efter ordlistan")


def _array_length(stream: io.BytesIO) -> int:
    """Read the head of a CBOR array of definite length; its number of items."""
    head = stream.read(1)
    if not head or head[0] >> 5 != 4:
        raise ValueError("en lista väntades i sökindexet")
    info = head[0] & 31
    if info < 24:
        return info
    if info > 27:
        raise ValueError("en lista av okänd längd i sökindexet")
    size = 1 << (info - 24)  # 1, 2, 4 or 8 bytes of length
    data = stream.read(size)
    if len(data) != size:
        raise ValueError("sökindexet tar slut mitt i en lista")
    return int.from_bytes(data, "big")


def _common_prefix(a: str, b: str) -> int:
    """Leading letters `a` and `b` share."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _replace(path: Path, data: Any, language: str, digits: int, pattern: str) -> str:
    """Write `data` canonically beside `path`, named from its content; remove `path`."""
    blob = gzip.compress(SIGNATURE + cbor2.dumps(data), compresslevel=9, mtime=0)
    name = f"{language}_{hashlib.sha256(blob).hexdigest()[:digits]}"
    path.unlink()
    (path.parent / pattern.format(name)).write_bytes(blob)
    return name


def _read(path: Path) -> Any:
    return cbor2.loads(_payload(path))


def _payload(path: Path) -> bytes:
    """The CBOR bytes of one of Pagefind's files (gzip, then Pagefind's signature)."""
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path.name} saknar Pagefinds signatur")
    return raw[len(SIGNATURE) :]
