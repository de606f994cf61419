"""The collector is paused while a site loads, back on after, and what the load made is frozen;
work that makes and drops many objects pauses it without freezing anything."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from sitegen.heap import no_collection, paused_collection, release
from sitegen.issues import ContentError
from sitegen.pipeline import load_site
from sitegen.reporter import RecordingReporter
from sitegen.settings import Settings

CONTENT = Path(__file__).resolve().parent.parent / "content"


def test_paused_collection_freezes_what_was_made_and_turns_the_collector_back_on() -> None:
    release()
    assert gc.get_freeze_count() == 0
    with paused_collection():
        assert not gc.isenabled()
        made = [[i] for i in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(made)


def test_the_collector_stays_off_after_if_it_was_off_before() -> None:
    gc.disable()
    try:
        with paused_collection():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_error_while_paused_turns_the_collector_back_on() -> None:
    with pytest.raises(RuntimeError), paused_collection():
        raise RuntimeError("stop")
    assert gc.isenabled()


def test_no_collection_pauses_the_collector_and_freezes_nothing() -> None:
    release()
    with no_collection():
        assert not gc.isenabled()
        made = [[i] for i in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    assert gc.is_tracked(made)
    gc.disable()
    try:
        with no_collection():
            pass
        assert not gc.isenabled()  # off before, off after
    finally:
        gc.enable()
    with pytest.raises(RuntimeError), no_collection():
        raise RuntimeError("stop")
    assert gc.isenabled()


def test_load_site_leaves_the_collector_on_and_the_model_frozen(tmp_path: Path) -> None:
    release()
    site, _ = load_site(Settings(content_dir=CONTENT, out_dir=tmp_path), RecordingReporter())
    assert gc.isenabled()
    assert not gc.is_tracked(site) or gc.get_freeze_count() > 0
    assert gc.get_freeze_count() > 10_000  # the whole model, not a handful of objects


def test_load_site_with_errors_leaves_the_collector_on(tmp_path: Path) -> None:
    (tmp_path / "content" / "kommuner" / "x").mkdir(parents=True)
    (tmp_path / "content" / "kommuner" / "x" / "kommun.yaml").write_text("namn: [\n")
    settings = Settings(content_dir=tmp_path / "content", out_dir=tmp_path / "_site")
    with pytest.raises(ContentError):
        load_site(settings, RecordingReporter())
    assert gc.isenabled()
