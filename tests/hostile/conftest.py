"""Fixtures of the hostile-input tests: one good build of the minimal content per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_support import SOURCE_DATE_EPOCH, make_content, run


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A good build of the minimal content, in a folder of its own (its parent holds nothing
    else). Failing builds target it and must leave it byte-identical."""
    base = tmp_path_factory.mktemp("minimal")
    content = make_content(base / "source")
    out = base / "publicerat" / "_site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)  # comparable with later builds
        result = run(["build", "--content", str(content), "--out", str(out)])
    assert result.code == 0, result.stderr
    return out
