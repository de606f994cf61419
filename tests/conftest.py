"""Shared fixtures: the repository's content, a built site, and a way to write broken trees."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sitegen.heap import release
from sitegen.pipeline import BuildResult, build
from sitegen.reporter import RecordingReporter
from sitegen.settings import Settings

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(autouse=True)
def _release_frozen_objects() -> Iterator[None]:
    """A build freezes what it loads (sitegen/heap.py), as a one-build process can afford; this
    process builds hundreds of sites, so each test hands them back to the collector after."""
    yield
    release()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    """The real content built once for the whole session."""
    out = tmp_path_factory.mktemp("site") / "_site"
    result = build(Settings(content_dir=CONTENT, out_dir=out), RecordingReporter())
    return out, result


#: How the site is published in CI (issue 7): under a subpath, with a known origin and date.
PUBLISHED_BASE_URL = "/malbild/"
PUBLISHED_SITE_URL = "https://malbild.example"
PUBLISHED_EPOCH = "1700000000"  # 2023-11-14 UTC


@pytest.fixture(scope="session")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    """The real content built once as it is published: `--base-url /malbild/ --site-url …`
    with SOURCE_DATE_EPOCH set. The site is at `<root>/malbild/`, so serving `<root>` over HTTP
    gives the same addresses as GitHub Pages (returns the site folder; its parent is the root)."""
    out = tmp_path_factory.mktemp("published") / PUBLISHED_BASE_URL.strip("/")
    settings = Settings(
        content_dir=CONTENT, out_dir=out, base_url=PUBLISHED_BASE_URL, site_url=PUBLISHED_SITE_URL
    )
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = PUBLISHED_EPOCH
    try:
        result = build(settings, RecordingReporter())
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    return out, result


@pytest.fixture(scope="session")
def followup_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    """The made-up municipality of tests/fixtures/followup/ built once, as of 2026 (issue 5)."""
    from _followup_content import build_followup_site

    return build_followup_site(tmp_path_factory.mktemp("followup"))


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the real content tree."""
    dest = tmp_path / "content"
    shutil.copytree(CONTENT, dest)
    return dest


@pytest.fixture
def make_settings(tmp_path: Path) -> Callable[..., Settings]:
    def _make(content: Path, **kw: object) -> Settings:
        return Settings(content_dir=content, out_dir=kw.pop("out_dir", tmp_path / "_site"), **kw)

    return _make
