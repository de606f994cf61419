"""Reading Kolada's API v2 answers (`/v2/data/kpi/<id>/municipality/<code>[/year/…]`).

An answer looks like::

    {"count": 2, "next_page": null,
     "values": [{"kpi": "N00914", "municipality": "1861", "period": 2022,
                 "values": [{"gender": "T", "count": 1, "status": "", "value": 80.1}, …]}]}

A value of null (a missing period) is kept as a row without a value, so that the import can say
which periods Kolada lacks. Anything else – HTML, `{"error": …}`, a wrong shape – is a
:class:`KoladaError` with a Swedish message that names the file or address.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

GENDERS = ("T", "K", "M")
_KPI = re.compile(r"^[NU]\d{5}$")
_CODE = re.compile(r"^\d{4}$")


class KoladaError(Exception):
    """An answer that is not a usable Kolada data answer."""


@dataclass(frozen=True)
class KoladaValue:
    kpi: str
    municipality: str
    year: int
    gender: str
    value: float | None
    status: str


@dataclass(frozen=True)
class KoladaPage:
    values: list[KoladaValue]
    next_page: str | None


def _error_text(data: dict[str, Any]) -> str | None:
    for key in ("error", "message", "detail", "errors"):
        if data.get(key):
            value = data[key]
            return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return None


def parse_page(text: str, origin: str) -> KoladaPage:
    """Parse one answer; `origin` (a file name or an address) is named in every error."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        start = text.lstrip()[:1]
        kind = "HTML eller text" if start in ("<", "") or start.isalpha() else "ogiltig JSON"
        raise KoladaError(
            f"{origin}: svaret är inte JSON från Koladas API ({kind}; rad {err.lineno}, "
            f"kolumn {err.colno})"
        ) from None
    if not isinstance(data, dict):
        raise KoladaError(f"{origin}: svaret ska vara ett JSON-objekt med 'values'")
    error = _error_text(data)
    if error is not None and "values" not in data:
        raise KoladaError(f"{origin}: Kolada svarade med ett fel: {error}")
    rows = data.get("values")
    if not isinstance(rows, list):
        raise KoladaError(
            f"{origin}: svaret saknar listan 'values'; är det ett svar från /v2/data/?"
        )
    out: list[KoladaValue] = []
    for i, row in enumerate(rows):
        out.extend(_row(row, f"{origin}: values[{i}]"))
    next_page = data.get("next_page")
    if next_page is not None and not isinstance(next_page, str):
        raise KoladaError(f"{origin}: 'next_page' ska vara en adress eller null")
    return KoladaPage(out, next_page or None)


def _row(row: Any, where: str) -> list[KoladaValue]:
    if not isinstance(row, dict):
        raise KoladaError(f"{where}: ska vara ett objekt med kpi, municipality, period och values")
    kpi, code, period = row.get("kpi"), row.get("municipality"), row.get("period")
    if not isinstance(kpi, str) or not _KPI.match(kpi):
        raise KoladaError(f"{where}: 'kpi' ska vara ett id som 'N00914', fick {kpi!r}")
    if not isinstance(code, str) or not _CODE.match(code):
        raise KoladaError(f"{where}: 'municipality' ska vara fyra siffror, fick {code!r}")
    year = _year(period)
    if year is None:
        raise KoladaError(f"{where}: 'period' ska vara ett år, fick {period!r}")
    values = row.get("values")
    if not isinstance(values, list):
        raise KoladaError(f"{where}: 'values' ska vara en lista")
    out = []
    for j, v in enumerate(values):
        if not isinstance(v, dict):
            raise KoladaError(f"{where}.values[{j}]: ska vara ett objekt")
        gender = v.get("gender")
        if gender not in GENDERS:
            raise KoladaError(
                f"{where}.values[{j}]: 'gender' ska vara T, K eller M, fick {gender!r}"
            )
        value = v.get("value")
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if value is not None and (not number or not math.isfinite(value)):
            raise KoladaError(f"{where}.values[{j}]: 'value' ska vara ett tal eller null")
        status = v.get("status") or ""
        out.append(
            KoladaValue(
                kpi, code, year, str(gender), None if value is None else float(value), str(status)
            )
        )
    return out


def _year(period: Any) -> int | None:
    if isinstance(period, bool):
        return None
    if isinstance(period, int) and 1900 <= period <= 2100:
        return period
    if isinstance(period, str) and re.fullmatch(r"\d{4}", period):
        return int(period)
    return None
