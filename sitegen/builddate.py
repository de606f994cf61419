"""The build's date: `SOURCE_DATE_EPOCH` when set (reproducible builds), else now.

Every date a build writes (sitemap `lastmod`, "built on" lines, feeds) comes from here, in UTC,
so that two builds of the same commit are byte-identical whatever the machine's time zone.
See https://reproducible-builds.org/specs/source-date-epoch/.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, date, datetime

ENV_VAR = "SOURCE_DATE_EPOCH"


class BuildDateError(ValueError):
    """SOURCE_DATE_EPOCH is set but is not a whole number of seconds."""


def build_datetime(environ: Mapping[str, str] | None = None) -> datetime:
    """The build's moment in UTC: SOURCE_DATE_EPOCH if set, else the current time."""
    env = os.environ if environ is None else environ
    raw = env.get(ENV_VAR, "").strip()
    if not raw:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        seconds = int(raw)
    except ValueError:
        raise BuildDateError(
            f"{ENV_VAR}='{raw}' är inte ett heltal (sekunder sedan 1970-01-01 UTC)"
        ) from None
    if seconds < 0:
        raise BuildDateError(f"{ENV_VAR}='{raw}' får inte vara negativt")
    return datetime.fromtimestamp(seconds, tz=UTC)


def build_date(environ: Mapping[str, str] | None = None) -> date:
    """The build's date (UTC)."""
    return build_datetime(environ).date()


def build_date_or_error(environ: Mapping[str, str] | None = None) -> date:
    """:func:`build_date` for the build: a bad SOURCE_DATE_EPOCH fails it with a clear message."""
    from sitegen.write import OutputError

    try:
        return build_date(environ)
    except BuildDateError as err:
        raise OutputError(str(err)) from err
