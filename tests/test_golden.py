"""Golden output: rendered pages of a small fictional municipality, compared byte for byte.

When a template changes on purpose, regenerate with `UPDATE_GOLDEN=1 make test` and review the
diff of tests/golden/ like any other change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen.pipeline import build
from sitegen.reporter import Reporter
from sitegen.settings import Settings

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "golden" / "content"
GOLDEN = HERE / "golden"
PAGES = [
    "index.html",
    "kommuner/exempelby/index.html",
    "kommuner/exempelby/mal/fler-bostader/index.html",
    "kommuner/exempelby/omraden/trygg-kommun/index.html",
    "kommuner/exempelby/indikatorer/nya-bostader/index.html",
    # English: the interface, and the texts made from the data, in English; content marked.
    "en/kommuner/exempelby/mal/fler-bostader/index.html",
    "en/kommuner/exempelby/indikatorer/nya-bostader/index.html",
]


@pytest.fixture(scope="module")
def golden_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("golden") / "_site"
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    build(Settings(content_dir=FIXTURE, out_dir=out), Reporter())
    return out


@pytest.mark.parametrize("page", PAGES)
def test_page_matches_golden(golden_site: Path, page: str) -> None:
    actual = (golden_site / page).read_text(encoding="utf-8")
    expected_path = GOLDEN / page.replace("/", "__")
    if os.environ.get("UPDATE_GOLDEN") or not expected_path.exists():
        expected_path.parent.mkdir(parents=True, exist_ok=True)
        expected_path.write_text(actual, encoding="utf-8")
        if not os.environ.get("UPDATE_GOLDEN"):
            pytest.fail(f"no golden file yet: wrote {expected_path.name}; review and commit it")
    assert actual == expected_path.read_text(encoding="utf-8")
