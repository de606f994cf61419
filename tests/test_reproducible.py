"""Two builds of the same commit are byte-identical, whatever the time zone or the locale
(SOURCE_DATE_EPOCH fixes every written date; the loader sorts every folder listing, and sorting
by name uses sitegen/collation.py, not the system locale)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sitegen.pipeline import BuildResult
from tests.conftest import (
    CONTENT,
    PUBLISHED_BASE_URL,
    PUBLISHED_EPOCH,
    PUBLISHED_SITE_URL,
)


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_builds_are_byte_identical_across_time_zones_and_locales(
    published_site: tuple[Path, BuildResult], tmp_path: Path
) -> None:
    first, _ = published_site  # built in this process, this machine's TZ and LANG
    second = tmp_path / PUBLISHED_BASE_URL.strip("/")
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": PUBLISHED_EPOCH,
        "TZ": "Pacific/Kiritimati",  # UTC+14: another date than UTC most of the day
        "LANG": "en_US.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONHASHSEED": "12345",
    }
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "sitegen",
            "build",
            "--content",
            str(CONTENT),
            "--out",
            str(second),
            "--base-url",
            PUBLISHED_BASE_URL,
            "--site-url",
            PUBLISHED_SITE_URL,
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    a, b = _files(first), _files(second)
    assert sorted(a) == sorted(b)  # the search bundle too: sitegen/search/stable.py
    assert any(name.startswith("pagefind/filter/") for name in a)
    differing = [name for name in sorted(a) if a[name] != b[name]]
    assert not differing, f"{len(differing)} filer skiljer sig, t.ex. {differing[:10]}"


def test_written_dates_come_from_source_date_epoch(
    published_site: tuple[Path, BuildResult],
) -> None:
    out, _ = published_site
    assert "<lastmod>2023-11-14</lastmod>" in (out / "sitemap.xml").read_text(encoding="utf-8")
    home = (out / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2023-11-14">14 november 2023</time>' in home
    assert '<time datetime="2023-11-14">14 November 2023</time>' in (
        out / "en" / "index.html"
    ).read_text(encoding="utf-8")
