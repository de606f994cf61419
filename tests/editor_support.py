"""Helpers for the editor tests: a content tree with the made-up municipality 'exempelby'.

The shared vocabularies (teman, agenda2030, tillganglighet) are copied from content/; the
municipality comes from tests/fixtures/editor/ (invented data, never one of the real four).
"""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "editor"
TOP_FILES = ("teman.yaml", "agenda2030.yaml", "tillganglighet.yaml")
GOAL = "kommuner/exempelby/mal/trivsel.yaml"
MUNICIPALITY = "kommuner/exempelby/kommun.yaml"
PLAN = "kommuner/exempelby/planer/mal-och-budget-2025.yaml"


def make_content(parent: Path) -> Path:
    """`parent/content` with the shared vocabularies and the fixture municipality."""
    content = parent / "content"
    content.mkdir(parents=True)
    for name in TOP_FILES:
        if (CONTENT / name).is_file():
            shutil.copy2(CONTENT / name, content / name)
    shutil.copytree(FIXTURE / "kommuner", content / "kommuner")
    return content
