"""The GitHub Actions workflow that publishes the site (.github/workflows/deploy.yml)."""

from __future__ import annotations

from typing import Any

import yaml

from tests.conftest import REPO


def _workflow() -> dict[str, Any]:
    text = (REPO / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _uses(job: dict[str, Any]) -> list[str]:
    return [str(step.get("uses", "")).split("@")[0] for step in job["steps"]]


def test_deploys_on_push_to_main_and_never_cancels_a_deploy() -> None:
    wf = _workflow()
    triggers = wf[True] if True in wf else wf["on"]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert wf["concurrency"]["cancel-in-progress"] is False
    assert wf["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_checks_builds_and_tests_before_uploading() -> None:
    build = _workflow()["jobs"]["build"]
    runs = [str(step.get("run", "")) for step in build["steps"]]
    order = [
        next(i for i, r in enumerate(runs) if "make check" in r),
        next(i for i, r in enumerate(runs) if ".ci/run" in r),
        next(i for i, r in enumerate(runs) if "sitegen build" in r),
        next(i for i, r in enumerate(runs) if "sitegen.linkcheck" in r),
        _uses(build).index("actions/upload-pages-artifact"),
    ]
    assert order == sorted(order)
    command = next(r for r in runs if "sitegen build" in r)
    assert "--base-url" in command and "base_path" in command and "SOURCE_DATE_EPOCH" in command
    assert build["steps"][_uses(build).index("actions/upload-pages-artifact")]["with"] == {
        "path": "_site"
    }


def test_deploy_job_needs_a_successful_build() -> None:
    deploy = _workflow()["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert _uses(deploy) == ["actions/deploy-pages"]
    assert deploy["environment"]["name"] == "github-pages"


def test_the_pdf_cache_of_the_last_build_is_restored_before_building() -> None:
    """Reports are cached by the hash of their inputs, so any earlier cache is safe to reuse."""
    build = _workflow()["jobs"]["build"]
    cache = build["steps"][_uses(build).index("actions/cache")]
    runs = [str(step.get("run", "")) for step in build["steps"]]
    assert _uses(build).index("actions/cache") < next(
        i for i, r in enumerate(runs) if "sitegen build" in r
    )
    assert cache["with"]["path"] == ".malbild-cache"
    assert "hashFiles('content/**'" in cache["with"]["key"]
    assert cache["with"]["key"].startswith(cache["with"]["restore-keys"])
