"""Shared fixtures: the repository's content, a built site, and a way to write broken trees."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from sitegen.pipeline import BuildResult, build
from sitegen.reporter import RecordingReporter
from sitegen.settings import Settings

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    """The real content built once for the whole session."""
    out = tmp_path_factory.mktemp("site") / "_site"
    result = build(Settings(content_dir=CONTENT, out_dir=out), RecordingReporter())
    return out, result


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
