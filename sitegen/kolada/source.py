"""Where Kolada answers come from: the public API (with a network) or files saved from it."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterable
from pathlib import Path

from sitegen.kolada.response import KoladaError, KoladaValue, parse_page

API = "https://api.kolada.se/v2/"
TIMEOUT = 30
MAX_PAGES = 50


def municipality_url(kpi: str, code: str) -> str:
    """All years of one KPI for one municipality."""
    return f"{API}data/kpi/{kpi}/municipality/{code}"


def all_municipalities_url(kpi: str, years: Iterable[int]) -> str:
    """One KPI for every municipality (and region) in the given years, for ranks."""
    return f"{API}data/kpi/{kpi}/year/{','.join(str(y) for y in sorted(set(years)))}"


def read_saved(folder: Path) -> list[KoladaValue]:
    """Every `*.json` answer in `folder` (one page per file; any names)."""
    if not folder.is_dir():
        raise KoladaError(f"{folder}: mappen med sparade svar från Kolada finns inte")
    files = sorted(folder.glob("*.json"))
    if not files:
        raise KoladaError(f"{folder}: mappen innehåller inga .json-filer från Koladas API")
    values: list[KoladaValue] = []
    for path in files:
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise KoladaError(f"{path.name}: filen är inte UTF-8") from None
        except OSError as err:
            raise KoladaError(f"{path.name}: filen kan inte läsas: {err.strerror}") from None
        values.extend(parse_page(text, path.name).values)
    return values


def _save_name(url: str, page: int) -> str:
    rest = url.removeprefix(API)
    stem = re.sub(r"[^A-Za-z0-9]+", "-", rest).strip("-")
    return f"{stem}{'' if page == 0 else f'-sida-{page + 1}'}.json"


def fetch(url: str, save_to: Path | None = None) -> list[KoladaValue]:
    """One query, following `next_page`; each page is saved to `save_to` when given."""
    values: list[KoladaValue] = []
    next_url: str | None = url
    for page in range(MAX_PAGES):
        if next_url is None:
            return values
        text = _get(next_url)
        parsed = parse_page(text, next_url)
        if save_to is not None:
            save_to.mkdir(parents=True, exist_ok=True)
            (save_to / _save_name(url, page)).write_text(text, encoding="utf-8")
        values.extend(parsed.values)
        next_url = parsed.next_page
    raise KoladaError(f"{url}: fler än {MAX_PAGES} sidor; avbryter")


def _get(url: str) -> str:
    if not url.startswith(API):
        raise KoladaError(f"{url}: adressen ligger inte under {API}")
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        body = err.read().decode("utf-8", "replace")[:200]
        raise KoladaError(f"{url}: Kolada svarade {err.code} {err.reason}: {body}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise KoladaError(
            f"{url}: Koladas API kunde inte nås ({reason}); utan nätverk, använd --from-dir "
            "med sparade svar"
        ) from None
