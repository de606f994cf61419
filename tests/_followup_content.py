"""The made-up municipality of tests/fixtures/followup/ in a content tree of its own (issue 5)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
FIXTURE = HERE / "fixtures" / "followup"
KOLADA = HERE / "fixtures" / "kolada"


def followup_content(dest: Path) -> Path:
    """Copy the real vocabularies and the fixture municipality 'testby' into `dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("teman.yaml", "agenda2030.yaml", "tillganglighet.yaml"):
        src = REPO / "content" / name
        if src.is_file():
            shutil.copy(src, dest / name)
    shutil.copytree(FIXTURE / "kommuner", dest / "kommuner")
    return dest


#: The build date of the follow-up test site: 2026-01-01 UTC, so that 2019–2025 are due.
EPOCH_2026 = "1767225600"


def build_followup_site(root: Path) -> tuple[Path, Any]:
    """Build the fixture municipality once, as of 2026 (SOURCE_DATE_EPOCH), without PDFs."""
    from sitegen.pipeline import build
    from sitegen.reporter import RecordingReporter
    from sitegen.settings import Settings

    content = followup_content(root / "content")
    out = root / "_site"
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH_2026
    try:
        result = build(
            Settings(content_dir=content, out_dir=out, pdf_reports=False), RecordingReporter()
        )
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    return out, result
